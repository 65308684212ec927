package org.l1embed.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The strategic merge that the overlay tests rely on. */
class KustomizeTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static ObjectNode yaml(String text) throws IOException {
        return (ObjectNode) YAML.readTree(text);
    }

    @Test
    void mergesNamedListElementsOnTheirNameAndAppendsNewOnes() throws IOException {
        ObjectNode target = yaml("""
                containers:
                  - name: a
                    image: x
                    env: [{name: A, value: "1"}, {name: B, value: "2"}]
                """);
        ObjectNode patch = yaml("""
                containers:
                  - name: a
                    env: [{name: B, value: "3"}, {name: C, value: "4"}]
                  - name: b
                    image: y
                """);
        assertEquals(yaml("""
                containers:
                  - name: a
                    image: x
                    env: [{name: A, value: "1"}, {name: B, value: "3"}, {name: C, value: "4"}]
                  - name: b
                    image: y
                """), Kustomize.merge(target, patch));
    }

    @Test
    void replacesListsWithoutNamesAndScalars() throws IOException {
        ObjectNode target = yaml("{args: [a, b], replicas: 2, keep: k}");
        assertEquals(yaml("{args: [c], replicas: 1, keep: k}"), Kustomize.merge(target, yaml("{args: [c], replicas: 1}")));
    }

    @Test
    void nullDeletesAKeyAndTheTargetIsLeftAlone() throws IOException {
        ObjectNode target = yaml("{a: 1, b: {c: 2, d: 3}}");
        assertEquals(yaml("{a: 1, b: {d: 3}}"), Kustomize.merge(target, yaml("{b: {c: null}}")));
        assertEquals(yaml("{a: 1, b: {c: 2, d: 3}}"), target);
    }

    @Test
    void refusesToPatchListsThatKubernetesMergesOnAnotherKey() throws IOException {
        ObjectNode target = yaml("{volumeMounts: [{name: m, mountPath: /m}]}");
        assertThrows(UnsupportedOperationException.class,
                () -> Kustomize.merge(target, yaml("{volumeMounts: [{name: m, mountPath: /n}]}")));
    }

    @Test
    void splitsImageReferencesAtTheTagNotTheRegistryPort() {
        assertEquals("registry:5000/l1embed-service", Kustomize.imageName("registry:5000/l1embed-service:1.0"));
        assertEquals("1.0", Kustomize.imageTag("registry:5000/l1embed-service:1.0"));
        assertEquals("registry:5000/l1embed-service", Kustomize.imageName("registry:5000/l1embed-service"));
        assertEquals("", Kustomize.imageTag("registry:5000/l1embed-service"));
    }
}
