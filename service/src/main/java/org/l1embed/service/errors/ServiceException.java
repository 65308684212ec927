package org.l1embed.service.errors;

import java.util.Objects;

/**
 * A request the service refuses, with the kind of refusal (which the gRPC layer maps to a status) and a message that
 * names the field, the value or shape, and what was expected. Thrown by domain code; never carries a stack trace to
 * the client.
 */
public final class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why a request is refused. Each kind maps to one gRPC status code. */
    public enum Kind {
        /** The request is malformed: wrong shape, byte length, NaN, missing field. */
        INVALID_ARGUMENT,
        /** The model or version does not exist (or is not loaded). */
        NOT_FOUND,
        /** The request is well-formed but the model cannot answer it (e.g. emulation of a float model). */
        FAILED_PRECONDITION,
        /** The model is loading; the client may retry. */
        UNAVAILABLE,
        /** The request is larger than the service accepts, or the service's queue is full. */
        RESOURCE_EXHAUSTED,
        /** The request's deadline passed before it was computed; it was not computed. */
        DEADLINE_EXCEEDED
    }

    private final Kind kind;

    public ServiceException(Kind kind, String message) {
        super(Objects.requireNonNull(message, "message"), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    public static ServiceException invalidArgument(String message) {
        return new ServiceException(Kind.INVALID_ARGUMENT, message);
    }

    public static ServiceException notFound(String message) {
        return new ServiceException(Kind.NOT_FOUND, message);
    }

    public static ServiceException failedPrecondition(String message) {
        return new ServiceException(Kind.FAILED_PRECONDITION, message);
    }

    public static ServiceException unavailable(String message) {
        return new ServiceException(Kind.UNAVAILABLE, message);
    }

    public static ServiceException resourceExhausted(String message) {
        return new ServiceException(Kind.RESOURCE_EXHAUSTED, message);
    }

    public static ServiceException deadlineExceeded(String message) {
        return new ServiceException(Kind.DEADLINE_EXCEEDED, message);
    }
}
