package org.l1embed.service.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.l1embed.service.RepositoryResource;

@QuarkusTest
@WithTestResource(value = RepositoryResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class OperationsEndpointsTest {

    @Test
    void apiModelsListsTheRepositoryAsJson() {
        given().get("/api/models").then().statusCode(200)
                .body("$", hasSize(4))
                .body("[0].name", equalTo("adc_float")).body("[0].state", equalTo("READY")).body("[0].latest", equalTo(true))
                .body("[2].version", equalTo("2")).body("[2].quantized", equalTo(true))
                .body("[3].state", equalTo("FAILED")).body("[3].message", containsString("sha256 mismatch"));
        given().get("/api/models/adc_q").then().statusCode(200).body("version", org.hamcrest.Matchers.contains("1", "2"));
        given().get("/api/models/none").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void readinessReportsModelCountsPerState() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'models' }.data.ready", equalTo(3))
                .body("checks.find { it.name == 'models' }.data.failed", equalTo(1));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void prometheusMetricsAreServed() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_"));
    }
}
