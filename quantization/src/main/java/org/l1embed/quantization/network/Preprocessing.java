package org.l1embed.quantization.network;

/**
 * The preprocessing that turns raw event features into network inputs. It is part of the model: the
 * service, the emulator's callers and the firmware apply the constants stored here and never re-fit them.
 */
public sealed interface Preprocessing permits Preprocessing.Identity, Preprocessing.Standardize, Preprocessing.StandardizeNonZero,
        Preprocessing.IntegerShift {

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

    /**
     * The firmware-friendly integer form (as in the Phase-1 CMS anomaly trigger): a feature arrives in hardware units
     * {@code hw = rint(x · 2^-lsbExponent)} (round half to even), and the network input is
     * {@code (hw - offset) · 2^-shift} — an integer subtraction and a reinterpretation of the binary point, no
     * multiplier. Zeros (empty object slots) stay zero. Computed exactly (the result is exact in float32 while
     * |hw - offset| &lt; 2^24).
     *
     * @param lsbExponent per feature: the hardware LSB is 2^lsbExponent (e.g. -2 for 0.25 GeV), an integer in [-60, 60]
     * @param offset      per feature: an integer in hardware units, |offset| &lt; 2^31
     * @param shift       per feature: the fractional bits of the result, an integer in [-60, 60]
     */
    record IntegerShift(Tensor lsbExponent, Tensor offset, Tensor shift) implements Preprocessing {
        public IntegerShift {
            if (lsbExponent.rank() != 1 || offset.rank() != 1 || shift.rank() != 1 || lsbExponent.size() != offset.size()
                    || offset.size() != shift.size()) {
                throw new IllegalArgumentException("input.preprocessing.integer_shift: lsbExponent, offset and shift must be "
                        + "vectors of the same length, got " + lsbExponent + ", " + offset + ", " + shift);
            }
            for (int i = 0; i < offset.size(); i++) {
                requireInteger("lsbExponent", i, lsbExponent.get(i), 60);
                requireInteger("offset", i, offset.get(i), Integer.MAX_VALUE);
                requireInteger("shift", i, shift.get(i), 60);
            }
        }

        private static void requireInteger(String field, int i, double v, double bound) {
            if (v != Math.rint(v) || Math.abs(v) > bound) {
                throw new IllegalArgumentException("input.preprocessing.integer_shift: " + field + "[" + i + "] must be an integer "
                        + "with |value| <= " + (long) bound + ", got " + v);
            }
        }

        @Override
        public String kind() {
            return "integer_shift";
        }

        @Override
        public void apply(float[] raw, float[] features) {
            for (int i = 0; i < raw.length; i++) {
                features[i] = raw[i] == 0f ? 0f : (float) value(i, raw[i]);
            }
        }

        /** The hardware value of a raw feature: {@code rint(x · 2^-lsbExponent)}. */
        public double hardwareValue(int i, float x) {
            return Math.rint(Math.scalb((double) x, -(int) lsbExponent.get(i)));
        }

        private double value(int i, float x) {
            return Math.scalb(hardwareValue(i, x) - offset.get(i), -(int) shift.get(i));
        }
    }
}
