package org.l1embed.service.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.events.EventSet;
import org.l1embed.proto.v1.EmulateRequest;
import org.l1embed.proto.v1.EmulateResponse;
import org.l1embed.proto.v1.EmulationServiceGrpc;
import org.l1embed.proto.v1.LayerReport;
import org.l1embed.proto.v1.ValidateRequest;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;
import org.l1embed.service.Requests;

@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EmulationServiceTest {

    @GrpcClient("l1embed")
    EmulationServiceGrpc.EmulationServiceBlockingStub emulation;

    @ConfigProperty(name = "l1embed.models.dir")
    Path root;

    private NetworkSpec spec(String name, String version) throws IOException {
        return ModelBundle.read(root.resolve(name).resolve(version)).network();
    }

    private static long[] raw(EmulateResponse r) {
        return r.getRawList().stream().mapToLong(Long::longValue).toArray();
    }

    @Test
    void rawOutputsEqualTheEmulatorOnThePreprocessedEvents() throws IOException {
        EventSet events = FixtureBundles.events(500, 31);
        for (String version : new String[] {"1", "2"}) {
            NetworkSpec spec = spec(FixtureBundles.QUANTIZED, version);
            long[] expected = Emulator.compile(spec).emulateRaw(Requests.preprocessed(spec, events.networkFeatures()));
            EmulateResponse r = emulation.emulate(EmulateRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, version))
                    .setEvents(tensor(events.particles(), 500, 19, 4)).setRequestId("e").build());
            assertEquals(model(FixtureBundles.QUANTIZED, version), r.getModel());
            assertEquals("e", r.getRequestId());
            assertEquals(500, r.getEvents());
            assertEquals(4, r.getOutputs());
            assertEquals(spec.outputType().toString(), r.getOutputType());
            assertArrayEquals(expected, raw(r));
            for (int i = 0; i < expected.length; i++) {
                assertEquals(spec.outputType().toDouble(expected[i]), r.getValues(i));
            }
            assertFalse(r.getOverflowsCounted());
            assertEquals(0, r.getLayersCount());
        }
    }

    @Test
    void traceAndOverflowCountsEqualTheEmulatorsDetailedRun() throws IOException {
        EventSet events = FixtureBundles.events(200, 32);
        NetworkSpec spec = spec(FixtureBundles.QUANTIZED, "2");
        EmulationResult expected = Emulator.compile(spec).emulate(Requests.preprocessed(spec, events.networkFeatures()), true);
        EmulateResponse r = emulation.emulate(EmulateRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, ""))
                .setEvents(tensor(events.networkFeatures(), 200, 57)).setTrace(true).build());
        assertArrayEquals(expected.raw(), raw(r));
        assertTrue(r.getOverflowsCounted());
        assertEquals(expected.inputOverflows(), r.getInputOverflows());
        assertEquals(expected.layers().size(), r.getLayersCount());
        for (int l = 0; l < expected.layers().size(); l++) {
            EmulationResult.LayerReport want = expected.layers().get(l);
            LayerReport got = r.getLayers(l);
            assertEquals(want.name(), got.getName());
            assertEquals(want.kind().jsonName(), got.getKind());
            assertEquals(want.resultType().toString(), got.getResultType());
            assertEquals(spec.layers().get(l).outputSize(), got.getSize());
            assertEquals(want.accumulatorOverflows(), got.getAccumulatorOverflows());
            assertEquals(want.resultOverflows(), got.getResultOverflows());
            assertArrayEquals(want.trace(), got.getTraceList().stream().mapToLong(Long::longValue).toArray());
        }
        EmulateResponse counted = emulation.emulate(EmulateRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, ""))
                .setEvents(tensor(events.networkFeatures(), 200, 57)).setCountOverflows(true).build());
        assertArrayEquals(expected.raw(), raw(counted));
        assertEquals(0, counted.getLayers(0).getTraceCount());
        assertEquals(r.getLayers(0).getResultOverflows(), counted.getLayers(0).getResultOverflows());
    }

    @Test
    void refusesFloatModelsAndBadRequests() {
        float[] x = FixtureBundles.events(2, 33).networkFeatures();
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> emulation.emulate(EmulateRequest.newBuilder()
                .setModel(model(FixtureBundles.FLOAT, "1")).setEvents(tensor(x, 2, 57)).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("model 'adc_float' version '1' is a float model (network 'encoder_float' has no fixed-point types); "
                + "emulation needs a quantized bundle", e.getStatus().getDescription());
        x[5] = Float.POSITIVE_INFINITY;
        e = assertThrows(StatusRuntimeException.class, () -> emulation.emulate(EmulateRequest.newBuilder()
                .setModel(model(FixtureBundles.QUANTIZED, "")).setEvents(tensor(x, 2, 57)).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("events.tensor.data: value [0, 5] is Infinity; every value must be finite", e.getStatus().getDescription());
        e = assertThrows(StatusRuntimeException.class, () -> emulation.validate(ValidateRequest.getDefaultInstance()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());   // Validate itself: ValidateServiceTest
        assertEquals("model.name: required, got ''", e.getStatus().getDescription());
    }
}
