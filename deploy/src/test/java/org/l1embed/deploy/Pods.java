package org.l1embed.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reading pod specs and containers out of parsed manifests. */
final class Pods {

    /** The service's container in the Deployment (see base/deployment.yaml). */
    static final String CONTAINER = "service";

    private Pods() {
    }

    /** A Deployment's pod template spec. */
    static JsonNode podSpec(JsonNode deployment) {
        return deployment.path("spec").path("template").path("spec");
    }

    /** The container of that name. */
    static JsonNode container(JsonNode podSpec, String name) {
        for (JsonNode c : podSpec.path("containers")) {
            if (c.path("name").asText().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no container '" + name + "' in " + podSpec);
    }

    /** A container's environment, name to value; a name given twice is an error. */
    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : container.path("env")) {
            String name = e.path("name").asText();
            if (env.put(name, e.path("value").asText()) != null) {
                throw new AssertionError("env " + name + " is set twice in container " + container.path("name"));
            }
        }
        return env;
    }

    /** The container port a probe or Service targetPort names: by port name, or the number itself. */
    static Optional<Integer> resolvePort(JsonNode container, JsonNode port) {
        if (port.isInt()) {
            return Optional.of(port.asInt());
        }
        for (JsonNode p : container.path("ports")) {
            if (p.path("name").asText().equals(port.asText())) {
                return Optional.of(p.path("containerPort").asInt());
            }
        }
        return Optional.empty();
    }

    /** The container's ports. */
    static List<Integer> containerPorts(JsonNode container) {
        List<Integer> ports = new ArrayList<>();
        for (JsonNode p : container.path("ports")) {
            ports.add(p.path("containerPort").asInt());
        }
        return ports;
    }

    /** A map of strings (labels, selectors, annotations, node selectors). */
    static Map<String, String> strings(JsonNode map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
