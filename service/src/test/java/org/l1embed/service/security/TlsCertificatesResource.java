package org.l1embed.service.security;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Generates, before the application starts, a server and a client key pair with self-signed certificates (the JDK's
 * {@code keytool}, PKCS#12, valid for two days) and trust stores holding the other side's certificate; configures the
 * Quarkus TLS registry's default key and trust stores ({@link SecuredProfile} requires client certificates and turns
 * the plaintext port off).
 */
public class TlsCertificatesResource implements QuarkusTestResourceLifecycleManager {

    static final String PASSWORD = "changeit-l1embed";
    /** Where the stores are, for the test's clients (set by {@link #start()}). */
    static volatile Path dir;

    @Override
    public Map<String, String> start() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            dir = Files.createTempDirectory(target, "tls-").toAbsolutePath();
            keyPair("server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
            keyPair("client", "CN=l1embed-test-client", null);
            exportAndTrust("client", "server-trust.p12");
            exportAndTrust("server", "client-trust.p12");
            return Map.of(
                    "quarkus.tls.key-store.p12.path", dir.resolve("server.p12").toString(),
                    "quarkus.tls.key-store.p12.password", PASSWORD,
                    "quarkus.tls.trust-store.p12.path", dir.resolve("server-trust.p12").toString(),
                    "quarkus.tls.trust-store.p12.password", PASSWORD,
                    "quarkus.http.test-ssl-port", "0");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void keyPair(String alias, String dname, String san) throws IOException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048",
                "-dname", dname, "-validity", "2", "-storetype", "PKCS12", "-keystore", dir.resolve(alias + ".p12").toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD));
        if (san != null) {
            args.addAll(List.of("-ext", san));
        }
        keytool(args);
    }

    private static void exportAndTrust(String alias, String trustStore) throws IOException {
        Path cert = dir.resolve(alias + ".crt");
        keytool(List.of("-exportcert", "-alias", alias, "-keystore", dir.resolve(alias + ".p12").toString(),
                "-storepass", PASSWORD, "-rfc", "-file", cert.toString()));
        keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(), "-storetype", "PKCS12",
                "-keystore", dir.resolve(trustStore).toString(), "-storepass", PASSWORD));
    }

    private static void keytool(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    @Override
    public void stop() {
        // the stores stay under target/ for inspection; mvn clean removes them
    }
}
