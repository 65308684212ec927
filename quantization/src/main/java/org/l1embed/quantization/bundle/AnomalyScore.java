package org.l1embed.quantization.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.l1embed.quantization.json.JsonFields;
import org.l1embed.quantization.json.StrictJson;

/**
 * The anomaly score a bundle defines on its latent space ({@value #FILE}): the squared Mahalanobis distance to the
 * background, {@code s(z) = |L⁻¹(z − μ)|²} with μ the background mean and L the lower Cholesky factor of the
 * (ridge-regularised) background covariance, and the score thresholds at which a given fraction of background events
 * passes — the trigger decision at a rate. Fitted by the stage that writes the bundle
 * ({@code org.l1embed.analysis.score.MahalanobisScore}); applied, unchanged, by every reader (the service, analysis).
 *
 * <p>{@code score.json}:
 * <pre>{@code
 * {"format": "l1embed-anomaly-score", "schemaVersion": 1, "kind": "mahalanobis", "latentSize": 4,
 *  "mean": [..4..], "cholesky": [[l00], [l10, l11], [l20, l21, l22], [l30, l31, l32, l33]],
 *  "thresholds": [{"backgroundAcceptance": 2.5e-5, "score": 41.7, "backgroundEvents": 400000}],
 *  "fittedOn": "..."}
 * }</pre>
 * The Cholesky factor is written as its lower triangle, row by row; every diagonal entry must be positive. An event
 * passes a threshold when its score is strictly greater than {@code score}.
 *
 * @param mean       μ, {@code latentSize} values
 * @param cholesky   L, row-major {@code latentSize × latentSize}, zero above the diagonal
 * @param thresholds sorted by acceptance, ascending
 * @param fittedOn   what μ, L and the thresholds were measured on (free text)
 */
public record AnomalyScore(double[] mean, double[] cholesky, List<Threshold> thresholds, String fittedOn) {

    /** The file inside a bundle. */
    public static final String FILE = "score.json";
    /** The value of the {@code format} field. */
    public static final String FORMAT = "l1embed-anomaly-score";
    /** The schema version this code reads and writes. */
    public static final int SCHEMA_VERSION = 1;
    /** The only kind so far. */
    public static final String KIND = "mahalanobis";

    private static final Set<String> FIELDS = Set.of("format", "schemaVersion", "kind", "latentSize", "mean", "cholesky",
            "thresholds", "fittedOn");
    private static final Set<String> THRESHOLD_FIELDS = Set.of("backgroundAcceptance", "score", "backgroundEvents");

    /**
     * A score threshold at a background acceptance.
     *
     * @param backgroundAcceptance the fraction of background events that pass, in (0, 1)
     * @param score                pass when the score is strictly greater
     * @param backgroundEvents     how many background events it was measured on
     */
    public record Threshold(double backgroundAcceptance, double score, long backgroundEvents) {
        public Threshold {
            if (!(backgroundAcceptance > 0 && backgroundAcceptance < 1)) {
                throw new IllegalArgumentException("backgroundAcceptance must be in (0, 1), got backgroundAcceptance=" + backgroundAcceptance);
            }
            if (!Double.isFinite(score)) {
                throw new IllegalArgumentException("threshold score must be finite, got score=" + score);
            }
            if (backgroundEvents < 1) {
                throw new IllegalArgumentException("backgroundEvents must be >= 1, got backgroundEvents=" + backgroundEvents);
            }
        }
    }

    public AnomalyScore {
        Objects.requireNonNull(fittedOn, "fittedOn");
        int d = mean.length;
        if (d < 1) {
            throw new IllegalArgumentException("mean must have at least one value");
        }
        if (cholesky.length != d * d) {
            throw new IllegalArgumentException("cholesky must hold latentSize² = " + d * d + " values, got " + cholesky.length);
        }
        for (int i = 0; i < d; i++) {
            if (!Double.isFinite(mean[i])) {
                throw new IllegalArgumentException("mean[" + i + "] must be finite, got " + mean[i]);
            }
            for (int j = 0; j < d; j++) {
                double v = cholesky[i * d + j];
                if (j > i && v != 0) {
                    throw new IllegalArgumentException("cholesky[" + i + "][" + j + "] is above the diagonal and must be 0, got " + v);
                }
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("cholesky[" + i + "][" + j + "] must be finite, got " + v);
                }
            }
            if (!(cholesky[i * d + i] > 0)) {
                throw new IllegalArgumentException("cholesky[" + i + "][" + i + "] (diagonal) must be > 0, got " + cholesky[i * d + i]);
            }
        }
        mean = mean.clone();
        cholesky = cholesky.clone();
        List<Threshold> sorted = new ArrayList<>(thresholds);
        sorted.sort((a, b) -> Double.compare(a.backgroundAcceptance(), b.backgroundAcceptance()));
        for (int k = 1; k < sorted.size(); k++) {
            if (sorted.get(k).backgroundAcceptance() == sorted.get(k - 1).backgroundAcceptance()) {
                throw new IllegalArgumentException("two thresholds at backgroundAcceptance=" + sorted.get(k).backgroundAcceptance());
            }
        }
        thresholds = List.copyOf(sorted);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] cholesky() {
        return cholesky.clone();
    }

    /** The latent size the score is defined on. */
    public int latentSize() {
        return mean.length;
    }

    /**
     * The scores of {@code z.length / latentSize} latent vectors: solve {@code L y = z − μ}, score {@code |y|²}.
     *
     * @throws IllegalArgumentException if the length is not a whole number of latent vectors
     */
    public double[] score(float[] z) {
        int d = mean.length;
        if (z.length % d != 0) {
            throw new IllegalArgumentException("latents: expected a multiple of latentSize=" + d + " values, got " + z.length);
        }
        int n = z.length / d;
        double[] out = new double[n];
        double[] y = new double[d];
        for (int e = 0; e < n; e++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
                double v = z[e * d + i] - mean[i];
                for (int k = 0; k < i; k++) {
                    v -= cholesky[i * d + k] * y[k];
                }
                y[i] = v / cholesky[i * d + i];
                s += y[i] * y[i];
            }
            out[e] = s;
        }
        return out;
    }

    /**
     * The threshold at which {@code acceptance} of the given background scores pass: the (k+1)-th largest score with
     * {@code k = floor(acceptance · N)}, so that at most k events score strictly above it.
     *
     * @throws IllegalArgumentException if there are no scores or a score is not finite
     */
    public static Threshold thresholdAt(double acceptance, double[] backgroundScores) {
        if (backgroundScores.length == 0) {
            throw new IllegalArgumentException("need at least one background score");
        }
        double[] sorted = backgroundScores.clone();
        Arrays.sort(sorted);
        if (!Double.isFinite(sorted[0]) || !Double.isFinite(sorted[sorted.length - 1])) {
            throw new IllegalArgumentException("background scores must be finite");
        }
        int n = sorted.length;
        long k = (long) Math.floor(acceptance * n);
        int index = (int) Math.max(0, n - 1 - k);
        return new Threshold(acceptance, sorted[index], n);
    }

    /** This score with other thresholds. */
    public AnomalyScore withThresholds(List<Threshold> newThresholds, String newFittedOn) {
        return new AnomalyScore(mean, cholesky, newThresholds, newFittedOn);
    }

    /** The canonical JSON text (UTF-8 bytes, trailing newline). */
    public byte[] toJsonBytes() {
        ObjectNode n = StrictJson.MAPPER.createObjectNode();
        n.put("format", FORMAT);
        n.put("schemaVersion", SCHEMA_VERSION);
        n.put("kind", KIND);
        int d = mean.length;
        n.put("latentSize", d);
        ArrayNode m = n.putArray("mean");
        for (double v : mean) {
            m.add(v);
        }
        ArrayNode l = n.putArray("cholesky");
        for (int i = 0; i < d; i++) {
            ArrayNode row = l.addArray();
            for (int j = 0; j <= i; j++) {
                row.add(cholesky[i * d + j]);
            }
        }
        ArrayNode t = n.putArray("thresholds");
        for (Threshold th : thresholds) {
            t.addObject().put("backgroundAcceptance", th.backgroundAcceptance()).put("score", th.score())
                    .put("backgroundEvents", th.backgroundEvents());
        }
        n.put("fittedOn", fittedOn);
        try {
            return (StrictJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot render score.json", e);
        }
    }

    /**
     * Parses {@code score.json}.
     *
     * @throws IllegalArgumentException naming the field, the value and what was expected
     */
    public static AnomalyScore parse(String json) {
        JsonNode root = StrictJson.readObject(json, FILE);
        JsonFields.requireKnown(root, FIELDS, "");
        JsonFields.requireText(root, "format", FORMAT);
        if (!root.path("schemaVersion").isInt() || root.get("schemaVersion").asInt() != SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion: expected " + SCHEMA_VERSION + ", got " + root.path("schemaVersion"));
        }
        JsonFields.requireText(root, "kind", KIND);
        JsonNode size = root.path("latentSize");
        if (!size.isInt() || size.asInt() < 1) {
            throw new IllegalArgumentException("latentSize: expected a positive integer, got " + size);
        }
        int d = size.asInt();
        double[] mean = JsonFields.numbers(root.path("mean"), "mean", d);
        JsonNode rows = root.path("cholesky");
        if (!rows.isArray() || rows.size() != d) {
            throw new IllegalArgumentException("cholesky: expected " + d + " rows (the lower triangle), got " + rows);
        }
        double[] l = new double[d * d];
        for (int i = 0; i < d; i++) {
            double[] row = JsonFields.numbers(rows.get(i), "cholesky[" + i + "]", i + 1);
            System.arraycopy(row, 0, l, i * d, i + 1);
        }
        JsonNode t = root.path("thresholds");
        if (!t.isArray()) {
            throw new IllegalArgumentException("thresholds: expected an array, got " + t);
        }
        List<Threshold> thresholds = new ArrayList<>();
        for (int k = 0; k < t.size(); k++) {
            JsonNode th = t.get(k);
            String at = "thresholds[" + k + "]";
            if (!th.isObject()) {
                throw new IllegalArgumentException(at + ": expected an object, got " + th);
            }
            JsonFields.requireKnown(th, THRESHOLD_FIELDS, at + ".");
            double acceptance = JsonFields.number(th.path("backgroundAcceptance"), at + ".backgroundAcceptance");
            double score = JsonFields.number(th.path("score"), at + ".score");
            JsonNode events = th.path("backgroundEvents");
            if (!events.canConvertToLong() || !events.isIntegralNumber()) {
                throw new IllegalArgumentException(at + ".backgroundEvents: expected an integer, got " + events);
            }
            try {
                thresholds.add(new Threshold(acceptance, score, events.asLong()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage(), e);
            }
        }
        JsonNode fitted = root.path("fittedOn");
        if (!fitted.isTextual()) {
            throw new IllegalArgumentException("fittedOn: expected a string, got " + fitted);
        }
        return new AnomalyScore(mean, l, thresholds, fitted.asText());
    }

    /**
     * The score of a bundle, if it has one.
     *
     * @throws IOException            if the file cannot be read
     * @throws InvalidBundleException if it is not a valid score for the bundle's network (naming the file and the field)
     */
    public static Optional<AnomalyScore> of(ModelBundle bundle) throws IOException {
        if (!bundle.extraFiles().contains(FILE)) {
            return Optional.empty();
        }
        String text = Files.readString(bundle.file(FILE), StandardCharsets.UTF_8);
        try {
            AnomalyScore score = parse(text);
            if (score.latentSize() != bundle.network().outputSize()) {
                throw new IllegalArgumentException("latentSize " + score.latentSize() + " differs from the network's outputSize "
                        + bundle.network().outputSize());
            }
            return Optional.of(score);
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException(bundle.directory(), List.of(FILE + ": " + e.getMessage()), e);
        }
    }
}
