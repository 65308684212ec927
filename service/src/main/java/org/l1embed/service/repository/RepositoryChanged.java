package org.l1embed.service.repository;

/**
 * A CDI event fired after the repository's start-up load and after every {@code load}, {@code unload} and
 * {@code reload}, for whatever mirrors the repository's state (the gRPC health service).
 *
 * @param started true once the start-up load has finished
 * @param ready   the number of model versions that are READY
 */
public record RepositoryChanged(boolean started, long ready) {
}
