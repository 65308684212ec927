package org.l1embed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.l1embed.cli.text.TextTable;
import org.l1embed.events.Cocktail;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.quantization.files.StagedDirectory;
import org.l1embed.training.data.hdf5.Hdf5EventWriter;
import org.l1embed.training.data.hdf5.Hdf5Storage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code l1embed generate}: writes synthetic Level-1 events in the ADC2021 layout, one HDF5 file per process
 * ({@code <process>.h5}, with a {@code Labels} dataset), from l1embed's built-in generator
 * ({@code docs/generator.md}). Background processes share {@code --events} by the cocktail fractions; each
 * signal gets {@code --signal-events} (default: the same N). The output directory appears only when every
 * file has been written; a non-empty directory is refused. A summary goes to stderr; stdout stays empty.
 */
@Command(name = "generate",
        sortOptions = false,
        description = {
            "Generate synthetic Level-1 trigger events (ADC2021 layout), one HDF5 file per process.",
            "",
            "Background processes share N events by the cocktail fractions (W 59.2 %, QCD 33.8 %, Z 6.7 %, "
                    + "ttbar 0.3 %; renormalized over those chosen); each signal gets --signal-events (default N). "
                    + "Files are <process>.h5 with Particles (float32, N x 19 x 4), Labels, Particles_Names and "
                    + "Particles_Classes. The output directory must be new or empty; it appears only when complete.",
            "Processes: W, QCD, Z, ttbar (background); Ato4l, leptoquark, hToTauTau, hChToTauNu (signals)."
        })
final class GenerateCommand extends Subcommand {

    @Option(names = "--events", required = true, paramLabel = "N",
            description = "Background events in total, split by the cocktail fractions; also the default per signal.")
    private long events;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory to create (new or empty).")
    private Path out;

    @Option(names = "--processes", paramLabel = "LIST", defaultValue = "background",
            description = "background, signals, all, or a comma-separated list of processes (default: ${DEFAULT-VALUE}).")
    private String processes;

    @Option(names = "--signal-events", paramLabel = "M", description = "Events per signal process (default: N).")
    private Long signalEvents;

    @Option(names = "--jes", paramLabel = "NU", defaultValue = "0",
            description = "Jet energy scale shift: jet pT x e^NU, MET recomputed, thresholds after the shift "
                    + "(default: ${DEFAULT-VALUE}, nominal).")
    private double jes;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Generator seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--chunked", description = "Store chunked (4096 events per chunk) and deflate-compressed "
            + "(about 8x smaller; the default is contiguous, uncompressed).")
    private boolean chunked;

    /** Chosen processes whose cocktail share of --events rounds to 0: no file for them. */
    private final List<Process> skipped = new ArrayList<>();

    @Override
    int run() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Map<Process, Integer> plan = plan();
        SyntheticEvents generator = new SyntheticEvents(seed);
        if (!Double.isFinite(jes) || jes > generator.settings().maxNu()) {
            throw usage("--jes must be a finite number <= " + String.format(Locale.ROOT, "%.4f", generator.settings().maxNu())
                    + " (ln(jet threshold / jet floor) = ln(15/10): larger upward shifts would need jets the generator "
                    + "does not keep), got " + jes);
        }
        Hdf5Storage storage = chunked ? Hdf5Storage.chunked() : Hdf5Storage.contiguous();
        TextTable table = new TextTable().left("process").right("label").right("events").left("file").right("MiB")
                .right("generated/s").right("written/s");
        long total = 0;
        long started = System.nanoTime();
        try (StagedDirectory staged = StagedDirectory.beside(out, "output directory",
                StagedDirectory.TargetCheck.refuse("output directory", "choose a new or empty directory"))) {
            Path staging = staged.path();
            for (Map.Entry<Process, Integer> e : plan.entrySet()) {
                Process p = e.getKey();
                int n = e.getValue();
                String name = p.shortName() + ".h5";
                long t0 = System.nanoTime();
                EventSet set = generator.generate(p, 0, n, jes);
                long t1 = System.nanoTime();
                Hdf5EventWriter.write(staging.resolve(name), set, storage, attributes(p, n));
                long t2 = System.nanoTime();
                table.row(p.shortName(), Integer.toString(p.label()), Integer.toString(n), name,
                        String.format(Locale.ROOT, "%.1f", Files.size(staging.resolve(name)) / 1048576.0),
                        rate(n, t1 - t0), rate(n, t2 - t1));
                total += n;
            }
            staged.commit();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.println(String.format(Locale.ROOT, "wrote %d events in %d files to %s (seed %d, jes nu %s, %s) in %.1f s",
                total, plan.size(), out, seed, jes, chunked ? "chunked+deflate" : "contiguous", seconds));
        err.print(table.render("  "));
        for (Process p : skipped) {
            err.println("note: " + p + " gets 0 of " + events + " background events (its cocktail share rounds to 0); no file written");
        }
        err.flush();
        return 0;
    }

    /** How many events each chosen process gets, in label order; processes that get none are left out. */
    private Map<Process, Integer> plan() {
        if (events < 1) {
            throw usage("--events must be >= 1, got " + events);
        }
        long perSignal = signalEvents != null ? signalEvents : events;
        if (perSignal < 1) {
            throw usage("--signal-events must be >= 1, got " + perSignal);
        }
        Set<Process> chosen = parseProcesses(processes);
        List<Process> backgrounds = new ArrayList<>();
        for (Process p : chosen) {
            if (!p.isSignal()) {
                backgrounds.add(p);
            }
        }
        Map<Process, Long> counts = new TreeMap<>();
        if (!backgrounds.isEmpty()) {
            counts.putAll(Cocktail.split(events, backgrounds));
        }
        for (Process p : chosen) {
            if (p.isSignal()) {
                counts.put(p, perSignal);
            }
        }
        Map<Process, Integer> plan = new LinkedHashMap<>();
        for (Map.Entry<Process, Long> e : counts.entrySet()) {
            if (e.getValue() > EventLayout.MAX_EVENTS) {
                throw usage(e.getKey() + " would get " + e.getValue() + " events; at most " + EventLayout.MAX_EVENTS
                        + " fit in one file's event set");
            }
            if (e.getValue() > 0) {
                plan.put(e.getKey(), e.getValue().intValue());
            } else {
                skipped.add(e.getKey());
            }
        }
        return plan;
    }

    /**
     * {@code background}, {@code signals}, {@code all}, or a comma-separated list of process names (short or enum
     * names, any case); in label order without repeats.
     */
    private Set<Process> parseProcesses(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "background", "backgrounds" -> {
                return EnumSet.copyOf(Process.backgrounds());
            }
            case "signal", "signals" -> {
                return EnumSet.copyOf(Process.signals());
            }
            case "all" -> {
                return EnumSet.allOf(Process.class);
            }
            default -> {
                EnumSet<Process> set = EnumSet.noneOf(Process.class);
                for (String part : text.split(",", -1)) {
                    if (part.isBlank()) {
                        throw usage("--processes: empty process name in '" + text + "'");
                    }
                    try {
                        set.add(Process.parse(part));
                    } catch (IllegalArgumentException e) {
                        throw usage("--processes: " + e.getMessage() + ", or background, signals, all");
                    }
                }
                return set;
            }
        }
    }

    /** Provenance stored as root attributes of each file: no time stamps, so the same inputs give the same bytes. */
    private Map<String, String> attributes(Process p, int n) {
        Map<String, String> a = new TreeMap<>();
        a.put("generator", "l1embed SyntheticEvents (docs/generator.md)");
        a.put("process", p.shortName());
        a.put("label", Integer.toString(p.label()));
        a.put("events", Integer.toString(n));
        a.put("seed", Long.toString(seed));
        a.put("jes_nu", Double.toString(jes));
        return a;
    }

    private static String rate(int n, long nanos) {
        return String.format(Locale.ROOT, "%.0f", n / Math.max(nanos / 1e9, 1e-9));
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
