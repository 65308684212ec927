package org.l1embed.training.train;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The binary pieces shared by l1embed's own state files ({@link Checkpoint}, {@link ModelState}): big-endian,
 * length-prefixed UTF-8 strings, named float variables stored as their IEEE-754 bits (so NaN payloads and −0
 * survive), and the trailing CRC32. Each file format decides its own header and field order; this class only
 * encodes the parts, so it never changes a format by itself.
 */
final class StateEncoding {

    private StateEncoding() {
    }

    /** Writes a string as its UTF-8 byte count (int) followed by the bytes. */
    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /**
     * Reads what {@link #writeString} wrote.
     *
     * @throws IOException if the length is negative or exceeds the remaining bytes
     */
    static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new IOException("string length " + n + " exceeds the remaining bytes");
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }

    /** Writes the count, then per variable its name, its value count and every value's raw IEEE-754 bits. */
    static void writeVariables(DataOutputStream out, Map<String, float[]> values) throws IOException {
        out.writeInt(values.size());
        for (Map.Entry<String, float[]> e : values.entrySet()) {
            writeString(out, e.getKey());
            out.writeInt(e.getValue().length);
            for (float v : e.getValue()) {
                out.writeInt(Float.floatToRawIntBits(v));
            }
        }
    }

    /**
     * Reads what {@link #writeVariables} wrote, in the written order.
     *
     * @throws IOException if a count or length is negative or claims more than the remaining bytes
     */
    static Map<String, float[]> readVariables(DataInputStream in) throws IOException {
        int count = in.readInt();
        if (count < 0) {
            throw new IOException("negative variable count " + count);
        }
        Map<String, float[]> variables = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = readString(in);
            int length = in.readInt();
            if (length < 0 || (long) length * Float.BYTES > in.available()) {
                throw new IOException("variable '" + name + "' claims " + length + " values, more than the remaining bytes");
            }
            float[] value = new float[length];
            for (int k = 0; k < value.length; k++) {
                value[k] = Float.intBitsToFloat(in.readInt());
            }
            if (variables.put(name, value) != null) {
                throw new IOException("variable '" + name + "' appears twice");
            }
        }
        return variables;
    }

    /** The CRC32 of {@code bytes[0 .. length)}. */
    static long crc32(byte[] bytes, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, 0, length);
        return crc.getValue();
    }

    /** The CRC32 stored as the last 8 bytes (a big-endian long) of a file. */
    static long storedCrc32(byte[] bytes) {
        return ByteBuffer.wrap(bytes, bytes.length - Long.BYTES, Long.BYTES).getLong();
    }
}
