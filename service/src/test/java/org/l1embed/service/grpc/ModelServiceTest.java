package org.l1embed.service.grpc;

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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.proto.v1.AcceptedShape;
import org.l1embed.proto.v1.DescribeModelRequest;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.LayerDescription;
import org.l1embed.proto.v1.ListModelsRequest;
import org.l1embed.proto.v1.LoadModelRequest;
import org.l1embed.proto.v1.ModelDescription;
import org.l1embed.proto.v1.ModelServiceGrpc;
import org.l1embed.proto.v1.ModelState;
import org.l1embed.proto.v1.ModelStatus;
import org.l1embed.proto.v1.UnloadModelRequest;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;

@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ModelServiceTest {

    @GrpcClient("l1embed")
    ModelServiceGrpc.ModelServiceBlockingStub models;

    @GrpcClient("l1embed")
    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

    @ConfigProperty(name = "l1embed.models.dir")
    Path root;

    @Test
    void listsEveryVersionWithItsStateSortedByNameAndVersion() {
        List<ModelStatus> all = models.list(ListModelsRequest.getDefaultInstance()).getModelsList();
        assertEquals(List.of(model(FixtureBundles.FLOAT, "1"), model(FixtureBundles.QUANTIZED, "1"),
                model(FixtureBundles.QUANTIZED, "2"), model(FixtureBundles.BROKEN, "1")).stream()
                .sorted(java.util.Comparator.comparing(org.l1embed.proto.v1.ModelRef::getName)).toList(),
                all.stream().map(ModelStatus::getModel).toList());
        ModelStatus floatModel = all.get(0);
        assertEquals(ModelState.MODEL_STATE_READY, floatModel.getState());
        assertFalse(floatModel.getQuantized());
        assertTrue(floatModel.getLatest());
        assertEquals(List.of(false, true), all.subList(1, 3).stream().map(ModelStatus::getLatest).toList());
        assertTrue(all.get(2).getQuantized());
        ModelStatus broken = all.get(3);
        assertEquals(ModelState.MODEL_STATE_FAILED, broken.getState());
        assertTrue(broken.getMessage().contains("model.onnx: sha256 mismatch"), broken.getMessage());
        assertEquals(2, models.list(ListModelsRequest.newBuilder().setName(FixtureBundles.QUANTIZED).build()).getModelsCount());
    }

    @Test
    void describesInputSchemaLayersProvenanceAndChecksums() throws IOException {
        ModelDescription d = models.describe(DescribeModelRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, "")).build());
        ModelBundle bundle = ModelBundle.read(root.resolve(FixtureBundles.QUANTIZED).resolve("2"));
        NetworkSpec spec = bundle.network();
        assertEquals(model(FixtureBundles.QUANTIZED, "2"), d.getModel());
        assertEquals(ModelState.MODEL_STATE_READY, d.getState());
        assertEquals("encoder_q", d.getNetworkName());
        assertEquals(List.of(57), d.getInput().getShapeList());
        assertEquals(57, d.getInput().getSize());
        assertEquals("standardize_nonzero", d.getInput().getPreprocessing());
        assertEquals(spec.input().type().toString(), d.getInput().getFixedType());
        assertEquals(List.of(List.of(57L), List.of(19L, 3L), List.of(19L, 4L)),
                d.getInput().getAcceptedShapesList().stream().map(AcceptedShape::getDimsList).toList());
        assertTrue(d.getInput().getAcceptsStructured());
        assertEquals(4, d.getLatentSize());
        assertTrue(d.getQuantized());
        assertEquals(spec.outputType().toString(), d.getOutputType());
        assertEquals(spec.layers().size(), d.getLayersCount());
        for (int l = 0; l < spec.layers().size(); l++) {
            Layer want = spec.layers().get(l);
            LayerDescription got = d.getLayers(l);
            assertEquals(want.name(), got.getName());
            assertEquals(want.kind().jsonName(), got.getKind());
            assertEquals(want.inputSize(), got.getInputs());
            assertEquals(want.outputSize(), got.getOutputs());
            assertEquals(want.resultType().toString(), got.getResultType());
            assertEquals(want.types().stream().map(t -> t.role() + "=" + t.type()).toList(),
                    got.getTypesList().stream().map(t -> t.getRole() + "=" + t.getType()).toList());
        }
        assertEquals(bundle.checksums(), new java.util.TreeMap<>(d.getChecksumsMap()));
        assertEquals("0.1.0-test", d.getProvenance().getCodeVersion());
        assertEquals("2025-03-01T12:00:00Z", d.getProvenance().getCreatedAt());
        assertEquals("generated:service-fixture", d.getProvenance().getDatasetFingerprint());
        assertEquals(java.util.Map.of("init", 1L), d.getProvenance().getSeedsMap());
        assertEquals("{\"fixture\":\"encoder_q\"}", d.getProvenance().getTrainingConfigJson());

        ModelDescription f = models.describe(DescribeModelRequest.newBuilder().setModel(model(FixtureBundles.FLOAT, "1")).build());
        assertFalse(f.getQuantized());
        assertEquals("", f.getOutputType());
        assertEquals("", f.getInput().getFixedType());
        assertEquals(0, f.getLayers(0).getTypesCount());
    }

    @Test
    void describeRefusesUnknownAndFailedModels() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> models.describe(
                DescribeModelRequest.newBuilder().setModel(model("nope", "1")).build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("model 'nope' version '1' is not in the repository; models: adc_float, adc_q, broken",
                e.getStatus().getDescription());
        e = assertThrows(StatusRuntimeException.class, () -> models.describe(
                DescribeModelRequest.newBuilder().setModel(model(FixtureBundles.BROKEN, "")).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertEquals("model 'broken' has no ready version: 1 failed", e.getStatus().getDescription());
    }

    @Test
    void unloadStopsServingAVersionAndLoadBringsItBack() {
        EmbedRequest request = EmbedRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, "1"))
                .setEvents(tensor(FixtureBundles.events(1, 34).networkFeatures(), 1, 57)).build();
        float first = embedding.embed(request).getLatents().getData().asReadOnlyByteBuffer().getFloat(0);
        ModelStatus unloaded = models.unload(UnloadModelRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, "1")).build());
        assertEquals(ModelState.MODEL_STATE_UNLOADED, unloaded.getState());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> embedding.embed(request));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("model 'adc_q' version '1' is not loaded (it was unloaded; ModelService.Load loads it)",
                e.getStatus().getDescription());
        ModelStatus loaded = models.load(LoadModelRequest.newBuilder().setModel(model(FixtureBundles.QUANTIZED, "1")).build());
        assertEquals(ModelState.MODEL_STATE_READY, loaded.getState());
        assertFalse(loaded.getLatest());
        assertEquals(first, embedding.embed(request).getLatents().getData().asReadOnlyByteBuffer().getFloat(0));
        e = assertThrows(StatusRuntimeException.class, () -> models.load(LoadModelRequest.newBuilder()
                .setModel(model(FixtureBundles.QUANTIZED, "")).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("model.version: required here (Load and Unload act on one version), got ''", e.getStatus().getDescription());
    }
}
