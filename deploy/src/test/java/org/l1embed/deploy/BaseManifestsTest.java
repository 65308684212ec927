package org.l1embed.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.l1embed.inference.InferenceDevice;

/** deploy/base, rendered, against the service's configuration and the image profile. */
class BaseManifestsTest {

    private static final String NAME = "l1embed-service";

    private final SourceTree tree = SourceTree.find();
    private final ServiceSettings settings = ServiceSettings.of(tree);
    private final ImageProfile image = ImageProfile.of(tree);
    private final List<ObjectNode> base = Kustomize.build(tree.deploy().resolve("base"));
    private final ObjectNode deployment = Kustomize.find(base, "Deployment", NAME);
    private final JsonNode pod = Pods.podSpec(deployment);
    private final JsonNode container = Pods.container(pod, Pods.CONTAINER);

    @Test
    void serviceAndDisruptionBudgetSelectExactlyTheDeploymentsPods() {
        Map<String, String> selector = Pods.strings(deployment.path("spec").path("selector").path("matchLabels"));
        Map<String, String> podLabels = Pods.strings(deployment.path("spec").path("template").path("metadata").path("labels"));
        assertFalse(selector.isEmpty());
        selector.forEach((k, v) -> assertEquals(v, podLabels.get(k), "pod label " + k));
        assertEquals(selector, Pods.strings(Kustomize.find(base, "Service", NAME).path("spec").path("selector")));
        assertEquals(selector, Pods.strings(
                Kustomize.find(base, "PodDisruptionBudget", NAME).path("spec").path("selector").path("matchLabels")));
    }

    @Test
    void autoscalerScalesTheDeploymentOnCpuRequests() {
        JsonNode hpa = Kustomize.find(base, "HorizontalPodAutoscaler", NAME).path("spec");
        JsonNode ref = hpa.path("scaleTargetRef");
        assertEquals("apps/v1", ref.path("apiVersion").asText());
        assertEquals("Deployment", ref.path("kind").asText());
        assertEquals(deployment.path("metadata").path("name").asText(), ref.path("name").asText());
        assertTrue(hpa.path("minReplicas").asInt() >= 1);
        assertTrue(hpa.path("minReplicas").asInt() <= hpa.path("maxReplicas").asInt());
        for (JsonNode m : hpa.path("metrics")) {
            if (m.path("type").asText().equals("Resource")) {
                String resource = m.path("resource").path("name").asText();
                // Utilization is measured against the request: without one the autoscaler has nothing to divide by.
                assertTrue(container.path("resources").path("requests").has(resource), "requests." + resource);
            }
        }
    }

    @Test
    void containerListensOnThePortsOfApplicationProperties() {
        assertEquals(settings.ports(), new TreeSet<>(Pods.containerPorts(container)));
        assertEquals(settings.ports(), new TreeSet<>(image.ports()));
    }

    @Test
    void serviceForwardsGrpcAndHttpToTheContainerPorts() {
        JsonNode service = Kustomize.find(base, "Service", NAME);
        Set<Integer> targets = new TreeSet<>();
        Set<String> names = new TreeSet<>();
        for (JsonNode p : service.path("spec").path("ports")) {
            int target = Pods.resolvePort(container, p.path("targetPort"))
                    .orElseThrow(() -> new AssertionError("targetPort " + p.path("targetPort") + " names no container port"));
            targets.add(target);
            names.add(p.path("name").asText());
            if (p.path("name").asText().equals("grpc")) {
                assertEquals(settings.grpcPort(), target, "the grpc Service port's target");
                assertEquals("kubernetes.io/h2c", p.path("appProtocol").asText());
            } else {
                assertEquals(settings.httpPort(), target, "the http Service port's target");
            }
        }
        assertEquals(Set.of("grpc", "http"), names);
        assertEquals(settings.ports(), targets);
    }

    @Test
    void probesAskQuarkusHealthOnTheHttpPort() {
        assertEquals("/q/health/live", settings.livenessPath());
        assertEquals("/q/health/ready", settings.readinessPath());
        assertTrue(tree.text("service/pom.xml").contains("<artifactId>quarkus-smallrye-health</artifactId>"));
        Map<String, String> expected = Map.of("livenessProbe", settings.livenessPath(),
                "readinessProbe", settings.readinessPath(), "startupProbe", settings.livenessPath());
        expected.forEach((probe, path) -> {
            JsonNode get = container.path(probe).path("httpGet");
            assertEquals(path, get.path("path").asText(), probe);
            assertEquals(settings.httpPort(), Pods.resolvePort(container, get.path("port")).orElseThrow(), probe + " port");
        });
    }

    @Test
    void prometheusAnnotationsPointAtTheMetricsEndpoint() {
        assertEquals("/q/metrics", settings.metricsPath());
        Map<String, String> annotations = Pods.strings(
                deployment.path("spec").path("template").path("metadata").path("annotations"));
        assertEquals(settings.metricsPath(), annotations.get("prometheus.io/path"));
        assertEquals(String.valueOf(settings.httpPort()), annotations.get("prometheus.io/port"));
        assertTrue(tree.text("service/pom.xml").contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>"));
    }

    @Test
    void everyVolumeMountNamesAVolumeAndEveryVolumeIsMounted() {
        Set<String> volumes = new TreeSet<>();
        pod.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
        Set<String> mounted = new TreeSet<>();
        container.path("volumeMounts").forEach(m -> mounted.add(m.path("name").asText()));
        assertEquals(volumes, mounted);
    }

    @Test
    void modelRepositoryIsMountedReadOnlyWhereTheServiceReadsIt() {
        String key = "l1embed.models.dir";
        assertTrue(settings.configKeys().contains(key), settings.configKeys()::toString);
        String env = ServiceSettings.environmentName(key);
        assertEquals("L1EMBED_MODELS_DIR", env);
        String dir = Pods.env(container).get(env);
        assertEquals(image.environment().get(env), dir, "the Deployment and the image agree on the models dir");

        JsonNode mount = mountAt(dir);
        assertTrue(mount.path("readOnly").asBoolean(), "the models mount is read-only");
        JsonNode volume = volume(mount.path("name").asText());
        JsonNode claim = volume.path("persistentVolumeClaim");
        assertTrue(claim.path("readOnly").asBoolean(), "the claim is used read-only");
        JsonNode pvc = Kustomize.find(base, "PersistentVolumeClaim", claim.path("claimName").asText());
        List<String> modes = new ArrayList<>();
        pvc.path("spec").path("accessModes").forEach(m -> modes.add(m.asText()));
        assertEquals(List.of("ReadOnlyMany"), modes, "every replica mounts the same repository");
    }

    @Test
    void everyL1embedVariableNamesAServiceKeyAndTheDeviceIsOneTheServiceKnows() {
        Set<String> known = new TreeSet<>();
        settings.configKeys().forEach(k -> known.add(ServiceSettings.environmentName(k)));
        for (String name : Pods.env(container).keySet()) {
            if (name.startsWith("L1EMBED_")) {
                assertTrue(known.contains(name), () -> name + " is none of " + known);
            }
        }
        assertTrue(devices().contains(Pods.env(container).get("L1EMBED_INFERENCE_DEVICE")));
    }

    @Test
    void containerRunsAsTheImageUserOnAReadOnlyRootWithAWritableTmp() {
        JsonNode podSecurity = pod.path("securityContext");
        assertTrue(podSecurity.path("runAsNonRoot").asBoolean());
        assertEquals(image.uid(), podSecurity.path("runAsUser").asLong());
        assertEquals(image.gid(), podSecurity.path("runAsGroup").asLong());
        assertTrue(image.uid() != 0);
        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
        assertTrue(volume(mountAt("/tmp").path("name").asText()).has("emptyDir"), "/tmp is an emptyDir");
        // ONNX Runtime writes its native library to java.io.tmpdir (/tmp) and a cache to XDG_CACHE_HOME.
        String cache = Pods.env(container).getOrDefault("XDG_CACHE_HOME", image.environment().get("XDG_CACHE_HOME"));
        assertTrue(cache != null && cache.startsWith("/tmp/"), "XDG_CACHE_HOME under /tmp, got " + cache);
    }

    @Test
    void containerRunsTheImageThatTheImageProfileBuilds() {
        assertEquals(image.imageName(), Kustomize.imageName(container.path("image").asText()));
        assertEquals(image.imageName() + ":" + tree.projectVersion(), container.path("image").asText());
        assertEquals(List.of("-jar", "/app/quarkus-run.jar"),
                image.entrypoint().subList(image.entrypoint().size() - 2, image.entrypoint().size()));
    }

    private JsonNode mountAt(String path) {
        for (JsonNode m : container.path("volumeMounts")) {
            if (m.path("mountPath").asText().equals(path)) {
                return m;
            }
        }
        throw new AssertionError("nothing is mounted at " + path);
    }

    private JsonNode volume(String name) {
        for (JsonNode v : pod.path("volumes")) {
            if (v.path("name").asText().equals(name)) {
                return v;
            }
        }
        throw new AssertionError("no volume " + name);
    }

    /** The values of l1embed.inference.device: InferenceDevice's constants, in lower case. */
    private static Set<String> devices() {
        Set<String> out = new TreeSet<>();
        for (InferenceDevice d : InferenceDevice.values()) {
            out.add(d.name().toLowerCase(Locale.ROOT));
        }
        assertTrue(out.containsAll(Set.of("cpu", "cuda")), out::toString);
        return out;
    }
}
