package org.l1embed.service;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.l1embed.proto.v1.EventBatch;
import org.l1embed.proto.v1.ModelRef;
import org.l1embed.proto.v1.PackedTensor;
import org.l1embed.quantization.network.NetworkSpec;

/** Builders for test requests and readers for responses. */
public final class Requests {

    private Requests() {
    }

    public static ModelRef model(String name, String version) {
        return ModelRef.newBuilder().setName(name).setVersion(version).build();
    }

    /** A packed little-endian float32 tensor batch. */
    public static EventBatch tensor(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        PackedTensor.Builder t = PackedTensor.newBuilder().setData(ByteString.copyFrom(b.array()));
        for (long d : shape) {
            t.addShape(d);
        }
        return EventBatch.newBuilder().setTensor(t).build();
    }

    /** The values of a packed float32 tensor. */
    public static float[] floats(PackedTensor t) {
        float[] out = new float[t.getData().size() / 4];
        t.getData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    /** The network inputs of raw features: the spec's preprocessing, event by event, in float32. */
    public static float[] preprocessed(NetworkSpec spec, float[] raw) {
        int n = spec.input().size();
        float[] out = new float[raw.length];
        float[] in = new float[n];
        float[] pre = new float[n];
        for (int e = 0; e < raw.length / n; e++) {
            System.arraycopy(raw, e * n, in, 0, n);
            spec.input().preprocessing().apply(in, pre);
            System.arraycopy(pre, 0, out, e * n, n);
        }
        return out;
    }
}
