package org.l1embed.service.security;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.Optional;
import org.l1embed.service.ServiceConfig;

/**
 * The configured bearer token, if any: {@code l1embed.auth.token}, or the trimmed content of
 * {@code l1embed.auth.token-file}. Setting both, or an empty token, is refused at start-up.
 */
@Startup   // refuses a bad configuration at start-up, not on the first request
@ApplicationScoped
public class BearerToken {

    /** The request header that carries the token: {@code authorization: Bearer <token>}. */
    public static final String HEADER = "authorization";
    /** The scheme prefix of the header's value. */
    public static final String SCHEME = "Bearer ";

    private final Optional<byte[]> expected;

    public BearerToken(ServiceConfig config) {
        this.expected = resolve(config.auth());
    }

    static Optional<byte[]> resolve(ServiceConfig.Auth auth) {
        if (auth.token().isPresent() && auth.tokenFile().isPresent()) {
            throw new IllegalArgumentException("l1embed.auth.token and l1embed.auth.token-file are both set; set one of them");
        }
        Optional<String> token = auth.token();
        if (auth.tokenFile().isPresent()) {
            try {
                token = Optional.of(Files.readString(auth.tokenFile().get(), StandardCharsets.UTF_8).trim());
            } catch (IOException e) {
                throw new UncheckedIOException("l1embed.auth.token-file: cannot read " + auth.tokenFile().get() + ": " + e, e);
            }
        }
        if (token.isPresent() && token.get().isBlank()) {
            throw new IllegalArgumentException("l1embed.auth.token" + (auth.tokenFile().isPresent() ? "-file" : "")
                    + ": the token is empty; unset it to disable the check");
        }
        return token.map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** True when a token is configured and requests must carry it. */
    public boolean required() {
        return expected.isPresent();
    }

    /**
     * Whether an {@code authorization} header value grants access: always when no token is configured, otherwise when it
     * is {@code Bearer <token>} (compared in constant time).
     */
    public boolean accepts(String authorization) {
        if (expected.isEmpty()) {
            return true;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given = authorization.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected.get(), given);
    }

    /** The refusal message, naming the header. */
    public static String refusal(String authorization) {
        return (authorization == null ? "missing" : "invalid") + " '" + HEADER + "' header: expected '" + SCHEME
                + "<token>' with the token configured by l1embed.auth.token";
    }
}
