package org.l1embed.service.kserve;

import java.util.List;
import java.util.Objects;

/**
 * One inference request of the protocol, from either wire form.
 *
 * @param modelName    the served model's name ({@code <bundle>} or {@code <bundle>_emulated})
 * @param modelVersion the version; empty selects the latest ready one
 * @param id           the client's label, echoed in the response
 * @param inputs       the input tensors
 * @param outputs      the names of the outputs wanted, in the order wanted; empty: every output of the model
 */
public record InferRequest(String modelName, String modelVersion, String id, List<Input> inputs, List<String> outputs) {

    public InferRequest {
        Objects.requireNonNull(modelName, "modelName");
        Objects.requireNonNull(modelVersion, "modelVersion");
        Objects.requireNonNull(id, "id");
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * One input tensor.
     *
     * @param name     the input's name
     * @param datatype the datatype as the request names it (checked against {@link Datatype} when the request runs)
     * @param shape    the shape, batch dimension first
     * @param values   its values
     * @param source   where the values are in the request, for messages (e.g. {@code raw_input_contents[0]})
     */
    public record Input(String name, String datatype, List<Long> shape, TensorValues values, String source) {

        public Input {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(datatype, "datatype");
            shape = List.copyOf(shape);
            Objects.requireNonNull(values, "values");
            Objects.requireNonNull(source, "source");
        }
    }
}
