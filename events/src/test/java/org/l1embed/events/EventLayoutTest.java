package org.l1embed.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventLayoutTest {

    @Test
    void layoutHasNineteenObjectsOfFourFeaturesAndFiftySevenNetworkInputs() {
        assertEquals(19, EventLayout.OBJECTS);
        assertEquals(4, EventLayout.FEATURES);
        assertEquals(76, EventLayout.FLOATS_PER_EVENT);
        assertEquals(57, EventLayout.NETWORK_FEATURES);
    }

    @Test
    void rowsAreMetThenFourEgammaThenFourMuonsThenTenJets() {
        assertEquals(ObjectType.MET, ObjectType.ofRow(0));
        for (int r = 1; r <= 4; r++) {
            assertEquals(ObjectType.EGAMMA, ObjectType.ofRow(r));
        }
        for (int r = 5; r <= 8; r++) {
            assertEquals(ObjectType.MUON, ObjectType.ofRow(r));
        }
        for (int r = 9; r <= 18; r++) {
            assertEquals(ObjectType.JET, ObjectType.ofRow(r));
        }
        assertThrows(IllegalArgumentException.class, () -> ObjectType.ofRow(19));
        int rows = 0;
        for (ObjectType t : ObjectType.values()) {
            assertEquals(rows, t.firstRow(), t.name());
            rows += t.slots();
        }
        assertEquals(EventLayout.OBJECTS, rows);
    }

    @Test
    void classIdsAndAcceptanceFollowTheDataset() {
        assertEquals(1, ObjectType.MET.classId());
        assertEquals(2, ObjectType.EGAMMA.classId());
        assertEquals(3, ObjectType.MUON.classId());
        assertEquals(4, ObjectType.JET.classId());
        assertEquals(3.0, ObjectType.EGAMMA.maxAbsEta());
        assertEquals(2.1, ObjectType.MUON.maxAbsEta());
        assertEquals(4.0, ObjectType.JET.maxAbsEta());
    }

    @Test
    void describesRowsWithKindAndOneBasedSlot() {
        assertEquals("MET", ObjectType.describeRow(0));
        assertEquals("e/γ 1", ObjectType.describeRow(1));
        assertEquals("muon 2", ObjectType.describeRow(6));
        assertEquals("jet 10", ObjectType.describeRow(18));
    }

    @Test
    void indexIsRowMajorEventObjectFeature() {
        assertEquals(0, EventLayout.index(0, 0, 0));
        assertEquals(76 * 2 + 4 * 5 + 3, EventLayout.index(2, 5, 3));
    }

    @Test
    void networkFeaturesKeepPtEtaPhiOfEveryRowAndDropTheClassId() {
        float[] p = new float[3 * 76];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        float[] f = EventLayout.networkFeatures(p);
        assertEquals(3 * 57, f.length);
        for (int e = 0; e < 3; e++) {
            for (int r = 0; r < 19; r++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(EventLayout.index(e, r, k), f[e * 57 + r * 3 + k], "event " + e + " row " + r + " feature " + k);
                }
            }
        }
        assertEquals(0, EventLayout.networkFeatures(new float[0]).length);
        assertEquals("particles: length 75 is not a multiple of 76 (19 objects × 4 features per event)",
                assertThrows(IllegalArgumentException.class, () -> EventLayout.networkFeatures(new float[75])).getMessage());
    }

    @Test
    void triggerNeedsALeadingElectronOrMuonOfAtLeast23GeV() {
        float[] p = new float[3 * 76];
        p[EventLayout.index(0, 1, 0)] = 23f;
        p[EventLayout.index(1, 5, 0)] = 23f;
        p[EventLayout.index(2, 1, 0)] = Math.nextDown(23f);
        p[EventLayout.index(2, 9, 0)] = 500f;
        assertTrue(EventLayout.passesTrigger(p, 0));
        assertTrue(EventLayout.passesTrigger(p, 1));
        assertFalse(EventLayout.passesTrigger(p, 2));
    }
}
