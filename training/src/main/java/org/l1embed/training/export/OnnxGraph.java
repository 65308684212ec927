package org.l1embed.training.export;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The context a graph is built in: inputs, initializers, nodes and outputs, appended in the order the exporter
 * visits the network, so the same network always gives the same graph. Refuses a value or node name used twice
 * (the exporter's naming scheme makes that impossible; this is the check that it stays so).
 */
final class OnnxGraph {

    private final OnnxMl.GraphProto.Builder graph = OnnxMl.GraphProto.newBuilder();
    private final Set<String> values = new HashSet<>();
    private final Set<String> nodes = new HashSet<>();

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /** Declares a graph input of float32 values, shape {@code [batch, features]}. */
    void input(String name, String batchDimension, long features) {
        claimValue(name);
        graph.addInput(floatMatrix(name, batchDimension, features));
    }

    /** Declares a graph output of float32 values, shape {@code [batch, features]}; the value must exist. */
    void output(String name, String batchDimension, long features) {
        if (!values.contains(name)) {
            throw new IllegalStateException("graph output '" + name + "' is not produced by any node");
        }
        graph.addOutput(floatMatrix(name, batchDimension, features));
    }

    /** Adds a float32 initializer with little-endian raw data; returns its name. */
    String initializer(String name, long[] dims, float[] data) {
        long expected = 1;
        for (long d : dims) {
            expected *= d;
        }
        if (expected != data.length) {
            throw new IllegalStateException("initializer '" + name + "': " + data.length + " values for " + expected + " elements");
        }
        claimValue(name);
        ByteBuffer raw = ByteBuffer.allocate(4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : data) {
            raw.putFloat(f);
        }
        raw.flip();
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder()
                .setName(name)
                .setDataType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(raw));
        for (long d : dims) {
            t.addDims(d);
        }
        graph.addInitializer(t);
        return name;
    }

    /** Adds a node computing {@code output} from existing values; returns {@code output}. */
    String node(OnnxOp op, String nodeName, List<String> inputs, String output, OnnxMl.AttributeProto... attributes) {
        if (inputs.size() != op.inputs()) {
            throw new IllegalStateException(op.opType() + " takes " + op.inputs() + " inputs, got " + inputs);
        }
        for (String in : inputs) {
            if (!values.contains(in)) {
                throw new IllegalStateException("node '" + nodeName + "' reads '" + in + "', which no node or initializer produces");
            }
        }
        if (!nodes.add(nodeName)) {
            throw new IllegalStateException("node name '" + nodeName + "' is used twice");
        }
        claimValue(output);
        OnnxMl.NodeProto.Builder n = OnnxMl.NodeProto.newBuilder()
                .setName(nodeName)
                .setOpType(op.opType())
                .addAllInput(inputs)
                .addOutput(output);
        for (OnnxMl.AttributeProto a : attributes) {
            n.addAttribute(a);
        }
        graph.addNode(n);
        return output;
    }

    /** A float attribute. */
    static OnnxMl.AttributeProto floatAttribute(String name, float value) {
        return OnnxMl.AttributeProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.AttributeProto.AttributeType.FLOAT)
                .setF(value)
                .build();
    }

    OnnxMl.GraphProto build() {
        return graph.build();
    }

    private void claimValue(String name) {
        if (!values.add(name)) {
            throw new IllegalStateException("value name '" + name + "' is used twice");
        }
    }

    private static OnnxMl.ValueInfoProto floatMatrix(String name, String batchDimension, long features) {
        OnnxMl.TensorShapeProto shape = OnnxMl.TensorShapeProto.newBuilder()
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimParam(batchDimension))
                .addDim(OnnxMl.TensorShapeProto.Dimension.newBuilder().setDimValue(features))
                .build();
        return OnnxMl.ValueInfoProto.newBuilder()
                .setName(name)
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(OnnxMl.TypeProto.Tensor.newBuilder()
                        .setElemType(OnnxMl.TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape)))
                .build();
    }
}
