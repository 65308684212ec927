package org.l1embed.cli.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code .npy} files by hand, byte by byte as {@code numpy.lib.format} specifies, so that the reader is
 * tested against the format and not against itself.
 */
public final class NpyTestFiles {

    private NpyTestFiles() {
    }

    /** A version 1.0 float32 file of the given shape (Python tuple text, e.g. {@code "(6, 4)"}). */
    public static Path float32(Path file, String shape, float... values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return write(file, 1, "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape + ", }", b.array());
    }

    /** A float64 file in the given format version. */
    public static Path float64(Path file, int major, String shape, double... values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return write(file, major, "{'descr': '<f8', 'fortran_order': False, 'shape': " + shape + ", }", b.array());
    }

    /**
     * Any header dictionary text and data: the header is padded with spaces and a newline so that the data
     * starts at a multiple of 64 bytes, as numpy writes it.
     */
    public static Path write(Path file, int major, String dict, byte[] data) throws IOException {
        int lengthBytes = major == 1 ? 2 : 4;
        int preamble = 6 + 2 + lengthBytes;
        int unpadded = preamble + dict.getBytes(StandardCharsets.UTF_8).length + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        byte[] h = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer len = ByteBuffer.allocate(lengthBytes).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            len.putShort((short) h.length);
        } else {
            len.putInt(h.length);
        }
        out.write(len.array());
        out.write(h);
        out.write(data);
        Files.write(file, out.toByteArray());
        return file;
    }
}
