package org.l1embed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.l1embed.cli.io.AtomicFiles;
import org.l1embed.cli.io.EmulationCsv;
import org.l1embed.cli.io.InputMatrix;
import org.l1embed.cli.io.NetworkFile;
import org.l1embed.cli.text.TextTable;
import org.l1embed.quantization.emulator.EmulationResult;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code l1embed emulate}: runs the bit-accurate emulator of a quantized network on events and writes the raw
 * outputs and their exact values ({@link EmulationCsv}), optionally every layer's outputs (trace). A summary
 * goes to stderr; stdout stays empty.
 */
@Command(name = "emulate",
        sortOptions = false,
        description = {
            "Run the bit-accurate fixed-point emulator of a quantized network on events.",
            "",
            "Inputs: .csv (one event per line, comma-separated numbers, no header line; '#' lines are comments) "
                    + "or .npy ('<f4' or '<f8', shape (N, inputs) or (inputs,)). Values pass through float32, "
                    + "then the network's preprocessing, then the input type, as the HLS testbench does.",
            "Output: CSV with header raw_0..raw_{k-1},value_0..value_{k-1}; values are exact decimals. "
                    + "Files are written only when the whole run succeeded."
        })
final class EmulateCommand extends Subcommand {

    @Option(names = "--network", required = true, paramLabel = "FILE", description = "Quantized network (network.json).")
    private Path network;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Events: .csv or .npy.")
    private Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "Output CSV to write.")
    private Path output;

    @Option(names = "--trace", description = "Also write every layer's outputs next to the output: y.csv gives "
            + "y.trace.csv, with columns event,layer,index,raw,value. Implies --overflow-report.")
    private boolean trace;

    @Option(names = "--overflow-report", description = "Count overflows per layer (slower: every conversion of the "
            + "HLS kernel is performed and checked).")
    private boolean overflowReport;

    @Option(names = "--preprocessed", description = "The inputs are already network inputs: skip the network's preprocessing.")
    private boolean preprocessed;

    @Override
    int run() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path tracePath = trace ? EmulationCsv.tracePathFor(output) : null;
        AtomicFiles.checkWritable(output);
        if (tracePath != null) {
            AtomicFiles.checkWritable(tracePath);
        }
        NetworkJson.Parsed parsed = NetworkFile.read(network);
        NetworkSpec net = parsed.spec();
        Emulator emulator = compile(net);
        InputMatrix inputs = NetworkInputs.read(input, net, preprocessed);

        EmulationResult detailed = trace || overflowReport ? emulator.emulate(inputs.values(), trace) : null;
        long[] raw = detailed != null ? detailed.raw() : emulator.emulateRaw(inputs.values());
        List<AtomicFiles.Pending> files = new ArrayList<>();
        files.add(new AtomicFiles.Pending(output,
                out -> EmulationCsv.writeOutputs(out, emulator.outputType(), raw, emulator.outputSize())));
        if (tracePath != null) {
            files.add(new AtomicFiles.Pending(tracePath, out -> EmulationCsv.writeTrace(out, detailed)));
        }
        AtomicFiles.writeAll(files);

        // Notes and summary only after success, so that a failure is exactly one line.
        parsed.notes().forEach(n -> err.println("note: " + n));
        summarize(err, net, emulator, inputs, detailed);
        err.println("wrote " + output + (tracePath != null ? " and " + tracePath : ""));
        err.flush();
        return 0;
    }

    private Emulator compile(NetworkSpec net) {
        try {
            return Emulator.compile(net);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new IllegalArgumentException(network + ": " + e.getMessage(), e);
        }
    }

    private void summarize(PrintWriter err, NetworkSpec net, Emulator emulator, InputMatrix inputs, EmulationResult detailed) {
        err.println("emulated " + inputs.events() + (inputs.events() == 1 ? " event" : " events") + " from " + inputs.source()
                + " with network '" + net.name() + "' (" + emulator.inputSize() + " inputs -> " + emulator.outputSize()
                + " outputs)");
        err.println("preprocessing " + NetworkInputs.describe(net, preprocessed) + "; input type " + net.input().type()
                + "; output type " + emulator.outputType());
        List<Layer> layers = net.layers();
        if (detailed == null) {
            TextTable t = new TextTable().left("layer").left("kind").left("result type").left("kernel");
            List<String> paths = emulator.paths();
            for (int l = 0; l < layers.size(); l++) {
                Layer layer = layers.get(l);
                t.row(layer.name(), layer.kind().jsonName(), String.valueOf(layer.outputType().orElse(null)), paths.get(l));
            }
            err.print(t.render("  "));
            err.println("overflow counts not collected (add --overflow-report)");
            return;
        }
        err.println("input values that overflowed the input type: " + detailed.inputOverflows());
        TextTable t = new TextTable().left("layer").left("kind").left("result type")
                .right("accumulator overflows").right("result overflows");
        for (EmulationResult.LayerReport r : detailed.layers()) {
            t.row(r.name(), r.kind().jsonName(), String.valueOf(r.resultType()),
                    accumulatorColumn(r),
                    Long.toString(r.resultOverflows()));
        }
        err.print(t.render("  "));
    }

    /** Only a Dense layer has an accumulator; the other kinds convert straight into their result type. */
    private static String accumulatorColumn(EmulationResult.LayerReport r) {
        return switch (r.kind()) {
            case DENSE -> Long.toString(r.accumulatorOverflows());
            case BATCH_NORM, RELU, LEAKY_RELU, LINEAR -> "-";
        };
    }
}
