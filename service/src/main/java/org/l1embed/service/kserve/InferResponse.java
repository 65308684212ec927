package org.l1embed.service.kserve;

import java.util.List;
import java.util.Objects;

/**
 * The answer to an {@link InferRequest}.
 *
 * @param modelName    the served model's name, as requested
 * @param modelVersion the version that answered
 * @param id           the request's id
 * @param outputs      the outputs, in the order requested (or the model's order)
 */
public record InferResponse(String modelName, String modelVersion, String id, List<Output> outputs) {

    public InferResponse {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(id, "id");
        outputs = List.copyOf(outputs);
    }

    /**
     * One output tensor.
     *
     * @param name         the output's name
     * @param datatype     its datatype
     * @param shape        its shape, batch dimension first
     * @param littleEndian its values, row-major, little-endian (the array is not copied: do not change it)
     */
    public record Output(String name, Datatype datatype, List<Long> shape, byte[] littleEndian) {

        public Output {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(datatype, "datatype");
            shape = List.copyOf(shape);
            Objects.requireNonNull(littleEndian, "littleEndian");
        }
    }
}
