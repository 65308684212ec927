package org.l1embed.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The container image as service/pom.xml's {@code image} profile configures Jib: what the manifests must agree with.
 *
 * @param imageName the image name, without its tag
 * @param user the {@code uid:gid} the container runs as
 * @param ports the exposed ports
 * @param environment the image's environment
 * @param entrypoint the entrypoint
 */
record ImageProfile(String imageName, String user, List<Integer> ports, Map<String, String> environment,
        List<String> entrypoint) {

    ImageProfile {
        ports = List.copyOf(ports);
        environment = Map.copyOf(environment);
        entrypoint = List.copyOf(entrypoint);
    }

    static ImageProfile of(SourceTree tree) {
        Document pom = tree.xml("service/pom.xml");
        Element profile = null;
        NodeList profiles = pom.getElementsByTagName("profile");
        for (int i = 0; i < profiles.getLength(); i++) {
            Element p = (Element) profiles.item(i);
            if ("image".equals(text(child(p, "id")))) {
                profile = p;
            }
        }
        if (profile == null) {
            throw new IllegalStateException("service/pom.xml has no profile 'image'");
        }
        Element jib = null;
        NodeList plugins = profile.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element p = (Element) plugins.item(i);
            if ("jib-maven-plugin".equals(text(child(p, "artifactId")))) {
                jib = p;
            }
        }
        if (jib == null) {
            throw new IllegalStateException("profile 'image' of service/pom.xml has no jib-maven-plugin");
        }
        Element config = child(jib, "configuration");
        Element container = child(config, "container");
        String to = text(child(child(config, "to"), "image"));
        List<Integer> ports = new ArrayList<>();
        for (Element port : children(child(container, "ports"))) {
            ports.add(Integer.parseInt(text(port)));
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (Element e : children(child(container, "environment"))) {
            env.put(e.getTagName(), text(e));
        }
        List<String> entrypoint = new ArrayList<>();
        for (Element arg : children(child(container, "entrypoint"))) {
            entrypoint.add(text(arg));
        }
        return new ImageProfile(Kustomize.imageName(to), text(child(container, "user")), ports, env, entrypoint);
    }

    /** The numeric user id. */
    long uid() {
        return Long.parseLong(user.split(":")[0]);
    }

    /** The numeric group id. */
    long gid() {
        return Long.parseLong(user.split(":")[1]);
    }

    private static Element child(Element parent, String name) {
        for (Element e : children(parent)) {
            if (e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new IllegalStateException("<" + parent.getTagName() + "> has no <" + name + ">");
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e.getTextContent().trim();
    }
}
