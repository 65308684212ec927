package org.l1embed.hls.bundle;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.l1embed.hls.design.TestbenchVectors;
import org.l1embed.hls.render.TestbenchData;
import org.l1embed.quantization.bundle.InvalidBundleException;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;

/**
 * Bit-exact testbench vectors stored in a quantized model bundle, under {@value #DIRECTORY}/:
 *
 * <ul>
 *   <li>{@value #RAW_FEATURES}: the events' raw features, before preprocessing, as a client sends them to the service
 *       (for the ADC2021 models the 57 network features, object-major (pT, η, φ));</li>
 *   <li>{@value #NETWORK_INPUTS}: the same events after the bundle's preprocessing, in float32
 *       ({@link Preprocessing#apply}) — what the firmware's top function takes, and byte for byte the
 *       {@code tb_data/tb_input_features.dat} of an HLS project made with these vectors;</li>
 *   <li>{@value #EXPECTED}: the bit-accurate emulator's raw outputs for those network inputs — the
 *       {@code tb_data/tb_output_raw.dat} that C-simulation must reproduce bit for bit.</li>
 * </ul>
 *
 * All three files use {@link TestbenchData}'s format (one event per line). Copying the last two into an HLS project's
 * {@code tb_data/} makes its C-simulation check the vectors that the service's {@code Validate} checks.
 *
 * @param inputSize     values per event of the network input
 * @param outputSize    raw outputs per event
 * @param rawFeatures   {@code events × inputSize} raw features, finite
 * @param networkInputs {@code events × inputSize} network inputs (the preprocessing of {@code rawFeatures})
 * @param expected      {@code events × outputSize} raw outputs of the network's output type
 */
public record BundleTestbench(int inputSize, int outputSize, float[] rawFeatures, float[] networkInputs, long[] expected) {

    /** The bundle directory that holds the files. */
    public static final String DIRECTORY = "testbench";
    /** Raw features, before preprocessing. */
    public static final String RAW_FEATURES = DIRECTORY + "/raw_features.dat";
    /** Network inputs, after preprocessing (an HLS project's {@code tb_data/tb_input_features.dat}). */
    public static final String NETWORK_INPUTS = DIRECTORY + "/" + TestbenchData.INPUTS_FILE;
    /** The emulator's raw outputs (an HLS project's {@code tb_data/tb_output_raw.dat}). */
    public static final String EXPECTED = DIRECTORY + "/" + TestbenchData.EXPECTED_FILE;
    /** The three files, in this order. */
    public static final List<String> FILES = List.of(RAW_FEATURES, NETWORK_INPUTS, EXPECTED);

    public BundleTestbench {
        if (inputSize < 1 || outputSize < 1) {
            throw new IllegalArgumentException("inputSize and outputSize must be >= 1, got inputSize=" + inputSize + ", outputSize="
                    + outputSize);
        }
        if (rawFeatures.length == 0 || rawFeatures.length % inputSize != 0) {
            throw new IllegalArgumentException("rawFeatures: expected a positive multiple of inputSize=" + inputSize + " values, got "
                    + rawFeatures.length);
        }
        int events = rawFeatures.length / inputSize;
        if (networkInputs.length != rawFeatures.length) {
            throw new IllegalArgumentException("networkInputs: expected " + rawFeatures.length + " values (" + events + " events of "
                    + inputSize + "), got " + networkInputs.length);
        }
        if (expected.length != (long) events * outputSize) {
            throw new IllegalArgumentException("expected: expected " + (long) events * outputSize + " raw outputs (" + events
                    + " events of " + outputSize + "), got " + expected.length);
        }
        for (int k = 0; k < rawFeatures.length; k++) {
            if (!Float.isFinite(rawFeatures[k])) {
                throw new IllegalArgumentException("rawFeatures[" + k / inputSize + "][" + k % inputSize + "] must be finite, got "
                        + rawFeatures[k]);
            }
        }
        rawFeatures = rawFeatures.clone();
        networkInputs = networkInputs.clone();
        expected = expected.clone();
    }

    /**
     * The vectors of a quantized network for given raw events: the network's preprocessing in float32, then
     * {@link Emulator#emulateRaw}.
     *
     * @param rawFeatures {@code events × inputSize} raw features, at least one event, finite
     * @throws IllegalArgumentException if the network is not quantized, or the features are not a whole, non-empty number
     *                                  of events or hold a non-finite value
     */
    public static BundleTestbench of(NetworkSpec spec, float[] rawFeatures) {
        spec.requireQuantized();
        int n = spec.input().size();
        if (rawFeatures.length == 0 || rawFeatures.length % n != 0) {
            throw new IllegalArgumentException("rawFeatures: expected a positive multiple of " + n + " values, got " + rawFeatures.length);
        }
        for (int k = 0; k < rawFeatures.length; k++) {
            if (!Float.isFinite(rawFeatures[k])) {
                throw new IllegalArgumentException("rawFeatures[" + k / n + "][" + k % n + "] must be finite, got " + rawFeatures[k]);
            }
        }
        float[] inputs = preprocess(spec.input().preprocessing(), rawFeatures, n);
        TestbenchVectors v = TestbenchVectors.of(spec, inputs);
        return new BundleTestbench(n, spec.outputSize(), rawFeatures, inputs, v.expected());
    }

    /** The network's preprocessing applied event by event, in float32, as the emulator path of the service applies it. */
    public static float[] preprocess(Preprocessing pre, float[] rawFeatures, int inputSize) {
        float[] raw = new float[inputSize];
        float[] one = new float[inputSize];
        float[] out = new float[rawFeatures.length];
        for (int e = 0; e < rawFeatures.length / inputSize; e++) {
            System.arraycopy(rawFeatures, e * inputSize, raw, 0, inputSize);
            pre.apply(raw, one);
            System.arraycopy(one, 0, out, e * inputSize, inputSize);
        }
        return out;
    }

    /** Number of events. */
    public int events() {
        return rawFeatures.length / inputSize;
    }

    @Override
    public float[] rawFeatures() {
        return rawFeatures.clone();
    }

    @Override
    public float[] networkInputs() {
        return networkInputs.clone();
    }

    @Override
    public long[] expected() {
        return expected.clone();
    }

    /** The network inputs and expected outputs as hls-export's testbench vectors. */
    public TestbenchVectors vectors() {
        return new TestbenchVectors(events(), networkInputs.clone(), expected.clone());
    }

    /** The three files, path → UTF-8 bytes, in {@link #FILES} order: what a bundle writer adds as extra files. */
    public Map<String, byte[]> files() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(RAW_FEATURES, TestbenchData.floats(rawFeatures, inputSize).getBytes(StandardCharsets.UTF_8));
        files.put(NETWORK_INPUTS, TestbenchData.floats(networkInputs, inputSize).getBytes(StandardCharsets.UTF_8));
        files.put(EXPECTED, TestbenchData.integers(expected, outputSize).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /**
     * The testbench vectors a bundle stores, if it stores any. The files were verified against {@code checksums.sha256}
     * when the bundle was read; this parses them.
     *
     * @return empty when the bundle has none of the three files
     * @throws InvalidBundleException if only some of the files are present, a file does not parse (naming the file, the
     *                                line and the value), or the files hold different numbers of events
     * @throws IOException            if a file cannot be read
     */
    public static Optional<BundleTestbench> read(ModelBundle bundle) throws IOException {
        List<String> present = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String f : FILES) {
            (bundle.extraFiles().contains(f) ? present : missing).add(f);
        }
        if (present.isEmpty()) {
            return Optional.empty();
        }
        if (!missing.isEmpty()) {
            throw new InvalidBundleException(bundle.directory(), List.of(DIRECTORY + "/: has " + present + " but not " + missing
                    + " (testbench vectors are the three files " + FILES + " or none)"));
        }
        int n = bundle.network().input().size();
        int d = bundle.network().outputSize();
        try {
            float[] raw = TestbenchData.parseFloats(text(bundle, RAW_FEATURES), n, RAW_FEATURES);
            float[] inputs = TestbenchData.parseFloats(text(bundle, NETWORK_INPUTS), n, NETWORK_INPUTS);
            long[] expected = TestbenchData.parseIntegers(text(bundle, EXPECTED), d, EXPECTED);
            int events = raw.length / n;
            if (inputs.length / n != events || expected.length / d != events) {
                throw new IllegalArgumentException(DIRECTORY + "/: the files hold different numbers of events: " + RAW_FEATURES + " "
                        + events + ", " + NETWORK_INPUTS + " " + inputs.length / n + ", " + EXPECTED + " " + expected.length / d);
            }
            return Optional.of(new BundleTestbench(n, d, raw, inputs, expected));
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException(bundle.directory(), List.of(e.getMessage()));
        }
    }

    private static String text(ModelBundle bundle, String file) throws IOException {
        byte[] bytes = Files.readAllBytes(bundle.file(file));
        try {
            return StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(file + ": expected ASCII text, found a byte outside it");
        }
    }
}
