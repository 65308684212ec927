package org.l1embed.training.train;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Locale;
import org.l1embed.training.model.ModelConfig;

/**
 * Documented CLI timing (not a test): training throughput of the default encoder (57 → 96 → 64 → 48 → 4, head
 * 4 → 48 → 96) at batch 1024 on synthetic 57-feature events, through {@link Trainer} (shuffling, batch assembly,
 * augmentation where used, the TensorFlow step). Prints events per second of each epoch after the first, which
 * includes TensorFlow's graph optimisation and JIT warm-up.
 *
 * <pre>
 * ./mvnw -q -o -pl training test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt
 * java -cp training/target/test-classes:training/target/classes:$(cat training/target/test-classpath.txt) \
 *     org.l1embed.training.train.TrainingThroughput [events] [epochs]
 * </pre>
 */
public final class TrainingThroughput {

    private TrainingThroughput() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 131_072;
        int epochs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        LabelledData data = GaussianClasses.generate(events, 4, 57, 0.4, 1, 0);
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        System.out.printf(Locale.ROOT, "default encoder, batch 1024, %d events, %d epochs, %d cores%n", events, epochs,
                Runtime.getRuntime().availableProcessors());
        for (ContrastiveMode mode : ContrastiveMode.values()) {
            for (boolean deterministic : new boolean[] {true, false}) {
                TrainingConfig config = TrainingConfig.defaults().withEpochs(epochs, 1).withProgressEverySteps(0)
                        .withMode(mode).withDeterministic(deterministic);
                Trainer.Builder builder = Trainer.builder(ModelConfig.defaults(), config).log(quiet);
                if (mode == ContrastiveMode.SELF_SUPERVISED) {
                    builder.augmentation(Augmentations.paperMasking());
                }
                try (Trainer trainer = builder.build()) {
                    TrainingResult result = trainer.fit(data, null);
                    double best = 0;
                    double sum = 0;
                    for (EpochSummary s : result.history().subList(1, result.history().size())) {
                        best = Math.max(best, s.eventsPerSecond());
                        sum += s.eventsPerSecond();
                    }
                    System.out.printf(Locale.ROOT, "%-15s deterministic=%-5s mean %,9.0f events/s, best epoch %,9.0f events/s%n",
                            mode, deterministic, sum / (result.history().size() - 1), best);
                }
            }
        }
    }
}
