package org.l1embed.quantization.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ProvenanceTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void jsonRoundTripsExactly() {
        Provenance p = Bundles.provenance();
        String json = p.toJson();
        assertEquals(p, Provenance.parse(json));
        assertEquals(json, Provenance.parse(json).toJson());
    }

    @Test
    void writesFieldsInAFixedOrderAndNestedKeysSorted() {
        String json = Bundles.provenance().toJson();
        assertEquals("""
                {
                  "format" : "l1embed-provenance",
                  "schemaVersion" : 1,
                  "createdAt" : "2025-03-01T12:34:56.789Z",
                  "codeVersion" : "0.1.0-SNAPSHOT+git.59c14b7",
                  "datasetFingerprint" : "sha256:abababababababababababababababababababababababababababababababab",
                  "seeds" : {
                    "init" : 1,
                    "shuffle" : -7
                  },
                  "trainingConfig" : {
                    "epochs" : 20,
                    "hiddenWidths" : [96,64],
                    "learningRate" : 0.001,
                    "optimizer" : {
                      "beta1" : 0.9,
                      "name" : "adam"
                    }
                  },
                  "metrics" : {
                    "auc" : 0.9312,
                    "loss" : 4.25
                  }
                }
                """, json);
    }

    @Test
    void equalValuesInAnotherKeyOrderOrNumberTypeGiveTheSameBytes() {
        Provenance p = Bundles.provenance();
        ObjectNode config = NODES.objectNode();
        config.putObject("optimizer").put("beta1", 0.9).put("name", "adam");
        config.put("learningRate", 1e-3);
        config.putArray("hiddenWidths").add(96L).add(64L);
        config.put("epochs", 20L);
        Provenance q = new Provenance(config, p.seeds(), p.datasetFingerprint(), p.codeVersion(), p.metrics(), p.createdAt());
        assertEquals(p, q);
        assertEquals(p.toJson(), q.toJson());
    }

    @Test
    void jsonNodesAreCopiedInAndOut() {
        ObjectNode config = NODES.objectNode().put("epochs", 3);
        Provenance p = new Provenance(config, new TreeMap<>(), "fp", "v", NODES.objectNode(), Instant.EPOCH);
        config.put("epochs", 4);
        p.trainingConfig().put("epochs", 5);
        assertEquals(3, p.trainingConfig().get("epochs").intValue());
        assertNotSame(p.metrics(), p.metrics());
        assertThrows(UnsupportedOperationException.class, () -> p.seeds().put("x", 1L));
    }

    @Test
    void refusesNonFiniteNumbersNamingThePath() {
        ObjectNode metrics = NODES.objectNode();
        metrics.putObject("auc").put("jes_up", Double.NaN);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new Provenance(NODES.objectNode(), new TreeMap<>(), "fp", "v", metrics, Instant.EPOCH));
        assertEquals("metrics.auc.jes_up must be a finite number (JSON has no NaN or infinity), got NaN", e.getMessage());
    }

    @Test
    void refusesBlankFieldsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new Provenance(NODES.objectNode(), new TreeMap<>(), "fp", " ", NODES.objectNode(), Instant.EPOCH));
        assertEquals("codeVersion must be a non-blank string, got ' '", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () ->
                new Provenance(NODES.objectNode(), new TreeMap<>(Map.of("", 1L)), "fp", "v", NODES.objectNode(), Instant.EPOCH));
        assertEquals("seeds: seed names must be non-blank, got ''", e.getMessage());
    }

    @Test
    void parsingIsStrict() {
        String json = Bundles.provenance().toJson();
        assertEquals("unknown field 'comment', expected one of [codeVersion, createdAt, datasetFingerprint, format, metrics, "
                + "schemaVersion, seeds, trainingConfig]",
                assertThrows(IllegalArgumentException.class, () -> Provenance.parse(json.replace("{\n  \"format\"",
                        "{\n  \"comment\" : 1,\n  \"format\""))).getMessage());
        assertEquals("datasetFingerprint is missing", assertThrows(IllegalArgumentException.class, () ->
                Provenance.parse(json.replaceAll("\"datasetFingerprint\" : \"[^\"]*\",", ""))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () ->
                Provenance.parse(json.replace("2025-03-01T12:34:56.789Z", "yesterday"))).getMessage()
                .startsWith("createdAt must be an ISO-8601 UTC instant"));
        assertEquals("schemaVersion 2 is not supported; this l1embed reads version 1", assertThrows(IllegalArgumentException.class,
                () -> Provenance.parse(json.replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2"))).getMessage());
        assertEquals("seeds.init must be a 64-bit integer, got 1.5", assertThrows(IllegalArgumentException.class,
                () -> Provenance.parse(json.replace("\"init\" : 1,", "\"init\" : 1.5,"))).getMessage());
        assertEquals("trainingConfig must be an object, got ARRAY", assertThrows(IllegalArgumentException.class,
                () -> Provenance.parse(json.replaceAll("(?s)\"trainingConfig\" : \\{.*?\n  },", "\"trainingConfig\" : [],"))).getMessage());
    }
}
