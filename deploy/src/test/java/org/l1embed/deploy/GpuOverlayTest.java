package org.l1embed.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** deploy/overlays/gpu, rendered by {@link Kustomize}, against the base. */
class GpuOverlayTest {

    private static final String NAME = "l1embed-service";

    private final SourceTree tree = SourceTree.find();
    private final Path overlay = tree.deploy().resolve("overlays/gpu");
    private final List<ObjectNode> base = Kustomize.build(tree.deploy().resolve("base"));
    private final List<ObjectNode> gpu = Kustomize.build(overlay);
    private final JsonNode pod = Pods.podSpec(Kustomize.find(gpu, "Deployment", NAME));
    private final JsonNode container = Pods.container(pod, Pods.CONTAINER);
    private final JsonNode baseContainer = Pods.container(Pods.podSpec(Kustomize.find(base, "Deployment", NAME)), Pods.CONTAINER);

    @Test
    void everyPatchTargetsABaseResourceByKindAndName() {
        List<Path> patches = Kustomize.patchFiles(overlay, SourceTree.document(overlay.resolve("kustomization.yaml")));
        assertFalse(patches.isEmpty());
        boolean deploymentPatched = false;
        for (Path p : patches) {
            for (JsonNode patch : SourceTree.documents(p)) {
                Kustomize.find(base, patch.path("kind").asText(), patch.path("metadata").path("name").asText());
                deploymentPatched |= Kustomize.id(patch).equals("Deployment/" + NAME);
            }
        }
        assertTrue(deploymentPatched, "a patch names the base Deployment");
        assertEquals(base.size(), gpu.size(), "the overlay patches, it adds nothing");
    }

    @Test
    void deploymentAsksForOneGpuOnAGpuNodeAndRunsOnCuda() {
        JsonNode limits = container.path("resources").path("limits");
        assertEquals("1", limits.path("nvidia.com/gpu").asText());
        assertEquals("cuda", Pods.env(container).get(ServiceSettings.environmentName("l1embed.inference.device")));
        assertEquals("true", Pods.strings(pod.path("nodeSelector")).get("nvidia.com/gpu.present"));
        boolean tolerated = false;
        for (JsonNode t : pod.path("tolerations")) {
            tolerated |= t.path("key").asText().equals("nvidia.com/gpu");
        }
        assertTrue(tolerated, "tolerates the nvidia.com/gpu taint");
    }

    @Test
    void deploymentKeepsTheBasesProbesPortsMountsAndModelsDirectory() {
        for (String field : List.of("ports", "livenessProbe", "readinessProbe", "startupProbe", "volumeMounts",
                "securityContext")) {
            assertEquals(baseContainer.path(field), container.path(field), field);
        }
        Map<String, String> env = Pods.env(container);
        Pods.env(baseContainer).forEach((k, v) -> {
            if (!k.equals("L1EMBED_INFERENCE_DEVICE")) {
                assertEquals(v, env.get(k), k);
            }
        });
        assertEquals(Pods.env(baseContainer).keySet(), env.keySet(), "the device variable replaced, not duplicated");
    }

    @Test
    void imageIsTheCudaBuildOfTheSameVersion() {
        String cpu = baseContainer.path("image").asText();
        String cuda = container.path("image").asText();
        assertEquals(Kustomize.imageName(cpu), Kustomize.imageName(cuda));
        assertEquals(tree.projectVersion() + "-cuda", Kustomize.imageTag(cuda));
        // deploy/image/build.sh --gpu tags the image it builds the same way.
        assertTrue(tree.text("deploy/image/build.sh").contains("tag_suffix=\"-cuda\""));
    }

    @Test
    void gpuMemoryLimitsAreAtLeastTheRequests() {
        JsonNode resources = container.path("resources");
        assertTrue(gibibytes(resources.path("limits").path("memory").asText())
                >= gibibytes(resources.path("requests").path("memory").asText()));
    }

    private static double gibibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Double.parseDouble(quantity.substring(0, quantity.length() - 2));
        }
        if (quantity.endsWith("Mi")) {
            return Double.parseDouble(quantity.substring(0, quantity.length() - 2)) / 1024;
        }
        throw new AssertionError("unexpected memory quantity " + quantity);
    }
}
