package org.l1embed.training.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.l1embed.quantization.json.StrictJson;
import org.l1embed.training.model.ContrastiveModel;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.model.OptimizerConfig;

/**
 * The complete state of a trained {@link ContrastiveModel}, enough to continue training it through the SupCon loss
 * (e.g. nuisance fine-tuning) after the process that trained it is gone: the {@link ModelConfig}, the
 * {@link OptimizerConfig}, and every variable of {@link ContrastiveModel#variableValues()} (encoder and projection
 * head weights, unfolded BatchNorm γ, β and running statistics, Adam moments), bit for bit. A model bundle carries
 * it as the optional file {@value #BUNDLE_PATH}; the bundle's {@code network.json} holds only the encoder, with
 * BatchNorm folded, which cannot be trained further.
 *
 * <p>File format (big-endian, version {@value #VERSION}), built from the same pieces as {@link Checkpoint}:
 * <pre>
 *   magic        8 bytes  "L1EMBMST"
 *   version      int      1
 *   model        string   {@link ModelConfig#toJson()}                  (int byte count, UTF-8 bytes)
 *   optimizer    string   {"kind":"ADAMW","beta1":…,"beta2":…,"epsilon":…,"weightDecay":…}
 *   variables    int count, then per variable: string name, int value count, the values' IEEE-754 bits (int each),
 *                in {@link ContrastiveModel#variableNames()} order
 *   crc32        long     CRC32 of every preceding byte
 * </pre>
 * The same state gives the same bytes. Reading refuses another magic or version, a CRC mismatch, truncated or
 * trailing bytes, and JSON that does not describe a valid config; {@link #restore} refuses variables that do not
 * match the model the config builds.
 *
 * @param model     the model configuration
 * @param optimizer the optimiser the moments belong to
 * @param variables every variable by name, in the model's order; copied
 */
public record ModelState(ModelConfig model, OptimizerConfig optimizer, Map<String, float[]> variables) {

    /** Where a model bundle holds the state ({@code BundleWriter.withExtraFile}). */
    public static final String BUNDLE_PATH = "training/model_state.bin";

    /** The format version this code writes and reads. */
    public static final int VERSION = 1;

    private static final byte[] MAGIC = "L1EMBMST".getBytes(StandardCharsets.US_ASCII);

    private static final List<String> OPTIMIZER_FIELDS = List.of("kind", "beta1", "beta2", "epsilon", "weightDecay");

    public ModelState {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Map<String, float[]> copy = new LinkedHashMap<>();
        variables.forEach((name, value) -> copy.put(Objects.requireNonNull(name, "variable name"),
                Objects.requireNonNull(value, () -> "value of variable '" + name + "'").clone()));
        variables = Collections.unmodifiableMap(copy);
    }

    /** The current state of {@code model} (its variables are read now; later training does not change this state). */
    public static ModelState of(ContrastiveModel model) {
        return new ModelState(model.config(), model.optimizer(), model.variableValues());
    }

    /** A copy of one variable's values. */
    public float[] variable(String name) {
        float[] v = variables.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no variable '" + name + "' in the model state; it has " + variables.keySet());
        }
        return v.clone();
    }

    /**
     * A new model built from {@link #model()} and {@link #optimizer()} holding exactly these variables; its
     * {@code embed} and {@code encoderSpec} equal the saved model's, bit for bit. The caller closes it.
     *
     * @param deterministic as {@link ContrastiveModel#create}
     * @throws IllegalArgumentException if the variables' names (in order) or sizes are not those of the model the config
     *                                  builds
     */
    public ContrastiveModel restore(boolean deterministic) {
        ContrastiveModel restored = ContrastiveModel.create(model, optimizer, deterministic);
        try {
            List<String> expected = restored.variableNames();
            List<String> actual = List.copyOf(variables.keySet());
            if (!expected.equals(actual)) {
                throw new IllegalArgumentException("model state does not match its model config: " + difference(expected, actual));
            }
            restored.setVariableValues(variables);
            return restored;
        } catch (RuntimeException e) {
            restored.close();
            throw e;
        }
    }

    /** The file's bytes (format in the class comment). Deterministic. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            StateEncoding.writeString(out, model.toJson());
            StateEncoding.writeString(out, optimizerJson(optimizer));
            StateEncoding.writeVariables(out, variables);
            out.flush();
            out.writeLong(StateEncoding.crc32(bytes.toByteArray(), bytes.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a state file.
     *
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     * @throws IOException                       if it cannot be read
     * @throws IllegalArgumentException          if it is not a model state, has another version, or is corrupt; the
     *                                           message starts with the file
     */
    public static ModelState read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Decodes the bytes of a state file.
     *
     * @param source how messages name the bytes, e.g. the file
     * @throws IllegalArgumentException {@code "<source>: <problem>"} if the bytes are not a model state of this version,
     *                                  fail the CRC, are truncated, have trailing bytes, or hold an invalid config
     */
    public static ModelState parse(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length + Integer.BYTES + Long.BYTES
                || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new IllegalArgumentException(source + ": not an l1embed model state (no L1EMBMST header)");
        }
        long computed = StateEncoding.crc32(bytes, bytes.length - Long.BYTES);
        long stored = StateEncoding.storedCrc32(bytes);
        if (stored != computed) {
            throw new IllegalArgumentException(source + ": model state is corrupt: CRC32 stored " + Long.toHexString(stored)
                    + ", computed " + Long.toHexString(computed));
        }
        int length = bytes.length - MAGIC.length - Long.BYTES;
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, MAGIC.length, length))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IllegalArgumentException(source + ": model state has format version " + version + "; this code reads version "
                        + VERSION);
            }
            String modelJson = StateEncoding.readString(in);
            String optimizerJson = StateEncoding.readString(in);
            Map<String, float[]> variables = StateEncoding.readVariables(in);
            if (in.available() != 0) {
                throw new IOException(in.available() + " unexpected bytes after the variables");
            }
            ModelConfig model;
            OptimizerConfig optimizer;
            try {
                model = ModelConfig.parseJson(modelJson);
                optimizer = parseOptimizer(optimizerJson);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
            }
            return new ModelState(model, optimizer, variables);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": model state is truncated or malformed: " + e.getMessage(), e);
        }
    }

    private static String optimizerJson(OptimizerConfig o) {
        ObjectNode n = StrictJson.MAPPER.createObjectNode();
        n.put("kind", o.kind().name());
        n.put("beta1", o.beta1());
        n.put("beta2", o.beta2());
        n.put("epsilon", o.epsilon());
        n.put("weightDecay", o.weightDecay());
        try {
            return StrictJson.MAPPER.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OptimizerConfig parseOptimizer(String json) {
        JsonNode root = StrictJson.readObject(json, "optimizer config");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!OPTIMIZER_FIELDS.contains(f)) {
                throw new IllegalArgumentException("optimizer config: unknown field '" + f + "'; expected " + OPTIMIZER_FIELDS);
            }
        }
        JsonNode kind = root.get("kind");
        OptimizerConfig.Kind k = null;
        for (OptimizerConfig.Kind candidate : OptimizerConfig.Kind.values()) {
            if (kind != null && kind.isTextual() && candidate.name().equals(kind.asText())) {
                k = candidate;
            }
        }
        if (k == null) {
            throw new IllegalArgumentException("optimizer config: kind must be one of " + List.of(OptimizerConfig.Kind.values())
                    + ", got " + kind);
        }
        return new OptimizerConfig(k, number(root, "beta1"), number(root, "beta2"), number(root, "epsilon"),
                number(root, "weightDecay"));
    }

    private static double number(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isNumber()) {
            throw new IllegalArgumentException("optimizer config: " + field + " must be a number, got " + (n == null ? "nothing" : n));
        }
        return n.doubleValue();
    }

    /** The first names that differ between the model's variables and the state's, for the error message. */
    private static String difference(List<String> expected, List<String> actual) {
        Set<String> missing = new java.util.LinkedHashSet<>(expected);
        missing.removeAll(actual);
        Set<String> unknown = new java.util.LinkedHashSet<>(actual);
        unknown.removeAll(expected);
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add("missing variables " + first(missing));
        }
        if (!unknown.isEmpty()) {
            parts.add("unknown variables " + first(unknown));
        }
        if (parts.isEmpty()) {
            parts.add("the variables are in another order than the model's " + first(expected));
        }
        return String.join("; ", parts) + " (the model has " + expected.size() + " variables, the state " + actual.size() + ")";
    }

    private static String first(java.util.Collection<String> names) {
        List<String> list = List.copyOf(names);
        return list.size() <= 5 ? list.toString() : list.subList(0, 5) + " and " + (list.size() - 5) + " more";
    }
}
