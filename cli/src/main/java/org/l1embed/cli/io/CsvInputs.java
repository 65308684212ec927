package org.l1embed.cli.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads events from comma-separated text.
 *
 * <ul>
 *   <li>UTF-8 (a leading byte-order mark is skipped); one event per line, {@code features} comma-separated
 *       decimal numbers ({@code 1}, {@code -0.25}, {@code .5}, {@code 1.5e-3}); spaces around a number are ignored.</li>
 *   <li>Blank lines and lines whose first non-blank character is {@code #} are ignored.</li>
 *   <li>There is <b>no header line</b>: every other line is an event, so a line of column names is an error
 *       that names the line. Write column names as a comment ({@code # x0,x1,x2,x3}; {@code numpy.savetxt(...,
 *       header=...)} does exactly that).</li>
 *   <li>Each number is parsed to the nearest double and then rounded to float32, the path of C's
 *       {@code atof} into a {@code float} (the HLS testbench) and of {@code numpy.loadtxt(..., dtype=float32)}.
 *       NaN, infinities and numbers outside the float32 range are rejected.</li>
 * </ul>
 */
public final class CsvInputs {

    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Set<String> NOT_FINITE = Set.of("nan", "+nan", "-nan", "inf", "+inf", "-inf",
            "infinity", "+infinity", "-infinity");

    private CsvInputs() {
    }

    /**
     * Reads a CSV file of events with {@code features} values each.
     *
     * @throws IOException if the file cannot be read
     * @throws IllegalArgumentException naming the file, line, column and value for a bad number, a line with
     *                                  the wrong number of values, or a file without events
     */
    public static InputMatrix read(Path file, int features) throws IOException {
        if (features < 1) {
            throw new IllegalArgumentException("features must be >= 1, got features=" + features);
        }
        float[] values = new float[Math.max(features, 1024)];
        int count = 0;
        int events = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                String content = line.strip();
                if (content.isEmpty() || content.startsWith("#")) {
                    continue;
                }
                String[] fields = content.split(",", -1);
                if (fields.length != features) {
                    throw new IllegalArgumentException(file + ": line " + lineNumber + " has " + fields.length
                            + (fields.length == 1 ? " value" : " values") + ", expected " + features
                            + " (the network's input size); column names belong in a '#' comment line");
                }
                if (count + features > values.length) {
                    values = Arrays.copyOf(values, grow(values.length, count + features, file));
                }
                for (int c = 0; c < features; c++) {
                    values[count++] = parse(fields[c].strip(), file, lineNumber, c + 1);
                }
                events++;
            }
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": not valid UTF-8 text", e);
        }
        if (events == 0) {
            throw new IllegalArgumentException(file + ": no events (every line is blank or a '#' comment)");
        }
        return new InputMatrix(file, events, features, count == values.length ? values : Arrays.copyOf(values, count));
    }

    /** One field as float32; see the class comment for the accepted syntax. */
    static float parse(String text, Path file, int line, int column) {
        String where = file + ": line " + line + ", column " + column + ": ";
        if (text.isEmpty()) {
            throw new IllegalArgumentException(where + "empty value, expected a number");
        }
        if (NOT_FINITE.contains(text.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException(where + "value '" + text + "' is not finite; inputs must be finite numbers");
        }
        if (!DECIMAL.matcher(text).matches()) {
            throw new IllegalArgumentException(where + "'" + text + "' is not a number (expected a decimal such as -0.25 or 1.5e-3)");
        }
        float v = (float) Double.parseDouble(text);
        if (Float.isInfinite(v)) {
            throw new IllegalArgumentException(where + "value " + text + " is outside the float32 range (|x| <= "
                    + Float.MAX_VALUE + ")");
        }
        return v;
    }

    private static int grow(int current, int needed, Path file) {
        long next = Math.max((long) current * 2, needed);
        if (next > Integer.MAX_VALUE - 8) {
            if (needed > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException(file + ": more than " + (Integer.MAX_VALUE - 8)
                        + " values; split the input into several files");
            }
            next = Integer.MAX_VALUE - 8;
        }
        return (int) next;
    }
}
