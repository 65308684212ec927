package org.l1embed.service.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;
import org.l1embed.service.RepositoryResource;

/** The second test application: HTTPS only, client certificates required, and a bearer token. */
public class SecuredProfile implements QuarkusTestProfile {

    static final String TOKEN = "l1embed-test-token-7d1f";

    @Override
    public Map<String, String> getConfigOverrides() {
        // quarkus.http.ssl.client-auth is fixed at build time, so it is a profile setting, not a test resource's
        return Map.of("l1embed.auth.token", TOKEN,
                "quarkus.http.ssl.client-auth", "required",
                "quarkus.http.insecure-requests", "disabled");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(RepositoryResource.class), new TestResourceEntry(TlsCertificatesResource.class));
    }
}
