package org.l1embed.cli.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads events from a NumPy {@code .npy} file (format versions 1.0, 2.0 and 3.0, as
 * {@code numpy.lib.format} documents them).
 *
 * <ul>
 *   <li>dtype {@code '<f4'} (little-endian float32) or {@code '<f8'} (float64, rounded to the nearest float32,
 *       the input path of the HLS testbench); every other dtype, including big-endian, is rejected;</li>
 *   <li>C order only ({@code 'fortran_order': False});</li>
 *   <li>shape {@code (N, features)} for N events, or {@code (features,)} for one event;</li>
 *   <li>the data must be exactly {@code N · features} items: a truncated file or trailing bytes are errors;</li>
 *   <li>NaN, infinities and float64 values outside the float32 range are rejected, naming the element.</li>
 * </ul>
 */
public final class NpyInputs {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int CHUNK = 1 << 20;

    private NpyInputs() {
    }

    /** The element types l1embed reads. */
    enum Dtype {
        F4("<f4", 4), F8("<f8", 8);

        final String descr;
        final int size;

        Dtype(String descr, int size) {
            this.descr = descr;
            this.size = size;
        }
    }

    /**
     * The parsed header.
     *
     * @param dtype      the element type
     * @param shape      the array shape (1 or 2 dimensions once validated)
     * @param dataOffset where the data starts in the file
     */
    record Header(Dtype dtype, List<Long> shape, long dataOffset) {
        Header {
            shape = List.copyOf(shape);
        }
    }

    /**
     * Reads an {@code .npy} file of events with {@code features} values each.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file, the header field or element, the value and what was expected
     */
    public static InputMatrix read(Path file, int features) throws IOException {
        if (features < 1) {
            throw new IllegalArgumentException("features must be >= 1, got features=" + features);
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(ch, file);
            int events = eventsOf(h.shape(), features, file);
            long expected = (long) events * features * h.dtype().size;
            long actual = ch.size() - h.dataOffset();
            if (actual != expected) {
                throw new IllegalArgumentException(file + ": " + (actual < expected ? "truncated: " : "")
                        + "the header (shape " + shapeText(h.shape()) + ", dtype '" + h.dtype().descr + "') needs "
                        + expected + " bytes of data, the file has " + actual);
            }
            float[] values = new float[events * features];
            ch.position(h.dataOffset());
            readData(ch, h.dtype(), values, features, file);
            return new InputMatrix(file, events, features, values);
        }
    }

    /** Reads and validates the magic, version and header dictionary. */
    static Header header(FileChannel ch, Path file) throws IOException {
        ByteBuffer start = readFully(ch, 8, file, "the magic string and version");
        byte[] magic = new byte[6];
        start.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException(file + ": not a .npy file (it does not start with \\x93NUMPY)");
        }
        int major = start.get() & 0xFF;
        int minor = start.get() & 0xFF;
        long headerLength;
        int lengthBytes;
        switch (major) {
            case 1 -> {
                lengthBytes = 2;
                headerLength = readFully(ch, 2, file, "the header length").order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFFL;
            }
            case 2, 3 -> {
                lengthBytes = 4;
                headerLength = readFully(ch, 4, file, "the header length").order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFF_FFFFL;
            }
            default -> throw new IllegalArgumentException(file + ": .npy format version " + major + "." + minor
                    + " is not supported; expected 1.0, 2.0 or 3.0");
        }
        if (headerLength > 1 << 20) {
            throw new IllegalArgumentException(file + ": the .npy header claims " + headerLength + " bytes; expected a few hundred");
        }
        ByteBuffer raw = readFully(ch, (int) headerLength, file, "the header");
        String text = new String(raw.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Map<String, Object> dict = new DictParser(text, file).dictionary();
        if (!dict.keySet().equals(Set.of("descr", "fortran_order", "shape"))) {
            throw new IllegalArgumentException(file + ": the .npy header must have exactly the keys 'descr', 'fortran_order' "
                    + "and 'shape', got " + dict.keySet().stream().map(k -> "'" + k + "'").collect(Collectors.joining(", ", "[", "]")));
        }
        Object descr = dict.get("descr");
        Dtype dtype = null;
        for (Dtype d : Dtype.values()) {
            if (d.descr.equals(descr)) {
                dtype = d;
            }
        }
        if (dtype == null) {
            throw new IllegalArgumentException(file + ": header field 'descr' is " + pythonRepr(descr)
                    + "; expected '<f4' (little-endian float32) or '<f8' (little-endian float64)");
        }
        Object fortran = dict.get("fortran_order");
        if (!Boolean.FALSE.equals(fortran)) {
            throw new IllegalArgumentException(file + ": header field 'fortran_order' is " + pythonRepr(fortran)
                    + "; only C-order arrays are supported (save numpy.ascontiguousarray(x) instead)");
        }
        Object shape = dict.get("shape");
        if (!(shape instanceof List<?> dims)) {
            throw new IllegalArgumentException(file + ": header field 'shape' is " + pythonRepr(shape) + "; expected a tuple of integers");
        }
        List<Long> longs = new ArrayList<>();
        for (Object d : dims) {
            longs.add((Long) d);
        }
        return new Header(dtype, longs, 6 + 2 + lengthBytes + headerLength);
    }

    private static int eventsOf(List<Long> shape, int features, Path file) {
        String expected = "; expected (N, " + features + ") or (" + features + ",): " + features
                + " values per event (the network's input size)";
        if (shape.size() == 1 && shape.get(0) == features) {
            return 1;
        }
        if (shape.size() != 2 || shape.get(1) != features) {
            throw new IllegalArgumentException(file + ": header field 'shape' is " + shapeText(shape) + expected);
        }
        long events = shape.get(0);
        if (events == 0) {
            throw new IllegalArgumentException(file + ": no events (header field 'shape' is " + shapeText(shape) + ")");
        }
        if (events > (Integer.MAX_VALUE - 8) / features) {
            throw new IllegalArgumentException(file + ": header field 'shape' is " + shapeText(shape) + ": more than "
                    + (Integer.MAX_VALUE - 8) + " values; split the input into several files");
        }
        return (int) events;
    }

    private static void readData(FileChannel ch, Dtype dtype, float[] values, int features, Path file) throws IOException {
        int itemsPerChunk = CHUNK / dtype.size;
        ByteBuffer buf = ByteBuffer.allocate(itemsPerChunk * dtype.size).order(ByteOrder.LITTLE_ENDIAN);
        double[] wide = dtype == Dtype.F8 ? new double[itemsPerChunk] : null;
        int done = 0;
        while (done < values.length) {
            int items = Math.min(itemsPerChunk, values.length - done);
            buf.clear().limit(items * dtype.size);
            while (buf.hasRemaining()) {
                if (ch.read(buf) < 0) {
                    throw new EOFException(file + ": ended inside the data");
                }
            }
            buf.flip();
            switch (dtype) {
                case F4 -> buf.asFloatBuffer().get(values, done, items);
                case F8 -> {
                    buf.asDoubleBuffer().get(wide, 0, items);
                    for (int i = 0; i < items; i++) {
                        double d = wide[i];
                        if (Double.isFinite(d) && Float.isInfinite((float) d)) {
                            throw new IllegalArgumentException(file + ": " + element(done + i, features) + " is " + d
                                    + ", outside the float32 range (|x| <= " + Float.MAX_VALUE + ")");
                        }
                        values[done + i] = (float) d;
                    }
                }
            }
            for (int i = done; i < done + items; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new IllegalArgumentException(file + ": " + element(i, features) + " is " + values[i]
                            + "; inputs must be finite");
                }
            }
            done += items;
        }
    }

    private static String element(int index, int features) {
        int event = index / features;
        int feature = index % features;
        return "element [" + event + ", " + feature + "] (event " + event + ", feature " + feature + ")";
    }

    private static ByteBuffer readFully(FileChannel ch, int n, Path file, String what) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (ch.read(b) < 0) {
                throw new IllegalArgumentException(file + ": not a .npy file (it ends inside " + what + ")");
            }
        }
        b.flip();
        return b;
    }

    /** A shape as Python writes a tuple: {@code (6, 4)}, {@code (4,)}, {@code ()}. */
    static String shapeText(List<?> shape) {
        if (shape.size() == 1) {
            return "(" + shape.get(0) + ",)";
        }
        return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "(", ")"));
    }

    private static String pythonRepr(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (v instanceof List<?> l) {
            return shapeText(l);
        }
        return String.valueOf(v);
    }

    /**
     * The subset of Python literal syntax a {@code .npy} header uses: a dict of string keys whose values are
     * strings, {@code True}/{@code False}, integers or tuples of integers (old files write {@code 3L}).
     */
    private static final class DictParser {
        private final String text;
        private final Path file;
        private int pos;

        DictParser(String text, Path file) {
            this.text = text;
            this.file = file;
        }

        Map<String, Object> dictionary() {
            Map<String, Object> out = new LinkedHashMap<>();
            expect('{');
            while (peek() != '}') {
                String key = string();
                expect(':');
                if (out.put(key, value()) != null) {
                    throw error("key '" + key + "' appears twice");
                }
                if (peek() == ',') {
                    pos++;
                } else if (peek() != '}') {
                    throw error("expected ',' or '}'");
                }
            }
            pos++;
            skipSpace();
            if (pos != text.length()) {
                throw error("unexpected text after the dictionary");
            }
            return out;
        }

        private Object value() {
            char c = peek();
            if (c == '\'' || c == '"') {
                return string();
            }
            if (c == '(') {
                pos++;
                List<Long> items = new ArrayList<>();
                while (peek() != ')') {
                    items.add(integer());
                    if (peek() == ',') {
                        pos++;
                    } else if (peek() != ')') {
                        throw error("expected ',' or ')' in a tuple");
                    }
                }
                pos++;
                return items;
            }
            if (text.startsWith("True", pos)) {
                pos += 4;
                return Boolean.TRUE;
            }
            if (text.startsWith("False", pos)) {
                pos += 5;
                return Boolean.FALSE;
            }
            if (Character.isDigit(c)) {
                return integer();
            }
            throw error("expected a string, True, False, an integer or a tuple of integers");
        }

        private String string() {
            char quote = peek();
            if (quote != '\'' && quote != '"') {
                throw error("expected a quoted string");
            }
            int end = text.indexOf(quote, pos + 1);
            if (end < 0) {
                throw error("unterminated string");
            }
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }

        private long integer() {
            skipSpace();
            int start = pos;
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            if (start == pos) {
                throw error("expected a non-negative integer");
            }
            String digits = text.substring(start, pos);
            if (pos < text.length() && text.charAt(pos) == 'L') {
                pos++;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException e) {
                throw error("integer " + digits + " is too large");
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        private char peek() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("the header ends early");
            }
            return text.charAt(pos);
        }

        private void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException(file + ": cannot parse the .npy header " + text.strip() + ": " + what
                    + " at character " + pos);
        }
    }
}
