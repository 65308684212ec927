package org.l1embed.deploy;

import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a deployment must agree with, derived from the service's own configuration: its application.properties (the
 * prod profile, i.e. keys without a {@code %profile.} prefix) and, where a key is not set there, the Quarkus default
 * of that key, named here once.
 *
 * @param httpPort the HTTP port ({@code quarkus.http.port})
 * @param grpcPort the gRPC port: the HTTP port when {@code quarkus.grpc.server.use-separate-server} is false, else
 *     {@code quarkus.grpc.server.port}
 * @param livenessPath the SmallRye Health liveness path
 * @param readinessPath the SmallRye Health readiness path
 * @param metricsPath the Prometheus scrape path of Micrometer's registry
 * @param configKeys the service's own {@code l1embed.*} keys: those in application.properties and those documented in
 *     ServiceConfig.java
 */
record ServiceSettings(int httpPort, int grpcPort, String livenessPath, String readinessPath, String metricsPath,
        Set<String> configKeys) {

    // Quarkus defaults for keys that application.properties does not set.
    static final String DEFAULT_HTTP_PORT = "8080";
    static final String DEFAULT_SEPARATE_GRPC_SERVER = "true";
    static final String DEFAULT_GRPC_PORT = "9000";
    static final String DEFAULT_NON_APPLICATION_ROOT = "q";
    static final String DEFAULT_HEALTH_ROOT = "health";
    static final String DEFAULT_LIVENESS = "live";
    static final String DEFAULT_READINESS = "ready";
    static final String DEFAULT_PROMETHEUS_PATH = "metrics";

    private static final Pattern DOCUMENTED_KEY = Pattern.compile("\\{@code (l1embed\\.[a-z0-9.-]*[a-z0-9])}");

    ServiceSettings {
        configKeys = Set.copyOf(configKeys);
    }

    static ServiceSettings of(SourceTree tree) {
        Properties p = tree.applicationProperties();
        int http = Integer.parseInt(p.getProperty("quarkus.http.port", DEFAULT_HTTP_PORT));
        boolean separate = Boolean.parseBoolean(
                p.getProperty("quarkus.grpc.server.use-separate-server", DEFAULT_SEPARATE_GRPC_SERVER));
        int grpc = separate ? Integer.parseInt(p.getProperty("quarkus.grpc.server.port", DEFAULT_GRPC_PORT)) : http;
        String nonApp = under("/", p.getProperty("quarkus.http.non-application-root-path", DEFAULT_NON_APPLICATION_ROOT));
        String health = under(nonApp, p.getProperty("quarkus.smallrye-health.root-path", DEFAULT_HEALTH_ROOT));
        String live = under(health, p.getProperty("quarkus.smallrye-health.liveness-path", DEFAULT_LIVENESS));
        String ready = under(health, p.getProperty("quarkus.smallrye-health.readiness-path", DEFAULT_READINESS));
        String metrics = under(nonApp,
                p.getProperty("quarkus.micrometer.export.prometheus.path", DEFAULT_PROMETHEUS_PATH));

        Set<String> keys = new TreeSet<>();
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("l1embed.")) {
                keys.add(key);
            }
        }
        Matcher m = DOCUMENTED_KEY.matcher(tree.text("service/src/main/java/org/l1embed/service/ServiceConfig.java"));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return new ServiceSettings(http, grpc, live, ready, metrics, keys);
    }

    /** The container ports the service listens on. */
    Set<Integer> ports() {
        Set<Integer> ports = new TreeSet<>();
        ports.add(httpPort);
        ports.add(grpcPort);
        return ports;
    }

    /** The environment variable SmallRye Config reads a property from: upper case, every other character as '_'. */
    static String environmentName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A Quarkus path: absolute when it starts with '/', otherwise under {@code parent}. */
    private static String under(String parent, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + path;
    }
}
