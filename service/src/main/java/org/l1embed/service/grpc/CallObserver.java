package org.l1embed.service.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.l1embed.service.batching.DynamicBatcher;
import org.l1embed.service.metrics.ServiceMetrics;

/**
 * The outermost interceptor of every gRPC call: puts the call's {@link CallInfo} (deadline, resolved model) into the
 * gRPC context and records the call's metrics when it closes.
 *
 * <p>The deadline is the context's when the transport set one; Quarkus serves gRPC on its Vert.x HTTP server, whose
 * gRPC bridge does not, so otherwise it is read from the {@code grpc-timeout} request header (gRPC over HTTP/2:
 * 1–8 digits and a unit H, M, S, m, u or n). A malformed header is ignored (no deadline).
 */
@GlobalInterceptor
@ApplicationScoped
public class CallObserver implements ServerInterceptor, Prioritized {

    static final Metadata.Key<String> GRPC_TIMEOUT = Metadata.Key.of("grpc-timeout", Metadata.ASCII_STRING_MARSHALLER);

    private final ServiceMetrics metrics;

    public CallObserver(ServiceMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs before the bearer-token check, so refused calls are counted too. */
    @Override
    public int getPriority() {
        return 100;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        long start = System.nanoTime();
        CallInfo info = new CallInfo(deadline(Context.current().getDeadline(), headers.get(GRPC_TIMEOUT), start));
        String service = call.getMethodDescriptor().getServiceName();
        String method = call.getMethodDescriptor().getBareMethodName();
        AtomicBoolean recorded = new AtomicBoolean();
        ServerCall<Q, R> observed = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (recorded.compareAndSet(false, true)) {
                    metrics.callFinished(service, method, info.model(), status.getCode().name(), System.nanoTime() - start);
                }
                super.close(status, trailers);
            }
        };
        return Contexts.interceptCall(Context.current().withValue(CallInfo.KEY, info), observed, headers, next);
    }

    /** The call's deadline on the nanoTime clock: the transport's, else the header's, else none. */
    static long deadline(Deadline transport, String grpcTimeout, long now) {
        if (transport != null) {
            return now + transport.timeRemaining(TimeUnit.NANOSECONDS);
        }
        long timeout = parseTimeout(grpcTimeout);
        return timeout < 0 ? DynamicBatcher.NO_DEADLINE : now + timeout;
    }

    /** A {@code grpc-timeout} value in nanoseconds, or -1 when absent or malformed. */
    static long parseTimeout(String value) {
        if (value == null || value.length() < 2 || value.length() > 9) {
            return -1;
        }
        long amount = 0;
        for (int i = 0; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            amount = amount * 10 + (c - '0');
        }
        TimeUnit unit;
        switch (value.charAt(value.length() - 1)) {
            case 'H' -> unit = TimeUnit.HOURS;
            case 'M' -> unit = TimeUnit.MINUTES;
            case 'S' -> unit = TimeUnit.SECONDS;
            case 'm' -> unit = TimeUnit.MILLISECONDS;
            case 'u' -> unit = TimeUnit.MICROSECONDS;
            case 'n' -> unit = TimeUnit.NANOSECONDS;
            default -> {
                return -1;
            }
        }
        return unit.toNanos(amount);
    }
}
