package org.l1embed.service.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.proto.v1.EventBatch;
import org.l1embed.proto.v1.ObjectType;
import org.l1embed.proto.v1.PackedTensor;
import org.l1embed.proto.v1.PhysicsObject;
import org.l1embed.proto.v1.StructuredEvent;
import org.l1embed.proto.v1.StructuredEvents;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.errors.ServiceException;

class EventDecoderTest {

    private static final ModelInput FLAT57 = new ModelInput("model 'm' version '1'", List.of(57));
    private static final ModelInput OBJECTS19x3 = new ModelInput("model 'm' version '1'", List.of(19, 3));
    private static final ModelInput TINY = new ModelInput("model 't' version '1'", List.of(6));

    static EventBatch tensor(float[] values, long... shape) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        PackedTensor.Builder t = PackedTensor.newBuilder().setData(ByteString.copyFrom(b.array()));
        for (long d : shape) {
            t.addShape(d);
        }
        return EventBatch.newBuilder().setTensor(t).build();
    }

    private static String refusal(EventBatch batch, ModelInput input) {
        ServiceException e = assertThrows(ServiceException.class, () -> EventDecoder.decode(batch, input, "events"));
        assertEquals(ServiceException.Kind.INVALID_ARGUMENT, e.kind(), e.getMessage());
        return e.getMessage();
    }

    @Test
    void adcObjectLayoutGivesTheEventLayoutsNetworkFeatures() {
        EventSet events = FixtureBundles.events(300, 5);
        FeatureBatch d = EventDecoder.decode(tensor(events.particles(), 300, 19, 4), FLAT57, "events");
        assertEquals(300, d.count());
        assertEquals(EventLayout.NETWORK_FEATURES, d.size());
        assertArrayEquals(events.networkFeatures(), d.features());
    }

    @Test
    void protobufObjectTypesAreTheKindsWhoseClassIdIsTheirNumber() {
        for (org.l1embed.events.ObjectType kind : org.l1embed.events.ObjectType.values()) {
            assertEquals(kind, EventDecoder.kind(ObjectType.forNumber(kind.classId())), kind.name());
        }
        assertEquals(org.l1embed.events.ObjectType.values().length, ObjectType.values().length - 2,
                "every protobuf object type but OBJECT_TYPE_UNSPECIFIED and UNRECOGNIZED is a kind");
        assertThrows(IllegalArgumentException.class, () -> EventDecoder.kind(ObjectType.OBJECT_TYPE_UNSPECIFIED));
        assertThrows(IllegalArgumentException.class, () -> EventDecoder.kind(ObjectType.UNRECOGNIZED));
    }

    @Test
    void featureTensorsPassThroughInEveryAcceptedShape() {
        float[] x = FixtureBundles.events(7, 6).networkFeatures();
        assertArrayEquals(x, EventDecoder.decode(tensor(x, 7, 57), FLAT57, "events").features());
        assertArrayEquals(x, EventDecoder.decode(tensor(x, 7, 19, 3), FLAT57, "events").features());
        assertArrayEquals(x, EventDecoder.decode(tensor(x, 7, 19, 3), OBJECTS19x3, "events").features());
        assertArrayEquals(x, EventDecoder.decode(tensor(x, 7, 57), OBJECTS19x3, "events").features());
    }

    @Test
    void structuredEventsFillTheSlotsOfTheirTypeByDecreasingPt() {
        EventSet events = FixtureBundles.events(50, 8);
        StructuredEvents.Builder s = StructuredEvents.newBuilder();
        for (int e = 0; e < events.size(); e++) {
            StructuredEvent.Builder ev = StructuredEvent.newBuilder();
            for (int r = EventLayout.OBJECTS - 1; r >= 0; r--) {   // reversed: the server sorts by pT within a type
                float pt = events.value(e, r, EventLayout.PT);
                if (pt != 0f) {
                    ev.addObjects(PhysicsObject.newBuilder().setPt(pt).setEta(events.value(e, r, EventLayout.ETA))
                            .setPhi(events.value(e, r, EventLayout.PHI))
                            .setTypeValue((int) events.value(e, r, EventLayout.CLASS)));
                }
            }
            s.addEvents(ev);
        }
        FeatureBatch d = EventDecoder.decode(EventBatch.newBuilder().setStructured(s).build(), FLAT57, "events");
        assertArrayEquals(events.networkFeatures(), d.features());
    }

    @Test
    void refusesMalformedTensorsNamingFieldShapeAndValue() {
        float[] x = new float[2 * 57];
        assertEquals("events: required, got none (set events.tensor or events.structured)",
                refusal(EventBatch.getDefaultInstance(), FLAT57));
        assertEquals("events.tensor.shape[0]: the number of events must be >= 1, got 0 (shape [0, 57])",
                refusal(tensor(new float[0], 0, 57), FLAT57));
        assertEquals("events.tensor.shape: expected [N, ...] with N events, one of [N, 57], [N, 19, 3], [N, 19, 4] for "
                + "model 'm' version '1', got [114]", refusal(tensor(x, 114), FLAT57));
        assertEquals("events.tensor.shape: [2, 56] is not accepted by model 'm' version '1'; expected one of [N, 57], "
                + "[N, 19, 3], [N, 19, 4]", refusal(tensor(new float[112], 2, 56), FLAT57));
        assertEquals("events.tensor.shape: [2, 19, 4] is not accepted by model 't' version '1'; expected one of [N, 6]",
                refusal(tensor(new float[152], 2, 19, 4), TINY));
        EventBatch truncated = tensor(x, 2, 57).toBuilder().setTensor(tensor(x, 2, 57).getTensor().toBuilder()
                .setData(tensor(x, 2, 57).getTensor().getData().substring(0, 455))).build();
        assertEquals("events.tensor.data: expected 456 bytes (114 float32 values of shape [2, 57]), got 455",
                refusal(truncated, FLAT57));
        x[57 + 4] = Float.NaN;
        assertEquals("events.tensor.data: value [1, 4] is NaN; every value must be finite", refusal(tensor(x, 2, 57), FLAT57));
        float[] objects = new float[3 * 76];
        objects[2 * 76 + 5 * 4 + 2] = Float.NEGATIVE_INFINITY;
        assertEquals("events.tensor.data: value [2, 5, 2] is -Infinity; every value must be finite",
                refusal(tensor(objects, 3, 19, 4), FLAT57));
    }

    @Test
    void refusesMalformedStructuredEvents() {
        PhysicsObject muon = PhysicsObject.newBuilder().setPt(30f).setEta(0.5f).setPhi(1f)
                .setType(ObjectType.OBJECT_TYPE_MUON).build();
        assertEquals("events.structured.events: the batch is empty; at least one event is required",
                refusal(EventBatch.newBuilder().setStructured(StructuredEvents.getDefaultInstance()).build(), FLAT57));
        assertEquals("events.structured: model 't' version '1' takes 6 input values, not the 57 ADC2021 network features; "
                + "send the events as a packed tensor of shape [N, 6]", refusal(structured(muon), TINY));
        assertEquals("events.structured.events[0].objects[1].type: required, got OBJECT_TYPE_UNSPECIFIED",
                refusal(structured(muon, muon.toBuilder().clearType().build()), FLAT57));
        assertEquals("events.structured.events[0].objects[0].type: unknown value 9; expected OBJECT_TYPE_MET, "
                + "OBJECT_TYPE_EGAMMA, OBJECT_TYPE_MUON or OBJECT_TYPE_JET",
                refusal(structured(muon.toBuilder().setTypeValue(9).build()), FLAT57));
        assertEquals("events.structured.events[0].objects[0].pt: must be finite and > 0 GeV (a zero pT marks an empty "
                + "slot), got 0.0", refusal(structured(muon.toBuilder().setPt(0f).build()), FLAT57));
        assertEquals("events.structured.events[0].objects[0].eta: must be finite, got NaN",
                refusal(structured(muon.toBuilder().setEta(Float.NaN).build()), FLAT57));
        assertEquals("events.structured.events[0].objects: 5 objects of type OBJECT_TYPE_MUON, but the ADC2021 layout has "
                + "4 muon slots", refusal(structured(muon, muon, muon, muon, muon), FLAT57));
    }

    private static EventBatch structured(PhysicsObject... objects) {
        return EventBatch.newBuilder().setStructured(StructuredEvents.newBuilder()
                .addEvents(StructuredEvent.newBuilder().addAllObjects(List.of(objects)))).build();
    }
}
