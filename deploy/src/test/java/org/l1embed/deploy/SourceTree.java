package org.l1embed.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** The files of the source tree that the deployment refers to, found from the working directory upwards. */
final class SourceTree {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Path root;

    private SourceTree(Path root) {
        this.root = root;
    }

    /** The repository root: the first directory above the working directory holding deploy/ and the service. */
    static SourceTree find() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/base/kustomization.yaml"))
                    && Files.isRegularFile(p.resolve("service/src/main/resources/application.properties"))) {
                return new SourceTree(p);
            }
        }
        throw new IllegalStateException("deploy/ and service/ not found above " + Path.of("").toAbsolutePath());
    }

    Path root() {
        return root;
    }

    Path deploy() {
        return root.resolve("deploy");
    }

    /**
     * Every YAML file under deploy/, sorted, except under build output ({@code target}) and hidden directories
     * (the image build's root file system lives in deploy/image/target).
     */
    List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(deploy())) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(f -> {
                        for (Path part : deploy().relativize(f)) {
                            String name = part.toString();
                            if (name.equals("target") || name.startsWith(".")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every document of a YAML file, in order (a file may hold several, separated by {@code ---}). */
    static List<JsonNode> documents(Path file) {
        try (var parser = YAML.getFactory().createParser(file.toFile())) {
            List<JsonNode> docs = new ArrayList<>();
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    docs.add(doc);
                }
            }
            return List.copyOf(docs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    /** The one document of a YAML file. */
    static JsonNode document(Path file) {
        List<JsonNode> docs = documents(file);
        if (docs.size() != 1) {
            throw new IllegalStateException(file + ": expected one YAML document, got " + docs.size());
        }
        return docs.get(0);
    }

    /** The service's application.properties, as packaged (prod profile keys and {@code %test.} keys alike). */
    Properties applicationProperties() {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(root.resolve("service/src/main/resources/application.properties"))) {
            p.load(r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The source text of a file, relative to the root. */
    String text(String relative) {
        try {
            return Files.readString(root.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The project version: the root POM's own {@code <version>}. */
    String projectVersion() {
        for (org.w3c.dom.Node n = xml("pom.xml").getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof org.w3c.dom.Element e && e.getTagName().equals("version")) {
                return e.getTextContent().trim();
            }
        }
        throw new IllegalStateException("pom.xml has no <version>");
    }

    /** A POM (or any XML file) relative to the root, parsed without namespaces. */
    Document xml(String relative) {
        try {
            var factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(root.resolve(relative).toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + relative, e);
        }
    }
}
