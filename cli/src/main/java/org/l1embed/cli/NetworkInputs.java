package org.l1embed.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.l1embed.cli.io.InputFormat;
import org.l1embed.cli.io.InputMatrix;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;

/**
 * Event files as a network's inputs. Files hold raw event features; the network's own preprocessing
 * ({@code input.preprocessing} of {@code network.json}) turns them into network inputs, because
 * preprocessing is part of the model and nothing downstream re-fits it. Files that already hold network
 * inputs skip it ({@code --preprocessed}).
 */
final class NetworkInputs {

    private NetworkInputs() {
    }

    /**
     * Reads {@code file} ({@code .csv} or {@code .npy}) with the network's input size per event.
     *
     * @param preprocessed true when the file already holds network inputs
     * @throws IllegalArgumentException naming the file and the event when a value is invalid, also after preprocessing
     */
    static InputMatrix read(Path file, NetworkSpec spec, boolean preprocessed) throws IOException {
        InputMatrix raw = InputFormat.readAny(file, spec.input().size());
        if (preprocessed) {
            return raw;
        }
        Preprocessing p = spec.input().preprocessing();
        int n = raw.features();
        float[] event = new float[n];
        float[] features = new float[n];
        float[] out = new float[raw.values().length];
        for (int e = 0; e < raw.events(); e++) {
            System.arraycopy(raw.values(), e * n, event, 0, n);
            p.apply(event, features);
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(features[i])) {
                    throw new IllegalArgumentException(file + ": event " + e + ", feature " + i + " is " + features[i]
                            + " after " + p.kind() + " preprocessing (raw value " + event[i] + "); inputs must be finite");
                }
            }
            System.arraycopy(features, 0, out, e * n, n);
        }
        return new InputMatrix(file, raw.events(), n, out);
    }

    /** How the summary names the preprocessing step. */
    static String describe(NetworkSpec spec, boolean preprocessed) {
        String kind = spec.input().preprocessing().kind();
        return preprocessed ? kind + " (skipped: --preprocessed)" : kind;
    }
}
