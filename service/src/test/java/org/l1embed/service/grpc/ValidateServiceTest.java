package org.l1embed.service.grpc;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.service.Requests.model;
import static org.l1embed.service.Requests.tensor;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.events.EventSet;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.proto.v1.EmulationServiceGrpc;
import org.l1embed.proto.v1.GeneratedEvents;
import org.l1embed.proto.v1.LayerReport;
import org.l1embed.proto.v1.TestbenchCheck;
import org.l1embed.proto.v1.ValidateRequest;
import org.l1embed.proto.v1.ValidateResponse;
import org.l1embed.proto.v1.ValidationThresholds;
import org.l1embed.proto.v1.Verdict;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.emulator.FloatNetwork;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.Float32Bound;
import org.l1embed.service.Requests;
import org.l1embed.service.ValidationFixtures;
import org.l1embed.service.ValidationRepositoryResource;

/**
 * Validate on a QAT bundle made by the project's own PTQ and QAT ({@link ValidationFixtures}): the stored testbench
 * vectors are reproduced bit for bit, the float-vs-fixed figures match an independent computation (FloatNetwork in double
 * against the emulator, within the float32 bound of ONNX Runtime), a testbench written wrong fails the verdict, and
 * every bad request gets its exact status and message.
 */
@QuarkusTest
@WithTestResource(value = ValidationRepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ValidateServiceTest {

    @GrpcClient("l1embed")
    EmulationServiceGrpc.EmulationServiceBlockingStub emulation;

    @ConfigProperty(name = "l1embed.models.dir")
    Path root;

    private static ValidateRequest.Builder generated(String name, int count, long seed) {
        return ValidateRequest.newBuilder().setModel(model(name, ""))
                .setGenerated(GeneratedEvents.newBuilder().setCount(count).setSeed(seed));
    }

    @Test
    void aQatBundleReproducesItsTestbenchBitForBitAndItsFiguresMatchAnIndependentComputation() throws IOException {
        NetworkSpec spec = ModelBundle.read(root.resolve(ValidationFixtures.QAT).resolve("1")).network();
        double tolerance = 0.05;
        ValidateResponse r = emulation.validate(generated(ValidationFixtures.QAT, 4000, 77).setThresholds(ValidationThresholds
                .newBuilder().setRequireTestbenchBitExact(true).setTolerance(tolerance).setMaxAbsDiff(1.0)).build());

        assertEquals(model(ValidationFixtures.QAT, "1"), r.getModel());
        assertEquals(TestbenchCheck.newBuilder().setPresent(true).setVectors(ValidationFixtures.TESTBENCH_EVENTS).setMismatches(0)
                .setBitExact(true).setOutputsCompared(ValidationFixtures.TESTBENCH_EVENTS * 4L).setMismatchedOutputs(0)
                .setInputMismatches(0).build(), r.getTestbench());
        assertEquals(Verdict.VERDICT_PASS, r.getVerdict(), r.getFailuresList().toString());
        assertEquals(List.of(), r.getFailuresList());
        assertEquals(4000, r.getEvents());
        assertEquals(tolerance, r.getTolerance());

        // The reference: the same events, FloatNetwork (double) against the emulator.
        float[] inputs = Requests.preprocessed(spec, new SyntheticEvents(77).cocktail(4000, 0.0).networkFeatures());
        EmulationResult fixed = Emulator.compile(spec).emulate(inputs, false);
        FloatNetwork reference = new FloatNetwork(spec);
        int n = spec.input().size();
        int d = spec.outputSize();
        double[] max = new double[d];
        double[] sum = new double[d];
        double worstBound = 0;
        double[][] diffs = new double[4000][d];
        for (int e = 0; e < 4000; e++) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = inputs[e * n + i];
            }
            double[] z = reference.forward(x);
            double[] bound = Float32Bound.bound(spec, x);
            for (int j = 0; j < d; j++) {
                double diff = Math.abs(z[j] - fixed.value(e, j));
                diffs[e][j] = diff;
                max[j] = Math.max(max[j], diff);
                sum[j] += diff;
                worstBound = Math.max(worstBound, bound[j] + Math.ulp((float) z[j]));
            }
        }
        assertEquals(d, r.getOutputsCount());
        for (int j = 0; j < d; j++) {
            assertEquals(j, r.getOutputs(j).getIndex());
            assertEquals(max[j], r.getOutputs(j).getMaxAbsDiff(), worstBound, "output " + j);
            assertEquals(sum[j] / 4000, r.getOutputs(j).getMeanAbsDiff(), worstBound, "output " + j);
            // plausible for 12-bit QAT: the fixed-point network differs from float, on average by a few of its last bits
            // (the largest differences come from the few events whose inputs saturate the input type)
            assertTrue(r.getOutputs(j).getMeanAbsDiff() > 0 && r.getOutputs(j).getMeanAbsDiff() <= r.getOutputs(j).getMaxAbsDiff());
            assertTrue(r.getOutputs(j).getMeanAbsDiff() < 0.02, "output " + j + ": " + r.getOutputs(j));
        }
        int surelyAgree = 0;
        int mayAgree = 0;
        for (double[] row : diffs) {
            boolean lo = true;
            boolean hi = true;
            for (double v : row) {
                lo &= v <= tolerance - worstBound;
                hi &= v <= tolerance + worstBound;
            }
            surelyAgree += lo ? 1 : 0;
            mayAgree += hi ? 1 : 0;
        }
        double agreeing = r.getAgreementRate() * 4000;
        assertTrue(agreeing >= surelyAgree - 1e-9 && agreeing <= mayAgree + 1e-9, agreeing + " not in [" + surelyAgree + ", " + mayAgree + "]");
        assertTrue(r.getAgreementRate() > 0.5, "agreement " + r.getAgreementRate());

        assertEquals(fixed.inputOverflows(), r.getInputOverflows());
        assertEquals(spec.layers().size(), r.getLayersCount());
        for (int l = 0; l < spec.layers().size(); l++) {
            EmulationResult.LayerReport expected = fixed.layers().get(l);
            LayerReport got = r.getLayers(l);
            assertEquals(expected.name(), got.getName());
            assertEquals(expected.kind().jsonName(), got.getKind());
            assertEquals(expected.resultType().toString(), got.getResultType());
            assertEquals(spec.layers().get(l).outputSize(), got.getSize());
            assertEquals(expected.accumulatorOverflows(), got.getAccumulatorOverflows(), expected.name());
            assertEquals(expected.resultOverflows(), got.getResultOverflows(), expected.name());
            assertEquals(0, got.getTraceCount());
        }
    }

    @Test
    void generatedEventsAreTheBackgroundCocktailOfTheSeed() {
        EventSet events = new SyntheticEvents(91).cocktail(3000, 0.0);
        ValidationThresholds t = ValidationThresholds.newBuilder().setTolerance(0.02).build();
        ValidateResponse given = emulation.validate(ValidateRequest.newBuilder().setModel(model(ValidationFixtures.QAT, "1"))
                .setEvents(tensor(events.particles(), 3000, 19, 4)).setThresholds(t).build());
        ValidateResponse generated = emulation.validate(generated(ValidationFixtures.QAT, 3000, 91).setThresholds(t).build());
        assertEquals(given.getEvents(), generated.getEvents());
        assertEquals(given.getInputOverflows(), generated.getInputOverflows());
        assertEquals(given.getLayersList(), generated.getLayersList());
        assertEquals(given.getTestbench(), generated.getTestbench());
        for (int j = 0; j < 4; j++) {   // ONNX Runtime may round differently in another batch size: float32 noise only
            assertEquals(given.getOutputs(j).getMaxAbsDiff(), generated.getOutputs(j).getMaxAbsDiff(), 1e-5);
            assertEquals(given.getOutputs(j).getMeanAbsDiff(), generated.getOutputs(j).getMeanAbsDiff(), 1e-6);
        }
        assertEquals(given.getAgreementRate(), generated.getAgreementRate(), 3.0 / 3000);
    }

    @Test
    void aTestbenchWrittenWrongBeforeTheChecksumsFailsTheVerdictAndCountsTheMismatch() {
        ValidateResponse r = emulation.validate(generated(ValidationFixtures.BAD_TESTBENCH, 100, 1).build());
        assertEquals(TestbenchCheck.newBuilder().setPresent(true).setVectors(ValidationFixtures.TESTBENCH_EVENTS).setMismatches(1)
                .setBitExact(false).setOutputsCompared(ValidationFixtures.TESTBENCH_EVENTS * 4L).setMismatchedOutputs(1)
                .setInputMismatches(0).build(), r.getTestbench());
        assertEquals(Verdict.VERDICT_FAIL, r.getVerdict());
        assertEquals(List.of("testbench: 1 of 1200 stored raw outputs (in 1 of 300 events) and 0 network input values differ from the "
                + "emulator; stored testbench vectors must be reproduced bit for bit"), r.getFailuresList());

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^l1embed_emulation_mismatches_total\\{model=\"adc_qat_badtb\",version=\"1\"} (\\S+)$")
                .matcher(metrics);
        assertTrue(m.find(), metrics);
        assertTrue(Double.parseDouble(m.group(1)) >= 1, m.group());
    }

    @Test
    void thresholdsDecideTheVerdictAndEachFailureIsNamed() {
        ValidateResponse r = emulation.validate(generated(ValidationFixtures.QAT, 500, 5).setThresholds(ValidationThresholds.newBuilder()
                .setMaxAbsDiff(0).setMeanAbsDiff(0).setTolerance(0).setMinAgreementRate(1).setMaxOverflows(0)).build());
        assertEquals(Verdict.VERDICT_FAIL, r.getVerdict());
        List<String> f = r.getFailuresList();
        assertTrue(f.get(0).startsWith("thresholds.max_abs_diff: output "), f.toString());
        assertTrue(f.get(0).endsWith(" > 0.0"), f.toString());
        assertTrue(f.get(1).startsWith("thresholds.mean_abs_diff: output "), f.toString());
        assertTrue(f.get(2).startsWith("thresholds.min_agreement_rate: ") && f.get(2).contains(" of 500 events agree within tolerance 0.0"),
                f.toString());
        long overflows = r.getInputOverflows() + r.getLayersList().stream()
                .mapToLong(l -> l.getAccumulatorOverflows() + l.getResultOverflows()).sum();
        assertEquals(overflows > 0 ? 4 : 3, f.size(), f.toString());

        ValidateResponse pass = emulation.validate(generated(ValidationFixtures.QAT, 500, 5).setThresholds(ValidationThresholds
                .newBuilder().setMaxAbsDiff(10).setMeanAbsDiff(10).setTolerance(10).setMinAgreementRate(1).setMaxOverflows(overflows)
                .setRequireTestbenchBitExact(true)).build());
        assertEquals(Verdict.VERDICT_PASS, pass.getVerdict(), pass.getFailuresList().toString());
        assertEquals(1.0, pass.getAgreementRate());
    }

    @Test
    void aBundleWithoutTestbenchVectorsReportsThemAbsentAndFailsOnlyWhenTheyAreRequired() {
        ValidateResponse r = emulation.validate(generated(ValidationFixtures.PLAIN, 200, 3).build());
        assertEquals(TestbenchCheck.getDefaultInstance(), r.getTestbench());
        assertFalse(r.getTestbench().getPresent());
        assertEquals(Verdict.VERDICT_PASS, r.getVerdict());
        ValidateResponse required = emulation.validate(generated(ValidationFixtures.PLAIN, 200, 3)
                .setThresholds(ValidationThresholds.newBuilder().setRequireTestbenchBitExact(true)).build());
        assertEquals(Verdict.VERDICT_FAIL, required.getVerdict());
        assertEquals(List.of("thresholds.require_testbench_bit_exact: the bundle stores no testbench vectors (testbench/)"),
                required.getFailuresList());
    }

    private void refused(Status.Code code, String message, ValidateRequest request) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> emulation.validate(request));
        assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
        assertEquals(message, e.getStatus().getDescription());
    }

    @Test
    void badRequestsGetTheirStatusNamingTheField() {
        ValidateRequest ok = generated(ValidationFixtures.QAT, 10, 1).build();
        refused(Status.Code.INVALID_ARGUMENT, "thresholds.max_abs_diff: must be finite and >= 0, got -1.0",
                ok.toBuilder().setThresholds(ValidationThresholds.newBuilder().setMaxAbsDiff(-1)).build());
        refused(Status.Code.INVALID_ARGUMENT, "thresholds.mean_abs_diff: must be finite and >= 0, got NaN",
                ok.toBuilder().setThresholds(ValidationThresholds.newBuilder().setMeanAbsDiff(Double.NaN)).build());
        refused(Status.Code.INVALID_ARGUMENT, "thresholds.tolerance: must be finite and >= 0, got Infinity",
                ok.toBuilder().setThresholds(ValidationThresholds.newBuilder().setTolerance(Double.POSITIVE_INFINITY)).build());
        refused(Status.Code.INVALID_ARGUMENT, "thresholds.min_agreement_rate: must be in [0, 1], got 1.5",
                ok.toBuilder().setThresholds(ValidationThresholds.newBuilder().setTolerance(0.1).setMinAgreementRate(1.5)).build());
        refused(Status.Code.INVALID_ARGUMENT, "thresholds.tolerance: required when thresholds.min_agreement_rate is set (an event agrees when "
                + "every output's |float - fixed| <= tolerance), got unset",
                ok.toBuilder().setThresholds(ValidationThresholds.newBuilder().setMinAgreementRate(0.9)).build());
        refused(Status.Code.INVALID_ARGUMENT, "thresholds.max_overflows: must be >= 0, got -1",
                ok.toBuilder().setThresholds(ValidationThresholds.newBuilder().setMaxOverflows(-1)).build());
        refused(Status.Code.INVALID_ARGUMENT, "generated.count: must be in 1..1000000, got 0",
                generated(ValidationFixtures.QAT, 0, 1).build());
        refused(Status.Code.INVALID_ARGUMENT, "generated.count: must be in 1..1000000, got 1000001",
                generated(ValidationFixtures.QAT, 1_000_001, 1).build());
        refused(Status.Code.INVALID_ARGUMENT, "source: required, one of 'events' (given events) or 'generated' (events the server "
                + "generates), got neither", ValidateRequest.newBuilder().setModel(model(ValidationFixtures.QAT, "")).build());
        refused(Status.Code.INVALID_ARGUMENT, "events.tensor.shape: [2, 58] is not accepted by model 'adc_qat' version '1'; "
                + "expected one of [N, 57], [N, 19, 3], [N, 19, 4]", ValidateRequest.newBuilder().setModel(model(ValidationFixtures.QAT, ""))
                .setEvents(tensor(new float[116], 2, 58)).build());
        refused(Status.Code.FAILED_PRECONDITION, "model 'adc_float' version '1' is a float model (network 'encoder_float' has no "
                + "fixed-point types); validation compares a quantized bundle with its float network",
                generated(ValidationFixtures.FLOAT, 10, 1).build());
        refused(Status.Code.NOT_FOUND, "model 'nope' is not in the repository; models: adc_float, adc_plain, adc_qat, adc_qat_badtb",
                generated("nope", 10, 1).build());
        // the server keeps serving
        assertEquals(Verdict.VERDICT_PASS, emulation.validate(ok).getVerdict());
    }
}
