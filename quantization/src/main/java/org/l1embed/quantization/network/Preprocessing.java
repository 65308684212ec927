package org.l1embed.quantization.network;

/**
 * The preprocessing that turns raw event features into network inputs. It is part of the model: the
 * service, the emulator's callers and the firmware apply the constants stored here and never re-fit them.
 */
public sealed interface Preprocessing permits Preprocessing.Identity, Preprocessing.Standardize, Preprocessing.StandardizeNonZero {

    /** The name used in {@code network.json}. */
    String kind();

    /**
     * Applies the preprocessing to one event's raw features, in float32 arithmetic.
     *
     * @param raw      raw features, length {@code size}
     * @param features output network inputs, length {@code size}
     */
    void apply(float[] raw, float[] features);

    /** Features pass through unchanged. */
    record Identity() implements Preprocessing {
        @Override
        public String kind() {
            return "none";
        }

        @Override
        public void apply(float[] raw, float[] features) {
            System.arraycopy(raw, 0, features, 0, raw.length);
        }
    }

    /**
     * Per-feature standardisation {@code (x - mean) / std}, computed in float32 (subtract, then divide) so
     * that every consumer reproduces the same bits. A feature with {@code std = 1, mean = 0} passes unchanged.
     */
    record Standardize(Tensor mean, Tensor std) implements Preprocessing {
        public Standardize {
            if (mean.rank() != 1 || std.rank() != 1 || mean.size() != std.size()) {
                throw new IllegalArgumentException("input.preprocessing.standardize: mean and std must be vectors of the same length, got "
                        + mean + " and " + std);
            }
            for (int i = 0; i < std.size(); i++) {
                if (!(std.get(i) > 0) || !Double.isFinite(std.get(i)) || !Double.isFinite(mean.get(i))) {
                    throw new IllegalArgumentException("input.preprocessing.standardize: std[" + i + "] must be finite and > 0 and mean["
                            + i + "] finite, got std=" + std.get(i) + ", mean=" + mean.get(i));
                }
            }
        }

        @Override
        public String kind() {
            return "standardize";
        }

        @Override
        public void apply(float[] raw, float[] features) {
            for (int i = 0; i < raw.length; i++) {
                features[i] = (raw[i] - (float) mean.get(i)) / (float) std.get(i);
            }
        }
    }

    /**
     * Per-feature standardisation of present objects: {@code x == 0 ? 0 : (x - mean) / std}, in float32 (subtract,
     * then divide). Empty object slots of the ADC2021 layout are all zeros and stay zero, as in the reference study
     * (pT z-scored with one mean and std; η and φ raw, i.e. mean 0 and std 1).
     */
    record StandardizeNonZero(Tensor mean, Tensor std) implements Preprocessing {
        public StandardizeNonZero {
            new Standardize(mean, std);   // the same validation of the constants
        }

        @Override
        public String kind() {
            return "standardize_nonzero";
        }

        @Override
        public void apply(float[] raw, float[] features) {
            for (int i = 0; i < raw.length; i++) {
                features[i] = raw[i] == 0f ? 0f : (raw[i] - (float) mean.get(i)) / (float) std.get(i);
            }
        }
    }
}
