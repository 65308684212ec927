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

        /**
         * The model name under which the standard inference protocol (KServe v2) and the Triton-named metrics show this
         * backend of a bundle: the bundle's name for float inference, the name with {@value Lane#EMULATED_SUFFIX} for the
         * emulator, which Triton's view makes a model of its own.
         */
        public String servedName(String bundleName) {
            return switch (this) {
                case FLOAT -> bundleName;
                case EMULATION -> bundleName + EMULATED_SUFFIX;
            };
        }
    }

    /** Appended to a quantized bundle's name to name its emulated model ({@link Backend#servedName}). */
    public static final String EMULATED_SUFFIX = "_emulated";

    public Lane {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(backend, "backend");
    }

    /** The model version under its served name ({@link Backend#servedName}), e.g. {@code adc_emulated/2}. */
    public ModelKey served() {
        return new ModelKey(backend.servedName(model.name()), model.version());
    }

    /** For messages: {@code model 'adc' version '2' (float)}. */
    public String label() {
        return model.label() + " (" + backend.label() + ")";
    }
}
