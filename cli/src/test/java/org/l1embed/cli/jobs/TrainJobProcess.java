package org.l1embed.cli.jobs;

import java.io.PrintStream;
import java.nio.file.Path;

/** A train job in its own JVM, for the kill test: pauses after each epoch so the test can kill it there. */
public final class TrainJobProcess {

    private TrainJobProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        new TrainJob(new PrintStream(System.err, true)).run(TrainJobTest.options(out), summary -> {
            System.out.println("epoch done " + summary);
            System.out.flush();
            try {
                Thread.sleep(30_000);   // the test kills the process during this pause
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        });
    }
}
