package org.l1embed.hls.config;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Choices for an HLS export.
 *
 * @param projectName         C identifier; names the project files ({@code firmware/<projectName>.cpp}, …)
 * @param topFunction         C identifier of the top function
 * @param part                the FPGA part
 * @param clockPeriodNs       target clock period in nanoseconds, in (0, 100]
 * @param defaultReuseFactor  reuse factor of every dense layer not named in {@code reuseFactors}, >= 1
 * @param reuseFactors        per dense layer name; validated against the layer's shape when the design is planned
 * @param ioType              how data enters and leaves the top function
 * @param strategy            latency strategy
 * @param testbenchEvents     events in {@code tb_data/}, 1..1 000 000
 * @param seed                seed of the generated testbench events
 */
public record HlsConfig(String projectName, String topFunction, FpgaPart part, double clockPeriodNs,
                        int defaultReuseFactor, Map<String, Integer> reuseFactors, IoType ioType, Strategy strategy,
                        int testbenchEvents, long seed) {

    /** Clock period of the CMS Phase-2 trigger's 240 MHz processing clock, rounded to the ns. */
    public static final double DEFAULT_CLOCK_NS = 4.0;
    public static final int DEFAULT_TESTBENCH_EVENTS = 1000;
    public static final int MAX_TESTBENCH_EVENTS = 1_000_000;

    public HlsConfig {
        requireIdentifier("projectName", projectName);
        if (RESERVED_PROJECT_NAMES.contains(projectName)) {
            throw new IllegalArgumentException("projectName must not be 'defines' or 'parameters' (firmware/" + projectName
                    + ".h is a fixed file of every project), got '" + projectName + "'");
        }
        requireIdentifier("topFunction", topFunction);
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(ioType, "ioType");
        Objects.requireNonNull(strategy, "strategy");
        if (!(clockPeriodNs > 0 && clockPeriodNs <= 100) || !Double.isFinite(clockPeriodNs)) {
            throw new IllegalArgumentException("clockPeriodNs must be in (0, 100] nanoseconds, got clockPeriodNs=" + clockPeriodNs);
        }
        if (defaultReuseFactor < 1) {
            throw new IllegalArgumentException("defaultReuseFactor must be >= 1, got defaultReuseFactor=" + defaultReuseFactor);
        }
        reuseFactors = Map.copyOf(new TreeMap<>(Objects.requireNonNull(reuseFactors, "reuseFactors")));
        reuseFactors.forEach((layer, rf) -> {
            if (rf == null || rf < 1) {
                throw new IllegalArgumentException("reuseFactors: reuse factor of layer '" + layer + "' must be >= 1, got " + rf);
            }
        });
        if (testbenchEvents < 1 || testbenchEvents > MAX_TESTBENCH_EVENTS) {
            throw new IllegalArgumentException("testbenchEvents must be in 1.." + MAX_TESTBENCH_EVENTS + ", got testbenchEvents="
                    + testbenchEvents);
        }
    }

    /** Defaults for a project: the Phase-2 part, 4 ns clock, reuse factor 1, io_parallel, latency. */
    public static HlsConfig defaults(String projectName) {
        return new HlsConfig(projectName, projectName, FpgaPart.DEFAULT, DEFAULT_CLOCK_NS, 1, Map.of(), IoType.IO_PARALLEL,
                Strategy.LATENCY, DEFAULT_TESTBENCH_EVENTS, 1L);
    }

    /** The reuse factor chosen for a layer. */
    public int reuseFactorOf(String layer) {
        return reuseFactors.getOrDefault(layer, defaultReuseFactor);
    }

    public HlsConfig withPart(FpgaPart newPart) {
        return new HlsConfig(projectName, topFunction, newPart, clockPeriodNs, defaultReuseFactor, reuseFactors, ioType, strategy,
                testbenchEvents, seed);
    }

    public HlsConfig withClockPeriodNs(double ns) {
        return new HlsConfig(projectName, topFunction, part, ns, defaultReuseFactor, reuseFactors, ioType, strategy,
                testbenchEvents, seed);
    }

    public HlsConfig withReuse(int defaultRf, Map<String, Integer> perLayer) {
        return new HlsConfig(projectName, topFunction, part, clockPeriodNs, defaultRf, perLayer, ioType, strategy,
                testbenchEvents, seed);
    }

    public HlsConfig withTestbench(int events, long newSeed) {
        return new HlsConfig(projectName, topFunction, part, clockPeriodNs, defaultReuseFactor, reuseFactors, ioType, strategy,
                events, newSeed);
    }

    /** C++17 keywords and alternative tokens, and {@code main}: names a generated identifier must not take. */
    static final java.util.Set<String> CPP_KEYWORDS = java.util.Set.of("alignas", "alignof", "and", "and_eq", "asm", "auto",
            "bitand", "bitor", "bool", "break", "case", "catch", "char", "char16_t", "char32_t", "class", "compl", "const",
            "constexpr", "const_cast", "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
            "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable",
            "namespace", "new", "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected", "public",
            "register", "reinterpret_cast", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast",
            "struct", "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename",
            "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq", "main");

    /** Project names that would collide with the fixed files {@code firmware/defines.h} and {@code firmware/parameters.h}. */
    static final java.util.Set<String> RESERVED_PROJECT_NAMES = java.util.Set.of("defines", "parameters");

    static void requireIdentifier(String field, String value) {
        if (value == null || !value.matches("[A-Za-z][A-Za-z0-9_]{0,62}") || CPP_KEYWORDS.contains(value)) {
            throw new IllegalArgumentException(field + " must be a C identifier (a letter, then letters, digits or '_', "
                    + "at most 63 characters, not a C++ keyword), got '" + value + "'");
        }
    }
}
