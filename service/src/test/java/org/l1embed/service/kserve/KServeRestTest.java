package org.l1embed.service.kserve;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.l1embed.events.EventSet;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.RepositoryResource;

/** The HTTP/REST form of the protocol under {@code /v2}, with REST Assured, against the in-process models. */
@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class KServeRestTest {

    /** Numbers as the JSON text gives them: REST Assured would otherwise read every number as a float. */
    private static final JsonPathConfig EXACT = new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    @ConfigProperty(name = "l1embed.models.dir")
    Path root;

    @Test
    void healthAndServerMetadata() {
        given().get("/v2/health/live").then().statusCode(200);
        given().get("/v2/health/ready").then().statusCode(200);
        given().get("/v2").then().statusCode(200).body("name", equalTo("l1embed"))
                .body("extensions", contains("model_configuration", "model_repository", "statistics"));
    }

    @Test
    void modelMetadataAndReadiness() {
        given().get("/v2/models/adc_q_emulated").then().statusCode(200)
                .body("name", equalTo("adc_q_emulated"))
                .body("versions", contains("1", "2"))
                .body("platform", equalTo("l1embed_emulator"))
                .body("inputs[0].name", equalTo("events")).body("inputs[0].datatype", equalTo("FP32"))
                .body("inputs[0].shape", contains(-1, 57))
                .body("outputs.name", contains("latent", "latent_raw"))
                .body("outputs.datatype", contains("FP64", "INT64"));
        given().get("/v2/models/adc_float/versions/1").then().statusCode(200).body("outputs[0].datatype", equalTo("FP32"));
        given().get("/v2/models/adc_float/ready").then().statusCode(200);
        given().get("/v2/models/adc_q/versions/2/ready").then().statusCode(200);
        given().get("/v2/models/nope/ready").then().statusCode(404);
        given().get("/v2/models/nope").then().statusCode(404)
                .body("error", equalTo("model 'nope' is not served; models: adc_float, adc_q, adc_q_emulated, broken"));
    }

    @Test
    void jsonInferenceGivesTheEmulatorsOutputsExactly() {
        EventSet events = FixtureBundles.events(3, 901);
        Path bundle = root.resolve(FixtureBundles.QUANTIZED).resolve("2");
        NetworkSpec spec = InProcessModels.network(bundle);
        long[] expected = InProcessModels.emulatedRaw(bundle, events.networkFeatures());
        // nested rows, as numpy's tolist() gives them; [N, 19, 4]
        List<Object> data = new ArrayList<>();
        float[] p = events.particles();
        for (int e = 0; e < 3; e++) {
            List<Object> objects = new ArrayList<>();
            for (int o = 0; o < 19; o++) {
                List<Float> row = new ArrayList<>();
                for (int f = 0; f < 4; f++) {
                    row.add(p[(e * 19 + o) * 4 + f]);
                }
                objects.add(row);
            }
            data.add(objects);
        }
        Map<String, Object> input = new LinkedHashMap<>();
        input.put("name", "events");
        input.put("shape", List.of(3, 19, 4));
        input.put("datatype", "FP32");
        input.put("data", data);
        JsonPath r = given().contentType(ContentType.JSON).body(Map.of("id", "rest-1", "inputs", List.of(input)))
                .post("/v2/models/adc_q_emulated/infer").then().statusCode(200)
                .body("model_name", equalTo("adc_q_emulated")).body("model_version", equalTo("2"))
                .body("id", equalTo("rest-1"))
                .body("outputs.name", contains("latent", "latent_raw"))
                .body("outputs[1].shape", contains(3, 4))
                .extract().jsonPath(EXACT);
        List<BigDecimal> raw = r.getList("outputs[1].data", BigDecimal.class);
        List<BigDecimal> values = r.getList("outputs[0].data", BigDecimal.class);
        assertEquals(expected.length, raw.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], raw.get(i).longValueExact());
            assertEquals(spec.outputType().toDouble(expected[i]), Double.parseDouble(values.get(i).toString()));
        }
    }

    @Test
    void jsonInferenceOnTheFloatModelEqualsOnnxRuntime() {
        float[] x = FixtureBundles.events(2, 902).networkFeatures();
        float[] expected = InProcessModels.floatLatents(root.resolve(FixtureBundles.FLOAT).resolve("1"), x, 2);
        List<Float> data = new ArrayList<>();
        for (float v : x) {
            data.add(v);
        }
        List<BigDecimal> out = given().contentType(ContentType.JSON)
                .body(Map.of("inputs", List.of(Map.of("name", "events", "shape", List.of(2, 57), "datatype", "FP32", "data", data)),
                        "outputs", List.of(Map.of("name", "latent"))))
                .post("/v2/models/adc_float/versions/1/infer").then().statusCode(200)
                .body("outputs[0].datatype", equalTo("FP32")).extract().jsonPath(EXACT).getList("outputs[0].data", BigDecimal.class);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], Float.parseFloat(out.get(i).toString()));
        }
    }

    @Test
    void badRequestsGetTheProtocolsErrorForm() {
        given().contentType(ContentType.JSON)
                .body(Map.of("inputs", List.of(Map.of("name", "events", "shape", List.of(1, 58), "datatype", "FP32",
                        "data", new float[58]))))
                .post("/v2/models/adc_float/infer").then().statusCode(400)
                .body("error", equalTo("inputs.events.shape: [1, 58] is not accepted by model 'adc_float' version '1'; "
                        + "expected one of [N, 57], [N, 19, 3], [N, 19, 4]"));
        given().contentType(ContentType.JSON)
                .body(Map.of("inputs", List.of(Map.of("name", "events", "shape", List.of(1, 57), "datatype", "BOOL",
                        "data", new float[57]))))
                .post("/v2/models/adc_float/infer").then().statusCode(400)
                .body("error", startsWith("inputs.events.datatype: 'BOOL' is not accepted"));
        given().contentType(ContentType.JSON)
                .body(Map.of("inputs", List.of(Map.of("name", "events", "shape", List.of(1, 57), "datatype", "FP32",
                        "data", new float[57]))))
                .post("/v2/models/adc_float/versions/9/infer").then().statusCode(404)
                .body("error", startsWith("model 'adc_float' version '9' is not in the repository"));
    }
}
