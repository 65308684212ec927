package org.l1embed.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.l1embed.cli.text.TextTable;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Quantized;
import org.l1embed.quantization.fixed.Rounding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code l1embed fixed TYPE VALUE...}: shows what converting each value into a fixed-point type gives — the raw
 * integer, the exact value, the exact error and what happened (rounded, saturated, wrapped) — and with
 * {@code --all-modes} the same under every rounding and overflow mode of that format.
 *
 * <p>Each value is read as a decimal and converted to the nearest double, then into the type exactly as the
 * vendor library converts a double (as {@code ap_fixed<...> x = 1.37;} does in C++). The error is
 * {@code value - input} with the input as written, computed exactly.
 */
@Command(name = "fixed",
        sortOptions = false,
        description = {
            "Convert numbers into a fixed-point type and show raw value, exact value, error and flags.",
            "",
            "TYPE is ap_fixed<W,I[,Q[,O[,N]]]>, ap_ufixed<...>, fixed<...>, ufixed<...>, ap_int<W> or ap_uint<W>; "
                    + "quote it in the shell. Negative values need no '--'. Each VALUE goes through the nearest double, "
                    + "as a C++ literal does. Flags: exact, rounded, saturated, wrapped."
        })
final class FixedCommand extends Subcommand {

    @Parameters(index = "0", paramLabel = "TYPE", description = "The fixed-point type, e.g. \"ap_fixed<8,3,AP_RND_CONV,AP_SAT>\".")
    private String typeText;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "VALUE", description = "Decimal numbers, e.g. 1.37 -5 2.5e-2.")
    private List<String> valueTexts;

    @Option(names = "--all-modes", description = "For each value, show the result under every rounding x overflow mode "
            + "of this W, I and signedness (AP_WRAP_SM only for signed types).")
    private boolean allModes;

    /** One input value: the text as written, its exact decimal and the double it converts from. */
    private record Input(String text, BigDecimal exact, double nearest) {
    }

    @Override
    int run() throws Exception {
        FixedType type = FixedType.parse(typeText);
        List<Input> inputs = new ArrayList<>();
        for (String v : valueTexts) {
            inputs.add(parseValue(v));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(describe(type));
        out.println();
        if (!allModes) {
            TextTable t = new TextTable().right("input").right("raw").right("value").right("error").left("flags");
            for (Input in : inputs) {
                Quantized q = type.quantizeDetailed(in.nearest());
                t.row(in.text(), Long.toString(q.raw()), q.value().toPlainString(), error(q, in), flags(q));
            }
            out.print(t.render());
        } else {
            for (int i = 0; i < inputs.size(); i++) {
                Input in = inputs.get(i);
                if (i > 0) {
                    out.println();
                }
                out.println("input " + in.text());
                TextTable t = new TextTable().left("rounding").left("overflow").right("raw").right("value").right("error")
                        .left("flags");
                for (Rounding r : Rounding.values()) {
                    for (Overflow o : Overflow.values()) {
                        if (o == Overflow.WRAP_SM && !type.signed()) {
                            continue;   // the vendor library rejects sign-magnitude wrap for unsigned types
                        }
                        Quantized q = type.withModes(r, o).quantizeDetailed(in.nearest());
                        t.row(r.vendorName(), o.vendorName(), Long.toString(q.raw()), q.value().toPlainString(), error(q, in), flags(q));
                    }
                }
                out.print(t.render());
            }
        }
        out.flush();
        return 0;
    }

    /** The lines describing a type: its name, format, modes, range and LSB. */
    static String describe(FixedType type) {
        return "type      " + type + "\n"
                + "format    " + (type.signed() ? "signed" : "unsigned") + ", W=" + type.width() + ", I=" + type.integerBits()
                + ", F=" + type.fractionalBits() + "\n"
                + "rounding  " + type.rounding().vendorName() + " (" + meaning(type.rounding()) + ")\n"
                + "overflow  " + type.overflow().vendorName() + " (" + meaning(type.overflow()) + ")\n"
                + "range     " + type.min().toPlainString() + " .. " + type.max().toPlainString()
                + " (raw " + type.minRawExact() + " .. " + type.maxRawExact() + ")\n"
                + "lsb       " + type.lsb().toPlainString() + "\n";
    }

    static String meaning(Rounding r) {
        return switch (r) {
            case TRN -> "truncate toward minus infinity";
            case TRN_ZERO -> "truncate toward zero";
            case RND -> "round to nearest, ties toward plus infinity";
            case RND_ZERO -> "round to nearest, ties toward zero";
            case RND_MIN_INF -> "round to nearest, ties toward minus infinity";
            case RND_INF -> "round to nearest, ties away from zero";
            case RND_CONV -> "round to nearest, ties to even";
        };
    }

    static String meaning(Overflow o) {
        return switch (o) {
            case WRAP -> "keep the low W bits";
            case SAT -> "clamp to min or max";
            case SAT_ZERO -> "replace by zero";
            case SAT_SYM -> "clamp to -max or max";
            case WRAP_SM -> "sign-magnitude wrap";
        };
    }

    /** {@code exact}, or the comma-separated list of what happened: rounded, saturated, wrapped. */
    static String flags(Quantized q) {
        List<String> f = new ArrayList<>();
        if (q.inexact()) {
            f.add("rounded");
        }
        if (q.saturated()) {
            f.add("saturated");
        }
        if (q.wrapped()) {
            f.add("wrapped");
        }
        return f.isEmpty() ? "exact" : String.join(",", f);
    }

    private static String error(Quantized q, Input in) {
        return q.value().subtract(in.exact()).toPlainString();
    }

    private static Input parseValue(String text) {
        String t = text.strip();
        BigDecimal exact;
        try {
            exact = new BigDecimal(t);
        } catch (NumberFormatException e) {
            String lower = t.toLowerCase(Locale.ROOT);
            if (lower.matches("[+-]?(nan|inf|infinity)")) {
                throw new IllegalArgumentException("value '" + text + "' is not finite: NaN and infinities have no fixed-point value");
            }
            throw new IllegalArgumentException("value '" + text + "' is not a decimal number (expected e.g. 1.37, -5 or 2.5e-2)");
        }
        double nearest = Double.parseDouble(t);
        if (Double.isInfinite(nearest)) {
            throw new IllegalArgumentException("value '" + text + "' is outside the double range (|x| <= " + Double.MAX_VALUE + ")");
        }
        if (nearest == 0.0 && exact.signum() != 0) {
            throw new IllegalArgumentException("value '" + text + "' is too small: it is zero as a double");
        }
        return new Input(t, exact, nearest);
    }
}
