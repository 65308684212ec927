package org.l1embed.training.train;

import java.util.SplittableRandom;

/**
 * Synthetic labelled data for tests: K classes, each an isotropic unit Gaussian in d dimensions around its own
 * centre; centres are d-dimensional standard normal vectors times {@code separation} (so two centres are about
 * {@code separation·√(2d)} apart). Centres come from {@code seed}, events from {@code seed + 1 + sample}.
 */
final class GaussianClasses {

    private GaussianClasses() {
    }

    static LabelledData generate(int events, int classes, int features, double separation, long seed, int sample) {
        SplittableRandom centresRng = new SplittableRandom(seed);
        double[][] centres = new double[classes][features];
        for (double[] c : centres) {
            for (int k = 0; k < features; k++) {
                c[k] = separation * centresRng.nextGaussian();
            }
        }
        SplittableRandom rng = new SplittableRandom(seed + 1 + sample);
        float[] x = new float[events * features];
        int[] labels = new int[events];
        for (int e = 0; e < events; e++) {
            int label = rng.nextInt(classes);
            labels[e] = label;
            for (int k = 0; k < features; k++) {
                x[e * features + k] = (float) (centres[label][k] + rng.nextGaussian());
            }
        }
        return new LabelledData(x, labels, features);
    }
}
