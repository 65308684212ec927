package org.l1embed.hls.render;

import java.util.regex.Pattern;

/**
 * The text format of the testbench data files, {@value #INPUTS_FILE} and {@value #EXPECTED_FILE}: one event per line,
 * values separated by one space, every line ended by {@code '\n'}. The generated testbench ({@code <name>_test.cpp})
 * reads them, and so does every other consumer of the same vectors (the model bundle's stored testbench,
 * {@link org.l1embed.hls.bundle.BundleTestbench}), so there is one writer and one reader of the format.
 *
 * <ul>
 *   <li>float32 values as the shortest decimal that reads back as exactly the same float ({@link Float#toString})
 *       when that has no exponent, otherwise the float's exact decimal ({@code BigDecimal#toPlainString}), so
 *       {@code strtof} and {@link Float#parseFloat} both read back the same bits;</li>
 *   <li>raw output integers in decimal.</li>
 * </ul>
 */
public final class TestbenchData {

    /** The testbench inputs: float32 network inputs. */
    public static final String INPUTS_FILE = "tb_input_features.dat";
    /** The expected outputs: raw integers of the output type. */
    public static final String EXPECTED_FILE = "tb_output_raw.dat";

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

    private TestbenchData() {
    }

    /** {@code values.length / perEvent} lines of float32 values. */
    public static String floats(float[] values, int perEvent) {
        requireWhole(values.length, perEvent);
        StringBuilder sb = new StringBuilder(values.length * 12);
        for (int e = 0; e < values.length / perEvent; e++) {
            for (int i = 0; i < perEvent; i++) {
                sb.append(i == 0 ? "" : " ").append(CppText.floatLiteral(values[e * perEvent + i]));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** {@code raw.length / perEvent} lines of raw integers. */
    public static String integers(long[] raw, int perEvent) {
        requireWhole(raw.length, perEvent);
        StringBuilder sb = new StringBuilder(raw.length * 6);
        for (int e = 0; e < raw.length / perEvent; e++) {
            for (int j = 0; j < perEvent; j++) {
                sb.append(j == 0 ? "" : " ").append(raw[e * perEvent + j]);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads a file of float32 values written by {@link #floats}.
     *
     * @param file named in messages
     * @throws IllegalArgumentException naming the file, the line and the value, for a line without exactly
     *                                  {@code perEvent} values, a value that is not a plain decimal, a value outside the
     *                                  float32 range, a missing final newline or an empty file
     */
    public static float[] parseFloats(String text, int perEvent, String file) {
        String[] lines = lines(text, file);
        float[] out = new float[lines.length * perEvent];
        for (int e = 0; e < lines.length; e++) {
            String[] tokens = tokens(lines[e], perEvent, file, e);
            for (int i = 0; i < perEvent; i++) {
                String t = tokens[i];
                float v = DECIMAL.matcher(t).matches() ? Float.parseFloat(t) : Float.NaN;
                if (!Float.isFinite(v)) {
                    throw new IllegalArgumentException(file + ": line " + (e + 1) + ", value " + (i + 1) + ": expected a finite "
                            + "float32 as a plain decimal (e.g. -1.25), got '" + t + "'");
                }
                out[e * perEvent + i] = v;
            }
        }
        return out;
    }

    /**
     * Reads a file of raw integers written by {@link #integers}.
     *
     * @throws IllegalArgumentException as {@link #parseFloats}, for integers that are not decimal 64-bit integers
     */
    public static long[] parseIntegers(String text, int perEvent, String file) {
        String[] lines = lines(text, file);
        long[] out = new long[lines.length * perEvent];
        for (int e = 0; e < lines.length; e++) {
            String[] tokens = tokens(lines[e], perEvent, file, e);
            for (int j = 0; j < perEvent; j++) {
                String t = tokens[j];
                try {
                    if (!INTEGER.matcher(t).matches()) {
                        throw new NumberFormatException();
                    }
                    out[e * perEvent + j] = Long.parseLong(t);
                } catch (NumberFormatException x) {
                    throw new IllegalArgumentException(file + ": line " + (e + 1) + ", value " + (j + 1)
                            + ": expected a 64-bit decimal integer, got '" + t + "'");
                }
            }
        }
        return out;
    }

    private static String[] lines(String text, String file) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException(file + ": expected at least one event (one per line), got an empty file");
        }
        if (text.charAt(text.length() - 1) != '\n') {
            throw new IllegalArgumentException(file + ": the last line must end with '\\n'");
        }
        return text.substring(0, text.length() - 1).split("\n", -1);
    }

    private static String[] tokens(String line, int perEvent, String file, int index) {
        String[] tokens = line.isEmpty() ? new String[0] : line.split(" ", -1);
        if (tokens.length != perEvent) {
            throw new IllegalArgumentException(file + ": line " + (index + 1) + ": expected " + perEvent
                    + " values separated by single spaces, got " + tokens.length);
        }
        return tokens;
    }

    private static void requireWhole(int length, int perEvent) {
        if (perEvent < 1 || length % perEvent != 0) {
            throw new IllegalArgumentException("expected a whole number of events of " + perEvent + " values, got " + length + " values");
        }
    }
}
