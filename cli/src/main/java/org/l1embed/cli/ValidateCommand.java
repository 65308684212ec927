package org.l1embed.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.l1embed.cli.io.AtomicFiles;
import org.l1embed.cli.io.JUnitXml;
import org.l1embed.cli.jobs.ValidateJob;
import org.l1embed.cli.text.TextTable;
import org.l1embed.inference.validation.Thresholds;
import org.l1embed.inference.validation.ValidationReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/**
 * {@code l1embed validate}: the CI gate for a changed model — a quantized bundle's float network (ONNX Runtime) against
 * its bit-accurate emulation, the stored testbench vectors bit for bit, and a verdict against thresholds; exit status 0
 * for PASS, 1 for FAIL; optionally a JUnit XML report naming every rule.
 */
@Command(name = "validate",
        sortOptions = false,
        description = {
            "Validate a quantized model bundle against its float network: model.onnx in ONNX Runtime and the bit-accurate "
                    + "emulator on the same events (per output max and mean |float - fixed|, the fraction of events agreeing "
                    + "within a tolerance, overflows per layer), and the bundle's stored testbench vectors reproduced bit for "
                    + "bit. The same validation as the service's Validate RPC.",
            "",
            "Verdict: FAIL when a given threshold fails or a stored testbench vector is not reproduced bit for bit; exit "
                    + "status 0 for PASS, 1 for FAIL (and for a bundle or file that cannot be read), 2 for a usage error."
        })
final class ValidateCommand extends Subcommand {

    /** The thresholds' names as this command spells them. */
    static final Thresholds.FieldNames OPTION_NAMES = field -> switch (field) {
        case "min_agreement_rate" -> "--min-agreement";
        case "require_testbench_bit_exact" -> "--require-testbench";
        default -> "--" + field.replace('_', '-');
    };

    static final class Source {
        @Option(names = "--input", paramLabel = "FILE",
                description = "Raw events to compare on: .csv or .npy, one row of the network's raw input features per event.")
        Path input;

        @Option(names = "--events", paramLabel = "N",
                description = "Generate N synthetic background events (ADC2021 cocktail; 57-input networks) (default: "
                        + ValidateJob.DEFAULT_EVENTS + ").")
        Integer events;
    }

    @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "Quantized model bundle (verified against its checksums).")
    private Path bundle;

    @ArgGroup(exclusive = true)
    private Source source;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "N", description = "Seed of the generated events (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--max-abs-diff", paramLabel = "X", description = "Fail when any output's largest |float - fixed| exceeds X.")
    private Double maxAbsDiff;

    @Option(names = "--mean-abs-diff", paramLabel = "X", description = "Fail when any output's mean |float - fixed| exceeds X.")
    private Double meanAbsDiff;

    @Option(names = "--min-agreement", paramLabel = "R",
            description = "Fail when fewer than this fraction of events agree: every output within --tolerance.")
    private Double minAgreement;

    @Option(names = "--tolerance", paramLabel = "X",
            description = "An event agrees when every output's |float - fixed| <= X (default: one LSB of the output type).")
    private Double tolerance;

    @Option(names = "--max-overflows", paramLabel = "N", description = "Fail when input, accumulator and result overflows exceed N in all.")
    private Long maxOverflows;

    @Option(names = "--require-testbench", description = "Fail a bundle that stores no testbench vectors (testbench/).")
    private boolean requireTestbench;

    @Option(names = "--junit-xml", paramLabel = "FILE", description = "Also write a JUnit XML report: one test case per rule.")
    private Path junitXml;

    @Override
    int run() throws Exception {
        ValidateJob.Options options;
        try {
            // The job resolves an unset tolerance to one LSB of the output type; here it only has to satisfy the rules.
            Thresholds thresholds = new Thresholds(maxAbsDiff, meanAbsDiff, tolerance != null ? tolerance : 0.0, minAgreement,
                    maxOverflows, requireTestbench, OPTION_NAMES);
            Path input = source != null ? source.input : null;
            int events = source != null && source.events != null ? source.events : ValidateJob.DEFAULT_EVENTS;
            options = new ValidateJob.Options(bundle, input, events, seed, tolerance, thresholds);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (junitXml != null) {
            AtomicFiles.checkWritable(junitXml);
        }
        ValidateJob.Result r;
        try {
            r = new ValidateJob().run(options);
        } catch (Exception e) {
            if (junitXml != null) {   // the gate's report still says why it failed
                writeJunit(0, Map.of("bundle", bundle.toString()),
                        List.of(new JUnitXml.TestCase("validate", JUnitXml.Outcome.ERROR, Failures.message(e))));
            }
            throw e;
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(summary(r));
        out.flush();
        if (junitXml != null) {
            writeJunit(r.seconds(), properties(r), cases(r.report()));
            PrintWriter err = spec.commandLine().getErr();
            err.println("wrote " + junitXml);
            err.flush();
        }
        return r.report().passed() ? 0 : Failures.FAILURE;
    }

    private void writeJunit(double seconds, Map<String, String> properties, List<JUnitXml.TestCase> cases) throws java.io.IOException {
        AtomicFiles.write(junitXml, w -> JUnitXml.write(w, "l1embed validate " + bundle, "l1embed.validate", seconds, properties, cases));
    }

    private static Map<String, String> properties(ValidateJob.Result r) {
        ValidationReport v = r.report();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("bundle", r.bundle().directory().toString());
        p.put("network", r.bundle().network().name());
        p.put("events", r.source());
        p.put("tolerance", String.valueOf(v.tolerance()));
        p.put("agreement_rate", String.valueOf(v.agreementRate()));
        p.put("max_abs_diff", java.util.Arrays.toString(v.maxAbsDiff()));
        p.put("mean_abs_diff", java.util.Arrays.toString(v.meanAbsDiff()));
        p.put("overflows", String.valueOf(v.totalOverflows()));
        p.put("verdict", v.passed() ? "PASS" : "FAIL");
        return p;
    }

    private static List<JUnitXml.TestCase> cases(ValidationReport v) {
        List<JUnitXml.TestCase> out = new ArrayList<>();
        for (ValidationReport.Check c : v.checks()) {
            out.add(new JUnitXml.TestCase(c.name(), c.passed() ? JUnitXml.Outcome.PASSED : JUnitXml.Outcome.FAILED, c.message()));
        }
        return out;
    }

    static String summary(ValidateJob.Result r) {
        ValidationReport v = r.report();
        StringBuilder s = new StringBuilder();
        s.append("bundle ").append(r.bundle().directory()).append(": network '").append(r.bundle().network().name())
                .append("', output ").append(r.bundle().network().outputType()).append('\n');
        s.append("events: ").append(r.source()).append(String.format(Locale.ROOT, ", compared in %.1f s%n", r.seconds()));
        TextTable outputs = new TextTable().left("output").right("max |float - fixed|").right("mean |float - fixed|");
        double[] max = v.maxAbsDiff();
        double[] mean = v.meanAbsDiff();
        for (int j = 0; j < max.length; j++) {
            outputs.row(String.valueOf(j), fmt(max[j]), fmt(mean[j]));
        }
        s.append(outputs.render("  "));
        s.append(String.format(Locale.ROOT, "agreement: %.6f of events within %s on every output%n", v.agreementRate(), fmt(v.tolerance())));
        TextTable layers = new TextTable().left("layer").left("result type").right("accumulator overflows").right("result overflows");
        layers.row("(input)", String.valueOf(r.bundle().network().input().type()), "-", String.valueOf(v.inputOverflows()));
        for (ValidationReport.LayerOverflows l : v.layers()) {
            layers.row(l.name(), l.resultType().toString(), String.valueOf(l.accumulatorOverflows()), String.valueOf(l.resultOverflows()));
        }
        s.append(layers.render("  "));
        s.append("testbench: ").append(v.testbench().present()
                ? v.testbench().vectors() + " stored events, " + (v.testbench().bitExact() ? "bit-exact" : "NOT bit-exact")
                : "none stored").append('\n');
        if (v.checks().isEmpty()) {
            s.append("checks: none (no threshold given and no testbench stored); the verdict is PASS by default\n");
        }
        for (ValidationReport.Check c : v.checks()) {
            s.append(c.passed() ? "  PASS " : "  FAIL ").append(c.name()).append(": ").append(c.message()).append('\n');
        }
        s.append("verdict: ").append(v.passed() ? "PASS" : "FAIL").append('\n');
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
