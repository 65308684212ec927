package org.l1embed.service.kserve;

/**
 * The values of one input tensor as a request carries them (raw little-endian bytes, typed protobuf contents or JSON
 * numbers), converted on demand to the float32 features the models take. Implementations: {@link TensorCodec}.
 */
@FunctionalInterface
public interface TensorValues {

    /**
     * The values as float32.
     *
     * @param datatype the tensor's declared datatype
     * @param count    the number of values its shape asks for
     * @param field    the request field holding the values, for messages
     * @throws org.l1embed.service.errors.ServiceException INVALID_ARGUMENT when the number of values (or bytes) differs
     *                                                     from what the shape and datatype ask for
     */
    float[] toFloats(Datatype datatype, int count, String field);
}
