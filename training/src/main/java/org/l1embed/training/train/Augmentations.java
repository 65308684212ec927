package org.l1embed.training.train;

import java.util.SplittableRandom;

/**
 * Augmentations for L1 trigger events in the flattened object-major layout {@code [object][pT, η, φ]}
 * (57 features = MET, 4 e/γ, 4 μ, 10 jets; an empty slot is all zeros and an object is present when its
 * pT &gt; 0). They act on raw values — pT in GeV, φ in radians — so run them before preprocessing: after
 * z-scoring, "pT × 1.05" or "φ + δ wrapped at ±π" would no longer mean what they say.
 *
 * <p>The paper's self-supervised MLP used {@link FeatureMasking} with p = 0.5 (arXiv:2502.15926); the
 * physics-inspired ones follow Dillon et al. (arXiv:2301.04660). MET is treated as one more object: smearing or
 * dropping jets does not recompute it.
 */
public final class Augmentations {

    /** Values per object: pT, η, φ. */
    public static final int FEATURES_PER_OBJECT = 3;

    private static final int PT = 0;
    private static final int PHI = 2;
    private static final float PI_F = (float) Math.PI;

    private Augmentations() {
    }

    /**
     * Sets every feature independently to 0 with probability {@code probability} (the paper's "naive masking").
     *
     * @param probability in [0, 1]
     */
    public record FeatureMasking(double probability) implements Augmentation {
        public FeatureMasking {
            requireProbability(probability);
        }

        @Override
        public void apply(float[] values, int offset, int features, SplittableRandom rng) {
            for (int i = offset; i < offset + features; i++) {
                if (rng.nextDouble() < probability) {
                    values[i] = 0f;
                }
            }
        }
    }

    /**
     * Removes each present object (pT &gt; 0) with probability {@code probability}: its pT, η and φ become 0, as
     * an empty slot. Slots are not re-sorted.
     *
     * @param probability in [0, 1]
     */
    public record ObjectDropping(double probability) implements Augmentation {
        public ObjectDropping {
            requireProbability(probability);
        }

        @Override
        public void apply(float[] values, int offset, int features, SplittableRandom rng) {
            requireObjectLayout(features);
            for (int o = offset; o < offset + features; o += FEATURES_PER_OBJECT) {
                if (values[o + PT] > 0 && rng.nextDouble() < probability) {
                    values[o] = 0f;
                    values[o + 1] = 0f;
                    values[o + 2] = 0f;
                }
            }
        }
    }

    /**
     * Multiplies the pT of each present object by {@code max(0, 1 + width·g)} with g standard normal, one draw
     * per object (a resolution-like smearing).
     *
     * @param relativeWidth the relative width, finite and &gt;= 0
     */
    public record PtSmearing(double relativeWidth) implements Augmentation {
        public PtSmearing {
            if (!(relativeWidth >= 0) || !Double.isFinite(relativeWidth)) {
                throw new IllegalArgumentException("relativeWidth must be finite and >= 0, got relativeWidth=" + relativeWidth);
            }
        }

        @Override
        public void apply(float[] values, int offset, int features, SplittableRandom rng) {
            requireObjectLayout(features);
            for (int o = offset; o < offset + features; o += FEATURES_PER_OBJECT) {
                if (values[o + PT] > 0) {
                    double factor = Math.max(0.0, 1.0 + relativeWidth * rng.nextGaussian());
                    values[o + PT] = (float) (values[o + PT] * factor);
                }
            }
        }
    }

    /**
     * Rotates the whole event in the transverse plane: one angle δ uniform in [−π, π) per event is added to the
     * φ of every present object, and the result wrapped into (−π, π] ({@link #wrapPhi}). Empty slots keep φ = 0.
     */
    public record PhiRotation() implements Augmentation {
        @Override
        public void apply(float[] values, int offset, int features, SplittableRandom rng) {
            requireObjectLayout(features);
            double delta = (2 * rng.nextDouble() - 1) * Math.PI;
            for (int o = offset; o < offset + features; o += FEATURES_PER_OBJECT) {
                if (values[o + PT] > 0) {
                    values[o + PHI] = wrapPhi(values[o + PHI] + delta);
                }
            }
        }
    }

    /**
     * An angle wrapped into (−π, π], computed in double and rounded to float; a result that rounds to
     * {@code −(float) π} is returned as {@code (float) π}, so the float result lies in
     * {@code (−(float) π, (float) π]}.
     */
    public static float wrapPhi(double phi) {
        if (!Double.isFinite(phi)) {
            throw new IllegalArgumentException("phi must be finite, got phi=" + phi);
        }
        double twoPi = 2 * Math.PI;
        double wrapped = phi - twoPi * Math.ceil((phi - Math.PI) / twoPi);
        float f = (float) wrapped;
        return f <= -PI_F ? PI_F : f;
    }

    /** The paper's self-supervised default: feature masking with p = 0.5. */
    public static Augmentation paperMasking() {
        return new FeatureMasking(0.5);
    }

    private static void requireProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be in [0, 1], got probability=" + probability);
        }
    }

    private static void requireObjectLayout(int features) {
        if (features % FEATURES_PER_OBJECT != 0) {
            throw new IllegalArgumentException("object augmentations need " + FEATURES_PER_OBJECT
                    + " features (pT, eta, phi) per object, got features=" + features);
        }
    }
}
