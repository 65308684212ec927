package org.l1embed.service.kserve;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The one place where tensors meet bytes and numbers: raw little-endian contents (as the protocol's
 * {@code raw_input_contents} and {@code raw_output_contents} carry them; Java's default is big-endian) and lists of
 * numbers (typed contents, JSON), to and from the arrays the backends use. Stateless.
 */
public final class TensorCodec {

    private TensorCodec() {
    }

    /** Values given as raw little-endian bytes, row-major, without padding. */
    public static TensorValues raw(ByteBuffer bytes) {
        return (datatype, count, field) -> {
            ByteBuffer b = bytes.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            long expected = (long) count * datatype.bytes();
            if (b.remaining() != expected) {
                throw invalidArgument(field + ": expected " + expected + " bytes (" + count + " " + datatype + " values), got "
                        + b.remaining());
            }
            float[] out = new float[count];
            switch (datatype) {
                case FP32 -> b.asFloatBuffer().get(out);
                case FP64 -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = (float) b.getDouble(i * Double.BYTES);
                    }
                }
                case INT32 -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = b.getInt(i * Integer.BYTES);
                    }
                }
                case INT64 -> {
                    for (int i = 0; i < count; i++) {
                        out[i] = b.getLong(i * Long.BYTES);
                    }
                }
            }
            return out;
        };
    }

    /**
     * Values given as numbers (typed protobuf contents, JSON). Integer datatypes refuse numbers with a fraction.
     *
     * @param what the kind of container, for messages (e.g. {@code fp32_contents})
     */
    public static TensorValues numbers(List<? extends Number> values, String what) {
        return (datatype, count, field) -> {
            if (values.size() != count) {
                throw invalidArgument(field + ": expected " + count + " " + datatype + " values in " + what + ", got "
                        + values.size());
            }
            float[] out = new float[count];
            for (int i = 0; i < count; i++) {
                Number v = values.get(i);
                out[i] = switch (datatype) {
                    case FP32 -> v.floatValue();
                    case FP64 -> (float) v.doubleValue();
                    case INT32, INT64 -> {
                        double d = v.doubleValue();
                        if (d != Math.rint(d)) {
                            throw invalidArgument(field + ": value " + i + " is " + v + ", not an integer as " + datatype
                                    + " requires");
                        }
                        yield (float) v.longValue();
                    }
                };
            }
            return out;
        };
    }

    /** Little-endian float32 bytes. */
    public static byte[] littleEndian(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return b.array();
    }

    /** Little-endian float64 bytes. */
    public static byte[] littleEndian(double[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asDoubleBuffer().put(values);
        return b.array();
    }

    /** Little-endian int64 bytes. */
    public static byte[] littleEndian(long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return b.array();
    }

    /**
     * The values of little-endian bytes as a primitive array of the datatype ({@code float[]}, {@code double[]},
     * {@code int[]} or {@code long[]}), for JSON.
     */
    public static Object array(byte[] littleEndian, Datatype datatype) {
        ByteBuffer b = ByteBuffer.wrap(littleEndian).order(ByteOrder.LITTLE_ENDIAN);
        int n = littleEndian.length / datatype.bytes();
        return switch (datatype) {
            case FP32 -> {
                float[] out = new float[n];
                b.asFloatBuffer().get(out);
                yield out;
            }
            case FP64 -> {
                double[] out = new double[n];
                b.asDoubleBuffer().get(out);
                yield out;
            }
            case INT32 -> {
                int[] out = new int[n];
                b.asIntBuffer().get(out);
                yield out;
            }
            case INT64 -> {
                long[] out = new long[n];
                b.asLongBuffer().get(out);
                yield out;
            }
        };
    }
}
