package org.l1embed.benchmarks;

import java.util.concurrent.TimeUnit;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.network.NetworkSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Throughput of the bit-accurate emulator ({@link Emulator#emulateRaw(float[], int, int, long[], int)}), in
 * events per second: each invocation emulates a batch of {@value #BATCH} events and counts as {@value #BATCH}
 * operations, so the score ({@code ops/s}) is events/s per thread; JMH sums the threads, so with {@code -t 2}
 * the score is the total over both.
 *
 * <p>One compiled emulator and one input batch are shared by all threads (the emulator is immutable and
 * documented thread-safe, which is how a caller would use it); each thread writes into its own output buffer.
 * Networks and inputs come from {@link ReferenceNetworks} with fixed seeds.
 *
 * <p>Parameters: {@code network} ∈ {reference, encoder}; {@code strategy} ∈ {AUTO (fast dense kernels where they
 * are provably exact, on the Vector API), SCALAR (the same without the Vector API), GENERAL (every HLS
 * conversion)}. The dense-kernel path of each layer is printed once per
 * trial.
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar EmulatorBenchmark -t 1
 * java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar EmulatorBenchmark -t 2
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(EmulatorBenchmark.BATCH)
@Warmup(iterations = 3, time = 2, timeUnit = TimeUnit.SECONDS)
@Measurement(iterations = 5, time = 2, timeUnit = TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class EmulatorBenchmark {

    /** Events per invocation. */
    public static final int BATCH = 4096;

    /** Seed of the network weights. */
    public static final long NETWORK_SEED = 20240601L;

    /** Seed of the input events. */
    public static final long INPUT_SEED = 7L;

    @Param({"reference", "encoder"})
    public String network;

    @Param({"AUTO", "SCALAR", "GENERAL"})
    public Emulator.Strategy strategy;

    /** Shared by all threads. */
    Emulator emulator;

    /** {@link #BATCH} events back to back; shared, read-only. */
    float[] inputs;

    @Setup(Level.Trial)
    public void compile() {
        NetworkSpec spec = ReferenceNetworks.byName(network, NETWORK_SEED);
        emulator = Emulator.compile(spec, strategy);
        inputs = ReferenceNetworks.inputs(BATCH, emulator.inputSize(), INPUT_SEED);
        System.out.println("# " + network + "/" + strategy + " paths: " + emulator.paths());
    }

    /** Each thread's own output buffer. */
    @State(Scope.Thread)
    public static class Output {

        long[] raw;

        @Setup(Level.Trial)
        public void allocate(EmulatorBenchmark shared) {
            raw = new long[BATCH * shared.emulator.outputSize()];
        }
    }

    /** Emulates {@link #BATCH} events; the score is events/s. */
    @Benchmark
    public void emulateBatch(Output out, Blackhole bh) {
        emulator.emulateRaw(inputs, 0, BATCH, out.raw, 0);
        bh.consume(out.raw);
    }
}
