package org.l1embed.service.grpc;

import com.google.protobuf.UnsafeByteOperations;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.l1embed.proto.v1.PackedTensor;

/** Packs float arrays into {@link PackedTensor}s (little-endian float32). */
final class Tensors {

    private Tensors() {
    }

    /** A {@code rows × cols} tensor of {@code values} (row-major, {@code rows·cols} values). */
    static PackedTensor matrix(float[] values, int rows, int cols) {
        if (values.length != (long) rows * cols) {
            throw new IllegalArgumentException("expected " + rows + " x " + cols + " values, got " + values.length);
        }
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return PackedTensor.newBuilder().addShape(rows).addShape(cols)
                .setData(UnsafeByteOperations.unsafeWrap(bytes.array()))   // the array is not used again
                .build();
    }
}
