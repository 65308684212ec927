package org.l1embed.service.security;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses REST requests ({@code /api/...}) without the configured bearer token with 401 and a
 * {@code WWW-Authenticate: Bearer} header. {@code /q/health} and {@code /q/metrics} are not REST resources and stay
 * open for probes and scrapers.
 */
public class BearerTokenFilter {

    private final BearerToken token;

    public BearerTokenFilter(BearerToken token) {
        this.token = token;
    }

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (token.accepts(authorization)) {
            return null;
        }
        return Response.status(Response.Status.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.TEXT_PLAIN).entity(BearerToken.refusal(authorization)).build();
    }
}
