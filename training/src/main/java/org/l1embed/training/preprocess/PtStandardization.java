package org.l1embed.training.preprocess;

import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.network.Tensor;

/**
 * The reference study's preprocessing: the pT of every present object z-scored with one mean and standard
 * deviation (fitted over all present objects of the training sample, in double), η and φ left as they are,
 * empty slots left at zero — {@link Preprocessing.StandardizeNonZero} with pT constants on every pT feature
 * and mean 0, std 1 on η and φ.
 *
 * <p>Features are object-major triples (pT, η, φ), as the 57 network features of the ADC2021 layout.
 */
public final class PtStandardization {

    /** Features per object: pT, η, φ. */
    public static final int PER_OBJECT = 3;

    private PtStandardization() {
    }

    /**
     * Fits on {@code x} (events × features, row-major, raw values).
     *
     * @throws IllegalArgumentException if the feature count is not a multiple of 3, a value is not finite, or no
     *     object has a non-zero pT
     */
    public static Preprocessing.StandardizeNonZero fit(float[] x, int features) {
        if (features < PER_OBJECT || features % PER_OBJECT != 0 || x.length % features != 0) {
            throw new IllegalArgumentException("features must be (pT, eta, phi) triples, got " + features + " features and "
                    + x.length + " values");
        }
        double sum = 0;
        double sumSq = 0;
        long count = 0;
        for (int k = 0; k < x.length; k++) {
            if (!Float.isFinite(x[k])) {
                throw new IllegalArgumentException("training sample: event " + k / features + ", feature " + k % features
                        + " is " + x[k]);
            }
            if (k % features % PER_OBJECT == 0 && x[k] != 0f) {
                sum += x[k];
                sumSq += (double) x[k] * x[k];
                count++;
            }
        }
        if (count < 2) {
            throw new IllegalArgumentException("training sample: need at least 2 objects with non-zero pT to fit the pT "
                    + "standardization, got " + count);
        }
        double mean = sum / count;
        double std = Math.sqrt(Math.max((sumSq - count * mean * mean) / (count - 1), 0));
        if (!(std > 0)) {
            throw new IllegalArgumentException("training sample: every object has pT " + mean + "; the pT standard deviation is 0");
        }
        double[] means = new double[features];
        double[] stds = new double[features];
        for (int i = 0; i < features; i++) {
            boolean pt = i % PER_OBJECT == 0;
            means[i] = pt ? mean : 0;
            stds[i] = pt ? std : 1;
        }
        return new Preprocessing.StandardizeNonZero(Tensor.vector(means), Tensor.vector(stds));
    }

    /** The hardware LSB of pT in the integer form: 2^-2 = 0.25 GeV. */
    public static final int PT_LSB_EXPONENT = -2;
    /** The hardware LSB of η and φ in the integer form: 2^-7. */
    public static final int ANGLE_LSB_EXPONENT = -7;

    /**
     * The firmware-friendly integer form of the same standardization ({@link Preprocessing.IntegerShift}): pT in
     * 0.25 GeV units, minus the mean in those units ({@code offset = rint(mean / 0.25)}), scaled by the power of two
     * nearest the standard deviation ({@code shift = rint(log2(std / 0.25))}); η and φ in 2^-7 units, unscaled. The
     * firmware then needs one subtraction per pT and no multiplier.
     */
    public static Preprocessing.IntegerShift fitInteger(float[] x, int features) {
        Preprocessing.StandardizeNonZero z = fit(x, features);
        double[] lsb = new double[features];
        double[] offset = new double[features];
        double[] shift = new double[features];
        for (int i = 0; i < features; i++) {
            if (i % PER_OBJECT == 0) {
                double unit = Math.scalb(1.0, PT_LSB_EXPONENT);
                lsb[i] = PT_LSB_EXPONENT;
                offset[i] = Math.rint(z.mean().get(i) / unit);
                shift[i] = Math.rint(Math.log(z.std().get(i) / unit) / Math.log(2));
            } else {
                lsb[i] = ANGLE_LSB_EXPONENT;
                shift[i] = -ANGLE_LSB_EXPONENT;
            }
        }
        return new Preprocessing.IntegerShift(Tensor.vector(lsb), Tensor.vector(offset), Tensor.vector(shift));
    }

    /** Applies a preprocessing to every event of {@code x} (events × features), returning new network inputs. */
    public static float[] applyAll(Preprocessing p, float[] x, int features) {
        float[] out = new float[x.length];
        float[] in = new float[features];
        float[] res = new float[features];
        for (int e = 0; e < x.length / features; e++) {
            System.arraycopy(x, e * features, in, 0, features);
            p.apply(in, res);
            System.arraycopy(res, 0, out, e * features, features);
        }
        return out;
    }
}
