package org.l1embed.service.repository;

import java.util.Objects;

/**
 * The state of one model version, as the repository reports it.
 *
 * @param key       the model version
 * @param state     its state
 * @param quantized true when its network is quantized (known once the bundle was read; false before)
 * @param latest    true when an empty version selects this one (the latest READY version of the name)
 * @param message   for FAILED: why; otherwise empty
 */
public record ModelStatus(ModelKey key, ModelState state, boolean quantized, boolean latest, String message) {

    public ModelStatus {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }
}
