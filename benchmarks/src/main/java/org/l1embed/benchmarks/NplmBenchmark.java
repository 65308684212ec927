package org.l1embed.benchmarks;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.l1embed.analysis.nplm.NplmFit;
import org.l1embed.analysis.nplm.NplmSettings;
import org.l1embed.analysis.nplm.NplmTest;
import org.l1embed.analysis.nplm.Sample;
import org.l1embed.analysis.nplm.Toys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wall time of one NPLM fit ({@link NplmTest#fit}), in seconds per fit: one single-shot invocation per iteration, so
 * each figure is a complete fit (standardization, σ, centres, kernel matrix, Newton step(s)). Every iteration fits a
 * fresh null toy of the same sizes ({@link Toys}: N_D ~ Poisson(dataSize) events from a disjoint pool), so the time
 * per fit is the time per toy.
 *
 * <p>Events: {@code dimension} features, a seeded correlated Gaussian (the same for reference and pool, so these are
 * null toys). Settings: the published defaults (M centres, σ at the 90th percentile of 2000 reference events,
 * λ = 1e-6) with the solver and the kernel cache as parameters; threads = available processors.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar NplmBenchmark -p referenceSize=200000 -p dataSize=20000
 * java -jar benchmarks/target/benchmarks.jar NplmBenchmark -p referenceSize=1000000 -p dataSize=100000 \
 *      -jvmArgsAppend -Xmx12g -wi 0 -i 2
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector", "-Xmx4g"})
@State(Scope.Benchmark)
public class NplmBenchmark {

    /** Seed of the events. */
    public static final long EVENT_SEED = 20260701L;

    @Param({"200000"})
    public int referenceSize;

    @Param({"20000"})
    public int dataSize;

    @Param({"1000"})
    public int centres;

    @Param({"4"})
    public int dimension;

    @Param({"ONE_STEP"})
    public NplmSettings.Solver solver;

    /** Kernel cache in MiB; -1: the default (half the heap). */
    @Param({"-1"})
    public long cacheMiB;

    Toys toys;
    int toy;

    @Setup(Level.Trial)
    public void events() {
        Sample reference = Sample.of(correlatedGaussian(referenceSize, dimension, EVENT_SEED), dimension);
        Sample pool = Sample.of(correlatedGaussian(2 * dataSize, dimension, EVENT_SEED + 1), dimension);
        NplmSettings settings = NplmSettings.defaults().withCentres(centres).withSolver(solver);
        if (cacheMiB >= 0) {
            settings = settings.withKernelCacheBytes(cacheMiB << 20);
        }
        toys = new Toys(reference, pool, dataSize, settings);
        toy = 0;
    }

    /** One complete fit of the next null toy; the score is seconds per fit. */
    @Benchmark
    public double fit() {
        int i = toy++;
        NplmFit fit = toys.fit(i, EVENT_SEED);
        System.out.printf("# toy %d: t=%.4f, setup %.2f s, solve %.2f s, %d CG iterations, converged %b,"
                + " kernel cache %d MiB%n", i, fit.t(), fit.setupTime().toNanos() * 1e-9,
                fit.solveTime().toNanos() * 1e-9, fit.cgIterations(), fit.converged(), fit.cachedKernelBytes() >> 20);
        return fit.t();
    }

    /** Gaussian events with unit variances and correlation 0.5 between neighbouring features. */
    static double[] correlatedGaussian(int n, int d, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] v = new double[n * d];
        double c = Math.sqrt(1 - 0.25);
        for (int e = 0; e < n; e++) {
            double previous = 0;
            for (int k = 0; k < d; k++) {
                double u = 1 - r.nextDouble();
                double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
                previous = k == 0 ? g : 0.5 * previous + c * g;
                v[e * d + k] = previous;
            }
        }
        return v;
    }
}
