package org.l1embed.cli.jobs;

/**
 * Baseline representations of the same events, for the side-by-side comparison the method is judged by:
 * the raw 57 features, and the physics-inspired 6-D selection of the reference study (MET, the two leading
 * e/γ, the two leading muons and the leading jet pT).
 */
final class Baselines {

    /** Network-feature index of the pT of a layout row (object-major (pT, η, φ) triples). */
    private static int pt(int row) {
        return row * 3;
    }

    /** Rows: 0 MET, 1-4 e/γ, 5-8 muons, 9-18 jets (ADC2021 layout), leading first within each type. */
    private static final int[] SIX_D_ROWS = {0, 1, 2, 5, 6, 9};

    private Baselines() {
    }

    /** The 6-D selection from raw network features (events × 57). */
    static float[] sixD(float[] raw57) {
        int n = raw57.length / 57;
        float[] out = new float[n * SIX_D_ROWS.length];
        for (int e = 0; e < n; e++) {
            for (int k = 0; k < SIX_D_ROWS.length; k++) {
                out[e * SIX_D_ROWS.length + k] = raw57[e * 57 + pt(SIX_D_ROWS[k])];
            }
        }
        return out;
    }
}
