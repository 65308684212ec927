package org.l1embed.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.l1embed.cli.jobs.FinetuneJob;
import org.l1embed.cli.jobs.QuantizeJob;
import org.l1embed.events.EventLayout;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.hls.design.HlsDesign;
import org.l1embed.hls.estimate.Estimator;
import org.l1embed.quantization.json.StrictJson;
import org.l1embed.quantization.profile.Profiler;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.nuisance.NuisanceConfig;

/**
 * The settings of {@code l1embed pipeline}, one section per stage; every field has a default sized so that the whole
 * chain runs in about ten minutes on two cores. Read from YAML (or JSON) where only the fields to change are given;
 * an unknown section or field, or a value of the wrong kind, is an error naming its path.
 *
 * <pre>{@code
 * name: l1embed            # the model's name in RUN_DIR/models/<name>/<version>/
 * version: 1
 * seed: 1
 * data: {synthetic: 100000}          # or {dir: /path/to/hdf5}; --data / --synthetic override it
 * train: {epochs: 10, latent: 4, batch: 1024}
 * finetune: {range: 0.05, lambda: 0.5, order: 2, epochs: 3, events: 20000, heldOutEvents: 20000}
 * quantize: {bits: 10, constantBits: 8, events: 20000, qatEpochs: 3, evaluationEvents: 20000}
 * hls: {reuse: 2, part: xcvu13p-flga2577-2-e, clockNs: 4.0, testbenchEvents: 1000}
 * validate: {events: 100000}
 * evaluate: {synthetic: 100000, toys: 50, reference: 20000, data: 2000, centres: 300, bootstrap: 100, injectionToys: 3}
 * }</pre>
 *
 * <p>The resolved configuration (defaults filled in) is what {@link #toJson()} renders; each stage's part of it enters
 * that stage's key, so changing a setting reruns that stage and every stage after it.
 */
public final class PipelineConfig {

    private final ObjectNode values;

    private PipelineConfig(ObjectNode values) {
        this.values = values;
    }

    /** The defaults. */
    public static ObjectNode defaultsJson() {
        ObjectNode n = StrictJson.MAPPER.createObjectNode();
        n.put("name", "l1embed");
        n.put("version", 1);
        n.put("seed", 1);
        n.putObject("data").put("synthetic", 100_000).putNull("dir");
        n.putObject("train").put("epochs", 10).put("latent", 4).put("batch", 1024);
        n.putObject("finetune").put("range", 0.05).put("lambda", 0.5).put("order", 2).put("epochs", 3).put("events", 20_000)
                .put("heldOutEvents", 20_000);
        n.putObject("quantize").put("bits", 10).put("constantBits", 8).put("events", 20_000).put("qatEpochs", 3)
                .put("evaluationEvents", 20_000);
        n.putObject("hls").put("reuse", 2).put("part", "xcvu13p-flga2577-2-e").put("clockNs", 4.0).put("testbenchEvents", 1000);
        n.putObject("validate").put("events", 100_000);
        n.putObject("evaluate").put("synthetic", 100_000).put("toys", 50).put("reference", 20_000).put("data", 2000)
                .put("centres", 300).put("bootstrap", 100).put("injectionToys", 3);
        return n;
    }

    /** The defaults as a configuration. */
    public static PipelineConfig defaults() {
        return new PipelineConfig(defaultsJson());
    }

    /**
     * The defaults overridden by a YAML or JSON file.
     *
     * @throws IllegalArgumentException naming the file and the path of a bad field
     */
    public static PipelineConfig read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("--config " + file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("--config " + file + ": not a regular file; expected a pipeline.yaml");
        }
        JsonNode given;
        try {
            given = new ObjectMapper(new YAMLFactory()).enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                    .readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage());
        }
        try {
            return parse(given);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The defaults overridden by a parsed document (null or empty: the defaults).
     *
     * @throws IllegalArgumentException naming the path of a bad field
     */
    public static PipelineConfig parse(JsonNode given) {
        ObjectNode merged = defaultsJson();
        if (given != null && !given.isNull() && !given.isMissingNode()) {
            if (!given.isObject()) {
                throw new IllegalArgumentException("the configuration must be a mapping, got " + given.getNodeType());
            }
            merge(merged, given, "");
        }
        PipelineConfig c = new PipelineConfig(merged);
        c.validate();
        return c;
    }

    private static void merge(ObjectNode target, JsonNode given, String path) {
        for (Iterator<Map.Entry<String, JsonNode>> it = given.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = path + e.getKey();
            JsonNode current = target.get(e.getKey());
            if (current == null) {
                Set<String> known = new TreeSet<>();
                target.fieldNames().forEachRemaining(known::add);
                throw new IllegalArgumentException("unknown field " + at + "; expected one of " + known);
            }
            JsonNode v = e.getValue();
            if (current.isObject()) {
                if (!v.isObject()) {
                    throw new IllegalArgumentException(at + ": expected a mapping, got " + v);
                }
                merge((ObjectNode) current, v, at + ".");
            } else if (current.isNumber() && !v.isNumber()) {
                throw new IllegalArgumentException(at + ": expected a number, got " + v);
            } else if (current.isTextual() && !v.isTextual()) {
                throw new IllegalArgumentException(at + ": expected a string, got " + v);
            } else if (current.isIntegralNumber() && !v.isIntegralNumber()) {
                throw new IllegalArgumentException(at + ": expected an integer, got " + v);
            } else {
                target.set(e.getKey(), v);
            }
        }
    }

    /** Synthetic event counts the pipeline accepts for training (the generator's and the training split's limits). */
    static final int MIN_SYNTHETIC = 5_000;
    static final int MAX_SYNTHETIC = 10_000_000;

    /**
     * Every setting checked before any stage runs, so a bad value is a usage error naming its path rather than a
     * failure minutes into the run. Where a stage's own code has the rule, it is asked, and its message is prefixed
     * with the section.
     */
    private void validate() {
        positive("version");
        positive("train.epochs");
        positive("train.latent");
        atLeast("train.batch", 2);
        positive("finetune.epochs");
        atLeast("finetune.events", 2);
        atLeast("finetune.heldOutEvents", 100);
        within("quantize.bits", 2, Profiler.MAX_PROPOSED_WIDTH);
        within("quantize.constantBits", 2, Profiler.MAX_PROPOSED_WIDTH);
        within("quantize.events", QuantizeJob.MIN_EVENTS, EventLayout.MAX_EVENTS);
        within("quantize.evaluationEvents", 1, QuantizeJob.MAX_EVALUATION_EVENTS);
        atLeast("quantize.qatEpochs", 0);
        positive("hls.reuse");
        positive("hls.testbenchEvents");
        positive("validate.events");
        atLeast("evaluate.synthetic", 200);
        positive("evaluate.bootstrap");
        atLeast("evaluate.injectionToys", 1);
        int toys = integer("evaluate.toys");
        if (toys != 0 && toys < 10) {
            throw new IllegalArgumentException("evaluate.toys must be 0 (no NPLM) or >= 10 (the chi2 fit needs them), got " + toys);
        }
        atLeast("evaluate.reference", 10);
        within("evaluate.data", 10, integer("evaluate.reference"));
        within("evaluate.centres", 1, integer("evaluate.reference") + integer("evaluate.data"));
        String name = text("name");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("name must be a C identifier (it names the model and its HLS project), got '" + name + "'");
        }
        JsonNode data = values.get("data");
        boolean dir = data.hasNonNull("dir");
        boolean synthetic = data.hasNonNull("synthetic") && data.get("synthetic").asInt() > 0;
        if (dir == synthetic) {
            throw new IllegalArgumentException("data: give either synthetic (events > 0) or dir, got " + data);
        }
        if (synthetic) {
            within("data.synthetic", MIN_SYNTHETIC, MAX_SYNTHETIC);
        }
        double range = number("finetune.range");
        if (range > FinetuneJob.MAX_RANGE) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "finetune.range must be > 0 and <= %.4f (the largest "
                    + "jet-energy-scale shift the synthetic source events support), got %s", FinetuneJob.MAX_RANGE, node("finetune.range")));
        }
        inSection("finetune", () -> NuisanceConfig.of("jes", number("finetune.range"), integer("finetune.order"), number("finetune.lambda")));
        inSection("hls", () -> new FpgaPart(text("hls.part")));
        double clock = number("hls.clockNs");
        if (!(clock > 0) || !Double.isFinite(clock)) {
            throw new IllegalArgumentException("hls.clockNs must be a finite number of nanoseconds > 0, got " + node("hls.clockNs"));
        }
        checkReuse();
    }

    /** hls.reuse must suit every dense layer of the encoder the train stage builds. */
    private void checkReuse() {
        ModelConfig m = ModelConfig.defaults().withLatentSize(integer("train.latent"));
        List<Integer> widths = new ArrayList<>();
        widths.add(m.inputSize());
        widths.addAll(m.hiddenWidths());
        widths.add(m.latentSize());
        int reuse = integer("hls.reuse");
        Set<Integer> valid = null;
        List<String> shapes = new ArrayList<>();
        for (int i = 0; i + 1 < widths.size(); i++) {
            Set<Integer> layer = new TreeSet<>(HlsDesign.validReuseFactors(widths.get(i), widths.get(i + 1)));
            if (valid == null) {
                valid = layer;
            } else {
                valid.retainAll(layer);
            }
            shapes.add(widths.get(i) + "x" + widths.get(i + 1));
        }
        if (!valid.contains(reuse)) {
            throw new IllegalArgumentException("hls.reuse " + reuse + " does not suit the encoder's dense layers " + shapes
                    + " (it must divide n_in*n_out, and n_in*n_out/reuse must stay within the HLS unroll limit of "
                    + Estimator.UNROLL_LIMIT + "); valid for all of them: " + valid);
        }
    }

    private static void inSection(String section, Runnable check) {
        try {
            check.run();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(section + ": " + e.getMessage(), e);
        }
    }

    private void within(String path, long min, long max) {
        long v = integer(path);
        if (v < min || v > max) {
            throw new IllegalArgumentException(path + " must be in " + min + ".." + max + ", got " + v);
        }
    }

    private void positive(String path) {
        atLeast(path, 1);
    }

    private void atLeast(String path, long min) {
        long v = integer(path);
        if (v < min) {
            throw new IllegalArgumentException(path + " must be >= " + min + ", got " + v);
        }
    }

    private JsonNode node(String path) {
        JsonNode n = values;
        for (String part : path.split("\\.")) {
            n = n.path(part);
        }
        return n;
    }

    /** An integer setting, e.g. {@code "train.epochs"}. */
    public int integer(String path) {
        return node(path).asInt();
    }

    /** A number setting. */
    public double number(String path) {
        return node(path).asDouble();
    }

    /** A text setting. */
    public String text(String path) {
        return node(path).asText();
    }

    /** The data directory, or null for synthetic events. */
    public Path dataDir() {
        JsonNode d = node("data.dir");
        return d.isNull() || d.isMissingNode() ? null : Path.of(d.asText());
    }

    /** A copy with the data source replaced (the command line's --data / --synthetic). */
    public PipelineConfig withData(Path dir, Integer synthetic) {
        ObjectNode copy = values.deepCopy();
        ObjectNode data = (ObjectNode) copy.get("data");
        if (dir != null) {
            data.put("dir", dir.toAbsolutePath().normalize().toString());
            data.put("synthetic", 0);
        } else if (synthetic != null) {
            if (synthetic < MIN_SYNTHETIC || synthetic > MAX_SYNTHETIC) {
                throw new IllegalArgumentException("--synthetic must be in " + MIN_SYNTHETIC + ".." + MAX_SYNTHETIC + " events, got " + synthetic);
            }
            data.putNull("dir");
            data.put("synthetic", synthetic);
        }
        PipelineConfig c = new PipelineConfig(copy);
        c.validate();
        return c;
    }

    /** A copy with one section edited (tests and callers that build a configuration in code). */
    public PipelineConfig with(String section, Consumer<ObjectNode> edit) {
        ObjectNode copy = values.deepCopy();
        edit.accept((ObjectNode) copy.get(section));
        PipelineConfig c = new PipelineConfig(copy);
        c.validate();
        return c;
    }

    /** One section of the resolved configuration (a copy). */
    public ObjectNode section(String name) {
        return ((ObjectNode) values.get(name)).deepCopy();
    }

    /** The resolved configuration (a copy). */
    public ObjectNode toJson() {
        return values.deepCopy();
    }
}
