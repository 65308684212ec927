package org.l1embed.service.kserve;

import java.util.Objects;

/**
 * One served model version in the protocol's repository index.
 *
 * @param name    the served name
 * @param version the version
 * @param state   Triton's state word: {@code READY}, {@code LOADING} or {@code UNAVAILABLE}
 * @param reason  why it is not ready; empty when ready
 */
public record IndexEntry(String name, String version, String state, String reason) {

    public IndexEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
    }
}
