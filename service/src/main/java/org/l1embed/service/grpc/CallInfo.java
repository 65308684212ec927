package org.l1embed.service.grpc;

import io.grpc.Context;
import org.l1embed.service.batching.DynamicBatcher;
import org.l1embed.service.repository.ModelKey;

/**
 * What the service knows about the gRPC call it is serving, carried in the gRPC {@link Context} by
 * {@link CallObserver}: the call's deadline, and the model version the call resolved (set by the service, read for the
 * metrics when the call closes).
 */
final class CallInfo {

    static final Context.Key<CallInfo> KEY = Context.key("l1embed.call");

    private final long deadlineNanos;
    private volatile ModelKey model;

    /** @param deadlineNanos on the {@link System#nanoTime()} clock, or {@link DynamicBatcher#NO_DEADLINE} */
    CallInfo(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** The current call's info; outside a call (or before the observer ran), one without a deadline. */
    static CallInfo current() {
        CallInfo info = KEY.get();
        return info != null ? info : new CallInfo(DynamicBatcher.NO_DEADLINE);
    }

    long deadlineNanos() {
        return deadlineNanos;
    }

    ModelKey model() {
        return model;
    }

    void model(ModelKey resolved) {
        this.model = resolved;
    }
}
