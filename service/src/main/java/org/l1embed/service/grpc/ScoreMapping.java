package org.l1embed.service.grpc;

import org.l1embed.proto.v1.AnomalyDecisions;
import org.l1embed.proto.v1.AnomalyScoreDefinition;
import org.l1embed.proto.v1.EmbedResponse;
import org.l1embed.proto.v1.EmulateResponse;
import org.l1embed.proto.v1.ModelDescription;
import org.l1embed.proto.v1.ScoreThreshold;
import org.l1embed.quantization.bundle.AnomalyScore;
import org.l1embed.service.inference.ModelScore;
import org.l1embed.service.repository.LoadedModel;

/**
 * Anomaly scores and their decisions into responses, for models whose bundle defines a score ({@code score.json});
 * responses of other models are left without scores.
 */
final class ScoreMapping {

    private ScoreMapping() {
    }

    /** Adds the scores of float32 latents to an Embed response. */
    static EmbedResponse.Builder embed(EmbedResponse.Builder out, LoadedModel model, float[] latents) {
        model.score().ifPresent(s -> {
            double[] scores = s.scores(latents);
            for (double v : scores) {
                out.addAnomalyScores((float) v);
            }
            out.setAnomalyDecisions(decisions(s, scores));
        });
        return out;
    }

    /** Adds the scores of emulated output values to an Emulate response. */
    static EmulateResponse.Builder emulate(EmulateResponse.Builder out, LoadedModel model, double[] values) {
        model.score().ifPresent(s -> {
            double[] scores = s.scoresOfValues(values);
            for (double v : scores) {
                out.addAnomalyScores(v);
            }
            out.setAnomalyDecisions(decisions(s, scores));
        });
        return out;
    }

    /** Adds the score definition and whether the bundle stores testbench vectors to a description. */
    static ModelDescription.Builder describe(ModelDescription.Builder out, LoadedModel model) {
        out.setHasTestbench(model.testbench().isPresent());
        model.score().ifPresent(s -> {
            AnomalyScore d = s.definition();
            AnomalyScoreDefinition.Builder b = AnomalyScoreDefinition.newBuilder().setKind(AnomalyScore.KIND)
                    .setLatentSize(d.latentSize()).setFittedOn(d.fittedOn());
            for (AnomalyScore.Threshold t : d.thresholds()) {
                b.addThresholds(ScoreThreshold.newBuilder().setBackgroundAcceptance(t.backgroundAcceptance()).setScore(t.score())
                        .setBackgroundEvents(t.backgroundEvents()));
            }
            out.setAnomalyScore(b);
        });
        return out;
    }

    private static AnomalyDecisions decisions(ModelScore s, double[] scores) {
        AnomalyDecisions.Builder b = AnomalyDecisions.newBuilder();
        for (double a : s.backgroundAcceptances()) {
            b.addBackgroundAcceptances(a);
        }
        for (boolean p : s.passed(scores)) {
            b.addPassed(p);
        }
        return b.build();
    }
}
