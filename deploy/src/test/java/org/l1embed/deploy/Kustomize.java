package org.l1embed.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The part of {@code kustomize build} that deploy/ uses, so that the overlays can be checked without a kustomize
 * binary: {@code resources} (files and kustomization directories), {@code patches} / {@code patchesStrategicMerge}
 * given as files of strategic-merge patches (each names its target by kind and metadata.name), and {@code images}
 * (newName, newTag).
 *
 * <p>The strategic merge follows Kubernetes for what these patches touch: maps merge key by key, a {@code null} deletes
 * a key, lists of objects that all carry a {@code name} merge element by element on it (containers, env, volumes),
 * other lists are replaced (tolerations, args). Kubernetes merges a few lists on other keys (volumeMounts on
 * mountPath, ports on containerPort); a patch that touches one of them is refused rather than merged wrongly.
 * Element order can differ from kustomize's, which puts a patch's list elements first: compare lists by name.
 */
final class Kustomize {

    /** Lists that Kubernetes merges on a key other than name; not modelled. */
    private static final Set<String> OTHER_MERGE_KEYS = Set.of("volumeMounts", "ports", "volumeDevices");

    private Kustomize() {
    }

    /** The resources that {@code kustomize build dir} would print, in order. */
    static List<ObjectNode> build(Path dir) {
        JsonNode k = SourceTree.document(dir.resolve("kustomization.yaml"));
        List<ObjectNode> resources = new ArrayList<>();
        for (String entry : strings(k, "resources")) {
            Path p = dir.resolve(entry).normalize();
            if (Files.isDirectory(p)) {
                resources.addAll(build(p));
            } else {
                for (JsonNode doc : SourceTree.documents(p)) {
                    resources.add(((ObjectNode) doc).deepCopy());
                }
            }
        }
        for (Path patchFile : patchFiles(dir, k)) {
            for (JsonNode patch : SourceTree.documents(patchFile)) {
                int i = indexOf(resources, patch)
                        .orElseThrow(() -> new IllegalArgumentException(patchFile + ": no resource " + id(patch)));
                resources.set(i, merge(resources.get(i), (ObjectNode) patch));
            }
        }
        for (JsonNode image : k.path("images")) {
            for (ObjectNode r : resources) {
                setImages(r, image);
            }
        }
        return List.copyOf(resources);
    }

    /** The patch files a kustomization names, resolved against its directory. */
    static List<Path> patchFiles(Path dir, JsonNode kustomization) {
        List<Path> files = new ArrayList<>();
        for (JsonNode p : kustomization.path("patches")) {
            if (!p.has("path") || p.has("target") || p.has("patch")) {
                throw new UnsupportedOperationException("only file patches without a target selector are modelled: " + p);
            }
            files.add(dir.resolve(p.get("path").asText()).normalize());
        }
        for (String p : strings(kustomization, "patchesStrategicMerge")) {
            files.add(dir.resolve(p).normalize());
        }
        return List.copyOf(files);
    }

    /** {@code kind/name} of a resource or patch. */
    static String id(JsonNode r) {
        return r.path("kind").asText() + "/" + r.path("metadata").path("name").asText();
    }

    /** The one resource with this kind and name. */
    static ObjectNode find(List<ObjectNode> resources, String kind, String name) {
        List<ObjectNode> found = resources.stream()
                .filter(r -> r.path("kind").asText().equals(kind) && r.path("metadata").path("name").asText().equals(name))
                .toList();
        if (found.size() != 1) {
            throw new IllegalArgumentException("expected one " + kind + "/" + name + ", found " + found.size());
        }
        return found.get(0);
    }

    /** A strategic merge of {@code patch} onto a copy of {@code target}. */
    static ObjectNode merge(ObjectNode target, ObjectNode patch) {
        ObjectNode out = target.deepCopy();
        mergeInto(out, patch);
        return out;
    }

    private static void mergeInto(ObjectNode target, ObjectNode patch) {
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode value = e.getValue();
            JsonNode current = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (current instanceof ObjectNode c && value instanceof ObjectNode v) {
                mergeInto(c, v);
            } else if (current instanceof ArrayNode c && value instanceof ArrayNode v && allNamed(c) && allNamed(v)) {
                if (OTHER_MERGE_KEYS.contains(key)) {
                    throw new UnsupportedOperationException("patching '" + key + "' (not merged on name) is not modelled");
                }
                for (JsonNode element : v) {
                    Optional<ObjectNode> same = named(c, element.get("name").asText());
                    if (same.isPresent()) {
                        mergeInto(same.get(), (ObjectNode) element);
                    } else {
                        c.add(element.deepCopy());
                    }
                }
            } else {
                if (current != null && OTHER_MERGE_KEYS.contains(key)) {
                    throw new UnsupportedOperationException("patching '" + key + "' (not merged on name) is not modelled");
                }
                target.set(key, value.deepCopy());
            }
        }
    }

    private static boolean allNamed(ArrayNode list) {
        for (JsonNode element : list) {
            if (!element.isObject() || !element.path("name").isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static Optional<ObjectNode> named(ArrayNode list, String name) {
        for (JsonNode element : list) {
            if (element.get("name").asText().equals(name)) {
                return Optional.of((ObjectNode) element);
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> indexOf(List<ObjectNode> resources, JsonNode patch) {
        for (int i = 0; i < resources.size(); i++) {
            if (id(resources.get(i)).equals(id(patch))) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Applies one {@code images} entry to every container and init container under {@code node}. */
    private static void setImages(JsonNode node, JsonNode image) {
        if (node.isObject()) {
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode c : node.path(list)) {
                    String ref = c.path("image").asText();
                    if (imageName(ref).equals(image.path("name").asText())) {
                        String name = image.has("newName") ? image.get("newName").asText() : imageName(ref);
                        String tag = image.has("newTag") ? image.get("newTag").asText() : imageTag(ref);
                        ((ObjectNode) c).put("image", tag.isEmpty() ? name : name + ":" + tag);
                    }
                }
            }
        }
        for (JsonNode child : node) {
            setImages(child, image);
        }
    }

    /** The name of an image reference, without its tag (a ':' after the last '/'). */
    static String imageName(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
    }

    /** The tag of an image reference, or "" when it has none. */
    static String imageTag(String ref) {
        int colon = ref.lastIndexOf(':');
        return colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "";
    }

    private static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode s : node.path(field)) {
            out.add(s.asText());
        }
        return out;
    }
}
