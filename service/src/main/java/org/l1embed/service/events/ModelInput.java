package org.l1embed.service.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.l1embed.events.EventLayout;

/**
 * What a model takes, as far as decoding events is concerned: its logical input shape and a label for messages.
 *
 * @param label the model for messages, e.g. {@code model 'adc' version '2'}
 * @param shape the logical input shape from {@code network.json}, e.g. {@code [57]} or {@code [19, 3]}
 */
public record ModelInput(String label, List<Integer> shape) {

    public ModelInput {
        Objects.requireNonNull(label, "label");
        shape = List.copyOf(shape);
    }

    /** Input values per event: the product of the shape. */
    public int size() {
        return shape.stream().reduce(1, Math::multiplyExact);
    }

    /** True when the model takes the 57 ADC2021 network features, and so accepts [19, 4] and structured events. */
    public boolean takesAdcFeatures() {
        return size() == EventLayout.NETWORK_FEATURES;
    }

    /** Every packed tensor layout this model accepts, the plain [N, size] first. */
    public List<TensorLayout> acceptedLayouts() {
        List<TensorLayout> out = new ArrayList<>();
        out.add(new TensorLayout(List.of((long) size()), false, "network features in the model's order"));
        if (shape.size() > 1) {
            out.add(new TensorLayout(shape.stream().map(Integer::longValue).toList(), false,
                    "network features in the model's logical input shape"));
        }
        if (takesAdcFeatures()) {
            List<Long> objects3 = List.of((long) EventLayout.OBJECTS, (long) EventLayout.NETWORK_FEATURES_PER_OBJECT);
            if (!out.stream().anyMatch(l -> l.dims().equals(objects3))) {
                out.add(new TensorLayout(objects3, false, "ADC2021 objects x (pT, eta, phi)"));
            }
            out.add(new TensorLayout(List.of((long) EventLayout.OBJECTS, (long) EventLayout.FEATURES), true,
                    "ADC2021 objects x (pT, eta, phi, class id); the class id is ignored"));
        }
        return List.copyOf(out);
    }
}
