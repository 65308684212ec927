package org.l1embed.service.kserve;

import java.util.List;
import java.util.Objects;

/**
 * The name, datatype and shape of one input or output of a served model.
 *
 * @param name     the tensor's name
 * @param datatype its datatype (for an input: the one advertised; {@link Datatype} lists every one accepted)
 * @param dims     its shape without the batch dimension
 */
public record TensorSpec(String name, Datatype datatype, List<Long> dims) {

    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        dims = List.copyOf(dims);
    }

    /** The shape with the batch dimension first, as -1 (variable), as model metadata gives it. */
    public List<Long> batchedShape() {
        List<Long> shape = new java.util.ArrayList<>(dims.size() + 1);
        shape.add(-1L);
        shape.addAll(dims);
        return List.copyOf(shape);
    }
}
