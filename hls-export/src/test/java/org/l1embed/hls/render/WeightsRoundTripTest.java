package org.l1embed.hls.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.l1embed.hls.HlsExport;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.network.BatchNorm;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LeakyRelu;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Tensor;

/**
 * {@code firmware/weights/*.h} read back: every literal, converted exactly with {@link BigDecimal} to
 * {@code raw = value · 2^F}, must be an integer equal to {@code type.quantize(x)} of the network's float
 * constant (weights, biases, BatchNorm {@code scale(i)}/{@code shift(i)}, LeakyReLU alpha), and the
 * {@code // raw} comments must say the same. The expected raws come from the {@link NetworkSpec} alone, not
 * from the planned design the renderer reads.
 */
class WeightsRoundTripTest {

    private static final String WEIGHTS_DIR = "firmware/weights/";
    /** A C++ floating literal in plain decimal: the compiler reads it as the double nearest to this exact decimal. */
    private static final Pattern LITERAL = Pattern.compile("-?[0-9]+\\.[0-9]+");
    private static final Pattern DECLARATION = Pattern.compile("static const (\\w+) (\\w+)(?:\\[(\\d+)\\])? = ");
    private static final Pattern HEADER = Pattern.compile("// (\\w+): (.+), shape \\[([0-9, ]*)\\].*");

    /** One constant as the spec defines it: its type and the raw integers of its values. */
    private record Expected(FixedType type, int[] shape, long[] raw) {
    }

    // ---------------------------------------------------------------- the oracle: constants from the spec

    private static Map<String, Expected> expectedConstants(NetworkSpec spec) {
        Map<String, Expected> out = new TreeMap<>();
        for (Layer layer : spec.layers()) {
            switch (layer.kind()) {
                case DENSE -> {
                    Dense d = (Dense) layer;
                    long[] w = new long[d.inputs() * d.outputs()];
                    for (int i = 0; i < d.inputs(); i++) {
                        for (int j = 0; j < d.outputs(); j++) {
                            w[i * d.outputs() + j] = d.weightType().quantize(d.weights().get(i, j));   // [n_in][n_out]
                        }
                    }
                    long[] b = new long[d.outputs()];
                    for (int j = 0; j < b.length; j++) {
                        b[j] = d.biasType().quantize(d.bias().get(j));
                    }
                    out.put(d.name() + "_weight", new Expected(d.weightType(), new int[] {d.inputs(), d.outputs()}, w));
                    out.put(d.name() + "_bias", new Expected(d.biasType(), new int[] {d.outputs()}, b));
                }
                case BATCH_NORM -> {
                    BatchNorm bn = (BatchNorm) layer;
                    long[] scale = new long[bn.size()];
                    long[] shift = new long[bn.size()];
                    for (int i = 0; i < bn.size(); i++) {
                        scale[i] = bn.scaleType().quantize(bn.scale(i));
                        shift[i] = bn.shiftType().quantize(bn.shift(i));
                    }
                    out.put(bn.name() + "_scale", new Expected(bn.scaleType(), new int[] {bn.size()}, scale));
                    out.put(bn.name() + "_shift", new Expected(bn.shiftType(), new int[] {bn.size()}, shift));
                }
                case LEAKY_RELU -> {
                    LeakyRelu lr = (LeakyRelu) layer;
                    out.put(lr.name() + "_alpha", new Expected(lr.alphaType(), new int[0], new long[] {lr.alphaType().quantize(lr.alpha())}));
                }
                case RELU, LINEAR -> {
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- reading a weights header back

    /** The raw integer of an exact decimal: {@code value · 2^F}, which must be an integer. */
    static BigInteger rawOf(String literal, int fractionalBits) {
        BigDecimal value = new BigDecimal(literal);
        BigDecimal scaled = fractionalBits >= 0
                ? value.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(fractionalBits)))
                : value.divide(new BigDecimal(BigInteger.ONE.shiftLeft(-fractionalBits)));   // exact: a power of two divides into a finite decimal
        try {
            return scaled.toBigIntegerExact();
        } catch (ArithmeticException e) {
            throw new AssertionError(literal + " is not a multiple of 2^" + -fractionalBits + " (value * 2^" + fractionalBits
                    + " = " + scaled.toPlainString() + ")", e);
        }
    }

    /** Checks one weights file against the constant the spec defines; returns the problems found. */
    private static List<String> check(String path, String text, String name, Expected want) {
        List<String> problems = new ArrayList<>();
        int f = want.type().fractionalBits();
        StringBuilder code = new StringBuilder();
        List<Long> commentRaws = new ArrayList<>();
        List<String> lines = text.lines().toList();
        Matcher header = HEADER.matcher(lines.get(0));
        if (!header.matches()) {
            problems.add(path + ": first line does not name the constant, type and shape: " + lines.get(0));
        } else {
            if (!header.group(1).equals(name)) {
                problems.add(path + ": header names " + header.group(1));
            }
            if (!FixedType.parse(header.group(2)).equals(want.type())) {
                problems.add(path + ": header type " + header.group(2) + ", expected " + want.type());
            }
            if (!header.group(3).equals(Arrays.toString(want.shape()).replaceAll("[\\[\\]]", ""))) {
                problems.add(path + ": header shape [" + header.group(3) + "], expected " + Arrays.toString(want.shape()));
            }
        }
        for (String line : lines) {
            int comment = line.indexOf("//");
            code.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
            if (comment >= 0 && line.substring(comment).startsWith("// raw ")) {
                for (String r : line.substring(comment + "// raw ".length()).trim().split(" +")) {
                    commentRaws.add(Long.parseLong(r));
                }
            }
        }
        String c = code.toString();
        Matcher decl = DECLARATION.matcher(c);
        if (!decl.find()) {
            problems.add(path + ": no 'static const <type> <name>[n] = ' declaration");
            return problems;
        }
        if (!decl.group(1).equals(name + "_t") || !decl.group(2).equals(name)) {
            problems.add(path + ": declares " + decl.group(1) + " " + decl.group(2) + ", expected " + name + "_t " + name);
        }
        boolean scalar = want.shape().length == 0;
        String body;
        if (scalar) {
            if (decl.group(3) != null) {
                problems.add(path + ": a scalar declared as an array");
            }
            body = c.substring(decl.end(), c.indexOf(';', decl.end()));
        } else {
            if (decl.group(3) == null || Integer.parseInt(decl.group(3)) != want.raw().length) {
                problems.add(path + ": declared length " + decl.group(3) + ", expected " + want.raw().length);
            }
            body = c.substring(c.indexOf('{', decl.end()) + 1, c.lastIndexOf('}'));
        }
        List<String> literals = Arrays.stream(body.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (literals.size() != want.raw().length) {
            problems.add(path + ": " + literals.size() + " values, expected " + want.raw().length);
            return problems;
        }
        for (int k = 0; k < literals.size(); k++) {
            String lit = literals.get(k);
            if (!LITERAL.matcher(lit).matches()) {
                problems.add(path + "[" + k + "]: '" + lit + "' is not a plain decimal floating literal");
                continue;
            }
            if (new BigDecimal(Double.parseDouble(lit)).compareTo(new BigDecimal(lit)) != 0) {
                problems.add(path + "[" + k + "]: " + lit + " is not exactly a double, so the compiler would round it");
            }
            BigInteger raw;
            try {
                raw = rawOf(lit, f);
            } catch (AssertionError e) {
                problems.add(path + "[" + k + "]: " + e.getMessage());
                continue;
            }
            if (!raw.equals(BigInteger.valueOf(want.raw()[k]))) {
                problems.add(path + "[" + k + "]: " + lit + " is raw " + raw + " of " + want.type() + ", expected raw " + want.raw()[k]);
            }
        }
        long[] comments = commentRaws.stream().mapToLong(Long::longValue).toArray();
        if (!Arrays.equals(comments, want.raw())) {
            problems.add(path + ": '// raw' comments say " + Arrays.toString(comments) + ", expected " + Arrays.toString(want.raw()));
        }
        return problems;
    }

    /** Renders the project and checks every weights file; fails with all problems found. */
    private static void assertWeightsRoundTrip(NetworkSpec spec) {
        Map<String, String> weights = new LinkedHashMap<>();
        for (GeneratedFile f : HlsExport.render(spec, HlsConfig.defaults("roundtrip").withTestbench(1, 1L))) {
            if (f.path().startsWith(WEIGHTS_DIR)) {
                weights.put(f.path().substring(WEIGHTS_DIR.length(), f.path().length() - ".h".length()), f.content());
            }
        }
        Map<String, Expected> expected = expectedConstants(spec);
        assertEquals(expected.keySet(), new TreeMap<>(weights).keySet(), "one weights file per constant of " + spec.name());
        List<String> problems = new ArrayList<>();
        expected.forEach((name, want) -> problems.addAll(check(WEIGHTS_DIR + name + ".h", weights.get(name), name, want)));
        if (!problems.isEmpty()) {
            fail("network " + spec.name() + ":\n  " + String.join("\n  ", problems.subList(0, Math.min(20, problems.size()))));
        }
    }

    // ---------------------------------------------------------------- random networks

    @Test
    void everyWeightsLiteralIsExactlyTheQuantizedConstantOfRandomNetworks() {
        WideConstantNetworks g = new WideConstantNetworks(0x5EED_2024L);
        for (int n = 0; n < 300; n++) {
            assertWeightsRoundTrip(g.next("random" + n));
        }
        for (String what : List.of("dense", "batchnorm", "leaky_relu", "signed constant", "unsigned constant", "negative F",
                "F >= 25", "width 53", "width <= 3", "I > W", "I < 0")) {
            assertTrue(g.covered().getOrDefault(what, 0) >= 10, () -> "the generator covers '" + what + "': " + g.covered());
        }
    }

    // ---------------------------------------------------------------- hand-picked boundaries

    @Test
    void boundaryTypesAndValuesRoundTrip() {
        FixedType in = FixedType.parse("ap_fixed<10,4,AP_RND_CONV,AP_SAT>");
        FixedType wide = FixedType.parse("ap_ufixed<53,23,AP_RND_CONV,AP_SAT>");   // F = 30, unsigned, widest constant
        FixedType negativeF = FixedType.parse("ap_fixed<8,10,AP_RND,AP_SAT>");        // F = -2: multiples of 4
        FixedType tiny = FixedType.parse("ap_fixed<3,-20,AP_RND_INF,AP_SAT_SYM>");    // F = 23 > W
        FixedType oneBit = FixedType.parse("ap_ufixed<1,0,AP_RND_ZERO,AP_WRAP>");     // 0 or 0.5
        double ulp30 = Math.scalb(1.0, -30);
        double max = 8388607.999999999068677425384521484375;   // (2^53 - 1) * 2^-30, exactly a double
        double[] w = {0, ulp30, 0.5 * ulp30, 1.5 * ulp30, 4194303.999999999, 4194304.75, max, Math.nextUp(max), 8388608.0,
            1e300, -ulp30, -1.0};
        double[] b = {-512.0, 511.0, 6.0, -6.0, 2.0, -2.0, 1e6, -1e6, 0.0, 1.9999, 508.0, -510.0};
        Dense wideDense = new Dense("wide", 1, 12, Tensor.matrix(1, 12, w), Tensor.vector(b), wide, negativeF,
                FixedType.parse("ap_fixed<62,31>"), in);
        LeakyRelu leaky = new LeakyRelu("leaky", 12, -Math.scalb(3.0, -24), tiny, in);
        BatchNorm bn = new BatchNorm("bn", 12, Tensor.filled(12, 0.25), Tensor.vector(0, 0.5, 0.25, 0.75, 1, -0.25, 0.3, 0.7,
                0.2, 0.8, 0.1, 0.9), Tensor.filled(12, 0), Tensor.filled(12, 1), 0, oneBit, oneBit, in);
        NetworkSpec spec = new NetworkSpec("boundaries", InputSpec.flat(1, in), List.of(wideDense, leaky, bn));
        assertWeightsRoundTrip(spec);
    }

    @Test
    void theReaderNoticesAChangedLiteralAChangedRawCommentAndAMissingValue() {
        NetworkSpec spec = RenderFixtures.everyLayerKind();
        String name = "dense1_weight";
        Expected want = expectedConstants(spec).get(name);
        String path = WEIGHTS_DIR + name + ".h";
        String text = HlsExport.render(spec, HlsConfig.defaults("tamper").withTestbench(1, 1L)).stream()
                .filter(f -> f.path().equals(path)).findFirst().orElseThrow().content();
        assertEquals(List.of(), check(path, text, name, want));
        // 1.296875 is raw 83 of ap_fixed<8,2>; 1.3125 would be raw 84.
        assertTrue(text.contains(" 1.296875,") && text.contains(" 83 "), text);
        assertEquals(1, check(path, text.replace(" 1.296875,", " 1.3125,"), name, want).size());
        assertEquals(1, check(path, text.replace(" 83 ", " 84 "), name, want).size());
        assertEquals(1L, check(path, text.replace(" 1.296875,", " 1.2968751,"), name, want).stream()
                .filter(p -> p.contains("is not a multiple of 2^-6")).count(), "an off-grid literal");
        assertTrue(check(path, text.replace(" 1.296875,", ""), name, want).get(0).contains("11 values, expected 12"));
    }

    @Test
    void rawOfConvertsExactlyAndRefusesValuesOffTheGrid() {
        assertEquals(BigInteger.valueOf(-3), rawOf("-0.75", 2));
        assertEquals(BigInteger.valueOf(-3), rawOf("-12.0", -2));
        assertEquals(BigInteger.ONE, rawOf("0.000000000931322574615478515625", 30));
        assertEquals(BigInteger.ONE.shiftLeft(52).subtract(BigInteger.ONE), rawOf("4503599627370495.0", 0));
        assertThrows(AssertionError.class, () -> rawOf("6.0", -2), "6 is not a multiple of 4");
        assertThrows(AssertionError.class, () -> rawOf("0.1", 30), "0.1 is not a multiple of 2^-30");
    }
}
