package org.l1embed.service.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.service.Requests.model;
import static org.l1embed.service.Requests.tensor;

import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.events.EventSet;
import org.l1embed.proto.v1.AnomalyDecisions;
import org.l1embed.proto.v1.DescribeModelRequest;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbedResponse;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.EmulateRequest;
import org.l1embed.proto.v1.EmulateResponse;
import org.l1embed.proto.v1.EmulationServiceGrpc;
import org.l1embed.proto.v1.ModelDescription;
import org.l1embed.proto.v1.ModelServiceGrpc;
import org.l1embed.quantization.bundle.AnomalyScore;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.Float32Bound;
import org.l1embed.service.Requests;
import org.l1embed.service.ValidationFixtures;
import org.l1embed.service.ValidationRepositoryResource;

/** Anomaly scores in Embed, Emulate and Describe, for a bundle with {@code score.json} and one without. */
@QuarkusTest
@WithTestResource(value = ValidationRepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class AnomalyScoresTest {

    private static final double U = 0x1p-24;

    @GrpcClient("l1embed")
    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

    @GrpcClient("l1embed")
    EmulationServiceGrpc.EmulationServiceBlockingStub emulation;

    @GrpcClient("l1embed")
    ModelServiceGrpc.ModelServiceBlockingStub models;

    @ConfigProperty(name = "l1embed.models.dir")
    Path root;

    private ModelBundle bundle(String name) throws IOException {
        return ModelBundle.read(root.resolve(name).resolve("1"));
    }

    @Test
    void embedScoresEqualTheBundlesScoreOfTheFloatNetworkLatentsWithinTheFloat32Bound() throws IOException {
        ModelBundle bundle = bundle(ValidationFixtures.QAT);
        NetworkSpec spec = bundle.network();
        AnomalyScore score = AnomalyScore.of(bundle).orElseThrow();
        EventSet events = FixtureBundles.events(400, 61);
        EmbedResponse r = embedding.embed(EmbedRequest.newBuilder().setModel(model(ValidationFixtures.QAT, ""))
                .setEvents(tensor(events.particles(), 400, 19, 4)).build());
        assertEquals(400, r.getAnomalyScoresCount());

        float[] inputs = Requests.preprocessed(spec, events.networkFeatures());
        FloatNetwork reference = new FloatNetwork(spec);
        int n = spec.input().size();
        int d = spec.outputSize();
        double[] inverse = absoluteInverse(score.cholesky(), d);
        int t = score.thresholds().size();
        int decided = 0;
        for (int e = 0; e < 400; e++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = inputs[e * n + i];
            }
            double[] z = reference.forward(x);
            double[] bound = Float32Bound.bound(spec, x);
            float[] zf = new float[d];
            double[] c = new double[d];
            for (int j = 0; j < d; j++) {
                zf[j] = (float) z[j];
                c[j] = bound[j] + U * Math.abs(z[j]);   // ONNX vs double, plus the cast of the reference to float32
            }
            double expected = score.score(zf)[0];
            double tolerance = scoreBound(score, zf, inverse, c) + 2 * U * Math.abs(expected) + 1e-12;
            double got = r.getAnomalyScores(e);
            assertTrue(Math.abs(got - expected) <= tolerance, "event " + e + ": score " + got + ", expected " + expected
                    + " within " + tolerance);
            for (int k = 0; k < t; k++) {
                double th = score.thresholds().get(k).score();
                if (Math.abs(expected - th) > tolerance) {   // the decision is determined by the bound
                    assertEquals(expected > th, r.getAnomalyDecisions().getPassed(e * t + k), "event " + e + ", threshold " + k);
                    decided++;
                }
            }
        }
        assertEquals(400 * t, r.getAnomalyDecisions().getPassedCount());
        assertTrue(decided > 390 * t, "decisions checked: " + decided);
        assertArrayEquals(ValidationFixtures.ACCEPTANCES, acceptances(r.getAnomalyDecisions()));
    }

    @Test
    void emulateScoresAreTheBundlesScoreOfTheEmulatedValuesExactly() throws IOException {
        ModelBundle bundle = bundle(ValidationFixtures.QAT);
        NetworkSpec spec = bundle.network();
        AnomalyScore score = AnomalyScore.of(bundle).orElseThrow();
        EventSet events = FixtureBundles.events(300, 62);
        EmulateResponse r = emulation.emulate(EmulateRequest.newBuilder().setModel(model(ValidationFixtures.QAT, "1"))
                .setEvents(tensor(events.networkFeatures(), 300, 57)).build());
        long[] raw = Emulator.compile(spec).emulateRaw(Requests.preprocessed(spec, events.networkFeatures()));
        float[] values = new float[raw.length];
        for (int k = 0; k < raw.length; k++) {
            values[k] = (float) spec.outputType().toDouble(raw[k]);
        }
        double[] expected = score.score(values);
        int t = score.thresholds().size();
        assertEquals(300, r.getAnomalyScoresCount());
        for (int e = 0; e < 300; e++) {
            assertEquals(expected[e], r.getAnomalyScores(e), "event " + e);
            for (int k = 0; k < t; k++) {
                assertEquals(expected[e] > score.thresholds().get(k).score(), r.getAnomalyDecisions().getPassed(e * t + k));
            }
        }
        assertArrayEquals(ValidationFixtures.ACCEPTANCES, acceptances(r.getAnomalyDecisions()));
    }

    @Test
    void describeListsTheScoreAndItsThresholds() throws IOException {
        AnomalyScore score = AnomalyScore.of(bundle(ValidationFixtures.QAT)).orElseThrow();
        ModelDescription d = models.describe(DescribeModelRequest.newBuilder().setModel(model(ValidationFixtures.QAT, "")).build());
        assertTrue(d.hasAnomalyScore());
        assertTrue(d.getHasTestbench());
        assertEquals("mahalanobis", d.getAnomalyScore().getKind());
        assertEquals(4, d.getAnomalyScore().getLatentSize());
        assertEquals(score.fittedOn(), d.getAnomalyScore().getFittedOn());
        assertEquals(score.thresholds().size(), d.getAnomalyScore().getThresholdsCount());
        for (int k = 0; k < score.thresholds().size(); k++) {
            AnomalyScore.Threshold th = score.thresholds().get(k);
            assertEquals(th.backgroundAcceptance(), d.getAnomalyScore().getThresholds(k).getBackgroundAcceptance());
            assertEquals(th.score(), d.getAnomalyScore().getThresholds(k).getScore());
            assertEquals(th.backgroundEvents(), d.getAnomalyScore().getThresholds(k).getBackgroundEvents());
        }
    }

    @Test
    void aBundleWithoutScoreJsonGetsNoScoresAndNoDecisions() {
        EventSet events = FixtureBundles.events(20, 63);
        EmbedResponse embed = embedding.embed(EmbedRequest.newBuilder().setModel(model(ValidationFixtures.PLAIN, "1"))
                .setEvents(tensor(events.particles(), 20, 19, 4)).build());
        assertEquals(80, Requests.floats(embed.getLatents()).length);
        assertEquals(0, embed.getAnomalyScoresCount());
        assertFalse(embed.hasAnomalyDecisions());
        EmulateResponse emulate = emulation.emulate(EmulateRequest.newBuilder().setModel(model(ValidationFixtures.PLAIN, "1"))
                .setEvents(tensor(events.particles(), 20, 19, 4)).build());
        assertEquals(0, emulate.getAnomalyScoresCount());
        assertFalse(emulate.hasAnomalyDecisions());
        ModelDescription d = models.describe(DescribeModelRequest.newBuilder().setModel(model(ValidationFixtures.PLAIN, "")).build());
        assertFalse(d.hasAnomalyScore());
        assertFalse(d.getHasTestbench());
    }

    private static double[] acceptances(AnomalyDecisions d) {
        return d.getBackgroundAcceptancesList().stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** |L⁻¹| element by element, by forward substitution on the unit vectors. */
    private static double[] absoluteInverse(double[] l, int d) {
        double[] inv = new double[d * d];
        for (int col = 0; col < d; col++) {
            double[] y = new double[d];
            for (int i = 0; i < d; i++) {
                double v = i == col ? 1 : 0;
                for (int k = 0; k < i; k++) {
                    v -= l[i * d + k] * y[k];
                }
                y[i] = v / l[i * d + i];
                inv[i * d + col] = Math.abs(y[i]);
            }
        }
        return inv;
    }

    /**
     * A bound on |s(z + Δz) − s(z)| for |Δz_j| <= c_j: with y = L⁻¹(z − μ) and |Δy| <= |L⁻¹| c,
     * |Δs| <= Σ (2 |y_i| |Δy_i| + Δy_i²).
     */
    private static double scoreBound(AnomalyScore score, float[] z, double[] absInverse, double[] c) {
        int d = z.length;
        double[] l = score.cholesky();
        double[] mu = score.mean();
        double[] y = new double[d];
        double bound = 0;
        for (int i = 0; i < d; i++) {
            double v = z[i] - mu[i];
            for (int k = 0; k < i; k++) {
                v -= l[i * d + k] * y[k];
            }
            y[i] = v / l[i * d + i];
            double dy = 0;
            for (int k = 0; k < d; k++) {
                dy += absInverse[i * d + k] * c[k];
            }
            bound += 2 * Math.abs(y[i]) * dy + dy * dy;
        }
        return bound * 1.01;
    }
}
