package org.l1embed.service.kserve;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.l1embed.proto.inference.ModelInferRequest;
import org.l1embed.proto.inference.ModelInferResponse;

/** Builds KServe requests as independent clients do, and reads responses. */
public final class KServeRequests {

    private KServeRequests() {
    }

    /**
     * A request with one FP32 input whose raw contents are built value by value as Triton's C++ client builds them:
     * one little-endian bytes entry per input, in input order.
     */
    public static ModelInferRequest raw(String model, String version, String id, float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return ModelInferRequest.newBuilder().setModelName(model).setModelVersion(version).setId(id)
                .addInputs(input("FP32", shape))
                .addRawInputContents(ByteString.copyFrom(b.array()))
                .build();
    }

    /** An input tensor header named {@value ServedModels#INPUT}. */
    public static ModelInferRequest.InferInputTensor.Builder input(String datatype, long... shape) {
        ModelInferRequest.InferInputTensor.Builder t = ModelInferRequest.InferInputTensor.newBuilder()
                .setName(ServedModels.INPUT).setDatatype(datatype);
        for (long d : shape) {
            t.addShape(d);
        }
        return t;
    }

    /** The little-endian contents of output {@code i} as float32 values. */
    public static float[] fp32(ModelInferResponse r, int i) {
        ByteBuffer b = r.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / Float.BYTES];
        for (int k = 0; k < out.length; k++) {
            out[k] = b.getFloat();
        }
        return out;
    }

    /** The little-endian contents of output {@code i} as float64 values. */
    public static double[] fp64(ModelInferResponse r, int i) {
        ByteBuffer b = r.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        double[] out = new double[b.remaining() / Double.BYTES];
        for (int k = 0; k < out.length; k++) {
            out[k] = b.getDouble();
        }
        return out;
    }

    /** The little-endian contents of output {@code i} as int64 values. */
    public static long[] int64(ModelInferResponse r, int i) {
        ByteBuffer b = r.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[b.remaining() / Long.BYTES];
        for (int k = 0; k < out.length; k++) {
            out[k] = b.getLong();
        }
        return out;
    }
}
