package org.l1embed.hls.render;

import java.math.BigDecimal;
import java.util.Locale;
import org.l1embed.quantization.fixed.FixedType;

/** Text forms shared by the C++ renderers: exact literals and include guards. */
final class CppText {

    private CppText() {
    }

    /**
     * The exact decimal of a quantized constant ({@code raw · 2^-F} written in full, never rounded), as a C++
     * literal that the compiler turns into exactly that double (the value has at most 53 significant bits).
     */
    static String exactLiteral(FixedType type, long raw) {
        String s = type.toBigDecimal(raw).stripTrailingZeros().toPlainString();
        return s.contains(".") ? s : s + ".0";
    }

    /** The shortest decimal that reads back as exactly this float (checked), else its exact decimal. */
    static String floatLiteral(float x) {
        String s = Float.toString(x);
        if (Float.parseFloat(s) != x || s.contains("E")) {
            s = new BigDecimal(x).toPlainString();
        }
        return s;
    }

    /** The size macro of a layer's output, e.g. {@code N_DENSE1_OUT} (suffixed so no layer name can clash with N_INPUT/N_OUTPUT). */
    static String sizeMacro(String layer) {
        return "N_" + layer.toUpperCase(Locale.ROOT) + "_OUT";
    }

    static String guard(String path) {
        return "L1EMBED_" + path.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_";
    }

    static String openGuard(String path) {
        String g = guard(path);
        return "#ifndef " + g + "\n#define " + g + "\n";
    }

    static String closeGuard() {
        return "#endif\n";
    }
}
