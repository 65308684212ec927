package org.l1embed.cli.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.l1embed.analysis.metrics.Estimate;
import org.l1embed.analysis.metrics.Roc;
import org.l1embed.analysis.metrics.RocBootstrap;
import org.l1embed.analysis.metrics.RocCurve;
import org.l1embed.analysis.score.GaussianMixtureScore;
import org.l1embed.analysis.score.MahalanobisScore;
import org.l1embed.events.Process;
import org.l1embed.quantization.json.StrictJson;

/**
 * Anomaly scores of one representation and what a trigger menu needs from them: per score kind and signal, the ROC
 * curve, the AUC and the signal efficiencies at {@link Roc#TRIGGER_ACCEPTANCES} with the score thresholds that implement
 * them, each with bootstrap uncertainties ({@link RocBootstrap}). The scores are fitted on the fit half of the
 * background; thresholds and efficiencies are measured on the test half and the signals.
 *
 * @param representation the representation's name
 * @param scores         score kind → signal → result, in a fixed order
 */
public record DetectionMetrics(String representation, Map<String, Map<Process, SignalResult>> scores) {

    /** Mixture components of the density score. */
    public static final int MIXTURE_COMPONENTS = 4;

    /** The score kinds, in report order. */
    public static final List<String> SCORE_KINDS = List.of("mahalanobis", "gaussianMixture");

    /**
     * One signal under one score.
     *
     * @param bootstrap AUC and efficiencies with uncertainties
     * @param curve     the ROC curve, down-sampled for plotting
     */
    public record SignalResult(RocBootstrap.Result bootstrap, RocCurve curve) {
    }

    /**
     * Fits both scores on {@code r.fit()} and measures every signal.
     *
     * @param replicas bootstrap replicas
     */
    public static DetectionMetrics of(Representation r, int replicas, long seed) {
        Map<String, Map<Process, SignalResult>> out = new LinkedHashMap<>();
        MahalanobisScore mahalanobis = MahalanobisScore.fit(r.fit(), r.dimension());
        out.put(SCORE_KINDS.get(0), measure(r, mahalanobis::score, replicas, seed));
        GaussianMixtureScore mixture = GaussianMixtureScore.fit(r.fit(), r.dimension(),
                GaussianMixtureScore.Config.of(MIXTURE_COMPONENTS, seed));
        out.put(SCORE_KINDS.get(1), measure(r, mixture::score, replicas, seed));
        return new DetectionMetrics(r.name(), out);
    }

    private static Map<Process, SignalResult> measure(Representation r, java.util.function.Function<float[], double[]> score, int replicas,
                                                      long seed) {
        double[] background = score.apply(r.test());
        Map<Process, SignalResult> out = new LinkedHashMap<>();
        for (Map.Entry<Process, float[]> s : r.signals().entrySet()) {
            Roc roc = Roc.of(background, score.apply(s.getValue()));
            RocBootstrap.Result b = RocBootstrap.run(roc, Roc.TRIGGER_ACCEPTANCES,
                    new RocBootstrap.Config(replicas, seed ^ s.getKey().label(), true));
            out.put(s.getKey(), new SignalResult(b, roc.curve()));
        }
        return out;
    }

    /** {@code {"mahalanobis": {"A4l": {"auc": {...}, "efficiencies": [...]}, ...}, "gaussianMixture": {...}}}. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, Map<Process, SignalResult>> kind : scores.entrySet()) {
            ObjectNode k = n.putObject(kind.getKey());
            for (Map.Entry<Process, SignalResult> s : kind.getValue().entrySet()) {
                ObjectNode sig = k.putObject(s.getKey().shortName());
                RocBootstrap.Result b = s.getValue().bootstrap();
                estimate(sig.putObject("auc"), b.auc());
                ArrayNode effs = sig.putArray("efficiencies");
                for (RocBootstrap.EfficiencyEstimate e : b.efficiencies()) {
                    ObjectNode o = effs.addObject();
                    o.put("backgroundAcceptance", e.nominal().backgroundAcceptance());
                    o.put("rateHz", e.nominal().rateHz());
                    StrictJson.putFinite(o, "threshold", e.nominal().threshold());
                    o.put("backgroundPassing", e.nominal().backgroundPassing());
                    o.put("backgroundEvents", e.nominal().backgroundEvents());
                    estimate(o.putObject("efficiency"), e.efficiency());
                    o.put("resolved", e.nominal().resolved());
                    if (!e.nominal().resolved()) {
                        o.put("note", e.nominal().note());
                    }
                }
            }
        }
        return n;
    }

    private static void estimate(ObjectNode o, Estimate e) {
        StrictJson.putFinite(o, "value", e.value());
        StrictJson.putFinite(o, "std", e.std());
        StrictJson.putFinite(o, "low68", e.low68());
        StrictJson.putFinite(o, "high68", e.high68());
    }
}
