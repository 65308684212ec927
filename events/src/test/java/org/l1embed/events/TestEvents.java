package org.l1embed.events;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds hand-made events for tests: objects are placed in the order given, in their kind's slots. */
public final class TestEvents {

    private final List<float[]> events = new ArrayList<>();
    private final List<Integer> labels = new ArrayList<>();
    private float[] current;
    private final int[] next = new int[ObjectType.values().length];

    /** Starts a new event with the given label. */
    public TestEvents event(Process process) {
        current = new float[EventLayout.FLOATS_PER_EVENT];
        events.add(current);
        labels.add(process.label());
        Arrays.fill(next, 0);
        return this;
    }

    public TestEvents met(double pt, double phi) {
        return put(ObjectType.MET, pt, 0, phi);
    }

    public TestEvents egamma(double pt, double eta, double phi) {
        return put(ObjectType.EGAMMA, pt, eta, phi);
    }

    public TestEvents muon(double pt, double eta, double phi) {
        return put(ObjectType.MUON, pt, eta, phi);
    }

    public TestEvents jet(double pt, double eta, double phi) {
        return put(ObjectType.JET, pt, eta, phi);
    }

    private TestEvents put(ObjectType type, double pt, double eta, double phi) {
        int slot = next[type.ordinal()]++;
        int i = (type.firstRow() + slot) * EventLayout.FEATURES;
        current[i] = (float) pt;
        current[i + 1] = (float) eta;
        current[i + 2] = (float) phi;
        current[i + 3] = type.classId();
        return this;
    }

    public EventSet build() {
        float[] p = new float[events.size() * EventLayout.FLOATS_PER_EVENT];
        for (int e = 0; e < events.size(); e++) {
            System.arraycopy(events.get(e), 0, p, e * EventLayout.FLOATS_PER_EVENT, EventLayout.FLOATS_PER_EVENT);
        }
        return EventSet.of(p, labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
