package org.l1embed.hls.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.l1embed.hls.design.HlsDesign;
import org.l1embed.hls.design.HlsLayer;
import org.l1embed.hls.design.TensorType;
import org.l1embed.hls.estimate.Estimator;

/**
 * {@code layers.json}: layer descriptors for firmware integration (schema {@code docs/layers-schema.json}): per
 * layer its kind, shapes, every type, reuse factor, multipliers, estimated DSP and LUT use and latency, and the
 * formulas those estimates come from.
 */
final class LayersJsonRenderer {

    static final String PATH = "layers.json";
    static final String FORMAT = "l1embed-hls-layers";
    static final int SCHEMA_VERSION = 1;

    private LayersJsonRenderer() {
    }

    static GeneratedFile render(HlsDesign d) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("network", d.spec().name());
        root.put("networkSha256", d.networkSha256());
        root.put("project", d.config().projectName());
        root.put("topFunction", d.config().topFunction());
        root.put("part", d.config().part().name());
        root.put("dspSlice", d.config().part().dsp().name());
        root.put("clockPeriodNs", d.config().clockPeriodNs());
        root.put("ioType", d.config().ioType().hls4mlName());
        root.put("strategy", d.config().strategy().hls4mlName());
        ObjectNode input = root.putObject("input");
        input.put("size", d.spec().input().size());
        input.put("type", d.input().type().toString());
        input.put("preprocessing", d.spec().input().preprocessing().kind());
        ArrayNode layers = root.putArray("layers");
        for (HlsLayer l : d.layers()) {
            ObjectNode n = layers.addObject();
            n.put("index", l.index());
            n.put("name", l.name());
            n.put("kind", l.layer().kind().jsonName());
            n.put("nIn", l.layer().inputSize());
            n.put("nOut", l.layer().outputSize());
            ObjectNode types = n.putObject("types");
            types.put("input", l.input().type().toString());
            for (TensorType t : l.types()) {
                types.put(t.role(), t.type().toString());
            }
            n.put("reuseFactor", l.reuseFactor());
            n.put("multipliers", l.estimate().multipliers());
            n.put("dsp", l.estimate().dsp());
            n.put("lut", l.estimate().lut());
            n.put("latencyCycles", l.estimate().latencyCycles());
        }
        ObjectNode totals = root.putObject("totals");
        totals.put("dsp", d.dsp());
        totals.put("lut", d.lut());
        totals.put("latencyCycles", d.latencyCycles());
        totals.put("latencyNs", d.latencyNs());
        totals.put("initiationInterval", d.initiationInterval());
        ObjectNode formulas = root.putObject("formulas");
        Map<String, String> sorted = new TreeMap<>(Estimator.FORMULAS);
        sorted.forEach(formulas::put);
        try {
            return new GeneratedFile(PATH, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root) + "\n");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render layers.json", e);
        }
    }
}
