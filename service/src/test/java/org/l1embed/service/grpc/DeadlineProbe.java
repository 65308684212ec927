package org.l1embed.service.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test-only interceptor, inside {@link CallObserver}: for calls carrying an {@code x-deadline-probe} header it records
 * the deadline the service sees ({@link CallInfo#deadlineNanos()}), so a test can check that a client's deadline
 * reaches the service.
 */
@GlobalInterceptor
@ApplicationScoped
public class DeadlineProbe implements ServerInterceptor, Prioritized {

    static final Metadata.Key<String> PROBE = Metadata.Key.of("x-deadline-probe", Metadata.ASCII_STRING_MARSHALLER);
    static final Map<String, Long> SEEN = new ConcurrentHashMap<>();

    @Override
    public int getPriority() {
        return 10;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String probe = headers.get(PROBE);
        if (probe != null) {
            SEEN.put(probe, CallInfo.current().deadlineNanos());
        }
        return next.startCall(call, headers);
    }
}
