package org.l1embed.training.export;

/**
 * The ONNX operators l1embed exports (default domain, opset {@value OnnxExporter#OPSET_VERSION}), with their
 * number of inputs. Operator semantics: https://onnx.ai/onnx/operators/.
 */
enum OnnxOp {
    SUB("Sub", 2),
    DIV("Div", 2),
    EQUAL("Equal", 2),
    WHERE("Where", 3),
    MAT_MUL("MatMul", 2),
    ADD("Add", 2),
    MUL("Mul", 2),
    ROUND("Round", 1),
    RELU("Relu", 1),
    LEAKY_RELU("LeakyRelu", 1),
    IDENTITY("Identity", 1);

    private final String opType;
    private final int inputs;

    OnnxOp(String opType, int inputs) {
        this.opType = opType;
        this.inputs = inputs;
    }

    /** The {@code op_type} of the node. */
    String opType() {
        return opType;
    }

    /** The number of inputs the node takes. */
    int inputs() {
        return inputs;
    }
}
