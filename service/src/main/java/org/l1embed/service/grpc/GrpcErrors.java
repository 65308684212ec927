package org.l1embed.service.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import org.l1embed.service.errors.ServiceException;

/**
 * Maps the service's failures to gRPC statuses: a {@link ServiceException} to its kind's status with its message;
 * anything else to INTERNAL with a one-line message (the stack trace goes to the log, never to the client), so no call
 * ever ends in UNKNOWN.
 */
final class GrpcErrors {

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    /** Runs a unary call's work on the current (worker) thread and turns its failure into a status. */
    static <T> Uni<T> unary(String method, Supplier<T> work) {
        try {
            return Uni.createFrom().item(work.get());
        } catch (RuntimeException | Error e) {
            return Uni.createFrom().failure(toStatus(method, e));
        }
    }

    /**
     * Starts a unary call's work on the current (worker) thread; the work may finish later on another thread (a batch).
     * Failures, thrown or completed, become statuses.
     */
    static <T> Uni<T> unaryAsync(String method, Supplier<? extends CompletionStage<T>> work) {
        CompletionStage<T> stage;
        try {
            stage = work.get();
        } catch (RuntimeException | Error e) {
            return Uni.createFrom().failure(toStatus(method, e));
        }
        return Uni.createFrom().completionStage(stage).onFailure().transform(t -> toStatus(method, t));
    }

    /** The status exception a failure is answered with. */
    static StatusRuntimeException toStatus(String method, Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof StatusRuntimeException s) {
            return s;
        }
        if (t instanceof ServiceException e) {
            return status(e.kind()).withDescription(e.getMessage()).asRuntimeException();
        }
        LOG.errorf(t, "%s failed", method);
        return Status.INTERNAL.withDescription(method + " failed: " + t.getClass().getSimpleName() + ": " + t.getMessage())
                .asRuntimeException();
    }

    static Status status(ServiceException.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case UNAVAILABLE -> Status.UNAVAILABLE;
            case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
            case DEADLINE_EXCEEDED -> Status.DEADLINE_EXCEEDED;
        };
    }

    /** UNIMPLEMENTED for a method of the contract that this version of the service does not serve yet. */
    static StatusRuntimeException unimplemented(String method) {
        return Status.UNIMPLEMENTED.withDescription(method + " is not implemented yet (issue 6)").asRuntimeException();
    }
}
