package org.l1embed.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.l1embed.cli.io.AtomicFiles;
import org.l1embed.cli.io.InputMatrix;
import org.l1embed.cli.io.NetworkFile;
import org.l1embed.cli.text.TextTable;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.profile.NetworkProfile;
import org.l1embed.quantization.profile.Profiler;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code l1embed profile}: runs the float network on sample events, prints the observed range of every tensor
 * ({@link NetworkProfile#toTable()}) and, with {@code --propose}, writes a quantized copy of the network with
 * types proposed by {@link Profiler#propose} (accumulators: the never-overflowing "auto" rule).
 *
 * <p>The defaults of the proposal (16 bits, no margin, round to nearest even, saturate) are the ones in the
 * option annotations below and nowhere else; they mirror QKeras' {@code quantized_bits}, the usual training
 * assumption, rather than the vendor's TRN/WRAP.
 */
@Command(name = "profile",
        sortOptions = false,
        description = {
            "Profile the float network on events and optionally propose fixed-point types.",
            "",
            "Prints, per tensor, the observed min and max and the integer bits they need. With --propose, writes "
                    + "network.json with every tensor typed (W bits, integer bits from the range plus the margin, "
                    + "accumulators that never overflow) and prints the proposed types."
        })
final class ProfileCommand extends Subcommand {

    @Option(names = "--network", required = true, paramLabel = "FILE", description = "Network (network.json); its types, if any, are ignored.")
    private Path network;

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "Sample events: .csv or .npy.")
    private Path input;

    @Option(names = "--width", defaultValue = "16", paramLabel = "BITS", description = "Total bits W of every proposed type, 1..32 (default: ${DEFAULT-VALUE}).")
    private int width;

    @Option(names = "--margin", defaultValue = "0", paramLabel = "BITS", description = "Extra integer bits above the observed range, 0..16 (default: ${DEFAULT-VALUE}).")
    private int margin;

    @Option(names = "--propose", paramLabel = "FILE", description = "Write the quantized network with proposed types to FILE.")
    private Path propose;

    @Option(names = "--rounding", defaultValue = "RND_CONV", paramLabel = "MODE", converter = RoundingConverter.class,
            description = "Rounding of proposed types: ${COMPLETION-CANDIDATES} (AP_ prefix optional; default: ${DEFAULT-VALUE}).")
    private Rounding rounding;

    @Option(names = "--data-rounding", paramLabel = "MODE", converter = RoundingConverter.class,
            description = "Rounding of the input and layer results only (default: as --rounding). Constants are rounded "
                    + "offline, for free; rounding data costs logic in the firmware.")
    private Rounding dataRounding;

    @Option(names = "--overflow", defaultValue = "SAT", paramLabel = "MODE", converter = OverflowConverter.class,
            description = "Overflow mode of proposed types: ${COMPLETION-CANDIDATES} (AP_ prefix optional; default: ${DEFAULT-VALUE}).")
    private Overflow overflow;

    @Option(names = "--preprocessed", description = "The inputs are already network inputs: skip the network's preprocessing.")
    private boolean preprocessed;

    @Override
    int run() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (propose != null) {
            AtomicFiles.checkWritable(propose);
        }
        NetworkJson.Parsed parsed = NetworkFile.read(network);
        NetworkSpec net = parsed.spec();
        InputMatrix inputs = NetworkInputs.read(input, net, preprocessed);
        NetworkProfile profile = Profiler.profile(net, inputs.values());
        NetworkSpec proposed = null;
        if (propose != null) {
            Rounding data = dataRounding != null ? dataRounding : rounding;
            proposed = Profiler.propose(net, profile, width, margin, rounding, data, overflow);
            NetworkFile.write(proposed, propose);
        }
        // Everything is printed after the work succeeded, so that a failure is exactly one line.
        parsed.notes().forEach(n -> err.println("note: " + n));
        err.println("profiled " + profile.events() + (profile.events() == 1 ? " event" : " events") + " from " + inputs.source()
                + " with network '" + net.name() + "' (preprocessing " + NetworkInputs.describe(net, preprocessed) + ")");
        out.print(profile.toTable());
        if (proposed != null) {
            out.println();
            out.print(proposedTypes(proposed).render());
            err.println("wrote " + propose);
        }
        out.flush();
        err.flush();
        return 0;
    }

    /** The input type and every layer's named types, one per line. */
    static TextTable proposedTypes(NetworkSpec spec) {
        TextTable t = new TextTable().left("layer").left("tensor").left("proposed type");
        t.row("input", "input", String.valueOf(spec.input().type()));
        for (Layer layer : spec.layers()) {
            for (Layer.NamedType nt : layer.types()) {
                t.row(layer.name(), nt.role(), nt.type().toString());
            }
        }
        return t;
    }

    /** Reads a rounding mode in vendor or hls4ml spelling ({@link Rounding#parse}). */
    static final class RoundingConverter implements ITypeConverter<Rounding> {
        @Override
        public Rounding convert(String value) {
            try {
                return Rounding.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** Reads an overflow mode in vendor or hls4ml spelling ({@link Overflow#parse}). */
    static final class OverflowConverter implements ITypeConverter<Overflow> {
        @Override
        public Overflow convert(String value) {
            try {
                return Overflow.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
