package org.l1embed.quantization.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.l1embed.quantization.fixed.FixedType;

/**
 * {@code docs/network-schema.json} against the reader and writer it documents: everything the writer produces and
 * every example validates, and on documents that differ only in what JSON Schema can express, the schema and
 * {@link NetworkJson#parse} accept and refuse the same ones.
 */
class NetworkSchemaTest {

    /** Relative to the quantization module directory, where the tests run. */
    private static final Path SCHEMA = Path.of("..", "docs", "network-schema.json");
    private static final Path EXAMPLES = Path.of("..", "examples");
    private static final Path FORMAT_DOC = Path.of("..", "docs", "network-json.md");

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static JsonNode schemaNode;
    private static JsonSchema schema;

    /** A small quantized network, valid for both the schema and the reader; cases below change one thing in it. */
    private static final String BASE = """
            {
              "format": "l1embed-network",
              "schemaVersion": 1,
              "name": "base",
              "input": {"shape": [2], "type": "ap_fixed<16,6>", "preprocessing": {"kind": "none"}},
              "layers": [
                {
                  "kind": "dense", "name": "d", "inputs": 2, "outputs": 1,
                  "weights": [[0.5], [-0.25]], "bias": [0.125],
                  "types": {"weight": "ap_fixed<8,3>", "bias": "ap_fixed<8,3>", "accumulator": "auto",
                            "result": "ap_fixed<16,6>"}
                },
                {"kind": "relu", "name": "r", "size": 1, "types": {"result": "ap_ufixed<8,3,AP_TRN,AP_SAT>"}}
              ]
            }
            """;

    @BeforeAll
    static void loadSchema() throws IOException {
        schemaNode = MAPPER.readTree(Files.readString(SCHEMA));
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaNode);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("test document is not JSON: " + json, e);
        }
    }

    private static Set<ValidationMessage> violations(String json) {
        return schema.validate(tree(json));
    }

    private static boolean readerAccepts(String json) {
        try {
            NetworkJson.parse(json);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String readerError(String json) {
        try {
            NetworkJson.parse(json);
            return "(accepted)";
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static void assertSchemaValid(String what, String json) {
        Set<ValidationMessage> v = violations(json);
        assertTrue(v.isEmpty(), () -> what + " violates the schema: " + v + "\n" + json);
    }

    /** BASE with one change applied to its tree. */
    private static String base(Consumer<ObjectNode> change) {
        ObjectNode root = (ObjectNode) tree(BASE);
        change.accept(root);
        return root.toString();
    }

    private static ObjectNode layer(ObjectNode root, int index) {
        return (ObjectNode) root.get("layers").get(index);
    }

    private static ObjectNode denseTypes(ObjectNode root) {
        return (ObjectNode) layer(root, 0).get("types");
    }

    // ---------------------------------------------------------------- the schema itself

    @Test
    void schemaIsAValidDraft202012Schema() {
        JsonSchema meta = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(SchemaLocation.of(SchemaId.V202012));
        Set<ValidationMessage> v = meta.validate(schemaNode);
        assertTrue(v.isEmpty(), () -> "docs/network-schema.json is not a valid draft 2020-12 schema: " + v);
        assertEquals(SchemaId.V202012, schemaNode.get("$schema").asText());
    }

    @Test
    void pinsFormatAndSchemaVersionToTheReadersConstants() {
        assertEquals(NetworkJson.FORMAT, schemaNode.at("/properties/format/const").asText());
        assertEquals(NetworkSpec.SCHEMA_VERSION, schemaNode.at("/properties/schemaVersion/const").asInt());
    }

    // ---------------------------------------------------------------- documents that must validate

    private static NetworkSpec everyLayerKind() {
        FixedType t = FixedType.parse("ap_fixed<16,6>");
        Dense dense = new Dense("d1", 3, 2, Tensor.matrix(3, 2, new double[] {0.1, -0.2, 0.3, 1e-9, -7.25, 2}),
                Tensor.vector(0.5, -0.125), t, t, FixedType.parse("ap_fixed<40,20>"), t);
        BatchNorm bn = new BatchNorm("bn", 2, Tensor.vector(1.1, 0.9), Tensor.vector(0.1, -0.1), Tensor.vector(0.01, 0.02),
                Tensor.vector(1.5, 0.5), 1e-3, FixedType.parse("ap_fixed<18,4,AP_RND>"), t, t);
        LeakyRelu leaky = new LeakyRelu("lr", 2, 0.3, FixedType.parse("ap_fixed<8,1,AP_RND_CONV>"), t);
        Relu relu = new Relu("r", 2, FixedType.parse("ap_ufixed<12,4,AP_RND_CONV,AP_SAT>"));
        Linear out = new Linear("out", 2, FixedType.parse("ap_fixed<8,3,AP_RND,AP_SAT_SYM>"));
        InputSpec input = new InputSpec(List.of(3), new Preprocessing.Standardize(Tensor.vector(1, 2, 3),
                Tensor.vector(0.5, 1, 2)), FixedType.parse("ap_fixed<10,4,AP_RND_CONV,AP_SAT>"));
        return new NetworkSpec("every_kind", input, List.of(dense, bn, leaky, relu, out));
    }

    private static NetworkSpec floatNetwork() {
        Dense d1 = Dense.floating("d1", Tensor.matrix(4, 2, new double[] {1, -2, 0.5, 0.25, 3, 4, -1e-3, 1e6}),
                Tensor.vector(0, 0.5));
        BatchNorm bn = new BatchNorm("bn", 2, Tensor.vector(1, 2), Tensor.vector(0, 1), Tensor.vector(0.5, -0.5),
                Tensor.vector(1, 4), 0, null, null, null);
        return new NetworkSpec("float_net", new InputSpec(List.of(2, 2), new Preprocessing.Identity(), null),
                List.of(d1, bn, new LeakyRelu("lr", 2, 0.01, null, null), new Relu("r", 2, null), new Linear("out", 2, null)));
    }

    @Test
    void acceptsWhatTheWriterWritesForEveryLayerKindAndStandardize() {
        String json = NetworkJson.toJson(everyLayerKind());
        for (LayerKind kind : LayerKind.values()) {
            assertTrue(json.contains("\"kind\" : \"" + kind.jsonName() + "\""), kind + " is covered");
        }
        assertTrue(json.contains("\"standardize\""));
        assertSchemaValid("writer output (every layer kind)", json);
    }

    @Test
    void acceptsWhatTheWriterWritesForAFloatNetworkWithoutPreprocessing() {
        String json = NetworkJson.toJson(floatNetwork());
        assertFalse(json.contains("\"types\""));
        assertTrue(json.contains("\"kind\" : \"none\""));
        assertSchemaValid("writer output (float network)", json);
    }

    @Test
    void everyExampleIsValidForTheSchemaAndTheReader() throws IOException {
        if (!Files.isDirectory(EXAMPLES)) {
            return;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(EXAMPLES)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            String json = Files.readString(file);
            assertSchemaValid(file.toString(), json);
            assertTrue(readerAccepts(json), () -> file + " is refused by the reader: " + readerError(json));
        }
    }

    @Test
    void acceptsTheExampleInTheFormatDocument() throws IOException {
        String doc = Files.readString(FORMAT_DOC);
        List<String> blocks = new ArrayList<>();
        for (int at = doc.indexOf("```json\n"); at >= 0; at = doc.indexOf("```json\n", at + 1)) {
            int start = at + "```json\n".length();
            blocks.add(doc.substring(start, doc.indexOf("```", start)));
        }
        assertEquals(1, blocks.size(), "docs/network-json.md has one complete example");
        String json = blocks.get(0);
        assertSchemaValid("the example in docs/network-json.md", json);
        NetworkJson.Parsed parsed = NetworkJson.parse(json);
        assertTrue(parsed.spec().isQuantized());
        assertEquals(List.of("layers[0] (hidden): accumulator \"auto\" resolved to ap_fixed<21,9> (input "
                + "ap_fixed<10,4,AP_RND_CONV,AP_SAT>, weight ap_fixed<8,2>, bias ap_fixed<8,3>, n=3)"), parsed.notes(),
                "the resolution the document states");
    }

    // ---------------------------------------------------------------- schema and reader agree

    private static Arguments refused(String what, Consumer<ObjectNode> change) {
        return Arguments.of(what, base(change));
    }

    static Stream<Arguments> refusedByBoth() {
        return Stream.of(
                refused("missing format", r -> r.remove("format")),
                refused("other format", r -> r.put("format", "hls4ml")),
                refused("schemaVersion 2", r -> r.put("schemaVersion", 2)),
                refused("unknown top-level field", r -> r.put("comment", "hi")),
                refused("unknown layer field", r -> layer(r, 0).put("weigths", 1)),
                refused("unknown field in types", r -> denseTypes(r).put("product", "ap_fixed<32,12>")),
                refused("unknown layer kind", r -> layer(r, 1).put("kind", "conv2d")),
                refused("layer kind in capitals", r -> layer(r, 1).put("kind", "RELU")),
                refused("bad type string ap_fixed<8>", r -> denseTypes(r).put("weight", "ap_fixed<8>")),
                refused("\"auto\" as a weight type", r -> denseTypes(r).put("weight", "auto")),
                refused("\"auto\" as a result type", r -> denseTypes(r).put("result", "auto")),
                refused("\"auto\" as the input type", r -> ((ObjectNode) r.get("input")).put("type", "auto")),
                refused("\"AUTO\" as an accumulator", r -> denseTypes(r).put("accumulator", "AUTO")),
                refused("width 0", r -> denseTypes(r).put("weight", "ap_fixed<0,1>")),
                refused("width 1025", r -> denseTypes(r).put("weight", "ap_fixed<1025,1>")),
                refused("integer bits -4097", r -> denseTypes(r).put("weight", "ap_fixed<8,-4097>")),
                refused("saturation bits 3", r -> denseTypes(r).put("weight", "ap_fixed<8,3,AP_RND,AP_SAT,3>")),
                refused("WRAP_SM on an unsigned type", r -> denseTypes(r).put("weight", "ap_ufixed<8,3,AP_TRN,AP_WRAP_SM>")),
                refused("unknown rounding mode", r -> denseTypes(r).put("weight", "ap_fixed<8,3,AP_ROUND>")),
                refused("integer type with two arguments", r -> denseTypes(r).put("weight", "ap_int<8,3>")),
                refused("type as a number", r -> denseTypes(r).put("weight", 8)),
                refused("accumulator missing", r -> denseTypes(r).remove("accumulator")),
                refused("accumulator null in a typed layer", r -> denseTypes(r).putNull("accumulator")),
                refused("partly typed layer", r -> denseTypes(r).remove("result")),
                refused("leaky_relu with only an alpha type", r -> r.withArray("layers").add(tree(
                        "{\"kind\":\"leaky_relu\",\"name\":\"l\",\"size\":1,\"alpha\":0.1,\"types\":{\"alpha\":\"ap_fixed<8,1>\"}}"))),
                refused("types as a string", r -> layer(r, 1).put("types", "ap_fixed<8,3>")),
                refused("network name not an identifier", r -> r.put("name", "1st-net")),
                refused("blank layer name", r -> layer(r, 1).put("name", " \t")),
                refused("layer name of ideographic spaces", r -> layer(r, 1).put("name", "\u3000\u2003")),
                refused("network name with a trailing newline", r -> r.put("name", "base\n")),
                refused("layer without a name", r -> layer(r, 1).remove("name")),
                refused("no layers", r -> r.putArray("layers")),
                refused("empty input shape", r -> ((ObjectNode) r.get("input")).putArray("shape")),
                refused("zero input dimension", r -> ((ObjectNode) r.get("input")).putArray("shape").add(2).add(0)),
                refused("fractional input dimension", r -> ((ObjectNode) r.get("input")).putArray("shape").add(2.5)),
                refused("size beyond 32 bits", r -> layer(r, 1).put("size", 2147483648L)),
                refused("zero outputs", r -> layer(r, 0).put("outputs", 0)),
                refused("empty bias", r -> layer(r, 0).putArray("bias")),
                refused("weights as a flat array", r -> layer(r, 0).putArray("weights").add(0.5).add(-0.25)),
                refused("weight as a string", r -> ((ArrayNode) layer(r, 0).get("weights").get(0)).set(0, MAPPER.valueToTree("0.5"))),
                refused("preprocessing null", r -> ((ObjectNode) r.get("input")).putNull("preprocessing")),
                refused("unknown preprocessing", r -> ((ObjectNode) r.get("input")).putObject("preprocessing").put("kind", "minmax")),
                refused("constants on preprocessing none", r -> ((ObjectNode) r.get("input")).putObject("preprocessing")
                        .put("kind", "none").putArray("mean").add(0).add(0)),
                refused("standardize without std", r -> ((ObjectNode) r.get("input")).putObject("preprocessing")
                        .put("kind", "standardize").putArray("mean").add(0).add(0)),
                refused("standardize with std 0", r -> {
                    ObjectNode p = ((ObjectNode) r.get("input")).putObject("preprocessing").put("kind", "standardize");
                    p.putArray("mean").add(0).add(0);
                    p.putArray("std").add(1).add(0);
                }),
                refused("negative epsilon", r -> r.withArray("layers").add(tree("{\"kind\":\"batchnorm\",\"name\":\"b\",\"size\":1,"
                        + "\"gamma\":[1],\"beta\":[0],\"mean\":[0],\"variance\":[1],\"epsilon\":-0.001}"))),
                refused("leaky_relu without alpha", r -> r.withArray("layers").add(tree(
                        "{\"kind\":\"leaky_relu\",\"name\":\"l\",\"size\":1}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByBoth")
    void schemaAndReaderRefuse(String what, String json) {
        assertFalse(violations(json).isEmpty(), () -> "the schema accepts a document with " + what + ":\n" + json);
        assertFalse(readerAccepts(json), () -> "the reader accepts a document with " + what + ":\n" + json);
    }

    private static Arguments accepted(String what, Consumer<ObjectNode> change) {
        return Arguments.of(what, base(change));
    }

    static Stream<Arguments> acceptedByBoth() {
        return Stream.of(
                accepted("the base document", r -> { }),
                accepted("hls4ml spellings and odd spacing", r -> denseTypes(r)
                        .put("weight", " fixed <+08, -03, rnd_conv , Sat,-0>\n")
                        .put("bias", "ap_uint<4>")
                        .put("result", "ufixed<16,6,AP_RND_MIN_INF,ap_sat_sym,0>")),
                accepted("negative and oversized integer bits", r -> denseTypes(r)
                        .put("weight", "ap_fixed<8,-2>").put("bias", "ap_fixed<8,10>")),
                accepted("widest type", r -> denseTypes(r).put("accumulator", "ap_fixed<1024,4096>")),
                accepted("\"auto\" with surrounding spaces", r -> denseTypes(r).put("accumulator", " auto\t")),
                accepted("explicit accumulator", r -> denseTypes(r).put("accumulator", "ap_fixed<32,14,AP_TRN,AP_SAT>")),
                accepted("float relu after a typed dense", r -> layer(r, 1).remove("types")),
                accepted("types null", r -> layer(r, 1).putNull("types")),
                accepted("types {}", r -> layer(r, 1).putObject("types")),
                accepted("types with null members", r -> layer(r, 1).putObject("types").putNull("result")),
                accepted("float dense after an untyped input", r -> {
                    ((ObjectNode) r.get("input")).putNull("type");
                    layer(r, 0).remove("types");
                    layer(r, 1).remove("types");
                }),
                accepted("preprocessing absent", r -> ((ObjectNode) r.get("input")).remove("preprocessing")),
                accepted("standardize", r -> {
                    ObjectNode p = ((ObjectNode) r.get("input")).putObject("preprocessing").put("kind", "standardize");
                    p.putArray("mean").add(-1).add(0.5);
                    p.putArray("std").add(1e-3).add(2);
                }),
                accepted("an integer bias", r -> layer(r, 0).putArray("bias").add(3)),
                accepted("unicode layer name", r -> layer(r, 1).put("name", "sortie \u00e9")),
                accepted("batchnorm with epsilon 0", r -> r.withArray("layers").add(tree("{\"kind\":\"batchnorm\",\"name\":\"b\","
                        + "\"size\":1,\"gamma\":[1],\"beta\":[0],\"mean\":[0],\"variance\":[1],\"epsilon\":0,"
                        + "\"types\":{\"scale\":\"ap_fixed<8,2>\",\"shift\":\"ap_fixed<8,2>\",\"result\":\"ap_fixed<8,2>\"}}"))),
                accepted("leaky_relu", r -> r.withArray("layers").add(tree("{\"kind\":\"leaky_relu\",\"name\":\"l\","
                        + "\"size\":1,\"alpha\":-0.5,\"types\":{\"alpha\":\"ap_fixed<8,1>\",\"result\":\"ap_fixed<8,3>\"}}"))),
                accepted("linear", r -> r.withArray("layers").add(tree("{\"kind\":\"linear\",\"name\":\"o\",\"size\":1}"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedByBoth")
    void schemaAndReaderAccept(String what, String json) {
        assertSchemaValid(what, json);
        assertTrue(readerAccepts(json), () -> "the reader refuses " + what + ": " + readerError(json));
    }

    /**
     * The rules JSON Schema cannot express (docs/network-json.md, "What the schema does not check"): the schema
     * accepts these documents and the reader refuses them.
     */
    static Stream<Arguments> refusedByTheReaderOnly() {
        return Stream.of(
                refused("weights with more rows than inputs", r -> layer(r, 0).withArray("weights").add(MAPPER.createArrayNode().add(1))),
                refused("bias longer than outputs", r -> layer(r, 0).withArray("bias").add(1)),
                refused("layer size that does not chain", r -> layer(r, 1).put("size", 3)),
                refused("duplicate layer names", r -> layer(r, 1).put("name", "d")),
                refused("\"auto\" after an untyped input", r -> ((ObjectNode) r.get("input")).remove("type")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedByTheReaderOnly")
    void leavesCrossFieldRulesToTheReader(String what, String json) {
        assertSchemaValid(what, json);
        assertFalse(readerAccepts(json), () -> "the reader accepts " + what);
    }

    // ---------------------------------------------------------------- type strings: a seeded random property

    // Each part of a type string is drawn from a valid pool, and from an invalid one about one time in twelve,
    // so that about half the strings are types and each rule is broken on its own.
    private static final String[][] OUTER_SPACE = {{"", "", "", " ", "\t", "\n", "\u000b", "\f", "\r", " \r\n"},
        {"\u0001", "\u001f", "\u00a0", "\u2028"}};
    private static final String[][] ARG_SPACE = {{"", "", "", " ", "\t", "\n", "\u0000", "\u0001", "\u001f"}, {"\u00a0", "\u0085"}};
    private static final String[][] PREFIX = {{"", "ap_"}, {"AP_", "ap", "a_", "ap__"}};
    private static final String[][] NAME = {{"fixed", "ufixed", "int", "uint"}, {"Fixed", "fix", "ints", "uufixed"}};
    private static final String[][] WIDTH = {{"1", "2", "8", "16", "63", "64", "65", "999", "1000", "1019", "1020", "1024"},
        {"0", "1025", "1029", "1099", "2000", "-1", "-16", "99999", "2147483648", "1.5", "x", ""}};
    private static final String[][] INTEGER_BITS = {{"0", "1", "6", "-2", "-999", "1000", "1024", "3999", "4089", "4090", "4096", "-4096"},
        {"4097", "-4097", "4100", "5000", "9999", "2147483648", "1.5", "+-1", "x", ""}};
    private static final String[][] SIGN = {{"", "", "", "+"}, {"++", "+-"}};
    private static final String[][] ZEROS = {{"", "", "", "0", "00"}, {"0x"}};
    private static final String[][] ROUNDING = {{"TRN", "TRN_ZERO", "RND", "RND_ZERO", "RND_MIN_INF", "RND_INF", "RND_CONV"},
        {"RND_CONVX", "TRUNC", "", "ZERO", "RNDCONV", "SAT"}};
    private static final String[][] OVERFLOW = {{"WRAP", "SAT", "SAT_ZERO", "SAT_SYM", "WRAP_SM"},
        {"WRAP_SMX", "CLIP", "", "SATSYM", "TRN"}};
    private static final String[][] MODE_PREFIX = {{"", "", "AP_", "ap_", "Ap_"}, {"AP__", "AP", "_"}};
    private static final String[][] SATURATION_BITS = {{"0", "+0", "-0", "00"}, {"1", "3", "", "O"}};
    private static final String[] AUTO = {"auto", " auto ", "\tauto\u0000", "auto\n", "AUTO", "Auto", "auto x", "au to", "\u00a0auto"};

    private static String pick(Random random, String[][] pools) {
        String[] pool = pools[random.nextInt(12) == 0 ? 1 : 0];
        return pool[random.nextInt(pool.length)];
    }

    private static String randomCase(Random random, String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(random.nextInt(3) == 0 ? Character.toLowerCase(c) : c);
        }
        return sb.toString();
    }

    private static String randomArgument(Random random, int position) {
        String value = switch (position) {
            case 0 -> pick(random, SIGN) + pick(random, ZEROS) + pick(random, WIDTH);
            case 1 -> pick(random, ZEROS) + pick(random, INTEGER_BITS);
            case 2 -> pick(random, MODE_PREFIX) + randomCase(random, pick(random, ROUNDING));
            case 3 -> pick(random, MODE_PREFIX) + randomCase(random, pick(random, OVERFLOW));
            default -> pick(random, SATURATION_BITS);
        };
        return pick(random, ARG_SPACE) + value + pick(random, ARG_SPACE);
    }

    /** Mostly near-valid type strings, so that each rule of the grammar is exercised on both sides. */
    private static String randomTypeText(Random random) {
        if (random.nextInt(20) == 0) {
            return AUTO[random.nextInt(AUTO.length)];
        }
        String name = pick(random, NAME);
        StringBuilder sb = new StringBuilder()
                .append(pick(random, OUTER_SPACE)).append(pick(random, PREFIX)).append(name).append(pick(random, OUTER_SPACE))
                .append(random.nextInt(40) == 0 ? "(" : "<");
        int args = random.nextInt(12) == 0 ? random.nextInt(7) : name.endsWith("int") ? 1 : 2 + random.nextInt(4);
        for (int i = 0; i < args; i++) {
            sb.append(i == 0 ? "" : ",").append(randomArgument(random, i));
        }
        sb.append(random.nextInt(40) == 0 ? ">>" : ">").append(pick(random, OUTER_SPACE));
        return sb.toString();
    }

    private static String asInputType(String text) {
        ObjectNode root = (ObjectNode) tree(BASE);
        ((ObjectNode) root.get("input")).put("type", text);
        denseTypes(root).put("accumulator", "ap_fixed<40,20>");
        return root.toString();
    }

    private static String asAccumulator(String text) {
        return base(r -> denseTypes(r).put("accumulator", text));
    }

    @Test
    void typePatternAcceptsExactlyWhatFixedTypeParseAcceptsOnRandomStrings() {
        Random random = new Random(20240611L);
        List<String> disagreements = new ArrayList<>();
        int acceptedTypes = 0;
        for (int n = 0; n < 4000; n++) {
            String text = randomTypeText(random);
            for (String json : List.of(asInputType(text), asAccumulator(text))) {
                boolean schemaAccepts = violations(json).isEmpty();
                boolean reader = readerAccepts(json);
                if (schemaAccepts != reader) {
                    disagreements.add(MAPPER.valueToTree(text) + " schema=" + schemaAccepts + " reader=" + reader
                            + (reader ? "" : " (" + readerError(json) + ")"));
                }
                acceptedTypes += reader ? 1 : 0;
            }
        }
        if (!disagreements.isEmpty()) {
            fail(disagreements.size() + " disagreements, e.g.:\n" + disagreements.stream().limit(20).collect(Collectors.joining("\n")));
        }
        assertTrue(acceptedTypes > 1000, "the generator produces enough valid types to mean something, got " + acceptedTypes);
    }
}
