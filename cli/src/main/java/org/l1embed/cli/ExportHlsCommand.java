package org.l1embed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.l1embed.cli.io.InputMatrix;
import org.l1embed.cli.io.NetworkFile;
import org.l1embed.cli.text.TextTable;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.design.HlsDesign;
import org.l1embed.hls.design.HlsLayer;
import org.l1embed.hls.design.TestbenchVectors;
import org.l1embed.hls.render.GeneratedFile;
import org.l1embed.hls.render.HlsProjectRenderer;
import org.l1embed.hls.write.ProjectWriter;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code l1embed export-hls}: writes the HLS C++ project of a quantized network (firmware, exact weights,
 * kernels, a bit-exact testbench against the emulator, build script, layer descriptors, hls4ml configuration).
 * Every check runs before anything is written; the directory appears only when complete.
 */
@Command(name = "export-hls",
        sortOptions = false,
        description = {
            "Write the HLS C++ project of a quantized network for a Level-1 trigger FPGA.",
            "",
            "The project's testbench compares C-simulation with l1embed's bit-accurate emulator, bit for bit. "
                    + "The output directory must be new or empty unless --overwrite is given; it is written atomically."
        })
final class ExportHlsCommand extends Subcommand {

    @Option(names = "--network", required = true, paramLabel = "FILE", description = "Quantized network (network.json).")
    private Path network;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Project directory to create.")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME", description = "Project name, a C identifier (default: the network's name).")
    private String name;

    @Option(names = "--top", paramLabel = "NAME", description = "Top function name (default: the project name).")
    private String top;

    @Option(names = "--part", paramLabel = "PART", description = "FPGA part (default: ${DEFAULT-VALUE}).",
            defaultValue = "xcvu13p-flga2577-2-e")
    private String part;

    @Option(names = "--clock-ns", paramLabel = "NS", description = "Clock period in ns, in (0, 100] (default: ${DEFAULT-VALUE}).",
            defaultValue = "4.0")
    private double clockNs;

    @Option(names = "--reuse", paramLabel = "RF|LAYER=RF", split = ",",
            description = "Reuse factor: one number for every dense layer, and/or LAYER=RF per layer (default: 1). "
                    + "It must divide the layer's n_in*n_out.")
    private List<String> reuse = List.of();

    @Option(names = "--testbench-events", paramLabel = "N", defaultValue = "1000",
            description = "Generated testbench events, 1..1000000 (default: ${DEFAULT-VALUE}).")
    private int testbenchEvents;

    @Option(names = "--testbench-input", paramLabel = "FILE",
            description = "Use these events (.csv or .npy, raw features) for the testbench instead of generated ones.")
    private Path testbenchInput;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of generated testbench events (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--overwrite", description = "Replace a non-empty output directory.")
    private boolean overwrite;

    @Override
    int run() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        NetworkJson.Parsed parsed = NetworkFile.read(network);
        NetworkSpec net = parsed.spec();
        String project = name != null ? name : net.name();
        HlsConfig config = new HlsConfig(project, top != null ? top : project, new FpgaPart(part), clockNs, 1, Map.of(),
                HlsConfig.defaults(project).ioType(), HlsConfig.defaults(project).strategy(), testbenchEvents, seed);
        config = withReuse(config, reuse);
        HlsDesign design = HlsDesign.plan(net, config);
        TestbenchVectors vectors = testbenchInput != null
                ? TestbenchVectors.of(net, NetworkInputs.read(testbenchInput, net, false).values())
                : TestbenchVectors.generate(net, config.testbenchEvents(), config.seed());
        List<GeneratedFile> files = HlsProjectRenderer.render(design, vectors);
        ProjectWriter.write(files, out, overwrite);

        parsed.notes().forEach(n -> err.println("note: " + n));
        err.println("wrote HLS project '" + project + "' (" + files.size() + " files) to " + out + " for " + config.part()
                + " at " + config.clockPeriodNs() + " ns; testbench: " + vectors.events() + " events");
        TextTable t = new TextTable().left("layer").left("kind").right("reuse").right("multipliers").right("DSP").right("LUT")
                .right("latency");
        for (HlsLayer l : design.layers()) {
            t.row(l.name(), l.layer().kind().jsonName(), Integer.toString(l.reuseFactor()), Long.toString(l.estimate().multipliers()),
                    Long.toString(l.estimate().dsp()), Long.toString(l.estimate().lut()), Integer.toString(l.estimate().latencyCycles()));
        }
        t.row("total", "", "II " + design.initiationInterval(), "", Long.toString(design.dsp()), Long.toString(design.lut()),
                design.latencyCycles() + " (" + design.latencyCycles() * config.clockPeriodNs() + " ns)");
        err.print(t.render("  "));
        err.flush();
        return 0;
    }

    /** Applies {@code --reuse} values: a bare number is the default, {@code LAYER=RF} a per-layer value. */
    private HlsConfig withReuse(HlsConfig config, List<String> values) {
        int defaultRf = config.defaultReuseFactor();
        Map<String, Integer> perLayer = new TreeMap<>();
        for (String v : values) {
            String s = v.trim();
            int eq = s.indexOf('=');
            try {
                if (eq < 0) {
                    defaultRf = Integer.parseInt(s);
                } else {
                    perLayer.put(s.substring(0, eq).trim(), Integer.parseInt(s.substring(eq + 1).trim()));
                }
            } catch (NumberFormatException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--reuse: expected a number or LAYER=NUMBER, got '" + v + "'");
            }
        }
        return config.withReuse(defaultRf, perLayer);
    }
}
