package org.l1embed.training.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.Linear;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.quantization.network.Relu;
import org.l1embed.quantization.network.Tensor;

/** The structure of the exported ONNX model, its determinism and its refusals (no ONNX Runtime needed). */
class OnnxExporterTest {

    private static final OnnxExporter EXPORTER = new OnnxExporter("0.1.0-test");

    /** 2×3 input, standardize_nonzero, Dense → BatchNorm → LeakyRelu → Dense → Relu → Linear. */
    static NetworkSpec everyKind() {
        return new NetworkSpec("every_kind", new InputSpec(List.of(2, 3), new Preprocessing.StandardizeNonZero(
                Tensor.vector(1, 2, 3, 4, 5, 6), Tensor.vector(0.5, 1, 2, 0.25, 1.0 / 3, 10)), null), List.of(
                Dense.floating("enc/0", Tensor.matrix(6, 2, new double[] {0.1, -0.2, 0.3, 0.4, -0.5, 0.6, 0.7, -0.8, 0.9, 1.0, -1.1, 1.2}),
                        Tensor.vector(0.5, -0.25)),
                new BatchNorm("enc/0/bn", 2, Tensor.vector(1.1, 0.9), Tensor.vector(0.1, -0.1), Tensor.vector(0.01, 0.02),
                        Tensor.vector(1.5, 0.5), 1e-5, null, null, null),
                new LeakyRelu("act0", 2, 0.01, null, null),
                Dense.floating("latent", Tensor.matrix(2, 3, new double[] {1, 2, 3, -4, 5, -6}), Tensor.vector(0, 0.125, -0.125)),
                new Relu("relu", 3, null),
                new Linear("out", 3, null)));
    }

    @Test
    void modelHasIrVersion8Opset17AndTheProducer() throws InvalidProtocolBufferException {
        OnnxMl.ModelProto model = OnnxMl.ModelProto.parseFrom(EXPORTER.toBytes(everyKind()));
        assertEquals(8, model.getIrVersion());
        assertEquals(1, model.getOpsetImportCount());
        assertEquals("", model.getOpsetImport(0).getDomain());
        assertEquals(17, model.getOpsetImport(0).getVersion());
        assertEquals("l1embed", model.getProducerName());
        assertEquals("0.1.0-test", model.getProducerVersion());
        assertEquals("org.l1embed", model.getDomain());
        assertEquals(OnnxExporter.metadataKeys(), model.getMetadataPropsList().stream().map(OnnxMl.StringStringEntryProto::getKey).toList());
    }

    @Test
    void graphIsPreprocessingThenOneNodeGroupPerLayer() {
        OnnxMl.GraphProto g = EXPORTER.toModel(everyKind()).getGraph();
        assertEquals("every_kind", g.getName());
        assertEquals(List.of("Sub", "Div", "Equal", "Where", "MatMul", "Add", "Mul", "Add", "LeakyRelu", "MatMul", "Add", "Relu", "Identity"),
                g.getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList());
        assertEquals(List.of("preprocess/Sub", "preprocess/Div", "preprocess/Equal", "preprocess/Where", "enc/0/MatMul", "enc/0/Add",
                "enc/0/bn/Mul", "enc/0/bn/Add", "act0/LeakyRelu", "latent/MatMul", "latent/Add", "relu/Relu", "out/Identity"),
                g.getNodeList().stream().map(OnnxMl.NodeProto::getName).toList());
        assertEquals(List.of("preprocess/mean", "preprocess/std", "preprocess/zero", "enc/0/weight", "enc/0/bias", "enc/0/bn/scale",
                "enc/0/bn/shift", "latent/weight", "latent/bias"), g.getInitializerList().stream().map(OnnxMl.TensorProto::getName).toList());
        OnnxMl.NodeProto last = g.getNode(g.getNodeCount() - 1);
        assertEquals(List.of("relu/out"), last.getInputList());
        assertEquals(List.of("latent"), last.getOutputList());
        OnnxMl.NodeProto where = g.getNode(3);
        assertEquals(List.of("preprocess/is_zero", "preprocess/zero", "preprocess/standardized"), where.getInputList());
        OnnxMl.AttributeProto alpha = g.getNode(8).getAttribute(0);
        assertEquals("alpha", alpha.getName());
        assertEquals(OnnxMl.AttributeProto.AttributeType.FLOAT, alpha.getType());
        assertEquals(0.01f, alpha.getF());
    }

    @Test
    void inputAndOutputAreFloat32WithASymbolicBatchDimension() {
        OnnxMl.GraphProto g = EXPORTER.toModel(everyKind()).getGraph();
        assertEquals(1, g.getInputCount());
        assertEquals(1, g.getOutputCount());
        assertShape(g.getInput(0), "events", 6);
        assertShape(g.getOutput(0), "latent", 3);
    }

    @Test
    void initializersAreLittleEndianFloat32OfTheSpecValues() {
        NetworkSpec spec = everyKind();
        OnnxMl.GraphProto g = EXPORTER.toModel(spec).getGraph();
        Dense d = (Dense) spec.layers().get(0);
        OnnxMl.TensorProto w = initializer(g, "enc/0/weight");
        assertEquals(OnnxMl.TensorProto.DataType.FLOAT_VALUE, w.getDataType());
        assertEquals(List.of(6L, 2L), w.getDimsList());
        assertEquals(0, w.getFloatDataCount(), "values are in raw_data only");
        assertArrayEquals(toFloat(d.weights().toArray()), floats(w));
        BatchNorm bn = (BatchNorm) spec.layers().get(1);
        assertArrayEquals(new float[] {(float) bn.scale(0), (float) bn.scale(1)}, floats(initializer(g, "enc/0/bn/scale")));
        assertArrayEquals(new float[] {(float) bn.shift(0), (float) bn.shift(1)}, floats(initializer(g, "enc/0/bn/shift")));
        assertArrayEquals(new float[] {0.5f, 1f, 2f, 0.25f, (float) (1.0 / 3), 10f}, floats(initializer(g, "preprocess/std")));
        OnnxMl.TensorProto zero = initializer(g, "preprocess/zero");
        assertEquals(0, zero.getDimsCount(), "a scalar");
        assertArrayEquals(new float[] {0f}, floats(zero));
        byte[] raw = initializer(g, "latent/bias").getRawData().toByteArray();
        assertArrayEquals(new byte[] {0, 0, 0, 0, 0, 0, 0, 0x3E, 0, 0, 0, (byte) 0xBE}, raw, "0, 0.125, -0.125 little-endian");
    }

    @Test
    void identityPreprocessingFeedsTheEventsStraightToTheFirstLayer() {
        NetworkSpec spec = new NetworkSpec("plain", InputSpec.flat(2, null), List.of(new Relu("r", 2, null)));
        OnnxMl.GraphProto g = EXPORTER.toModel(spec).getGraph();
        assertEquals(1, g.getNodeCount());
        assertEquals(List.of("events"), g.getNode(0).getInputList());
        assertEquals(List.of("latent"), g.getNode(0).getOutputList());
        assertEquals(0, g.getInitializerCount());
    }

    @Test
    void sameSpecGivesTheSameBytes() {
        NetworkSpec spec = everyKind();
        byte[] a = EXPORTER.toBytes(spec);
        byte[] b = new OnnxExporter("0.1.0-test").toBytes(NetworkJson.parse(NetworkJson.toJson(spec)).spec());
        assertArrayEquals(a, b);
        RandomFloatNetworks r1 = new RandomFloatNetworks(11);
        RandomFloatNetworks r2 = new RandomFloatNetworks(11);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(EXPORTER.toBytes(r1.next()), EXPORTER.toBytes(r2.next()));
        }
    }

    @Test
    void aQuantizedSpecIsExportedAsItsFloatNetworkAndSaysSo() {
        FixedType t = FixedType.parse("ap_fixed<16,6>");
        NetworkSpec q = new NetworkSpec("q", InputSpec.flat(2, t), List.of(new Dense("d", 2, 1, Tensor.matrix(2, 1, new double[] {0.5, 0.25}),
                Tensor.vector(0.125), t, t, FixedType.parse("ap_fixed<40,20>"), t)));
        OnnxMl.ModelProto model = EXPORTER.toModel(q);
        assertEquals("true", model.getMetadataPropsList().stream().filter(p -> p.getKey().equals("l1embed.quantized"))
                .findFirst().orElseThrow().getValue());
        assertArrayEquals(new float[] {0.5f, 0.25f}, floats(initializer(model.getGraph(), "d/weight")));
    }

    @Test
    void refusesConstantsOutsideTheFloat32RangeNamingThem() {
        NetworkSpec big = new NetworkSpec("big", InputSpec.flat(2, null), List.of(Dense.floating("d1",
                Tensor.matrix(2, 2, new double[] {1, 2, 3, 1e39}), Tensor.vector(0, 0))));
        assertEquals("dense layer 'd1': weights[1][1]=1.0E39 is outside the float32 range (magnitude <= 3.4028235E38); "
                + "ONNX constants are float32", assertThrows(IllegalArgumentException.class, () -> EXPORTER.toBytes(big)).getMessage());
        NetworkSpec tinyStd = new NetworkSpec("tiny", new InputSpec(List.of(2), new Preprocessing.Standardize(Tensor.vector(0, 0),
                Tensor.vector(1, 1e-50)), null), List.of(new Relu("r", 2, null)));
        assertEquals("input.preprocessing: std[1]=1.0E-50 rounds to 0.0 in float32; preprocessing divides by the float32 std, "
                + "which must be > 0", assertThrows(IllegalArgumentException.class, () -> EXPORTER.toBytes(tinyStd)).getMessage());
        NetworkSpec hugeScale = new NetworkSpec("bn", InputSpec.flat(1, null), List.of(new BatchNorm("bn", 1, Tensor.vector(1e30),
                Tensor.vector(0), Tensor.vector(0), Tensor.vector(1e-30), 0, null, null, null)));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EXPORTER.toBytes(hugeScale)).getMessage()
                .startsWith("batchnorm layer 'bn': scale (gamma / sqrt(variance + epsilon))[0]=1.0E45 is outside the float32 range"));
        assertEquals("l1embedVersion must be a non-blank string, got ''",
                assertThrows(IllegalArgumentException.class, () -> new OnnxExporter("")).getMessage());
    }

    @Test
    void writesTheFileAtomically(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/model.onnx");
        EXPORTER.write(everyKind(), file);
        assertArrayEquals(EXPORTER.toBytes(everyKind()), Files.readAllBytes(file));
        try (var s = Files.list(file.getParent())) {
            assertEquals(List.of("model.onnx"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    private static void assertShape(OnnxMl.ValueInfoProto v, String name, long features) {
        assertEquals(name, v.getName());
        OnnxMl.TypeProto.Tensor t = v.getType().getTensorType();
        assertEquals(OnnxMl.TensorProto.DataType.FLOAT_VALUE, t.getElemType());
        assertEquals(2, t.getShape().getDimCount());
        assertEquals("N", t.getShape().getDim(0).getDimParam());
        assertEquals(features, t.getShape().getDim(1).getDimValue());
    }

    private static OnnxMl.TensorProto initializer(OnnxMl.GraphProto g, String name) {
        return g.getInitializerList().stream().filter(t -> t.getName().equals(name)).findFirst().orElseThrow();
    }

    private static float[] floats(OnnxMl.TensorProto t) {
        ByteBuffer b = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }
}
