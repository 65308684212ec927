package org.l1embed.events;

/**
 * The four kinds of objects in an ADC2021 event and where they live in the 19 rows: their class id (the
 * fourth feature), first row, number of slots and η acceptance.
 *
 * <p>Rows: 0 MET, 1–4 e/γ, 5–8 muons, 9–18 jets. Within a kind objects are ordered by decreasing pT and
 * unused slots are all zeros (class id 0).
 */
public enum ObjectType {
    /** Missing transverse energy: one slot, η = 0. */
    MET(EventLayout.MET_CLASS_ID, EventLayout.MET_ROW, 1, 0.0, "MET"),
    /** Electrons and photons: four slots, |η| &lt; 3. */
    EGAMMA(EventLayout.EGAMMA_CLASS_ID, EventLayout.FIRST_EGAMMA_ROW, EventLayout.EGAMMA_SLOTS,
            EventLayout.EGAMMA_MAX_ABS_ETA, "e/γ"),
    /** Muons: four slots, |η| &lt; 2.1. */
    MUON(EventLayout.MUON_CLASS_ID, EventLayout.FIRST_MUON_ROW, EventLayout.MUON_SLOTS,
            EventLayout.MUON_MAX_ABS_ETA, "muon"),
    /** Jets: ten slots, |η| &lt; 4. */
    JET(EventLayout.JET_CLASS_ID, EventLayout.FIRST_JET_ROW, EventLayout.JET_SLOTS,
            EventLayout.JET_MAX_ABS_ETA, "jet");

    private final int classId;
    private final int firstRow;
    private final int slots;
    private final double maxAbsEta;
    private final String displayName;

    ObjectType(int classId, int firstRow, int slots, double maxAbsEta, String displayName) {
        this.classId = classId;
        this.firstRow = firstRow;
        this.slots = slots;
        this.maxAbsEta = maxAbsEta;
        this.displayName = displayName;
    }

    /** The class id stored in the fourth feature of an occupied slot (1 MET, 2 e/γ, 3 muon, 4 jet). */
    public int classId() {
        return classId;
    }

    /** The first row of this kind in an event. */
    public int firstRow() {
        return firstRow;
    }

    /** The number of rows reserved for this kind. */
    public int slots() {
        return slots;
    }

    /** One past the last row of this kind. */
    public int endRow() {
        return firstRow + slots;
    }

    /**
     * The detector acceptance: objects of this kind have |η| strictly below this value (0 for MET, whose η is
     * always 0).
     */
    public double maxAbsEta() {
        return maxAbsEta;
    }

    /** A name for messages: {@code MET}, {@code e/γ}, {@code muon}, {@code jet}. */
    public String displayName() {
        return displayName;
    }

    /**
     * The kind that row {@code row} (0–18) holds.
     *
     * @throws IllegalArgumentException if the row is outside 0–18
     */
    public static ObjectType ofRow(int row) {
        if (row < 0 || row >= EventLayout.OBJECTS) {
            throw new IllegalArgumentException("row must be in 0.." + (EventLayout.OBJECTS - 1) + ", got " + row);
        }
        if (row < EGAMMA.firstRow) {
            return MET;
        } else if (row < MUON.firstRow) {
            return EGAMMA;
        } else if (row < JET.firstRow) {
            return MUON;
        }
        return JET;
    }

    /** {@code "muon 2"}: the kind and the 1-based slot of a row, for messages. */
    public static String describeRow(int row) {
        ObjectType t = ofRow(row);
        return t == MET ? "MET" : t.displayName + " " + (row - t.firstRow + 1);
    }
}
