package org.l1embed.service.batching;

import java.util.Locale;
import java.util.Objects;
import org.l1embed.service.repository.ModelKey;

/**
 * Where requests are merged: one model version and one backend. Requests of different lanes are never merged.
 *
 * @param model   the model version
 * @param backend the backend
 */
public record Lane(ModelKey model, Backend backend) {

    /** The backends that batch. */
    public enum Backend {
        /** ONNX Runtime float inference ({@code Embed}). */
        FLOAT,
        /** The bit-accurate emulator's raw outputs ({@code Emulate} without trace or overflow counts). */
        EMULATION;

        /** Lower-case name, for messages and metric tags. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Lane {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
    }

    /** For messages: {@code model 'adc' version '2' (float)}. */
    public String label() {
        return model.label() + " (" + backend.label() + ")";
    }
}
