package org.l1embed.training.export;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

/**
 * Seeded random float networks for the ONNX tests: every layer kind (BatchNorm after a Dense and on its own), every
 * preprocessing kind in turn, flat and two-dimensional input shapes, and raw events around the preprocessing
 * constants with exact zeros (empty slots) mixed in.
 */
final class RandomFloatNetworks {

    private final SplittableRandom rnd;
    private int count;

    RandomFloatNetworks(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    NetworkSpec next() {
        List<Integer> shape = rnd.nextBoolean() ? List.of(1 + rnd.nextInt(24)) : List.of(1 + rnd.nextInt(6), 1 + rnd.nextInt(4));
        int size = shape.stream().reduce(1, Math::multiplyExact);
        Preprocessing pre = switch (count++ % 3) {
            case 0 -> new Preprocessing.Identity();
            case 1 -> new Preprocessing.Standardize(Tensor.vector(gaussian(size, 5)), Tensor.vector(positive(size)));
            default -> new Preprocessing.StandardizeNonZero(Tensor.vector(gaussian(size, 5)), Tensor.vector(positive(size)));
        };
        List<Layer> layers = new ArrayList<>();
        if (rnd.nextInt(4) == 0) {
            layers.add(batchNorm("bn_in", size));
        }
        int depth = 1 + rnd.nextInt(4);
        for (int l = 0; l < depth; l++) {
            int out = 1 + rnd.nextInt(l == 0 ? 40 : 16);
            layers.add(Dense.floating("dense" + l, Tensor.matrix(size, out, gaussian(size * out, 1 / Math.sqrt(size))),
                    Tensor.vector(gaussian(out, 0.5))));
            size = out;
            if (rnd.nextInt(3) == 0) {
                layers.add(batchNorm("dense" + l + "/bn", size));   // names with '/' are allowed and stay unique
            }
            switch (rnd.nextInt(4)) {
                case 0 -> layers.add(new Relu("relu" + l, size, null));
                case 1 -> layers.add(new LeakyRelu("leaky" + l, size, alpha(), null, null));
                case 2 -> layers.add(new Linear("linear" + l, size, null));
                default -> { }
            }
        }
        return new NetworkSpec("random" + count, new InputSpec(shape, pre, null), layers);
    }

    private BatchNorm batchNorm(String name, int size) {
        return new BatchNorm(name, size, Tensor.vector(uniform(size, 0.5, 2)), Tensor.vector(gaussian(size, 0.5)),
                Tensor.vector(gaussian(size, 0.5)), Tensor.vector(uniform(size, 0.2, 3)), rnd.nextBoolean() ? 1e-3 : 1e-5,
                null, null, null);
    }

    private double alpha() {
        double[] alphas = {0.01, 0.1, 0.3, 1.0 / 3, 0.9, 1.5, -0.25};
        return alphas[rnd.nextInt(alphas.length)];
    }

    /**
     * {@code events × size} raw features: around {@code mean} with spread {@code 3·std} for standardising networks
     * (about 0 ± 3 otherwise), a fifth of them exact zeros and a few negative zeros.
     */
    float[] events(NetworkSpec spec, int events) {
        int n = spec.input().size();
        double[] mean = new double[n];
        double[] std = new double[n];
        java.util.Arrays.fill(std, 1);
        if (spec.input().preprocessing() instanceof Preprocessing.Standardize s) {
            mean = s.mean().toArray();
            std = s.std().toArray();
        } else if (spec.input().preprocessing() instanceof Preprocessing.StandardizeNonZero z) {
            mean = z.mean().toArray();
            std = z.std().toArray();
        }
        float[] x = new float[events * n];
        for (int e = 0; e < events; e++) {
            for (int i = 0; i < n; i++) {
                int pick = rnd.nextInt(50);
                x[e * n + i] = pick < 10 ? 0f : pick == 10 ? -0f : (float) (mean[i] + 3 * std[i] * (rnd.nextDouble() * 2 - 1));
            }
        }
        return x;
    }

    private double[] gaussian(int n, double sigma) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // Box-Muller: SplittableRandom has no nextGaussian on JDK 17.
            v[i] = sigma * Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
        }
        return v;
    }

    private double[] uniform(int n, double lo, double hi) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return v;
    }

    private double[] positive(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = Math.exp(rnd.nextDouble() * 6 - 3);   // 0.05 .. 20
        }
        return v;
    }
}
