package org.l1embed.service.repository;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One request's hold on a {@link LoadedModel}: the model stays open until the lease is closed, even if the repository
 * replaces or unloads it meanwhile. Use in try-with-resources; closing twice is harmless.
 */
public final class ModelLease implements AutoCloseable {

    private final LoadedModel model;
    private final AtomicBoolean closed = new AtomicBoolean();

    ModelLease(LoadedModel model) {
        this.model = model;
    }

    public LoadedModel model() {
        return model;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.release();
        }
    }
}
