package org.l1embed.service.inference;

import java.util.List;
import java.util.Objects;
import org.l1embed.quantization.bundle.AnomalyScore;

/**
 * A bundle's anomaly score ({@code score.json}, {@link AnomalyScore}) as the service applies it: scores of a batch of
 * latent vectors and the trigger decisions at the bundle's thresholds. Immutable and thread-safe.
 *
 * <p>Float inference scores the float32 latents of ONNX Runtime; emulation scores the emulated outputs, each converted
 * to float32 first, as {@code l1embed quantize} converts them when it fits the score of a quantized bundle.
 */
public final class ModelScore {

    private final AnomalyScore score;
    private final double[] thresholds;
    private final double[] acceptances;

    public ModelScore(AnomalyScore score) {
        this.score = Objects.requireNonNull(score, "score");
        List<AnomalyScore.Threshold> t = score.thresholds();
        this.thresholds = t.stream().mapToDouble(AnomalyScore.Threshold::score).toArray();
        this.acceptances = t.stream().mapToDouble(AnomalyScore.Threshold::backgroundAcceptance).toArray();
    }

    /** The definition from the bundle. */
    public AnomalyScore definition() {
        return score;
    }

    /** The thresholds' background acceptances, ascending. */
    public double[] backgroundAcceptances() {
        return acceptances.clone();
    }

    /**
     * One score per latent vector.
     *
     * @param latents events × latent size values, event-major
     */
    public double[] scores(float[] latents) {
        return score.score(latents);
    }

    /** The scores of emulated output values: each converted to float32, then scored. */
    public double[] scoresOfValues(double[] values) {
        float[] z = new float[values.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = (float) values[k];
        }
        return score.score(z);
    }

    /**
     * The decisions, {@code scores.length × T} flags, event-major: true when the score is strictly greater than the
     * threshold's score (the rule of {@code score.json}).
     */
    public boolean[] passed(double[] scores) {
        int t = thresholds.length;
        boolean[] out = new boolean[scores.length * t];
        for (int e = 0; e < scores.length; e++) {
            for (int k = 0; k < t; k++) {
                out[e * t + k] = scores[e] > thresholds[k];
            }
        }
        return out;
    }
}
