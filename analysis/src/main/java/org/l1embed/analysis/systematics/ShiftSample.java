package org.l1embed.analysis.systematics;

/**
 * The latents of one encoder at one nuisance value.
 *
 * <p>Layouts are row-major: event i, dimension k is at {@code [i * latentDim + k]}. The shifted events are
 * normally the same source events with jets scaled by e^ν, then encoded, but the report does not assume a
 * pairing (N and M may differ). The nominal array may be shared between samples of the same encoder.
 *
 * @param nu the nuisance value, finite and ≠ 0 (ν = 0 is the nominal point itself)
 * @param nominalLatents z_0, N × latentDim
 * @param shiftedLatents z_ν, M × latentDim
 * @param learnedLogRatio f(z_0,i, ν) for each nominal event, length N: the classifier's estimate of
 *     log(n_ν(z)/n_0(z))
 */
public record ShiftSample(double nu, float[] nominalLatents, float[] shiftedLatents, float[] learnedLogRatio) {

    public ShiftSample {
        if (!Double.isFinite(nu) || nu == 0) {
            throw new IllegalArgumentException("nu must be finite and non-zero (nu = 0 is the nominal point, added "
                    + "by construction), got nu=" + nu);
        }
        nominalLatents = checkFinite("nominalLatents", nu, nominalLatents);
        shiftedLatents = checkFinite("shiftedLatents", nu, shiftedLatents);
        learnedLogRatio = checkFinite("learnedLogRatio", nu, learnedLogRatio);
    }

    private static float[] checkFinite(String field, double nu, float[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException(field + " at nu=" + nu + " must not be empty");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(field + " at nu=" + nu + ": element " + i + " must be finite, got "
                        + values[i]);
            }
        }
        return values.clone();
    }

    /** Checks the array shapes against the latent size. */
    void checkShape(String variant, int latentDim) {
        String where = "variant '" + variant + "', nu=" + nu + ": ";
        if (nominalLatents.length % latentDim != 0) {
            throw new IllegalArgumentException(where + "nominalLatents length " + nominalLatents.length
                    + " is not a multiple of latentDim=" + latentDim);
        }
        if (shiftedLatents.length % latentDim != 0) {
            throw new IllegalArgumentException(where + "shiftedLatents length " + shiftedLatents.length
                    + " is not a multiple of latentDim=" + latentDim);
        }
        int n = nominalLatents.length / latentDim;
        if (n < 2 || shiftedLatents.length / latentDim < 2) {
            throw new IllegalArgumentException(where + "need at least 2 nominal and 2 shifted events, got "
                    + n + " and " + shiftedLatents.length / latentDim);
        }
        if (learnedLogRatio.length != n) {
            throw new IllegalArgumentException(where + "learnedLogRatio has " + learnedLogRatio.length
                    + " values, expected one per nominal event (" + n + ")");
        }
    }

    @Override
    public float[] nominalLatents() {
        return nominalLatents.clone();
    }

    @Override
    public float[] shiftedLatents() {
        return shiftedLatents.clone();
    }

    @Override
    public float[] learnedLogRatio() {
        return learnedLogRatio.clone();
    }

    /** Column k of the nominal latents, widened to double (no copy of the whole array). */
    double[] nominalColumn(int latentDim, int k) {
        return column(nominalLatents, latentDim, k);
    }

    double[] shiftedColumn(int latentDim, int k) {
        return column(shiftedLatents, latentDim, k);
    }

    double[] logRatio() {
        double[] f = new double[learnedLogRatio.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = learnedLogRatio[i];
        }
        return f;
    }

    private static double[] column(float[] z, int d, int k) {
        double[] c = new double[z.length / d];
        for (int i = 0; i < c.length; i++) {
            c[i] = z[i * d + k];
        }
        return c;
    }
}
