package org.l1embed.service.kserve;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The tensor datatypes the service's models take or give, by their protocol names. Inputs of any of them are converted
 * to the models' float32 features: FP64 rounds to nearest, integers convert exactly up to |v| <= 2^24.
 */
public enum Datatype {
    /** IEEE-754 binary32. */
    FP32(4),
    /** IEEE-754 binary64. */
    FP64(8),
    /** Two's complement 32-bit integer. */
    INT32(4),
    /** Two's complement 64-bit integer. */
    INT64(8);

    private final int bytes;

    Datatype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element in the raw (little-endian) form. */
    public int bytes() {
        return bytes;
    }

    /**
     * The datatype named by a request.
     *
     * @param field the request field, for messages
     * @param model the model, for messages (e.g. {@code model 'adc' version '2'})
     * @throws org.l1embed.service.errors.ServiceException INVALID_ARGUMENT naming the datatype given and the accepted ones
     */
    public static Datatype parse(String text, String field, String model) {
        for (Datatype d : values()) {
            if (d.name().equals(text)) {
                return d;
            }
        }
        throw invalidArgument(field + ": '" + text + "' is not accepted by " + model + "; expected one of "
                + Arrays.stream(values()).map(Datatype::name).collect(Collectors.joining(", ")));
    }
}
