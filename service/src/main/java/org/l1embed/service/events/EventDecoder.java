package org.l1embed.service.events;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import com.google.protobuf.ByteString;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.l1embed.events.EventLayout;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.proto.v1.EventBatch;
import org.l1embed.proto.v1.ObjectType;
import org.l1embed.proto.v1.PackedTensor;
import org.l1embed.proto.v1.PhysicsObject;
import org.l1embed.proto.v1.StructuredEvent;
import org.l1embed.proto.v1.StructuredEvents;
import org.l1embed.service.errors.ServiceException;

/**
 * Turns an {@link EventBatch} into a model's raw network features ({@link FeatureBatch}), refusing every malformed
 * batch with an INVALID_ARGUMENT {@link ServiceException} whose message names the field ({@code events.tensor.shape},
 * {@code events.structured.events[3].objects[1].pt}, …), the value or shape, and what was expected.
 *
 * <p>Packed tensors are decoded in bulk (little-endian float32); a tensor already in the model's feature order is
 * used as it is. Stateless and thread-safe.
 */
public final class EventDecoder {

    private EventDecoder() {
    }

    /**
     * Decodes a batch for a model.
     *
     * @param field the request field holding the batch, for messages (e.g. {@code events})
     * @throws ServiceException (INVALID_ARGUMENT) for a missing, empty or malformed batch
     */
    public static FeatureBatch decode(EventBatch batch, ModelInput input, String field) {
        return switch (batch.getEventsCase()) {
            case TENSOR -> decodeTensor(batch.getTensor(), input, field + ".tensor");
            case STRUCTURED -> decodeStructured(batch.getStructured(), input, field + ".structured");
            case EVENTS_NOT_SET -> throw invalidArgument(field + ": required, got none (set " + field + ".tensor or " + field
                    + ".structured)");
        };
    }

    // ---------------------------------------------------------------- packed tensors

    private static FeatureBatch decodeTensor(PackedTensor tensor, ModelInput input, String field) {
        List<Long> shape = tensor.getShapeList();
        TensorLayout layout = layout(shape, input, field);
        int values = values(shape);
        ByteString data = tensor.getData();
        long expectedBytes = (long) values * Float.BYTES;
        if (data.size() != expectedBytes) {
            throw invalidArgument(field + ".data: expected " + expectedBytes + " bytes (" + values + " float32 values of shape "
                    + shown(shape) + "), got " + data.size());
        }
        float[] raw = new float[values];
        data.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(raw);
        return fromValues(raw, shape, layout, input, field + ".data");
    }

    /**
     * The layout a tensor shape selects among the model's accepted layouts ({@link ModelInput#acceptedLayouts()}).
     *
     * @param shape the tensor's shape, the number of events first
     * @param field the request field holding the tensor, for messages ({@code .shape} is appended)
     * @throws ServiceException INVALID_ARGUMENT naming the shape and the accepted ones; RESOURCE_EXHAUSTED for more than
     *                          2^31 - 1 values
     */
    public static TensorLayout layout(List<Long> shape, ModelInput input, String field) {
        String shown = shown(shape);
        List<TensorLayout> accepted = input.acceptedLayouts();
        String acceptedText = accepted.stream().map(TensorLayout::display).collect(Collectors.joining(", "));
        if (shape.size() < 2) {
            throw invalidArgument(field + ".shape: expected [N, ...] with N events, one of " + acceptedText + " for "
                    + input.label() + ", got " + shown);
        }
        long n = shape.get(0);
        if (n < 1) {
            throw invalidArgument(field + ".shape[0]: the number of events must be >= 1, got " + n + " (shape " + shown + ")");
        }
        List<Long> rest = shape.subList(1, shape.size());
        TensorLayout layout = accepted.stream().filter(l -> l.dims().equals(rest)).findFirst().orElseThrow(() ->
                invalidArgument(field + ".shape: " + shown + " is not accepted by " + input.label() + "; expected one of "
                        + acceptedText));
        long perEvent = rest.stream().reduce(1L, Math::multiplyExact);   // an accepted layout: at most 2^31 - 1
        long values = n > Integer.MAX_VALUE ? Long.MAX_VALUE : n * perEvent;
        if (values > Integer.MAX_VALUE || n * input.size() > Integer.MAX_VALUE) {
            throw ServiceException.resourceExhausted(field + ".shape: " + shown + " has " + values + " values; at most "
                    + Integer.MAX_VALUE + " per request");
        }
        return layout;
    }

    /** The number of values of a shape that {@link #layout} accepted. */
    public static int values(List<Long> shape) {
        return Math.toIntExact(shape.stream().reduce(1L, Math::multiplyExact));
    }

    /**
     * The raw network features of a tensor's values: every value must be finite; the ADC2021 [19, 4] layout drops its
     * class id column.
     *
     * @param raw    the tensor's values, row-major, {@link #values(List)} of them
     * @param layout the layout {@link #layout} chose for {@code shape}
     * @param field  the request field holding the values, for messages
     * @throws ServiceException INVALID_ARGUMENT naming the first value that is not finite and its multi-index
     */
    public static FeatureBatch fromValues(float[] raw, List<Long> shape, TensorLayout layout, ModelInput input, String field) {
        for (int i = 0; i < raw.length; i++) {
            if (!Float.isFinite(raw[i])) {
                throw invalidArgument(field + ": value " + index(i, shape) + " is " + raw[i] + "; every value must be finite");
            }
        }
        int events = Math.toIntExact(shape.get(0));
        if (!layout.adcObjects()) {
            return new FeatureBatch(events, input.size(), raw);
        }
        return new FeatureBatch(events, EventLayout.NETWORK_FEATURES, EventLayout.networkFeatures(raw));
    }

    private static String shown(List<Long> shape) {
        return shape.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }

    /** The multi-index of flat position {@code i} in {@code shape}, e.g. {@code [3, 2, 1]}. */
    private static String index(int i, List<Long> shape) {
        long[] idx = new long[shape.size()];
        long rem = i;
        for (int d = shape.size() - 1; d >= 0; d--) {
            idx[d] = rem % shape.get(d);
            rem /= shape.get(d);
        }
        StringBuilder sb = new StringBuilder("[");
        for (int d = 0; d < idx.length; d++) {
            sb.append(d == 0 ? "" : ", ").append(idx[d]);
        }
        return sb.append(']').toString();
    }

    // ---------------------------------------------------------------- structured events

    private static FeatureBatch decodeStructured(StructuredEvents structured, ModelInput input, String field) {
        if (!input.takesAdcFeatures()) {
            throw invalidArgument(field + ": " + input.label() + " takes " + input.size() + " input values, not the "
                    + EventLayout.NETWORK_FEATURES + " ADC2021 network features; send the events as a packed tensor of shape "
                    + input.acceptedLayouts().get(0).display());
        }
        int events = structured.getEventsCount();
        if (events == 0) {
            throw invalidArgument(field + ".events: the batch is empty; at least one event is required");
        }
        float[] features = new float[events * EventLayout.NETWORK_FEATURES];
        for (int e = 0; e < events; e++) {
            placeEvent(structured.getEvents(e), field + ".events[" + e + "]", features, e * EventLayout.NETWORK_FEATURES);
        }
        return new FeatureBatch(events, EventLayout.NETWORK_FEATURES, features);
    }

    private static void placeEvent(StructuredEvent event, String field, float[] features, int base) {
        Map<ObjectType, List<PhysicsObject>> byType = new EnumMap<>(ObjectType.class);
        for (int o = 0; o < event.getObjectsCount(); o++) {
            PhysicsObject obj = event.getObjects(o);
            String f = field + ".objects[" + o + "]";
            ObjectType type = obj.getType();
            if (type == ObjectType.UNRECOGNIZED) {
                throw invalidArgument(f + ".type: unknown value " + obj.getTypeValue() + "; expected OBJECT_TYPE_MET, "
                        + "OBJECT_TYPE_EGAMMA, OBJECT_TYPE_MUON or OBJECT_TYPE_JET");
            }
            if (type == ObjectType.OBJECT_TYPE_UNSPECIFIED) {
                throw invalidArgument(f + ".type: required, got OBJECT_TYPE_UNSPECIFIED");
            }
            if (!(Float.isFinite(obj.getPt()) && obj.getPt() > 0f)) {
                throw invalidArgument(f + ".pt: must be finite and > 0 GeV (a zero pT marks an empty slot), got " + obj.getPt());
            }
            requireFinite(f + ".eta", obj.getEta());
            requireFinite(f + ".phi", obj.getPhi());
            byType.computeIfAbsent(type, t -> new ArrayList<>()).add(obj);
        }
        for (Map.Entry<ObjectType, List<PhysicsObject>> entry : byType.entrySet()) {
            ObjectType type = entry.getKey();
            org.l1embed.events.ObjectType kind = kind(type);
            List<PhysicsObject> objects = new ArrayList<>(entry.getValue());
            int slots = kind.slots();
            if (objects.size() > slots) {
                throw invalidArgument(field + ".objects: " + objects.size() + " objects of type " + type.name() + ", but the "
                        + "ADC2021 layout has " + slots + " " + kind.displayName() + " slot" + (slots == 1 ? "" : "s"));
            }
            objects.sort(Comparator.comparingDouble((PhysicsObject p) -> p.getPt()).reversed());   // stable
            int row = kind.firstRow();
            for (PhysicsObject p : objects) {
                int at = base + row * EventLayout.NETWORK_FEATURES_PER_OBJECT;
                features[at] = p.getPt();
                features[at + 1] = p.getEta();
                features[at + 2] = p.getPhi();
                row++;
            }
        }
    }

    /**
     * The ADC2021 kind of object of a protobuf object type; the protobuf numbers are the class ids
     * ({@code common.proto}).
     *
     * @throws IllegalArgumentException for {@link ObjectType#OBJECT_TYPE_UNSPECIFIED} or an unrecognized value, which
     *                                  {@link #decode} refuses before asking
     */
    static org.l1embed.events.ObjectType kind(ObjectType type) {
        return switch (type) {
            case OBJECT_TYPE_MET -> org.l1embed.events.ObjectType.MET;
            case OBJECT_TYPE_EGAMMA -> org.l1embed.events.ObjectType.EGAMMA;
            case OBJECT_TYPE_MUON -> org.l1embed.events.ObjectType.MUON;
            case OBJECT_TYPE_JET -> org.l1embed.events.ObjectType.JET;
            case OBJECT_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("no ADC2021 object type for " + type);
        };
    }

    private static void requireFinite(String field, float v) {
        if (!Float.isFinite(v)) {
            throw invalidArgument(field + ": must be finite, got " + v);
        }
    }
}
