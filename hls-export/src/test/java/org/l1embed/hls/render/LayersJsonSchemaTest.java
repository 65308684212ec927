package org.l1embed.hls.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.l1embed.hls.HlsExport;
import org.l1embed.hls.config.FpgaPart;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.config.IoType;
import org.l1embed.hls.config.Strategy;
import org.l1embed.hls.estimate.Estimator;
import org.l1embed.quantization.fixed.FixedType;
import org.l1embed.quantization.fixed.Overflow;
import org.l1embed.quantization.fixed.Rounding;
import org.l1embed.quantization.network.Dense;
import org.l1embed.quantization.network.Layer;
import org.l1embed.quantization.network.LayerKind;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * {@code docs/layers-schema.json} against {@link LayersJsonRenderer}: the {@code layers.json} of every rendered
 * project validates, documents broken in one place are refused, the constants the schema pins are the code's,
 * and its type pattern accepts exactly the canonical strings {@link FixedType#toString} writes.
 */
class LayersJsonSchemaTest {

    /** Relative to the hls-export module directory, where the tests run. */
    private static final Path SCHEMA = Path.of("..", "docs", "layers-schema.json");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode schemaNode;
    private static JsonSchema schema;
    private static JsonSchema typeSchema;

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaNode = MAPPER.readTree(Files.readString(SCHEMA));
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        schema = factory.getSchema(schemaNode);
        typeSchema = factory.getSchema(schemaNode.at("/$defs/typeString"));
    }

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    private static String layersJson(NetworkSpec spec, HlsConfig config) {
        return HlsExport.render(spec, config).stream().filter(f -> f.path().equals(LayersJsonRenderer.PATH)).findFirst()
                .orElseThrow(() -> new AssertionError("no layers.json rendered")).content();
    }

    private static void assertValid(String what, String json) {
        Set<ValidationMessage> v = schema.validate(tree(json));
        assertTrue(v.isEmpty(), () -> what + " violates docs/layers-schema.json: " + v + "\n" + json);
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ---------------------------------------------------------------- the schema itself

    @Test
    void schemaIsAValidDraft202012Schema() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SchemaLocation.of(SchemaId.V202012));
        Set<ValidationMessage> v = meta.validate(schemaNode);
        assertTrue(v.isEmpty(), () -> "docs/layers-schema.json is not a valid draft 2020-12 schema: " + v);
        assertEquals(SchemaId.V202012, schemaNode.get("$schema").asText());
    }

    @Test
    void pinsFormatVersionAndEnumerationsToTheCode() {
        assertEquals(LayersJsonRenderer.FORMAT, schemaNode.at("/properties/format/const").asText());
        assertEquals(LayersJsonRenderer.SCHEMA_VERSION, schemaNode.at("/properties/schemaVersion/const").asInt());
        assertEquals(Arrays.stream(LayerKind.values()).map(LayerKind::jsonName).collect(Collectors.toCollection(TreeSet::new)),
                texts(schemaNode.at("/$defs/layer/properties/kind/enum")));
        assertEquals(Arrays.stream(FpgaPart.DspSlice.values()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new)),
                texts(schemaNode.at("/properties/dspSlice/enum")));
        assertEquals(Arrays.stream(IoType.values()).map(IoType::hls4mlName).collect(Collectors.toCollection(TreeSet::new)),
                texts(schemaNode.at("/properties/ioType/enum")));
        assertEquals(Arrays.stream(Strategy.values()).map(Strategy::hls4mlName).collect(Collectors.toCollection(TreeSet::new)),
                texts(schemaNode.at("/properties/strategy/enum")));
        assertEquals(new TreeSet<>(Estimator.FORMULAS.keySet()), texts(schemaNode.at("/properties/formulas/required")));
        Set<String> described = new TreeSet<>();
        schemaNode.at("/properties/formulas/properties").fieldNames().forEachRemaining(described::add);
        assertEquals(new TreeSet<>(Estimator.FORMULAS.keySet()), described);
    }

    /** All C++17 keywords and alternative tokens, plus {@code main}: the schema and HlsConfig refuse the same ones. */
    @Test
    void refusesTheSameReservedNamesAsHlsConfig() {
        List<String> reserved = List.of("alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
                "case", "catch", "char", "char16_t", "char32_t", "class", "compl", "const", "constexpr", "const_cast", "continue",
                "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern",
                "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new", "noexcept",
                "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected", "public", "register",
                "reinterpret_cast", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast", "struct",
                "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef", "typeid", "typename", "union",
                "unsigned", "using", "virtual", "void", "volatile", "wchar_t", "while", "xor", "xor_eq", "main", "dense", "Int");
        JsonSchema identifier = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode.at("/$defs/cIdentifier"));
        List<String> disagreements = new ArrayList<>();
        for (String name : reserved) {
            boolean schemaAccepts = identifier.validate(TextNode.valueOf(name)).isEmpty();
            boolean configAccepts;
            try {
                HlsConfig.defaults(name);
                configAccepts = true;
            } catch (IllegalArgumentException e) {
                configAccepts = false;
            }
            if (schemaAccepts != configAccepts) {
                disagreements.add(name + " schema=" + schemaAccepts + " HlsConfig=" + configAccepts);
            }
        }
        // Keywords HlsConfig lets through (e.g. char16_t, nullptr) are reported to the maintainers; the schema follows HlsConfig.
        assertEquals(List.of(), disagreements);
    }

    // ---------------------------------------------------------------- what the renderer writes validates

    @Test
    void theGoldenProjectsLayersJsonValidates() throws IOException {
        assertValid("rendered golden project", layersJson(RenderFixtures.everyLayerKind(), RenderFixtures.everyLayerKindConfig()));
        assertValid("golden file", Files.readString(GoldenProjectTest.GOLDEN.resolve(LayersJsonRenderer.PATH)));
    }

    @Test
    void aWideDenseOnEachDspFamilyValidates() {
        FixedType t = FixedType.parse("ap_fixed<16,6>");
        NetworkSpec spec = RenderFixtures.singleDense("wide", 57, 32, t, t, FixedType.parse("ap_fixed<39,19>"));
        for (String part : List.of("xcvu13p-flga2577-2-e", "xc7vx690tffg1927-2", "xcvc1902-vsva2197-2MP-e-S")) {
            for (int rf : List.of(1, 4, 57)) {
                HlsConfig config = HlsConfig.defaults("wide").withPart(new FpgaPart(part)).withReuse(rf, Map.of()).withTestbench(1, 1L);
                assertValid(part + ", reuse factor " + rf, layersJson(spec, config));
            }
        }
    }

    @Test
    void randomNetworksOnRandomPartsReuseFactorsAndClocksValidate() {
        WideConstantNetworks networks = new WideConstantNetworks(777L);
        SplittableRandom random = new SplittableRandom(778L);
        List<String> parts = List.of("xcvu13p-flga2577-2-e", "xc7vx690tffg1927-2", "xcvc1902-vsva2197-2MP-e-S", "XCKU115-FLVB2104-2-E");
        for (int n = 0; n < 60; n++) {
            NetworkSpec spec = networks.next("net" + n);
            Map<String, Integer> reuse = new TreeMap<>();
            for (Layer l : spec.layers()) {
                if (l instanceof Dense d) {
                    int products = d.inputs() * d.outputs();
                    List<Integer> divisors = new ArrayList<>();
                    for (int k = 1; k <= products; k++) {
                        if (products % k == 0) {
                            divisors.add(k);
                        }
                    }
                    reuse.put(d.name(), divisors.get(random.nextInt(divisors.size())));
                }
            }
            HlsConfig config = new HlsConfig("p" + n, "top" + n, new FpgaPart(parts.get(random.nextInt(parts.size()))),
                    random.nextInt(1, 400) / 4.0, 1, reuse, IoType.IO_PARALLEL, Strategy.LATENCY, 1, n);
            assertValid(spec.name(), layersJson(spec, config));
        }
    }

    // ---------------------------------------------------------------- broken documents are refused

    private static Arguments broken(String what, Consumer<ObjectNode> change) {
        ObjectNode root = (ObjectNode) tree(layersJson(RenderFixtures.everyLayerKind(), RenderFixtures.everyLayerKindConfig()));
        change.accept(root);
        return Arguments.of(what, root.toString());
    }

    private static ObjectNode layer(ObjectNode root, int index) {
        return (ObjectNode) root.get("layers").get(index);
    }

    private static ObjectNode types(ObjectNode root, int index) {
        return (ObjectNode) layer(root, index).get("types");
    }

    /** Layers of the golden network: 0 dense1, 1 bn1, 2 lrelu1, 3 dense2, 4 relu1, 5 output (linear). */
    static Stream<Arguments> brokenDocuments() {
        return Stream.of(
                broken("no format", r -> r.remove("format")),
                broken("the network.json format", r -> r.put("format", "l1embed-network")),
                broken("schemaVersion 2", r -> r.put("schemaVersion", 2)),
                broken("schemaVersion as a string", r -> r.put("schemaVersion", "1")),
                broken("an unknown top-level field", r -> r.put("generatedAt", "2024-06-11T00:00:00Z")),
                broken("networkSha256 in capitals", r -> r.put("networkSha256", r.get("networkSha256").asText().toUpperCase())),
                broken("networkSha256 too short", r -> r.put("networkSha256", r.get("networkSha256").asText().substring(1))),
                broken("a C++ keyword as project", r -> r.put("project", "int")),
                broken("a project name starting with a digit", r -> r.put("project", "1net")),
                broken("a top function with a space", r -> r.put("topFunction", "my top")),
                broken("a part without the xc prefix", r -> r.put("part", "vu13p-flga2577-2-e")),
                broken("an unknown DSP slice", r -> r.put("dspSlice", "DSP48")),
                broken("clock period 0", r -> r.put("clockPeriodNs", 0.0)),
                broken("clock period above 100 ns", r -> r.put("clockPeriodNs", 100.5)),
                broken("io_stream", r -> r.put("ioType", "io_stream")),
                broken("strategy in lower case", r -> r.put("strategy", "latency")),
                broken("input size 0", r -> ((ObjectNode) r.get("input")).put("size", 0)),
                broken("an unknown input field", r -> ((ObjectNode) r.get("input")).put("shape", 4)),
                broken("an hls4ml type spelling", r -> ((ObjectNode) r.get("input")).put("type", "fixed<10,4,RND_CONV,SAT>")),
                broken("no layers", r -> r.putArray("layers")),
                broken("an unknown layer field", r -> layer(r, 0).put("note", "hi")),
                broken("a layer without lut", r -> layer(r, 0).remove("lut")),
                broken("an unknown layer kind", r -> layer(r, 0).put("kind", "conv1d")),
                broken("a layer name with a hyphen", r -> layer(r, 1).put("name", "bn-1")),
                broken("a dense layer without accum", r -> types(r, 0).remove("accum")),
                broken("network.json's 'accumulator' role", r -> types(r, 0).set("accumulator", types(r, 0).remove("accum"))),
                broken("a dense layer without its input type", r -> types(r, 3).remove("input")),
                broken("a batchnorm with a bias type", r -> types(r, 1).put("bias", "ap_fixed<8,3>")),
                broken("a leaky_relu without alpha", r -> types(r, 2).remove("alpha")),
                broken("a relu with a weight type", r -> types(r, 4).put("weight", "ap_fixed<8,3>")),
                broken("a relu with multipliers", r -> layer(r, 4).put("multipliers", 2)),
                broken("a linear layer with a DSP", r -> layer(r, 5).put("dsp", 1)),
                broken("a batchnorm with reuse factor 2", r -> layer(r, 1).put("reuseFactor", 2)),
                broken("a dense layer with reuse factor 0", r -> layer(r, 0).put("reuseFactor", 0)),
                broken("negative DSP", r -> layer(r, 0).put("dsp", -1)),
                broken("fractional LUTs", r -> layer(r, 0).put("lut", 304.5)),
                broken("LUTs as a string", r -> layer(r, 0).put("lut", "304")),
                broken("latency 0", r -> layer(r, 0).put("latencyCycles", 0)),
                broken("a negative index", r -> layer(r, 0).put("index", -1)),
                broken("default modes written out", r -> types(r, 0).put("accum", "ap_fixed<24,10,AP_TRN,AP_WRAP>")),
                broken("AP_WRAP_SM on an unsigned result", r -> types(r, 4).put("result", "ap_ufixed<10,4,AP_RND_CONV,AP_WRAP_SM>")),
                broken("totals without initiationInterval", r -> ((ObjectNode) r.get("totals")).remove("initiationInterval")),
                broken("an unknown total", r -> ((ObjectNode) r.get("totals")).put("bram", 0)),
                broken("totals latencyNs 0", r -> ((ObjectNode) r.get("totals")).put("latencyNs", 0.0)),
                broken("a formula missing", r -> ((ObjectNode) r.get("formulas")).remove("dense.lut")),
                broken("an unknown formula", r -> ((ObjectNode) r.get("formulas")).put("conv.lut", "n * k")),
                broken("an empty formula", r -> ((ObjectNode) r.get("formulas")).put("dense.lut", "")),
                broken("a formula as a number", r -> ((ObjectNode) r.get("formulas")).put("dense.lut", 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDocuments")
    void refusesADocumentWith(String what, String json) {
        assertFalse(schema.validate(tree(json)).isEmpty(), () -> "the schema accepts a layers.json with " + what + ":\n" + json);
    }

    // ---------------------------------------------------------------- type strings

    private static boolean canonical(String text) {
        try {
            return FixedType.parse(text).toString().equals(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Every combination of signedness, rounding and overflow mode (present or absent) with widths and integer bits
     * around each limit, written canonically and not: the pattern accepts a string exactly when
     * {@code FixedType.parse(s).toString()} gives {@code s} back.
     */
    @Test
    void typePatternAcceptsExactlyTheCanonicalSpellings() {
        List<String> widths = List.of("0", "1", "2", "9", "10", "53", "99", "100", "999", "1000", "1019", "1024", "1025", "01", "+8");
        List<String> integerBits = List.of("-4097", "-4096", "-1000", "-10", "-1", "-0", "0", "00", "1", "+1", "6", "4096", "4097", "01");
        List<String> roundings = Stream.concat(Stream.of(""), Arrays.stream(Rounding.values())
                .map(q -> ",AP_" + q.name())).toList();
        List<String> overflows = Stream.concat(Stream.of(""), Arrays.stream(Overflow.values())
                .map(o -> ",AP_" + o.name())).toList();
        List<String> disagreements = new ArrayList<>();
        int accepted = 0;
        int checked = 0;
        for (String name : List.of("ap_fixed", "ap_ufixed")) {
            for (String w : widths) {
                for (String i : integerBits) {
                    for (String q : roundings) {
                        for (String o : overflows) {
                            if (q.isEmpty() && !o.isEmpty()) {
                                continue;
                            }
                            String text = name + "<" + w + "," + i + q + o + ">";
                            boolean schemaAccepts = typeSchema.validate(TextNode.valueOf(text)).isEmpty();
                            checked++;
                            accepted += schemaAccepts ? 1 : 0;
                            if (schemaAccepts != canonical(text)) {
                                disagreements.add(text + " schema=" + schemaAccepts + " canonical=" + canonical(text));
                            }
                        }
                    }
                }
            }
        }
        for (String text : List.of("fixed<16,6>", "ap_fixed<16, 6>", " ap_fixed<16,6>", "ap_fixed<16,6>\n", "ap_fixed <16,6>",
                "ap_fixed<16,6,AP_RND_CONV,AP_SAT,0>", "ap_fixed<16,6,RND_CONV>", "ap_fixed<16,6,ap_rnd_conv>", "ap_int<8>",
                "ap_uint<8>", "ap_fixed<16>", "ap_fixed<16,6,AP_SAT>", "")) {
            checked++;
            if (typeSchema.validate(TextNode.valueOf(text)).isEmpty()) {
                disagreements.add(MAPPER.valueToTree(text) + " is accepted but is not canonical");
            }
        }
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " of " + checked + " disagree, e.g.:\n" + String.join("\n", disagreements.subList(0,
                    Math.min(20, disagreements.size()))));
        }
        assertTrue(accepted > 2000, "enough canonical strings among the candidates: " + accepted);
    }

    @Test
    void everyModeCombinationOfRandomTypesIsAccepted() {
        SplittableRandom random = new SplittableRandom(99L);
        for (int n = 0; n < 3000; n++) {
            boolean signed = random.nextBoolean();
            Overflow o = Overflow.values()[random.nextInt(5)];
            if (!signed && o == Overflow.WRAP_SM) {
                continue;
            }
            FixedType t = new FixedType(random.nextInt(1, FixedType.MAX_WIDTH + 1),
                    random.nextInt(-FixedType.MAX_INTEGER_BITS, FixedType.MAX_INTEGER_BITS + 1), signed,
                    Rounding.values()[random.nextInt(7)], o);
            assertTrue(typeSchema.validate(TextNode.valueOf(t.toString())).isEmpty(), t::toString);
        }
    }
}
