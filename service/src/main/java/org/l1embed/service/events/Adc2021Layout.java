package org.l1embed.service.events;

import org.l1embed.proto.v1.ObjectType;

/**
 * The ADC2021 event layout (Govorkova et al., arXiv:2107.02157) as far as the service needs it: 19 objects × 4
 * features (pT in GeV, η, φ in radians, class id) per event, and the 57 network features a model takes from it.
 *
 * <p>This re-derives, without depending on the training module, the mapping that
 * {@code org.l1embed.events.EventLayout} documents and {@code EventSet.networkFeatures()} implements: the
 * network features of an event are the first three features (pT, η, φ) of each of the 19 rows, object-major
 * ({@code pT₀, η₀, φ₀, pT₁, …}); the class id is dropped; empty slots are all zeros. A test compares the two on
 * generated events, so the definitions cannot drift apart.
 *
 * <p>Rows: 0 MET, 1–4 e/γ, 5–8 muons, 9–18 jets. Within a kind objects are ordered by decreasing pT.
 */
public final class Adc2021Layout {

    /** Objects (rows) per event. */
    public static final int OBJECTS = 19;
    /** Features per object in the stored layout: pT, η, φ, class id. */
    public static final int FEATURES = 4;
    /** Features per object the network sees: pT, η, φ. */
    public static final int NETWORK_FEATURES_PER_OBJECT = 3;
    /** Network input values per event: 19 × 3. */
    public static final int NETWORK_FEATURES = OBJECTS * NETWORK_FEATURES_PER_OBJECT;

    private Adc2021Layout() {
    }

    /**
     * The first row of a kind of object.
     *
     * @throws IllegalArgumentException for {@link ObjectType#OBJECT_TYPE_UNSPECIFIED} or an unrecognized value
     */
    public static int firstRow(ObjectType type) {
        return switch (type) {
            case OBJECT_TYPE_MET -> 0;
            case OBJECT_TYPE_EGAMMA -> 1;
            case OBJECT_TYPE_MUON -> 5;
            case OBJECT_TYPE_JET -> 9;
            case OBJECT_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("no rows for " + type);
        };
    }

    /**
     * The number of slots (rows) of a kind of object: 1 MET, 4 e/γ, 4 muons, 10 jets.
     *
     * @throws IllegalArgumentException for {@link ObjectType#OBJECT_TYPE_UNSPECIFIED} or an unrecognized value
     */
    public static int slots(ObjectType type) {
        return switch (type) {
            case OBJECT_TYPE_MET -> 1;
            case OBJECT_TYPE_EGAMMA, OBJECT_TYPE_MUON -> 4;
            case OBJECT_TYPE_JET -> 10;
            case OBJECT_TYPE_UNSPECIFIED, UNRECOGNIZED -> throw new IllegalArgumentException("no slots for " + type);
        };
    }

    /** A name for messages: {@code MET}, {@code e/γ}, {@code muon}, {@code jet}. */
    public static String displayName(ObjectType type) {
        return switch (type) {
            case OBJECT_TYPE_MET -> "MET";
            case OBJECT_TYPE_EGAMMA -> "e/γ";
            case OBJECT_TYPE_MUON -> "muon";
            case OBJECT_TYPE_JET -> "jet";
            case OBJECT_TYPE_UNSPECIFIED, UNRECOGNIZED -> type.name();
        };
    }

    /**
     * Copies the network features of {@code events} events from the [19, 4] layout {@code objects} (76 values per
     * event) into {@code features} (57 values per event).
     */
    public static void toNetworkFeatures(float[] objects, int events, float[] features) {
        int src = 0;
        int dst = 0;
        for (int e = 0; e < events; e++) {
            for (int r = 0; r < OBJECTS; r++) {
                features[dst] = objects[src];
                features[dst + 1] = objects[src + 1];
                features[dst + 2] = objects[src + 2];
                src += FEATURES;
                dst += NETWORK_FEATURES_PER_OBJECT;
            }
        }
    }
}
