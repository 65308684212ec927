package org.l1embed.service.kserve;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.l1embed.service.kserve.KServeRequests.fp32;
import static org.l1embed.service.kserve.KServeRequests.fp64;
import static org.l1embed.service.kserve.KServeRequests.input;
import static org.l1embed.service.kserve.KServeRequests.int64;
import static org.l1embed.service.kserve.KServeRequests.raw;

import com.google.protobuf.ByteString;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.events.EventSet;
import org.l1embed.proto.inference.DataType;
import org.l1embed.proto.inference.GRPCInferenceServiceGrpc;
import org.l1embed.proto.inference.InferTensorContents;
import org.l1embed.proto.inference.ModelConfig;
import org.l1embed.proto.inference.ModelConfigRequest;
import org.l1embed.proto.inference.ModelInferRequest;
import org.l1embed.proto.inference.ModelInferResponse;
import org.l1embed.proto.inference.ModelInstanceGroup;
import org.l1embed.proto.inference.ModelMetadataRequest;
import org.l1embed.proto.inference.ModelMetadataResponse;
import org.l1embed.proto.inference.ModelReadyRequest;
import org.l1embed.proto.inference.ModelStatistics;
import org.l1embed.proto.inference.ModelStatisticsRequest;
import org.l1embed.proto.inference.ModelStreamInferResponse;
import org.l1embed.proto.inference.RepositoryIndexRequest;
import org.l1embed.proto.inference.RepositoryIndexResponse;
import org.l1embed.proto.inference.RepositoryModelLoadRequest;
import org.l1embed.proto.inference.ServerLiveRequest;
import org.l1embed.proto.inference.ServerMetadataRequest;
import org.l1embed.proto.inference.ServerMetadataResponse;
import org.l1embed.proto.inference.ServerReadyRequest;
import org.l1embed.proto.inference.TraceRequest;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;
import org.l1embed.service.Requests;

/**
 * {@code inference.GRPCInferenceService} through the client generated from the same protocol files, on the real server:
 * every implemented RPC, raw and typed contents, every accepted datatype and layout, streams, gzip, the shared batcher,
 * statistics and metrics, and the errors. Results are compared with the in-process models: ONNX Runtime on a session of
 * the test's own, and the emulator, bit for bit.
 */
@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KServeGrpcTest {

    private static final String EMULATED = FixtureBundles.QUANTIZED + "_emulated";

    @GrpcClient("l1embed")
    GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub kserve;

    @GrpcClient("l1embed")
    io.grpc.Channel channel;

    @GrpcClient("l1embed")
    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embedding;

    @ConfigProperty(name = "l1embed.models.dir")
    Path root;

    private Path bundle(String name, String version) {
        return root.resolve(name).resolve(version);
    }

    // ---------------------------------------------------------------- server and model information

    @Test
    void serverIsLiveAndReadyAndListsItsExtensions() {
        assertTrue(kserve.serverLive(ServerLiveRequest.getDefaultInstance()).getLive());
        assertTrue(kserve.serverReady(ServerReadyRequest.getDefaultInstance()).getReady());
        ServerMetadataResponse m = kserve.serverMetadata(ServerMetadataRequest.getDefaultInstance());
        assertEquals("l1embed", m.getName());
        assertFalse(m.getVersion().isEmpty());
        assertEquals(List.of("model_configuration", "model_repository", "statistics"), m.getExtensionsList());
    }

    @Test
    void modelReadyIsTrueForServedVersionsOnly() {
        assertTrue(kserve.modelReady(ModelReadyRequest.newBuilder().setName(FixtureBundles.FLOAT).build()).getReady());
        assertTrue(kserve.modelReady(ModelReadyRequest.newBuilder().setName(EMULATED).setVersion("1").build()).getReady());
        assertFalse(kserve.modelReady(ModelReadyRequest.newBuilder().setName(EMULATED).setVersion("7").build()).getReady());
        assertFalse(kserve.modelReady(ModelReadyRequest.newBuilder().setName(FixtureBundles.FLOAT + "_emulated").build())
                .getReady());
        assertFalse(kserve.modelReady(ModelReadyRequest.newBuilder().setName(FixtureBundles.BROKEN).build()).getReady());
        assertFalse(kserve.modelReady(ModelReadyRequest.newBuilder().setName("nope").build()).getReady());
    }

    @Test
    void metadataDescribesTheFloatAndTheEmulatedModel() {
        ModelMetadataResponse f = kserve.modelMetadata(ModelMetadataRequest.newBuilder().setName(FixtureBundles.QUANTIZED).build());
        assertEquals(FixtureBundles.QUANTIZED, f.getName());
        assertEquals(List.of("1", "2"), f.getVersionsList());
        assertEquals("onnxruntime_onnx", f.getPlatform());
        assertEquals(1, f.getInputsCount());
        assertEquals("events", f.getInputs(0).getName());
        assertEquals("FP32", f.getInputs(0).getDatatype());
        assertEquals(List.of(-1L, 57L), f.getInputs(0).getShapeList());
        assertEquals(1, f.getOutputsCount());
        assertEquals("latent", f.getOutputs(0).getName());
        assertEquals("FP32", f.getOutputs(0).getDatatype());
        assertEquals(List.of(-1L, 4L), f.getOutputs(0).getShapeList());

        ModelMetadataResponse e = kserve.modelMetadata(ModelMetadataRequest.newBuilder().setName(EMULATED).setVersion("1").build());
        assertEquals(EMULATED, e.getName());
        assertEquals(List.of("1", "2"), e.getVersionsList());
        assertEquals("l1embed_emulator", e.getPlatform());
        assertEquals(List.of("latent", "latent_raw"), e.getOutputsList().stream().map(t -> t.getName()).toList());
        assertEquals(List.of("FP64", "INT64"), e.getOutputsList().stream().map(t -> t.getDatatype()).toList());
        assertEquals(List.of(-1L, 4L), e.getOutputs(1).getShapeList());
    }

    @Test
    void configCarriesBatchSizeShapesAndTheBatchersSettings() {
        ModelConfig c = kserve.modelConfig(ModelConfigRequest.newBuilder().setName(EMULATED).build()).getConfig();
        assertEquals(EMULATED, c.getName());
        assertEquals("l1embed_emulator", c.getBackend());
        // 64 MiB inbound limit / (76 values of [19, 4] x 8 bytes)
        assertEquals(67108864 / (76 * 8), c.getMaxBatchSize());
        assertEquals(1, c.getInputCount());
        assertEquals("events", c.getInput(0).getName());
        assertEquals(DataType.TYPE_FP32, c.getInput(0).getDataType());
        assertEquals(List.of(57L), c.getInput(0).getDimsList());
        assertEquals(DataType.TYPE_FP64, c.getOutput(0).getDataType());
        assertEquals(DataType.TYPE_INT64, c.getOutput(1).getDataType());
        assertEquals(List.of(4L), c.getOutput(1).getDimsList());
        assertTrue(c.hasDynamicBatching());
        assertEquals(List.of(256), c.getDynamicBatching().getPreferredBatchSizeList());
        assertEquals(0, c.getDynamicBatching().getMaxQueueDelayMicroseconds());
        assertEquals(4096, c.getDynamicBatching().getDefaultQueuePolicy().getMaxQueueSize());
        assertEquals(ModelInstanceGroup.Kind.KIND_CPU, c.getInstanceGroup(0).getKind());
        NetworkSpec spec = InProcessModels.network(bundle(FixtureBundles.QUANTIZED, "2"));
        assertEquals(spec.outputType().toString(), c.getParametersOrThrow("output_type").getStringValue());

        ModelConfig f = kserve.modelConfig(ModelConfigRequest.newBuilder().setName(FixtureBundles.FLOAT).setVersion("1").build())
                .getConfig();
        assertEquals("onnxruntime", f.getBackend());
        assertEquals("onnxruntime_onnx", f.getPlatform());
        assertEquals(DataType.TYPE_FP32, f.getOutput(0).getDataType());
        assertEquals(0, f.getParametersCount());
    }

    @Test
    void repositoryIndexListsEveryServedModelVersion() {
        RepositoryIndexResponse all = kserve.repositoryIndex(RepositoryIndexRequest.getDefaultInstance());
        List<String> entries = all.getModelsList().stream().map(m -> m.getName() + "/" + m.getVersion() + " " + m.getState())
                .toList();
        assertEquals(List.of("adc_float/1 READY", "adc_q/1 READY", "adc_q/2 READY", "adc_q_emulated/1 READY",
                "adc_q_emulated/2 READY", "broken/1 UNAVAILABLE"), entries);
        assertTrue(all.getModels(5).getReason().contains("sha256 mismatch"), all.getModels(5).getReason());
        assertEquals(5, kserve.repositoryIndex(RepositoryIndexRequest.newBuilder().setReady(true).build()).getModelsCount());
    }

    // ---------------------------------------------------------------- inference

    @Test
    void rawContentsBuiltLikeTheCppClientGiveOnnxRuntimesLatentsBitForBit() {
        EventSet events = FixtureBundles.events(40, 801);
        float[] x = events.networkFeatures();
        ModelInferResponse r = kserve.modelInfer(raw(FixtureBundles.FLOAT, "1", "req-1", x, 40, 57));
        assertEquals(FixtureBundles.FLOAT, r.getModelName());
        assertEquals("1", r.getModelVersion());
        assertEquals("req-1", r.getId());
        assertEquals(1, r.getOutputsCount());
        assertEquals("latent", r.getOutputs(0).getName());
        assertEquals("FP32", r.getOutputs(0).getDatatype());
        assertEquals(List.of(40L, 4L), r.getOutputs(0).getShapeList());
        assertEquals(1, r.getRawOutputContentsCount());
        assertArrayEquals(InProcessModels.floatLatents(bundle(FixtureBundles.FLOAT, "1"), x, 40), fp32(r, 0));
        // the same bits as the l1embed API's Embed
        assertArrayEquals(Requests.floats(embedding.embed(EmbedRequest.newBuilder()
                .setModel(Requests.model(FixtureBundles.FLOAT, "1")).setEvents(Requests.tensor(x, 40, 57)).build())
                .getLatents()), fp32(r, 0));
    }

    @Test
    void emulatedModelGivesTheEmulatorsRawOutputsAndTheirExactValues() {
        EventSet events = FixtureBundles.events(300, 802);
        for (String version : new String[] {"1", "2"}) {
            NetworkSpec spec = InProcessModels.network(bundle(FixtureBundles.QUANTIZED, version));
            long[] expected = InProcessModels.emulatedRaw(bundle(FixtureBundles.QUANTIZED, version), events.networkFeatures());
            ModelInferResponse r = kserve.modelInfer(raw(EMULATED, version, "e" + version, events.particles(), 300, 19, 4));
            assertEquals(EMULATED, r.getModelName());
            assertEquals(version, r.getModelVersion());
            assertEquals(List.of("latent", "latent_raw"), r.getOutputsList().stream().map(o -> o.getName()).toList());
            assertEquals(List.of(300L, 4L), r.getOutputs(1).getShapeList());
            assertArrayEquals(expected, int64(r, 1));
            double[] values = fp64(r, 0);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(spec.outputType().toDouble(expected[i]), values[i]);
            }
        }
    }

    @Test
    void requestedOutputsComeInTheOrderAsked() {
        float[] x = FixtureBundles.events(5, 803).networkFeatures();
        ModelInferRequest request = raw(EMULATED, "", "", x, 5, 57).toBuilder()
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("latent_raw"))
                .build();
        ModelInferResponse r = kserve.modelInfer(request);
        assertEquals("2", r.getModelVersion());   // the latest
        assertEquals(1, r.getOutputsCount());
        assertEquals("latent_raw", r.getOutputs(0).getName());
        assertArrayEquals(InProcessModels.emulatedRaw(bundle(FixtureBundles.QUANTIZED, "2"), x), int64(r, 0));
    }

    @Test
    void everyLayoutAndDatatypeGivesTheSameBits() {
        EventSet events = FixtureBundles.events(12, 804);
        float[] x = events.networkFeatures();
        long[] expected = InProcessModels.emulatedRaw(bundle(FixtureBundles.QUANTIZED, "2"), x);
        float[] latents = InProcessModels.floatLatents(bundle(FixtureBundles.QUANTIZED, "2"), x, 12);

        List<ModelInferRequest> requests = new ArrayList<>();
        requests.add(raw(EMULATED, "2", "", x, 12, 57));
        requests.add(raw(EMULATED, "2", "", events.particles(), 12, 19, 4));
        requests.add(raw(EMULATED, "2", "", x, 12, 19, 3));
        InferTensorContents.Builder fp32 = InferTensorContents.newBuilder();
        InferTensorContents.Builder fp64 = InferTensorContents.newBuilder();
        for (float v : x) {
            fp32.addFp32Contents(v);
            fp64.addFp64Contents(v);   // float -> double is exact, and double -> float gives v back
        }
        requests.add(typed(EMULATED, input("FP32", 12, 57).setContents(fp32)));
        requests.add(typed(EMULATED, input("FP64", 12, 57).setContents(fp64)));
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(x.length * 8).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float v : x) {
            b.putDouble(v);
        }
        requests.add(ModelInferRequest.newBuilder().setModelName(EMULATED).addInputs(input("FP64", 12, 57))
                .addRawInputContents(ByteString.copyFrom(b.array())).build());
        for (ModelInferRequest request : requests) {
            assertArrayEquals(expected, int64(kserve.modelInfer(request), 1), request.getInputs(0).toString());
            ModelInferRequest asFloat = request.toBuilder().setModelName(FixtureBundles.QUANTIZED).build();
            assertArrayEquals(latents, fp32(kserve.modelInfer(asFloat), 0));
        }
    }

    @Test
    void integerInputsAreConvertedToFloat32() {
        int n = 3;
        float[] x = new float[n * 57];
        InferTensorContents.Builder int32 = InferTensorContents.newBuilder();
        InferTensorContents.Builder int64 = InferTensorContents.newBuilder();
        java.nio.ByteBuffer raw32 = java.nio.ByteBuffer.allocate(x.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < x.length; i++) {
            int v = (i * 7919) % 201 - 100;
            x[i] = v;
            int32.addIntContents(v);
            int64.addInt64Contents(v);
            raw32.putInt(v);
        }
        float[] expected = InProcessModels.floatLatents(bundle(FixtureBundles.FLOAT, "1"), x, n);
        assertArrayEquals(expected, fp32(kserve.modelInfer(typed(FixtureBundles.FLOAT, input("INT32", n, 57).setContents(int32))), 0));
        assertArrayEquals(expected, fp32(kserve.modelInfer(typed(FixtureBundles.FLOAT, input("INT64", n, 57).setContents(int64))), 0));
        assertArrayEquals(expected, fp32(kserve.modelInfer(ModelInferRequest.newBuilder().setModelName(FixtureBundles.FLOAT)
                .addInputs(input("INT32", n, 57)).addRawInputContents(ByteString.copyFrom(raw32.array())).build()), 0));
    }

    private static ModelInferRequest typed(String model, ModelInferRequest.InferInputTensor.Builder input) {
        return ModelInferRequest.newBuilder().setModelName(model).addInputs(input).build();
    }

    @Test
    void gzipCompressedRequestsAreServed() {
        float[] x = FixtureBundles.events(200, 805).networkFeatures();
        ModelInferResponse r = kserve.withCompression("gzip").modelInfer(raw(EMULATED, "1", "gz", x, 200, 57));
        assertEquals("gz", r.getId());
        assertArrayEquals(InProcessModels.emulatedRaw(bundle(FixtureBundles.QUANTIZED, "1"), x), int64(r, 1));
    }

    @Test
    void streamAnswersInOrderWithErrorsInBand() throws Exception {
        float[] x = FixtureBundles.events(6, 806).networkFeatures();
        List<ModelStreamInferResponse> answers = Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Void> done = new CompletableFuture<>();
        StreamObserver<ModelInferRequest> requests = GRPCInferenceServiceGrpc.newStub(channel).withCompression("gzip").modelStreamInfer(new StreamObserver<>() {
            @Override
            public void onNext(ModelStreamInferResponse value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onCompleted() {
                done.complete(null);
            }
        });
        requests.onNext(raw(EMULATED, "2", "s0", x, 6, 57));
        requests.onNext(raw("nope", "", "s1", x, 6, 57));
        requests.onNext(raw(FixtureBundles.FLOAT, "1", "s2", x, 3, 114));
        requests.onNext(raw(FixtureBundles.FLOAT, "1", "s3", x, 6, 57));
        requests.onCompleted();
        done.get(30, TimeUnit.SECONDS);
        assertEquals(4, answers.size());
        assertEquals("s0", answers.get(0).getInferResponse().getId());
        assertArrayEquals(InProcessModels.emulatedRaw(bundle(FixtureBundles.QUANTIZED, "2"), x), int64(answers.get(0).getInferResponse(), 1));
        assertTrue(answers.get(1).getErrorMessage().startsWith("NOT_FOUND: model 'nope' is not served; models: adc_float, adc_q, "
                + "adc_q_emulated, broken"), answers.get(1).getErrorMessage());
        assertTrue(answers.get(2).getErrorMessage().startsWith("INVALID_ARGUMENT: inputs.events.shape: [3, 114]"),
                answers.get(2).getErrorMessage());
        assertEquals("s3", answers.get(3).getInferResponse().getId());
        assertArrayEquals(InProcessModels.floatLatents(bundle(FixtureBundles.FLOAT, "1"), x, 6), fp32(answers.get(3).getInferResponse(), 0));
    }

    // ---------------------------------------------------------------- the shared batcher, statistics and metrics

    @Test
    void concurrentKServeAndEmbedRequestsShareTheBatcherAndMoveStatisticsAndMetrics() throws Exception {
        ModelStatistics before = stats(FixtureBundles.FLOAT, "1");
        double successBefore = series("nv_inference_request_success", FixtureBundles.FLOAT, "1");
        double failureBefore = series("nv_inference_request_failure", FixtureBundles.FLOAT, "1");
        double emulatedBefore = series("nv_inference_count", EMULATED, "2");
        float[] x = FixtureBundles.events(64, 807).networkFeatures();
        float[] expected = InProcessModels.floatLatents(bundle(FixtureBundles.FLOAT, "1"), x, 64);
        int clients = 16;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<float[]>> rows = new ArrayList<>();
            for (int e = 0; e < 64; e++) {
                float[] row = java.util.Arrays.copyOfRange(x, e * 57, (e + 1) * 57);
                boolean viaEmbed = e % 4 == 3;
                rows.add(pool.submit(() -> {
                    start.await();
                    return viaEmbed
                            ? Requests.floats(embedding.embed(EmbedRequest.newBuilder().setModel(Requests.model(FixtureBundles.FLOAT, "1"))
                                    .setEvents(Requests.tensor(row, 1, 57)).build()).getLatents())
                            : fp32(kserve.modelInfer(raw(FixtureBundles.FLOAT, "1", "", row, 1, 57)), 0);
                }));
            }
            start.countDown();
            for (int e = 0; e < 64; e++) {
                assertArrayEquals(java.util.Arrays.copyOfRange(expected, e * 4, (e + 1) * 4), rows.get(e).get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThrows(StatusRuntimeException.class, () -> kserve.modelInfer(raw(FixtureBundles.FLOAT, "1", "", x, 1, 58)));
        kserve.modelInfer(raw(EMULATED, "2", "", x, 64, 57));

        ModelStatistics after = stats(FixtureBundles.FLOAT, "1");
        // every request of both protocols went through the batcher's queue and a backend call
        assertEquals(64, after.getInferenceStats().getSuccess().getCount() - before.getInferenceStats().getSuccess().getCount());
        assertEquals(64, after.getInferenceStats().getQueue().getCount() - before.getInferenceStats().getQueue().getCount());
        assertEquals(64, after.getInferenceStats().getComputeInfer().getCount()
                - before.getInferenceStats().getComputeInfer().getCount());
        assertEquals(64, after.getInferenceCount() - before.getInferenceCount());
        long executions = after.getExecutionCount() - before.getExecutionCount();
        assertTrue(executions >= 1 && executions <= 64, "executions " + executions);
        assertEquals(1, after.getInferenceStats().getFail().getCount() - before.getInferenceStats().getFail().getCount());
        assertTrue(after.getInferenceStats().getComputeInfer().getNs() > before.getInferenceStats().getComputeInfer().getNs());
        assertTrue(after.getLastInference() > 0);

        assertEquals(successBefore + 64, series("nv_inference_request_success", FixtureBundles.FLOAT, "1"));
        assertEquals(failureBefore + 1, series("nv_inference_request_failure", FixtureBundles.FLOAT, "1"));
        assertEquals(emulatedBefore + 64, series("nv_inference_count", EMULATED, "2"));
        assertTrue(series("nv_inference_exec_count", EMULATED, "2") >= 1);
        assertTrue(series("nv_inference_compute_infer_duration_us", FixtureBundles.FLOAT, "1") > 0);
        series("nv_inference_queue_duration_us", FixtureBundles.FLOAT, "1");
    }

    @Test
    void statisticsListEveryReadyServedVersion() {
        List<String> all = kserve.modelStatistics(ModelStatisticsRequest.getDefaultInstance()).getModelStatsList().stream()
                .map(s -> s.getName() + "/" + s.getVersion()).toList();
        assertEquals(List.of("adc_float/1", "adc_q/1", "adc_q/2", "adc_q_emulated/1", "adc_q_emulated/2"), all);
        assertEquals(2, kserve.modelStatistics(ModelStatisticsRequest.newBuilder().setName(EMULATED).build()).getModelStatsCount());
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> kserve.modelStatistics(
                ModelStatisticsRequest.newBuilder().setName(FixtureBundles.QUANTIZED).setVersion("9").build()));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    private ModelStatistics stats(String name, String version) {
        return kserve.modelStatistics(ModelStatisticsRequest.newBuilder().setName(name).setVersion(version).build()).getModelStats(0);
    }

    /** The value of a Triton series in /q/metrics. */
    private static double series(String name, String model, String version) {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{model=\"" + model + "\",version=\"" + version + "\"} (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    // ---------------------------------------------------------------- errors

    @Test
    void unknownModelsAndVersionsAreNotFound() {
        float[] x = new float[57];
        assertStatus(Status.Code.NOT_FOUND, "model 'nope' is not served; models: adc_float, adc_q, adc_q_emulated, broken",
                () -> kserve.modelInfer(raw("nope", "", "", x, 1, 57)));
        assertStatus(Status.Code.NOT_FOUND, "model 'adc_float_emulated' is not served; models: adc_float, adc_q, adc_q_emulated, broken",
                () -> kserve.modelInfer(raw("adc_float_emulated", "", "", x, 1, 57)));
        assertStatus(Status.Code.NOT_FOUND, "model 'adc_q' version '7' is not in the repository; versions of 'adc_q': 1, 2",
                () -> kserve.modelInfer(raw(EMULATED, "7", "", x, 1, 57)));
        assertStatus(Status.Code.NOT_FOUND, "model 'nope' is not served; models: adc_float, adc_q, adc_q_emulated, broken",
                () -> kserve.modelMetadata(ModelMetadataRequest.newBuilder().setName("nope").build()));
        assertStatus(Status.Code.NOT_FOUND, "model 'adc_q' version '7' is not in the repository; versions of 'adc_q': 1, 2",
                () -> kserve.modelConfig(ModelConfigRequest.newBuilder().setName(FixtureBundles.QUANTIZED).setVersion("7").build()));
        assertStatus(Status.Code.FAILED_PRECONDITION, "model 'broken' version '1' could not be loaded",
                () -> kserve.modelInfer(raw(FixtureBundles.BROKEN, "1", "", x, 1, 57)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "model_name: required, got ''",
                () -> kserve.modelInfer(raw("", "", "", x, 1, 57)));
    }

    @Test
    void badShapesAndDatatypesAreInvalidArgumentsNamingExpectedAndActual() {
        float[] x = new float[2 * 58];
        assertStatus(Status.Code.INVALID_ARGUMENT, "inputs.events.shape: [2, 58] is not accepted by model 'adc_q_emulated' version "
                + "'2'; expected one of [N, 57], [N, 19, 3], [N, 19, 4]", () -> kserve.modelInfer(raw(EMULATED, "", "", x, 2, 58)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "inputs.events.shape: expected [N, ...] with N events, one of [N, 57], "
                + "[N, 19, 3], [N, 19, 4] for model 'adc_float' version '1', got [57]",
                () -> kserve.modelInfer(raw(FixtureBundles.FLOAT, "", "", new float[57], 57)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "inputs.events.datatype: 'BYTES' is not accepted by model 'adc_float' version "
                + "'1'; expected one of FP32, FP64, INT32, INT64", () -> kserve.modelInfer(raw(FixtureBundles.FLOAT, "", "",
                        new float[57], 1, 57).toBuilder().setInputs(0, input("BYTES", 1, 57)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "raw_input_contents[0] (input 'events', shape [2, 57]): expected 456 bytes "
                + "(114 FP32 values), got 452", () -> kserve.modelInfer(raw(FixtureBundles.FLOAT, "", "", new float[113], 2, 57)));
        assertStatus(Status.Code.INVALID_ARGUMENT, "raw_input_contents[0] (input 'events', shape [1, 57]): expected 456 bytes "
                + "(57 FP64 values), got 228", () -> kserve.modelInfer(raw(FixtureBundles.FLOAT, "", "", new float[57], 1, 57)
                        .toBuilder().setInputs(0, input("FP64", 1, 57)).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "inputs[0].contents (input 'events', shape [1, 57]): expected 57 FP32 values in "
                + "fp32_contents, got 0", () -> kserve.modelInfer(typed(FixtureBundles.FLOAT, input("FP32", 1, 57)
                        .setContents(InferTensorContents.newBuilder().addFp64Contents(1.0)))));
        assertStatus(Status.Code.INVALID_ARGUMENT, "inputs: model 'adc_float' version '1' expects exactly one input 'events', "
                + "got ['x']", () -> kserve.modelInfer(raw(FixtureBundles.FLOAT, "", "", new float[57], 1, 57).toBuilder()
                        .setInputs(0, input("FP32", 1, 57).setName("x")).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "raw_input_contents: expected one entry per input (1), got 2",
                () -> kserve.modelInfer(raw(FixtureBundles.FLOAT, "", "", new float[57], 1, 57).toBuilder()
                        .addRawInputContents(ByteString.EMPTY).build()));
        assertStatus(Status.Code.INVALID_ARGUMENT, "outputs: model 'adc_float' version '1' has no output 'latent_raw'; its "
                + "outputs: latent", () -> kserve.modelInfer(raw(FixtureBundles.FLOAT, "", "", new float[57], 1, 57).toBuilder()
                        .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("latent_raw")).build()));
        float[] nan = new float[57];
        nan[3] = Float.NaN;
        assertStatus(Status.Code.INVALID_ARGUMENT, "raw_input_contents[0]: value [0, 3] is NaN; every value must be finite",
                () -> kserve.modelInfer(raw(FixtureBundles.FLOAT, "", "", nan, 1, 57)));
        // the server keeps serving
        assertEquals(1, kserve.modelInfer(raw(FixtureBundles.FLOAT, "", "", new float[57], 1, 57)).getOutputsCount());
    }

    @Test
    void methodsOutsideTheImplementedExtensionsAreUnimplemented() {
        assertStatus(Status.Code.UNIMPLEMENTED, "inference.GRPCInferenceService/RepositoryModelLoad is not implemented by l1embed",
                () -> kserve.repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName(FixtureBundles.FLOAT).build()));
        assertStatus(Status.Code.UNIMPLEMENTED, "inference.GRPCInferenceService/Trace is not implemented by l1embed",
                () -> kserve.trace(TraceRequest.getDefaultInstance()));
    }

    private static void assertStatus(Status.Code code, String messageStart, Runnable call) {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(code, e.getStatus().getCode(), String.valueOf(e.getStatus().getDescription()));
        assertTrue(String.valueOf(e.getStatus().getDescription()).startsWith(messageStart),
                "expected a message starting with\n  " + messageStart + "\ngot\n  " + e.getStatus().getDescription());
    }
}
