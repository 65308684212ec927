package org.l1embed.service.firmware;

import static org.l1embed.service.errors.ServiceException.failedPrecondition;
import static org.l1embed.service.errors.ServiceException.invalidArgument;

import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.config.IoType;
import org.l1embed.hls.config.Strategy;
import org.l1embed.hls.design.HlsDesign;
import org.l1embed.hls.estimate.Estimator;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.errors.ServiceException;

/**
 * The HLS configuration of an ExportFirmware request, as given: every field optional (null or empty when unset, then
 * hls-export's default applies). {@link #resolve} checks each field and names it ({@code hls.<field>}) with the rule and
 * the valid values; the rules themselves are hls-export's ({@link HlsConfig}, {@link FpgaPart},
 * {@link HlsDesign#validReuseFactors}).
 *
 * @param projectName        C identifier; empty: the network's name
 * @param topFunction        C identifier; empty: the project name
 * @param fpgaPart           empty: {@link FpgaPart#DEFAULT}
 * @param clockPeriodNs      null: {@value HlsConfig#DEFAULT_CLOCK_NS}
 * @param defaultReuseFactor null: 1
 * @param reuseFactors       per dense layer name
 * @param ioType             {@code io_parallel}; empty: the default
 * @param strategy           {@code latency}; empty: the default
 * @param testbenchEvents    null: {@value HlsConfig#DEFAULT_TESTBENCH_EVENTS}
 * @param testbenchSeed      null: 1
 */
public record FirmwareConfig(String projectName, String topFunction, String fpgaPart, Double clockPeriodNs,
                             Integer defaultReuseFactor, Map<String, Integer> reuseFactors, String ioType, String strategy,
                             Integer testbenchEvents, Long testbenchSeed) {

    /** The prefix of every field name in messages: the request's {@code hls} field. */
    public static final String FIELD = "hls";
    /**
     * The most testbench events the service renders: the project is built in memory (about 0.6 KB of text per event
     * for 57 inputs), so a million events would take gigabytes. {@code l1embed export-hls} writes up to
     * {@value HlsConfig#MAX_TESTBENCH_EVENTS}.
     */
    public static final int MAX_TESTBENCH_EVENTS = 100_000;

    public FirmwareConfig {
        projectName = Objects.requireNonNullElse(projectName, "");
        topFunction = Objects.requireNonNullElse(topFunction, "");
        fpgaPart = Objects.requireNonNullElse(fpgaPart, "");
        reuseFactors = Map.copyOf(new TreeMap<>(Objects.requireNonNullElse(reuseFactors, Map.of())));
        ioType = Objects.requireNonNullElse(ioType, "");
        strategy = Objects.requireNonNullElse(strategy, "");
    }

    /**
     * The hls-export configuration for a network.
     *
     * @throws ServiceException INVALID_ARGUMENT naming the first bad field, its value, the rule and the valid values;
     *                          FAILED_PRECONDITION when the project name is left to default and the network's name is not a
     *                          C identifier
     */
    public HlsConfig resolve(NetworkSpec spec) {
        HlsConfig c;
        if (projectName.isEmpty()) {
            try {
                c = HlsConfig.defaults(spec.name());
            } catch (IllegalArgumentException e) {
                throw failedPrecondition(FIELD + ".project_name: required for network '" + spec.name()
                        + "', whose name cannot name the project: " + e.getMessage());
            }
        } else {
            c = field("project_name", () -> HlsConfig.defaults(projectName));
        }
        HlsConfig base = c;
        if (!topFunction.isEmpty()) {
            c = field("top_function", () -> new HlsConfig(base.projectName(), topFunction, base.part(), base.clockPeriodNs(),
                    base.defaultReuseFactor(), base.reuseFactors(), base.ioType(), base.strategy(), base.testbenchEvents(), base.seed()));
        }
        if (!fpgaPart.isEmpty()) {
            HlsConfig cc = c;
            c = field("fpga_part", () -> cc.withPart(new FpgaPart(fpgaPart)));
        }
        if (clockPeriodNs != null) {
            HlsConfig cc = c;
            c = field("clock_period_ns", () -> cc.withClockPeriodNs(clockPeriodNs));
        }
        IoType io = ioType.isEmpty() ? c.ioType() : choice("io_type", ioType, IoType.values(), IoType::hls4mlName);
        Strategy st = strategy.isEmpty() ? c.strategy() : choice("strategy", strategy, Strategy.values(),
                s -> s.hls4mlName().toLowerCase(java.util.Locale.ROOT));
        c = new HlsConfig(c.projectName(), c.topFunction(), c.part(), c.clockPeriodNs(), c.defaultReuseFactor(), c.reuseFactors(),
                io, st, c.testbenchEvents(), c.seed());
        if (testbenchEvents != null && testbenchEvents > MAX_TESTBENCH_EVENTS) {
            throw invalidArgument(FIELD + ".testbench_events: the service renders at most " + MAX_TESTBENCH_EVENTS
                    + " testbench events (l1embed export-hls writes up to " + HlsConfig.MAX_TESTBENCH_EVENTS + "), got "
                    + testbenchEvents);
        }
        if (testbenchEvents != null || testbenchSeed != null) {
            HlsConfig cc = c;
            int events = testbenchEvents == null ? c.testbenchEvents() : testbenchEvents;
            long seed = testbenchSeed == null ? c.seed() : testbenchSeed;
            c = field("testbench_events", () -> cc.withTestbench(events, seed));
        }
        return withReuse(c, spec);
    }

    private HlsConfig withReuse(HlsConfig c, NetworkSpec spec) {
        int defaultRf = defaultReuseFactor == null ? c.defaultReuseFactor() : defaultReuseFactor;
        if (defaultRf < 1) {
            throw invalidArgument(FIELD + ".default_reuse_factor: must be >= 1, got " + defaultRf);
        }
        Map<String, Dense> dense = new TreeMap<>();
        for (Layer l : spec.layers()) {
            if (l instanceof Dense d) {
                dense.put(d.name(), d);
            }
        }
        for (Map.Entry<String, Integer> e : reuseFactors.entrySet()) {
            if (!dense.containsKey(e.getKey())) {
                throw invalidArgument(FIELD + ".reuse_factors: '" + e.getKey() + "' is not a dense layer of network '" + spec.name()
                        + "'; dense layers: " + String.join(", ", dense.keySet()));
            }
        }
        for (Dense d : dense.values()) {
            boolean named = reuseFactors.containsKey(d.name());
            int rf = named ? reuseFactors.get(d.name()) : defaultRf;
            var valid = HlsDesign.validReuseFactors(d.inputs(), d.outputs());
            if (!valid.contains(rf)) {
                String field = named ? FIELD + ".reuse_factors['" + d.name() + "']" : FIELD + ".default_reuse_factor";
                throw invalidArgument(field + ": reuse factor " + rf + " is not valid for dense layer '" + d.name() + "' ("
                        + d.inputs() + "x" + d.outputs() + " = " + d.inputs() * d.outputs() + " multiplications): it must divide "
                        + "n_in*n_out and keep n_in*n_out/reuse factor <= " + Estimator.UNROLL_LIMIT + " (the HLS unroll limit); valid: "
                        + valid.stream().map(String::valueOf).collect(Collectors.joining(", ")));
            }
        }
        return c.withReuse(defaultRf, reuseFactors);
    }

    private static HlsConfig field(String name, Supplier<HlsConfig> make) {
        try {
            return make.get();
        } catch (IllegalArgumentException e) {
            throw invalidArgument(FIELD + "." + name + ": " + e.getMessage());
        }
    }

    private static <E extends Enum<E>> E choice(String name, String value, E[] values, java.util.function.Function<E, String> spelling) {
        for (E v : values) {
            if (spelling.apply(v).equals(value)) {
                return v;
            }
        }
        throw invalidArgument(FIELD + "." + name + ": '" + value + "' is not supported; valid: "
                + Arrays.stream(values).map(spelling).collect(Collectors.toCollection(TreeSet::new)));
    }
}
