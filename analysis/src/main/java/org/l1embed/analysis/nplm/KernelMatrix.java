package org.l1embed.analysis.nplm;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * K_NM, the Gaussian kernel between N standardized events and M centres, and the one operation the solver needs
 * from it: a fused pass over its rows that computes u = K_NM·v and accumulates y = K_NMᵀ·c(u) while each row is
 * hot in cache.
 *
 * <p>Rows are handled in fixed chunks of {@value #CHUNK}; each chunk accumulates its own partial y and the partials
 * are summed in chunk order, so results are identical for every thread count. The first chunks are kept in memory
 * while they fit a byte budget and the others are recomputed on every pass; a kernel row is computed by one routine
 * either way, so results do not depend on the budget either.
 */
final class KernelMatrix implements AutoCloseable {

    static final int CHUNK = 4096;

    /** The per-row coefficient c_i = c(i, u_i) of a pass. */
    @FunctionalInterface
    interface Coefficient {
        double of(int row, double u);
    }

    private final int n;
    private final int m;
    private final int d;
    private final double[] x;          // n × d, standardized
    private final double[] centresT;   // d × m, transposed so the inner loop runs over centres
    private final double gamma;        // 1 / (2σ²)
    private final int chunks;
    private final int cachedChunks;
    private final long cachedBytes;
    private final double[][] cache;   // the first cachedChunks chunks, rows × m each
    private final double[][] partials;
    private final int threads;
    private final ExecutorService pool;

    KernelMatrix(double[] x, int d, double[] centres, double sigma, long cacheBytes, int threads) {
        this.n = x.length / d;
        this.m = centres.length / d;
        this.d = d;
        this.x = x;
        this.centresT = new double[d * m];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < d; k++) {
                centresT[k * m + j] = centres[j * d + k];
            }
        }
        this.gamma = 1 / (2 * sigma * sigma);
        this.chunks = (n + CHUNK - 1) / CHUNK;
        this.partials = new double[chunks][m];
        this.threads = Math.min(threads, chunks);
        this.pool = this.threads > 1 ? Executors.newFixedThreadPool(this.threads, r -> {
            Thread t = new Thread(r, "nplm-kernel");
            t.setDaemon(true);
            return t;
        }) : null;
        // cache whole chunks, in order, while they fit the budget; the rest is recomputed on every pass
        long bytes = 0;
        int cached = 0;
        while (cached < chunks && bytes + (long) rows(cached) * m * Double.BYTES <= cacheBytes) {
            bytes += (long) rows(cached) * m * Double.BYTES;
            cached++;
        }
        this.cachedChunks = cached;
        this.cachedBytes = bytes;
        this.cache = new double[cached][];
        parallel(cached, c -> {
            int rows = rows(c);
            double[] block = new double[rows * m];
            double[] row = new double[m];
            for (int r = 0; r < rows; r++) {
                row(c * CHUNK + r, row);
                System.arraycopy(row, 0, block, r * m, m);
            }
            cache[c] = block;
        });
    }

    int rows() {
        return n;
    }

    /** Bytes of kernel rows held between passes. */
    long cachedBytes() {
        return cachedBytes;
    }

    int centres() {
        return m;
    }

    /** Kernel values between the standardized point {@code point[offset..offset+d)} and every centre. */
    void row(double[] point, int offset, double[] out) {
        Arrays.fill(out, 0, m, 0.0);
        for (int k = 0; k < d; k++) {
            double xk = point[offset + k];
            int base = k * m;
            for (int j = 0; j < m; j++) {
                double t = xk - centresT[base + j];
                out[j] += t * t;
            }
        }
        double g = -gamma;
        for (int j = 0; j < m; j++) {
            out[j] = Math.exp(g * out[j]);
        }
    }

    private void row(int event, double[] out) {
        row(x, event * d, out);
    }

    /**
     * One pass over the rows: u_i = K_i·v (0 if v is null), stored in uOut when given; returns
     * y = Σ_i c(i, u_i)·K_i, or null when coefficient is null.
     */
    double[] pass(double[] v, Coefficient coefficient, double[] uOut) {
        parallel(c -> chunkPass(c, v, coefficient, uOut));
        if (coefficient == null) {
            return null;
        }
        double[] y = new double[m];
        for (double[] p : partials) {
            for (int j = 0; j < m; j++) {
                y[j] += p[j];
            }
        }
        return y;
    }

    private void chunkPass(int c, double[] v, Coefficient coefficient, double[] uOut) {
        int start = c * CHUNK;
        int rows = rows(c);
        double[] y = partials[c];
        Arrays.fill(y, 0.0);
        double[] block = c < cachedChunks ? cache[c] : null;
        double[] buffer = block == null ? new double[m] : null;
        for (int r = 0; r < rows; r++) {
            int i = start + r;
            double[] k;
            int off;
            if (block != null) {
                k = block;
                off = r * m;
            } else {
                row(i, buffer);
                k = buffer;
                off = 0;
            }
            double u = v == null ? 0 : dot(k, off, v, m);
            if (uOut != null) {
                uOut[i] = u;
            }
            if (coefficient != null) {
                double coef = coefficient.of(i, u);
                if (coef != 0) {
                    axpy(coef, k, off, y, m);
                }
            }
        }
    }

    // four independent sums: the JIT keeps floating-point order, so one accumulator would serialize on its latency
    private static double dot(double[] k, int off, double[] v, int m) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < m; j += 4) {
            s0 += k[off + j] * v[j];
            s1 += k[off + j + 1] * v[j + 1];
            s2 += k[off + j + 2] * v[j + 2];
            s3 += k[off + j + 3] * v[j + 3];
        }
        for (; j < m; j++) {
            s0 += k[off + j] * v[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static void axpy(double a, double[] k, int off, double[] y, int m) {
        for (int j = 0; j < m; j++) {
            y[j] += a * k[off + j];
        }
    }

    private int rows(int chunk) {
        return Math.min(CHUNK, n - chunk * CHUNK);
    }

    @FunctionalInterface
    interface ChunkTask {
        void run(int chunk);
    }

    /** Runs the task on every chunk, on the pool's threads (inline with one thread). */
    void parallel(ChunkTask task) {
        parallel(chunks, task);
    }

    /** Runs the task on indices 0..count-1 on the pool's threads (inline with one thread). */
    void parallel(int count, ChunkTask task) {
        if (pool == null || count <= 1) {
            for (int c = 0; c < count; c++) {
                task.run(c);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) {
                    task.run(c);
                }
            }));
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("nplm: interrupted during a kernel pass", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
