package org.l1embed.service.validation;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import java.util.Objects;
import org.l1embed.inference.FeatureBatch;

/** Where the events of a validation come from. */
public sealed interface EventSource {

    /** Events the client sent, decoded into raw features. */
    record Given(FeatureBatch events) implements EventSource {
        public Given {
            Objects.requireNonNull(events, "events");
        }
    }

    /**
     * Synthetic ADC2021 background events (the cocktail of {@code SyntheticEvents} at the nominal jet energy scale).
     *
     * @param count 1 .. {@value #MAX_COUNT}
     * @param seed  the generator's seed
     * @throws org.l1embed.service.errors.ServiceException INVALID_ARGUMENT naming {@code generated.count}
     */
    record Generated(int count, long seed) implements EventSource {

        /** The most events one validation generates. */
        public static final int MAX_COUNT = 1_000_000;

        public Generated {
            if (count < 1 || count > MAX_COUNT) {
                throw invalidArgument("generated.count: must be in 1.." + MAX_COUNT + ", got " + count);
            }
        }
    }
}
