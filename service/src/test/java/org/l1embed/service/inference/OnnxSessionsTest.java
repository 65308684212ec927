package org.l1embed.service.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FloatModel;
import org.l1embed.inference.InferenceDevice;
import org.l1embed.inference.OnnxSessions;
import org.l1embed.quantization.bundle.Checksums;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.FixtureBundles;
import org.l1embed.training.export.OnnxExporter;

class OnnxSessionsTest {

    private static final NetworkSpec SPEC = FixtureBundles.encoder(7, false);
    private static final byte[] ONNX = new OnnxExporter("0.1.0-test").toBytes(SPEC);
    private static final String NETWORK_SHA = Checksums.sha256Hex(NetworkJson.toJson(SPEC).getBytes(StandardCharsets.UTF_8));

    /**
     * The service depends on the CPU build of ONNX Runtime, which has no CUDA execution provider: asking for CUDA must
     * fall back to the CPU (with one WARN line) and compute the same latents.
     */
    @Test
    void cudaFallsBackToTheCpuWhenTheProviderIsUnavailable() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeFalse(
                ai.onnxruntime.OrtEnvironment.getAvailableProviders().contains(ai.onnxruntime.OrtProvider.CUDA),
                "this ONNX Runtime build has a CUDA provider (-Pgpu): the fallback is not what happens here");
        FeatureBatch events = new FeatureBatch(5, 57, FixtureBundles.events(5, 3).networkFeatures());
        try (FloatModel cpu = FloatModel.open(new OnnxSessions(InferenceDevice.CPU, 1), ONNX, 57, 4, NETWORK_SHA);
             FloatModel cuda = FloatModel.open(new OnnxSessions(InferenceDevice.CUDA, 1), ONNX, 57, 4, NETWORK_SHA)) {
            assertEquals(InferenceDevice.CPU, cpu.device());
            assertEquals(InferenceDevice.CPU, cuda.device());
            assertArrayEquals(cpu.embed(events), cuda.embed(events));
        }
    }

    @Test
    void refusesAModelThatDoesNotMatchTheNetwork() {
        OnnxSessions sessions = new OnnxSessions(InferenceDevice.CPU, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FloatModel.open(sessions, ONNX, 56, 4, NETWORK_SHA));
        assertEquals("model.onnx: input 'events' must be float32 [N, 56], got TensorInfo(javaType=FLOAT,onnxType="
                + "ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT,shape=[-1, 57],dimNames=[N,\"\"])", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> FloatModel.open(sessions, ONNX, 57, 4, "ab".repeat(32)));
        assertEquals("model.onnx: metadata l1embed.network_json_sha256 is " + NETWORK_SHA + ", but network.json has sha256 "
                + "ab".repeat(32) + " (the ONNX model was exported from another network)", e.getMessage());
    }
}
