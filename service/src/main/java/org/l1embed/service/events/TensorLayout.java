package org.l1embed.service.events;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One shape of packed event tensor a model accepts, without the batch dimension.
 *
 * @param dims        the dimensions after the batch dimension
 * @param adcObjects  true for the ADC2021 [19, 4] layout, whose class id column is dropped; false when the values are
 *                    the network features in the model's order
 * @param description what the layout is, for clients
 */
public record TensorLayout(List<Long> dims, boolean adcObjects, String description) {

    public TensorLayout {
        dims = List.copyOf(dims);
    }

    /** {@code [N, 19, 4]}. */
    public String display() {
        return dims.stream().map(String::valueOf).collect(Collectors.joining(", ", "[N, ", "]"));
    }
}
