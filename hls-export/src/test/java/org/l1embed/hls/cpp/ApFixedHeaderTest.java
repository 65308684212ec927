package org.l1embed.hls.cpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.fixed.Conversion;
import org.l1embed.quantization.fixed.FixedMath;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;

/**
 * Proves the test-only ap_fixed header (src/test/cpp/ap_int.h, ap_fixed.h) against the project's reference
 * implementation ({@code org.l1embed.quantization.fixed}): src/test/cpp/ap_fixed_check.cpp is compiled with g++,
 * run, and every number it prints is recomputed here.
 *
 * <ul>
 *   <li>the header's core conversion with runtime parameters: every raw of every small format (W 1..6,
 *       I in {-2, 0, 1, W, W+2}, signed and unsigned) into every small format with every Q/O mode; seeded random
 *       raws between wider formats (16..64 bits) with every mode; random formats with arbitrary shifts;
 *       doubles (exact ties, neighbours of ties, extremes, subnormals, random) into all those targets;</li>
 *   <li>real template instantiations: conversions, construction from double and float, to_int/to_int64/to_double/
 *       to_float, every operator (exact results and their types) including int operands, compound assignment,
 *       comparisons, and the dense kernel's {@code acc += (accum_t)(x * w)};</li>
 *   <li>what the header refuses at compile time, and that it compiles warning-free.</li>
 * </ul>
 * g++ is a build requirement (CI installs it): without it these tests fail, they do not skip.
 */
class ApFixedHeaderTest {

    private static final int MAX_REPORTED = 25;

    @TempDir
    static Path work;
    private static Path cppDir;
    private static Path checker;

    @BeforeAll
    static void compileTheChecker() throws Exception {
        cppDir = locateCppDir();
        checker = work.resolve("ap_fixed_check");
        long t0 = System.nanoTime();
        String out = run(work, null, 300, "g++", "-std=c++17", "-O1", "-Wall", "-Wextra", "-I" + cppDir,
                cppDir.resolve("ap_fixed_check.cpp").toString(), "-o", checker.toString());
        System.out.printf("ap_fixed_check compiled in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        if (!out.isBlank()) {
            System.out.println(out);
        }
    }

    // ---------------------------------------------------------------- runtime-dispatch part

    @Test
    void everyRawOfSmallFormatsIntoEverySmallFormatAndMode() throws Exception {
        List<FixedType> formats = smallFormats();
        List<FixedType> targets = withAllModes(formats);
        List<String> commands = new ArrayList<>();
        List<long[]> expected = new ArrayList<>();
        for (FixedType src : formats) {
            for (FixedType t : targets) {
                commands.add("X " + src.fractionalBits() + " " + src.width() + " " + bit(src.signed()) + " " + target(t));
                Conversion c = Conversion.of(src.fractionalBits(), t);
                long[] e = new long[(int) (src.maxRaw() - src.minRaw() + 1)];
                for (long r = src.minRaw(); r <= src.maxRaw(); r++) {
                    e[(int) (r - src.minRaw())] = c.apply(r);
                }
                expected.add(e);
            }
        }
        List<String> lines = runChecker(commands);
        Mismatches bad = new Mismatches();
        long checked = 0;
        for (int k = 0; k < commands.size(); k++) {
            String[] got = lines.get(k).split(" ");
            long[] e = expected.get(k);
            assertEquals(e.length, got.length, commands.get(k));
            for (int j = 0; j < e.length; j++) {
                checked++;
                if (Long.parseLong(got[j]) != e[j]) {
                    bad.add(commands.get(k) + " raw #" + j + ": C++ " + got[j] + ", Java " + e[j]);
                }
            }
        }
        report("exhaustive small conversions (" + formats.size() + " formats x " + targets.size() + " targets)", checked, bad);
    }

    @Test
    void randomRawsBetweenWideFormatsAndArbitraryShifts() throws Exception {
        Random random = new Random(20_240_611L);
        List<FixedType> formats = new ArrayList<>();
        for (int w : new int[] {16, 24, 32, 40, 53, 64}) {
            for (boolean signed : new boolean[] {true, false}) {
                int width = signed ? w : Math.min(w, 63);
                for (int i : new int[] {width / 4, width - 3, -12 + random.nextInt(width + 25)}) {
                    formats.add(new FixedType(width, i, signed, Rounding.TRN, Overflow.WRAP));
                }
            }
        }
        List<String> commands = new ArrayList<>();
        for (FixedType src : formats) {
            for (FixedType t : withAllModes(formats)) {
                commands.add(generate(src.fractionalBits(), src.width(), src.signed(), random.nextLong() >>> 1, 16, t));
            }
        }
        // random formats, any shift between source and target: bits dropped or appended beyond 64 and 128
        Rounding[] qs = Rounding.values();
        Overflow[] os = Overflow.values();
        for (int k = 0; k < 4000; k++) {
            boolean rs = random.nextBoolean();
            int rw = 1 + random.nextInt(rs ? 64 : 63);
            boolean s = random.nextBoolean();
            Overflow o = os[random.nextInt(os.length)];
            if (!s && o == Overflow.WRAP_SM) {
                o = Overflow.SAT_SYM;
            }
            FixedType t = new FixedType(1 + random.nextInt(s ? 64 : 63), -100 + random.nextInt(300), s,
                    qs[random.nextInt(qs.length)], o);
            commands.add(generate(-300 + random.nextInt(601), rw, rs, random.nextLong() >>> 1, 16, t));
        }
        List<String> lines = runChecker(commands);
        Mismatches bad = new Mismatches();
        long checked = 0;
        for (int k = 0; k < commands.size(); k++) {
            String[] c = commands.get(k).split(" ");
            int fs = Integer.parseInt(c[1]);
            FixedType src = new FixedType(Integer.parseInt(c[2]), 0, c[3].equals("1"), Rounding.TRN, Overflow.WRAP);
            FixedType t = parseTarget(c, 6);
            Conversion conv = Conversion.of(fs, t);
            String[] items = lines.get(k).split(" ");
            assertEquals(Integer.parseInt(c[5]), items.length, commands.get(k));
            for (String item : items) {
                long[] rq = longs(item, ":");
                if (!src.contains(rq[0])) {
                    fail("raw " + rq[0] + " outside the source of " + commands.get(k));
                }
                long e = conv.apply(rq[0]);
                checked++;
                if (e != rq[1]) {
                    bad.add(commands.get(k) + " raw " + rq[0] + ": C++ " + rq[1] + ", Java " + e);
                }
            }
        }
        report("random wide/arbitrary-shift conversions (" + commands.size() + " source/target pairs)", checked, bad);
    }

    @Test
    void doublesIntoEveryFormatAndMode() throws Exception {
        Random random = new Random(77L);
        List<FixedType> formats = new ArrayList<>(smallFormats());
        for (int w : new int[] {8, 16, 24, 32, 40, 53, 63, 64}) {
            formats.add(FixedType.signed(w, w / 3));
            formats.add(FixedType.signed(w, w + 5));
            formats.add(FixedType.signed(w, -7));
            formats.add(FixedType.unsigned(Math.min(w, 63), w / 2));
        }
        // LSBs at and below the smallest subnormal (2^-1074), and far above the largest double's LSB
        for (int f : new int[] {1073, 1074, 1076, 1090}) {
            formats.add(FixedType.signed(12, 12 - f));
            formats.add(FixedType.unsigned(10, 10 - f));
        }
        formats.add(FixedType.signed(20, 1000));
        formats.add(FixedType.signed(64, 1020));
        List<String> commands = new ArrayList<>();
        List<double[]> inputs = new ArrayList<>();
        for (FixedType t : withAllModes(formats)) {
            double[] ds = doublesFor(t, random);
            StringBuilder sb = new StringBuilder("D ").append(target(t));
            for (double d : ds) {
                sb.append(' ').append(String.format("%016x", Double.doubleToRawLongBits(d)));
            }
            commands.add(sb.toString());
            inputs.add(ds);
        }
        List<String> lines = runChecker(commands);
        Mismatches bad = new Mismatches();
        long checked = 0;
        for (int k = 0; k < commands.size(); k++) {
            FixedType t = parseTarget(commands.get(k).split(" "), 1);
            String[] got = lines.get(k).split(" ");
            double[] ds = inputs.get(k);
            assertEquals(ds.length, got.length, commands.get(k));
            org.l1embed.quantization.fixed.DoubleQuantizer fast = t.fitsLong() ? new org.l1embed.quantization.fixed.DoubleQuantizer(t) : null;
            for (int j = 0; j < ds.length; j++) {
                long e = t.quantize(ds[j]);
                long c = Long.parseLong(got[j]);
                checked++;
                if (c != e) {
                    bad.add(t + " <- " + ds[j] + " (" + Double.toHexString(ds[j]) + "): C++ " + c + ", Java " + e);
                }
                // the emulator's fast double path must agree too
                if (fast != null && Double.isFinite(ds[j]) && fast.quantize(ds[j]) != c) {
                    bad.add(t + " <- " + ds[j] + " (" + Double.toHexString(ds[j]) + "): C++ " + c + ", DoubleQuantizer "
                            + fast.quantize(ds[j]));
                }
            }
        }
        report("double conversions (" + commands.size() + " targets)", checked, bad);
    }

    // ---------------------------------------------------------------- template part

    @Test
    void templateInstantiationsAgreeWithTheReference() throws Exception {
        Result result = exec(work, null, 120, checker.toString(), "templates");   // exits 1 after printing ERR lines
        String out = result.output;
        Map<String, long[]> counts = new TreeMap<>();   // kind -> {lines, values}
        Mismatches bad = new Mismatches();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("ERR")) {
                bad.add(line);
                continue;
            }
            String[] f = line.split("\\|", -1);
            String kind = f[0];
            String[] items = f[f.length - 1].isEmpty() ? new String[0] : f[f.length - 1].split(" ");
            long[] c = counts.computeIfAbsent(kind, x -> new long[2]);
            c[0]++;
            c[1] += items.length;
            for (String item : items) {
                String problem = checkTemplateItem(kind, f, item);
                if (problem != null) {
                    bad.add(kind + "|" + f[1] + (f.length > 3 ? "|" + f[2] : "") + " " + item + ": " + problem);
                }
            }
        }
        for (String kind : List.of("conv", "dbl", "flt", "read", "mul", "add", "sub", "neg", "pos", "adda", "suba", "mula",
                "cmp", "cmpd", "macc")) {
            assertTrue(counts.containsKey(kind), "no '" + kind + "' checks printed; printed: " + counts.keySet());
        }
        long total = 0;
        StringBuilder summary = new StringBuilder();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            total += e.getValue()[1];
            summary.append(' ').append(e.getKey()).append('=').append(e.getValue()[1]).append('/').append(e.getValue()[0]);
        }
        System.out.println("template checks (values/lines):" + summary);
        report("template instantiations", total, bad);
        assertEquals(0, result.exit, "ap_fixed_check templates exit status");
    }

    /** Recomputes one printed value of the template part; null when it agrees. */
    private static String checkTemplateItem(String kind, String[] f, String item) {
        int colon = item.lastIndexOf(':');
        String key = item.substring(0, colon);
        String got = item.substring(colon + 1);
        switch (kind) {
            case "conv": {
                FixedType s = type(f[1]);
                FixedType d = type(f[2]);
                long r = Long.parseLong(key);
                // Into the same type it is C++'s copy constructor, as in the vendor's: no conversion. (It differs only
                // for SAT_SYM's minimum raw, which no conversion can produce; the checker makes it through raw access.)
                long want = s.equals(d) ? r : Conversion.of(s.fractionalBits(), d).apply(r);
                return expect(s.contains(r), "raw outside source", want, got);
            }
            case "dbl": {
                double x = Double.longBitsToDouble(Long.parseUnsignedLong(key, 16));
                return expect(true, null, type(f[1]).quantize(x), got);
            }
            case "flt": {
                float x = Float.intBitsToFloat(Integer.parseUnsignedInt(key, 16));
                return expect(true, null, type(f[1]).quantize(x), got);
            }
            case "read": {
                FixedType t = type(f[1]);
                long r = Long.parseLong(key);
                BigInteger truncated = t.toBigDecimal(r).toBigInteger();   // toward zero
                String want = truncated.intValue() + "," + truncated.longValue() + ","
                        + String.format("%016x", Double.doubleToRawLongBits(t.toDouble(r))) + ","
                        + String.format("%08x", Float.floatToRawIntBits(Math.scalb((float) r, -t.fractionalBits())));
                return want.equals(got) ? null : "want " + want;
            }
            case "mul":
            case "add":
            case "sub": {
                FixedType a = type(f[1]);
                FixedType b = type(f[2]);
                FixedType resultType = kind.equals("mul") ? a.productType(b) : kind.equals("add") ? a.sumType(b) : a.differenceType(b);
                if (!resultType.equals(type(f[3]))) {
                    return "result type " + f[3] + ", Java " + resultType;
                }
                long[] xy = longs(key, ",");
                long want = kind.equals("mul") ? FixedMath.multiply(xy[0], a, xy[1], b)
                        : kind.equals("add") ? FixedMath.add(xy[0], a, xy[1], b) : FixedMath.subtract(xy[0], a, xy[1], b);
                return expect(true, null, want, got);
            }
            case "neg": {
                FixedType a = type(f[1]);
                if (!a.negationType().equals(type(f[2]))) {
                    return "result type " + f[2] + ", Java " + a.negationType();
                }
                return expect(true, null, FixedMath.negate(Long.parseLong(key), a), got);
            }
            case "pos":
                return expect(true, null, Long.parseLong(key), got);
            case "adda":
            case "suba":
            case "mula": {
                FixedType a = type(f[1]);
                FixedType b = type(f[2]);
                long[] xy = longs(key, ",");
                FixedType exact;
                long raw;
                if (kind.equals("adda")) {
                    exact = a.sumType(b);
                    raw = FixedMath.add(xy[0], a, xy[1], b);
                } else if (kind.equals("suba")) {
                    exact = a.differenceType(b);
                    raw = FixedMath.subtract(xy[0], a, xy[1], b);
                } else {
                    exact = a.productType(b);
                    raw = FixedMath.multiply(xy[0], a, xy[1], b);
                }
                return expect(true, null, Conversion.of(exact.fractionalBits(), a).apply(raw), got);
            }
            case "cmp": {
                long[] xy = longs(key, ",");
                return compareCode(type(f[1]).toBigDecimal(xy[0]).compareTo(type(f[2]).toBigDecimal(xy[1])), got);
            }
            case "cmpd": {
                String[] xd = key.split(",");
                BigDecimal d = new BigDecimal(Double.longBitsToDouble(Long.parseUnsignedLong(xd[1], 16)));
                return compareCode(type(f[1]).toBigDecimal(Long.parseLong(xd[0])).compareTo(d), got);
            }
            case "macc": {
                FixedType acc = type(f[1]);
                FixedType x = type(f[2]);
                FixedType w = type(f[3]);
                long[] v = longs(key, ",");
                long product = FixedMath.multiply(v[1], x, v[2], w);
                long term = Conversion.of(x.productType(w).fractionalBits(), acc).apply(product);
                long sum = FixedMath.add(v[0], acc, term, acc);
                return expect(true, null, Conversion.of(acc.sumType(acc).fractionalBits(), acc).apply(sum), got);
            }
            default:
                return "unknown kind of check";
        }
    }

    // ---------------------------------------------------------------- compile-time behaviour

    @Test
    void refusesWhatItCannotComputeLikeTheVendorWithAClearMessage() throws Exception {
        Map<String, String> refused = new TreeMap<>(Map.of(
                "ap_fixed<65, 10> x;", "width must be 1..64 (signed) or 1..63 (unsigned)",
                "ap_ufixed<64, 10> x;", "width must be 1..64 (signed) or 1..63 (unsigned)",
                "ap_ufixed<8, 3, AP_TRN, AP_WRAP_SM> x;", "AP_WRAP_SM needs a signed type",
                "ap_fixed<8, 3, AP_TRN, AP_WRAP, 1> x;", "only N = 0",
                "ap_fixed<40, 10> a; auto p = a * a; (void)p;", "wider than 64 bits",
                "ap_fixed<64, 64> a; ap_fixed<64, -60> b; a += b;", "exceed 126 bits",
                "ap_int<8> i = 1.5; (void)i;", "construction from a floating-point value",
                "ap_fixed<8, 3> f = 1.5; ap_int<8> i = f; (void)i;", "fractional bits into an integer",
                "ap_int<8> i = 1; ap_fixed<8, 3> f = 1.5; i += f;", "compound assignment of a value with fractional bits",
                "ap_fixed<8, 3> f = 1.5; double d = f; (void)d;", "error"));
        refused.put("ap_fixed<8, 3> f = 1.5; if (f) {}", "error");   // no implicit conversion to bool either
        List<String> failures = new ArrayList<>();
        int k = 0;
        for (Map.Entry<String, String> e : refused.entrySet()) {
            Path src = work.resolve("refused" + k++ + ".cpp");
            Files.writeString(src, "#include \"ap_fixed.h\"\nint main() { " + e.getKey() + " return 0; }\n");
            Result r = exec(work, 120, "g++", "-std=c++17", "-fsyntax-only", "-I" + cppDir, src.toString());
            if (r.exit == 0 || !r.output.contains(e.getValue())) {
                failures.add(e.getKey() + " -> exit " + r.exit + ", expected a message containing '" + e.getValue() + "':\n" + r.output);
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    @Test
    void compilesWarningFreeInTheWaysGeneratedCodeUsesIt() throws Exception {
        Path src = work.resolve("usage.cpp");
        Files.writeString(src, """
                #include "ap_int.h"     // like the vendor's, ap_int.h brings ap_fixed along
                #include "ap_fixed.h"
                #include <cstdio>
                typedef ap_fixed<16, 6> input_t;
                typedef ap_fixed<8, 2, AP_RND_CONV, AP_SAT> weight_t;
                typedef ap_fixed<39, 19> accum_t;
                typedef ap_ufixed<10, 4, AP_RND_CONV, AP_SAT> result_t;
                int main() {
                    const weight_t w[3] = {0.5, -0.25, 1};
                    input_t x[3];
                    x[0] = 1.5f; x[1] = -2; x[2] = 0.25;
                    accum_t acc = (accum_t) 0;
                    for (int i = 0; i < 3; i++) acc += (accum_t) (x[i] * w[i]);
                    result_t y = acc > 0 ? (result_t) acc : (result_t) 0;
                    ap_int<12> n = 5; ap_uint<3> u = 7; n += u; n = n * 2;
                    std::printf("%.6f %.6f %d %d\\n", acc.to_double(), y.to_double(), n.to_int(), (-u).to_int());
                    return (acc == 1.5 && y.to_float() == 1.5f && n == 24 && -x[1] > x[0]) ? 0 : 1;
                }
                """);
        Path exe = work.resolve("usage");
        run(work, null, 120, "g++", "-std=c++17", "-O1", "-Wall", "-Wextra", "-pedantic", "-Werror", "-I" + cppDir,
                src.toString(), "-o", exe.toString());
        String out = run(work, null, 30, exe.toString());
        assertEquals("1.500000 1.500000 24 -7", out.strip());
    }

    // ---------------------------------------------------------------- formats, inputs

    /** W 1..6, I in {-2, 0, 1, W, W+2}, signed and unsigned; default modes. */
    static List<FixedType> smallFormats() {
        Set<FixedType> out = new LinkedHashSet<>();
        for (boolean signed : new boolean[] {true, false}) {
            for (int w = 1; w <= 6; w++) {
                for (int i : new int[] {-2, 0, 1, w, w + 2}) {
                    out.add(new FixedType(w, i, signed, Rounding.TRN, Overflow.WRAP));
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Every format with all 7 x 5 modes (WRAP_SM only for signed formats). */
    static List<FixedType> withAllModes(List<FixedType> formats) {
        List<FixedType> out = new ArrayList<>();
        for (FixedType t : formats) {
            for (Rounding q : Rounding.values()) {
                for (Overflow o : Overflow.values()) {
                    if (t.signed() || o != Overflow.WRAP_SM) {
                        out.add(t.withModes(q, o));
                    }
                }
            }
        }
        return out;
    }

    /** Doubles for a target: zeros, extremes, subnormals, exact ties of its LSB and their neighbours, range edges, random. */
    static double[] doublesFor(FixedType t, Random random) {
        List<Double> ds = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.5, -0.5, 3.0, -3.0, Double.MIN_VALUE, -Double.MIN_VALUE,
                Double.MIN_NORMAL, -Double.MIN_NORMAL, Double.MAX_VALUE, -Double.MAX_VALUE, 0x1p100, -0x1p100, 0x1p-100, -0x1p-100));
        int f = t.fractionalBits();
        double lsb = Math.scalb(1.0, -f);
        double max = Math.scalb((double) t.maxRaw(), -f);
        double min = Math.scalb((double) t.minRaw(), -f);
        for (double v : new double[] {max, min, max + lsb / 2, min - lsb / 2, max + lsb, min - lsb, max * 2, min * 2 - lsb}) {
            ds.add(v);
        }
        for (int k = 0; k < 12; k++) {
            long n = random.nextInt(1 << Math.min(t.width() + 2, 20)) - (1L << Math.min(t.width() + 1, 19));
            double tie = (n + 0.5) * lsb;    // exact: few significant bits
            ds.add(tie);
            ds.add(Math.nextUp(tie));
            ds.add(Math.nextDown(tie));
        }
        double span = Math.max(max, -min) * 2;
        for (int k = 0; k < 16; k++) {
            ds.add((random.nextDouble() * 2 - 1) * span);
        }
        for (int k = 0; k < 6; k++) {
            ds.add(Math.scalb(random.nextDouble() - 0.5, random.nextInt(200) - 100));
        }
        for (int k = 0; k < 6; k++) {    // subnormals: small multiples of 2^-1074 and random ones
            double sub = k < 3 ? (k + 1) * Double.MIN_VALUE * 3 : Double.longBitsToDouble(random.nextLong() & 0x000F_FFFF_FFFF_FFFFL);
            ds.add(sub);
            ds.add(-sub);
        }
        return ds.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
    }

    private static String generate(int fs, int rw, boolean rs, long seed, int n, FixedType t) {
        return "G " + fs + " " + rw + " " + bit(rs) + " " + seed + " " + n + " " + target(t);
    }

    private static String target(FixedType t) {
        return t.width() + " " + t.integerBits() + " " + bit(t.signed()) + " " + t.rounding().name() + " " + t.overflow().name();
    }

    private static FixedType parseTarget(String[] c, int at) {
        return new FixedType(Integer.parseInt(c[at]), Integer.parseInt(c[at + 1]), c[at + 2].equals("1"),
                Rounding.valueOf(c[at + 3]), Overflow.valueOf(c[at + 4]));
    }

    private static final Map<String, FixedType> TYPES = new java.util.concurrent.ConcurrentHashMap<>();

    /** A C++ type spelling; "int" is the vendor's view of an int operand, ap_int<32>. */
    private static FixedType type(String text) {
        return TYPES.computeIfAbsent(text, s -> s.equals("int") ? FixedType.signed(32, 32) : FixedType.parse(s));
    }

    private static String expect(boolean precondition, String whyNot, long want, String got) {
        if (!precondition) {
            return whyNot;
        }
        return Long.toString(want).equals(got) ? null : "C++ " + got + ", Java " + want;
    }

    /** The six comparisons <, <=, >, >=, ==, != as digits, from the exact order. */
    private static String compareCode(int order, String got) {
        String want = "" + bit(order < 0) + bit(order <= 0) + bit(order > 0) + bit(order >= 0) + bit(order == 0) + bit(order != 0);
        return want.equals(got) ? null : "want " + want;
    }

    private static long[] longs(String s, String separator) {
        String[] p = s.split(separator);
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = Long.parseLong(p[i]);
        }
        return out;
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }

    // ---------------------------------------------------------------- processes

    private static Path locateCppDir() {
        for (Path p : List.of(Path.of("src/test/cpp"), Path.of("hls-export/src/test/cpp"))) {
            if (Files.isRegularFile(p.resolve("ap_fixed.h")) && Files.isRegularFile(p.resolve("ap_fixed_check.cpp"))) {
                return p.toAbsolutePath();
            }
        }
        return fail("cannot find src/test/cpp/ap_fixed.h (working directory " + Path.of("").toAbsolutePath() + ")");
    }

    /** Runs the checker on command lines; returns its output lines, one per command. */
    private static List<String> runChecker(List<String> commands) throws IOException, InterruptedException {
        Path in = Files.createTempFile(work, "commands", ".txt");
        Files.write(in, commands, StandardCharsets.US_ASCII);
        String out = run(work, in, 300, checker.toString());
        List<String> lines = out.lines().toList();
        assertEquals(commands.size(), lines.size(), "one output line per command");
        return lines;
    }

    private record Result(int exit, String output) {
    }

    private static Result exec(Path dir, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        return exec(dir, null, timeoutSeconds, command);
    }

    private static Result exec(Path dir, Path stdin, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "out", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile());
        if (stdin != null) {
            pb.redirectInput(stdin.toFile());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            return fail("cannot run " + command[0] + ": g++ is required to build and check the generated HLS C++ "
                    + "(install it, e.g. apt-get install g++): " + e.getMessage());
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        Files.delete(out);
        return new Result(p.exitValue(), text);
    }

    /** Runs a command; fails the test with its output unless it exits 0. */
    private static String run(Path dir, Path stdin, int timeoutSeconds, String... command) throws IOException, InterruptedException {
        Result r = exec(dir, stdin, timeoutSeconds, command);
        if (r.exit != 0) {
            String head = r.output.length() > 20_000 ? r.output.substring(0, 20_000) + "\n[...]" : r.output;
            fail(String.join(" ", command) + " exited with " + r.exit + ":\n" + head);
        }
        return r.output;
    }

    /** Collects disagreements; reports the first few in full. */
    private static final class Mismatches {
        final List<String> first = new ArrayList<>();
        long count;

        void add(String what) {
            count++;
            if (first.size() < MAX_REPORTED) {
                first.add(what);
            }
        }
    }

    private static void report(String what, long checked, Mismatches bad) {
        System.out.println(what + ": " + checked + " values checked, " + bad.count + " mismatches");
        assertTrue(checked > 0, what + ": nothing checked");
        assertTrue(bad.count == 0, what + ": " + bad.count + " mismatches of " + checked + ", first:\n" + String.join("\n", bad.first));
    }
}
