package org.l1embed.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** deploy/kserve/inferenceservice.yaml against the service's configuration and KServe's rules (serving.md). */
class KServeTest {

    private final SourceTree tree = SourceTree.find();
    private final ServiceSettings settings = ServiceSettings.of(tree);
    private final ImageProfile image = ImageProfile.of(tree);
    private final JsonNode isvc = SourceTree.document(tree.deploy().resolve("kserve/inferenceservice.yaml"));
    private final JsonNode predictor = isvc.path("spec").path("predictor");

    @Test
    void isAnInferenceServiceWithOneCustomPredictorContainer() {
        assertEquals("serving.kserve.io/v1beta1", isvc.path("apiVersion").asText());
        assertEquals("InferenceService", isvc.path("kind").asText());
        assertEquals(1, predictor.path("containers").size());
        assertEquals(image.imageName(), Kustomize.imageName(predictor.path("containers").get(0).path("image").asText()));
    }

    @Test
    void exposesOnePortNamedH2cThatServesGrpcAndHttp() {
        JsonNode ports = predictor.path("containers").get(0).path("ports");
        assertEquals(1, ports.size(), "KServe routes one container port");
        assertEquals("h2c", ports.get(0).path("name").asText(), "serverless KServe needs a gRPC port named h2c");
        assertEquals(settings.grpcPort(), ports.get(0).path("containerPort").asInt());
        assertEquals(settings.httpPort(), settings.grpcPort(), "one port can carry both only when they are the same");
    }

    @Test
    void probesAskQuarkusHealthOnThatPort() {
        JsonNode c = predictor.path("containers").get(0);
        assertEquals(settings.livenessPath(), c.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals(settings.readinessPath(), c.path("readinessProbe").path("httpGet").path("path").asText());
        assertEquals(settings.httpPort(), Pods.resolvePort(c, c.path("livenessProbe").path("httpGet").path("port")).orElseThrow());
        assertEquals(settings.httpPort(), Pods.resolvePort(c, c.path("readinessProbe").path("httpGet").path("port")).orElseThrow());
    }

    @Test
    void modelRepositoryIsWhereKServeMountsTheStorageUri() {
        var env = Pods.env(predictor.path("containers").get(0));
        assertTrue(env.containsKey("STORAGE_URI"), "STORAGE_URI");
        // KServe's storage initializer (or a pvc:// mount) puts the model at /mnt/models.
        assertEquals("/mnt/models", env.get(ServiceSettings.environmentName("l1embed.models.dir")));
    }

    @Test
    void runsAsTheImageUser() {
        assertTrue(predictor.path("securityContext").path("runAsNonRoot").asBoolean());
        assertEquals(image.uid(), predictor.path("securityContext").path("runAsUser").asLong());
    }
}
