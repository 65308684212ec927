package org.l1embed.cli.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.l1embed.analysis.metrics.Roc;
import org.l1embed.analysis.score.MahalanobisScore;
import org.l1embed.events.Process;

/**
 * Signal-agnostic anomaly detection on a representation (a latent space or raw features): a Mahalanobis score fitted
 * on training background, then per signal the ROC AUC against the test background and the signal efficiency at fixed
 * background acceptances (trigger rates).
 *
 * @param auc        signal short name → AUC, sorted by name
 * @param efficiency signal short name → efficiency at each of {@link #ACCEPTANCES}
 */
public record AnomalyEvaluation(Map<String, Double> auc, Map<String, double[]> efficiency) {

    /** Background acceptances at which efficiencies are reported (2.5e-5 is the L1 anomaly trigger's rate budget). */
    public static final double[] ACCEPTANCES = {2.5e-5, 2.5e-4};

    public AnomalyEvaluation {
        // Sorted by signal name, so tables and JSON list the signals in the same order every time.
        auc = Collections.unmodifiableMap(new TreeMap<>(auc));
        efficiency = Collections.unmodifiableMap(new TreeMap<>(efficiency));
    }

    /**
     * Scores every test event with a Mahalanobis distance fitted on {@code trainBackground}.
     *
     * @param trainBackground {@code [N, d]} row-major background representation
     * @param test            {@code [M, d]} row-major test representation (background and signals)
     * @param testLabels      process labels of the test events ({@link Process#label()})
     * @throws IllegalArgumentException if the test holds no background event or the sizes do not match
     */
    public static AnomalyEvaluation of(float[] trainBackground, float[] test, int[] testLabels, int d) {
        if (test.length != testLabels.length * d) {
            throw new IllegalArgumentException("test holds " + test.length + " values; " + testLabels.length + " labels × d=" + d
                    + " = " + testLabels.length * d + " expected");
        }
        MahalanobisScore score = MahalanobisScore.fit(trainBackground, d);
        List<Integer> background = new ArrayList<>();
        for (int e = 0; e < testLabels.length; e++) {
            if (!Process.ofLabel(testLabels[e]).isSignal()) {
                background.add(e);
            }
        }
        if (background.isEmpty()) {
            throw new IllegalArgumentException("the test events hold no background event");
        }
        double[] bgScores = score.score(rows(test, d, background));
        Map<String, Double> auc = new TreeMap<>();
        Map<String, double[]> eff = new TreeMap<>();
        for (Process p : Process.signals()) {
            List<Integer> sig = new ArrayList<>();
            for (int e = 0; e < testLabels.length; e++) {
                if (testLabels[e] == p.label()) {
                    sig.add(e);
                }
            }
            if (sig.isEmpty()) {
                continue;
            }
            Roc roc = Roc.of(bgScores, score.score(rows(test, d, sig)));
            auc.put(p.shortName(), roc.auc());
            double[] e = new double[ACCEPTANCES.length];
            for (int k = 0; k < e.length; k++) {
                e[k] = roc.efficiencyAtAcceptance(ACCEPTANCES[k]);
            }
            eff.put(p.shortName(), e);
        }
        return new AnomalyEvaluation(auc, eff);
    }

    /** {@code {"auc": {signal: value}, "efficiency": {signal: {"2.5E-5": value, ...}}}}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        ObjectNode a = n.putObject("auc");
        auc.forEach(a::put);
        ObjectNode eff = n.putObject("efficiency");
        efficiency.forEach((signal, values) -> {
            ObjectNode s = eff.putObject(signal);
            for (int k = 0; k < values.length; k++) {
                s.put(Double.toString(ACCEPTANCES[k]), values[k]);
            }
        });
        return n;
    }

    static float[] rows(float[] x, int d, List<Integer> idx) {
        float[] out = new float[idx.size() * d];
        for (int k = 0; k < idx.size(); k++) {
            System.arraycopy(x, idx.get(k) * d, out, k * d, d);
        }
        return out;
    }
}
