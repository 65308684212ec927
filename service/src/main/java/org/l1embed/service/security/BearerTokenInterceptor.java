package org.l1embed.service.security;

import grpc.health.v1.HealthGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;

/**
 * Refuses gRPC calls without the configured bearer token with UNAUTHENTICATED, naming the header. The standard health
 * service ({@code grpc.health.v1.Health}) is exempt: Kubernetes gRPC probes cannot send headers.
 */
@GlobalInterceptor
@ApplicationScoped
public class BearerTokenInterceptor implements ServerInterceptor, Prioritized {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of(BearerToken.HEADER, Metadata.ASCII_STRING_MARSHALLER);

    private final BearerToken token;

    public BearerTokenInterceptor(BearerToken token) {
        this.token = token;
    }

    /** After the call observer (which counts refused calls too). */
    @Override
    public int getPriority() {
        return 50;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        if (!token.required() || HealthGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName())) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        if (!token.accepts(authorization)) {
            call.close(Status.UNAUTHENTICATED.withDescription(BearerToken.refusal(authorization)), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }
}
