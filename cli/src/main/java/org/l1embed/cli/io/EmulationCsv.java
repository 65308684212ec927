package org.l1embed.cli.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.fixed.FixedType;

/**
 * The CSV files of {@code l1embed emulate}. Every value is written exactly: the raw integer, and its value
 * {@code raw · 2^-F} as a plain decimal ({@link FixedType#toBigDecimal(long)}), which has exactly {@code F}
 * digits after the point (none when {@code F <= 0}). Lines end in {@code \n}; the same inputs give the same bytes.
 *
 * <ul>
 *   <li>outputs: header {@code raw_0,...,raw_{k-1},value_0,...,value_{k-1}}, then one line per event;</li>
 *   <li>trace (long format): header {@code event,layer,index,raw,value}, then for each event, each layer in
 *       network order and each of its outputs one line; the layer is named as in {@code network.json}.</li>
 * </ul>
 */
public final class EmulationCsv {

    private EmulationCsv() {
    }

    /**
     * Writes the outputs of {@code raw.length / outputs} events.
     *
     * @param type    the type of the raw values
     * @param raw     raw outputs, event-major
     * @param outputs values per event
     */
    public static void writeOutputs(Writer out, FixedType type, long[] raw, int outputs) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int j = 0; j < outputs; j++) {
            line.append(j == 0 ? "" : ",").append("raw_").append(j);
        }
        for (int j = 0; j < outputs; j++) {
            line.append(",value_").append(j);
        }
        out.write(line.append('\n').toString());
        for (int base = 0; base < raw.length; base += outputs) {
            line.setLength(0);
            for (int j = 0; j < outputs; j++) {
                line.append(j == 0 ? "" : ",").append(raw[base + j]);
            }
            for (int j = 0; j < outputs; j++) {
                line.append(',').append(exact(type, raw[base + j]));
            }
            out.write(line.append('\n').toString());
        }
    }

    /**
     * Writes the trace of a detailed emulation.
     *
     * @throws IllegalArgumentException if the emulation was run without a trace
     */
    public static void writeTrace(Writer out, EmulationResult result) throws IOException {
        for (EmulationResult.LayerReport layer : result.layers()) {
            if (layer.trace() == null) {
                throw new IllegalArgumentException("layer '" + layer.name() + "' has no trace: emulate with trace=true");
            }
        }
        out.write("event,layer,index,raw,value\n");
        StringBuilder line = new StringBuilder();
        for (int e = 0; e < result.events(); e++) {
            for (EmulationResult.LayerReport layer : result.layers()) {
                int size = layer.trace().length / result.events();
                for (int i = 0; i < size; i++) {
                    long raw = layer.trace()[e * size + i];
                    line.setLength(0);
                    line.append(e).append(',').append(field(layer.name())).append(',').append(i).append(',').append(raw)
                            .append(',').append(exact(layer.resultType(), raw)).append('\n');
                    out.write(line.toString());
                }
            }
        }
    }

    /** The trace file next to an output file: {@code y.csv} gives {@code y.trace.csv}, {@code y.out} gives {@code y.out.trace.csv}. */
    public static Path tracePathFor(Path output) {
        String name = output.getFileName().toString();
        String stem = name.toLowerCase(Locale.ROOT).endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return output.resolveSibling(stem + ".trace.csv");
    }

    /** A text field, quoted as RFC 4180 asks when it holds a comma, a quote or a line break. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** The exact decimal value of a raw integer. */
    public static String exact(FixedType type, long raw) {
        return type.toBigDecimal(raw).toPlainString();
    }
}
