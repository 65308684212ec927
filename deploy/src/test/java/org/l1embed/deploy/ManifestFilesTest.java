package org.l1embed.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ManifestFilesTest {

    private final SourceTree tree = SourceTree.find();

    @Test
    void everyYamlFileUnderDeployParses() {
        List<Path> files = tree.yamlFiles();
        Set<String> names = new TreeSet<>();
        for (Path f : files) {
            names.add(tree.deploy().relativize(f).toString().replace('\\', '/'));
        }
        assertTrue(names.containsAll(Set.of("base/kustomization.yaml", "base/deployment.yaml", "base/service.yaml",
                "base/hpa.yaml", "overlays/gpu/kustomization.yaml", "kserve/inferenceservice.yaml",
                "ci/gitlab-ci.yml", "ci/github-actions.yml")), names::toString);
        for (Path f : files) {
            List<JsonNode> docs = SourceTree.documents(f);
            assertFalse(docs.isEmpty(), () -> f + " holds no YAML document");
            for (JsonNode doc : docs) {
                assertTrue(doc.isObject(), () -> f + ": a document that is not a map");
            }
        }
    }

    @Test
    void everyKubernetesManifestHasApiVersionKindAndName() {
        for (Path f : tree.yamlFiles()) {
            if (f.startsWith(tree.deploy().resolve("ci"))) {
                continue;
            }
            for (JsonNode doc : SourceTree.documents(f)) {
                assertTrue(doc.path("apiVersion").isTextual(), () -> f + ": no apiVersion");
                assertTrue(doc.path("kind").isTextual(), () -> f + ": no kind");
                if (!doc.path("kind").asText().equals("Kustomization")) {
                    assertTrue(doc.path("metadata").path("name").isTextual(), () -> f + ": no metadata.name");
                }
            }
        }
    }

    @Test
    void everyKustomizationNamesFilesThatExist() {
        List<Path> kustomizations = new ArrayList<>();
        for (Path f : tree.yamlFiles()) {
            if (f.getFileName().toString().equals("kustomization.yaml")) {
                kustomizations.add(f);
            }
        }
        assertEquals(2, kustomizations.size(), kustomizations::toString);
        for (Path k : kustomizations) {
            Path dir = k.getParent();
            JsonNode doc = SourceTree.document(k);
            for (JsonNode r : doc.path("resources")) {
                Path p = dir.resolve(r.asText()).normalize();
                assertTrue(Files.isRegularFile(p) || Files.isRegularFile(p.resolve("kustomization.yaml")),
                        () -> k + ": resource " + r.asText() + " is neither a file nor a kustomization directory");
            }
            for (Path patch : Kustomize.patchFiles(dir, doc)) {
                assertTrue(Files.isRegularFile(patch), () -> k + ": patch " + patch + " does not exist");
            }
        }
    }

    @Test
    void everyManifestInTheBaseIsOneOfItsResources() throws Exception {
        Path base = tree.deploy().resolve("base");
        Set<String> listed = new TreeSet<>();
        SourceTree.document(base.resolve("kustomization.yaml")).path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new TreeSet<>();
        try (var files = Files.list(base)) {
            files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .forEach(present::add);
        }
        assertEquals(present, listed);
    }
}
