package org.l1embed.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EventSetTest {

    /** n events whose values are their flat index, so that every position is recognizable. */
    private static float[] indexed(int n) {
        float[] p = new float[n * 76];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        return p;
    }

    @Test
    void networkFeaturesAreObjectMajorPtEtaPhiWithoutClassIds() {
        EventSet s = EventSet.of(indexed(2), new int[] {0, 4});
        float[] f = s.networkFeatures();
        assertEquals(2 * 57, f.length);
        for (int e = 0; e < 2; e++) {
            for (int r = 0; r < 19; r++) {
                for (int k = 0; k < 3; k++) {
                    assertEquals(e * 76 + r * 4 + k, f[e * 57 + r * 3 + k], "event " + e + " row " + r + " feature " + k);
                }
            }
        }
    }

    @Test
    void subsetCopiesTheChosenEventsInOrderWithLabelsAndWeights() {
        EventSet s = EventSet.of(indexed(3), new int[] {1, 2, 3}, new float[] {0.5f, 1.5f, 2.5f});
        EventSet sub = s.subset(new int[] {2, 0, 2});
        assertEquals(3, sub.size());
        assertArrayEquals(new int[] {3, 1, 3}, sub.labels());
        assertArrayEquals(new float[] {2.5f, 0.5f, 2.5f}, sub.weights());
        assertEquals(2 * 76 + 7, sub.value(0, 1, 3));
        assertEquals(0 * 76 + 7, sub.value(1, 1, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> s.subset(new int[] {3}));
    }

    @Test
    void concatJoinsInOrderAndGivesUnweightedEventsWeightOne() {
        EventSet a = EventSet.of(indexed(2), new int[] {0, 1});
        EventSet b = EventSet.of(indexed(1), new int[] {5}, new float[] {3f});
        EventSet c = EventSet.concat(a, b);
        assertEquals(3, c.size());
        assertArrayEquals(new int[] {0, 1, 5}, c.labels());
        assertArrayEquals(new float[] {1f, 1f, 3f}, c.weights());
        assertEquals(76f, c.value(1, 0, 0));
        assertEquals(0f, c.value(2, 0, 0));
        assertNull(EventSet.concat(a, a).weights());
    }

    @Test
    void sliceAndCountsByLabel() {
        EventSet s = EventSet.of(indexed(4), new int[] {0, 0, 7, 3});
        EventSet t = s.slice(1, 3);
        assertArrayEquals(new int[] {0, 7}, t.labels());
        assertEquals(76f, t.value(0, 0, 0));
        assertArrayEquals(new long[] {2, 0, 0, 1, 0, 0, 0, 1}, s.countsByLabel());
        assertEquals(Process.HPM_TO_TAU_NU, s.process(2));
        assertEquals(1f, s.weight(0));
        assertFalse(s.hasWeights());
    }

    @Test
    void rejectsNanNamingTheDatasetEventAndObject() {
        float[] p = new float[3 * 76];
        p[EventLayout.index(2, 6, EventLayout.ETA)] = Float.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EventSet.of(p, new int[3]));
        assertEquals("dataset 'Particles', event 2: η of muon 2 (row 6) is NaN, expected a finite number", e.getMessage());
    }

    @Test
    void rejectsInfinityNamingTheFileAndTheEventIndexInTheFile() {
        float[] p = new float[2 * 76];
        p[EventLayout.index(1, 0, EventLayout.PT)] = Float.POSITIVE_INFINITY;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventSet.validated(p, new int[2], null, "/data/W.h5", 1000));
        assertEquals("/data/W.h5: dataset 'Particles', event 1001: pT of MET (row 0) is Infinity, expected a finite number",
                e.getMessage());
    }

    @Test
    void rejectsLabelsOutsideZeroToSeven() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventSet.of(new float[2 * 76], new int[] {7, 8}));
        assertEquals("dataset 'Labels', event 1: label 8 is out of range, expected 0..7", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EventSet.of(new float[76], new int[] {-1}));
    }

    @Test
    void rejectsWrongLengths() {
        assertEquals("dataset 'Particles': length 75 is not a multiple of 76 (19 objects × 4 features per event)",
                assertThrows(IllegalArgumentException.class, () -> EventSet.of(new float[75], new int[1])).getMessage());
        assertEquals("dataset 'Labels': 1 labels for 2 events, expected one per event",
                assertThrows(IllegalArgumentException.class, () -> EventSet.of(new float[152], new int[1])).getMessage());
        assertEquals("dataset 'Weights': 3 weights for 2 events, expected one per event",
                assertThrows(IllegalArgumentException.class,
                        () -> EventSet.of(new float[152], new int[2], new float[3])).getMessage());
    }

    @Test
    void rejectsNonFiniteWeights() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventSet.of(new float[76], new int[1], new float[] {Float.NaN}));
        assertEquals("dataset 'Weights', event 0: weight is NaN, expected a finite number", e.getMessage());
    }

    @Test
    void emptySetIsValid() {
        EventSet s = EventSet.of(new float[0], new int[0]);
        assertEquals(0, s.size());
        assertEquals(0, s.networkFeatures().length);
        assertTrue(s.toString().contains("0 events"));
    }
}
