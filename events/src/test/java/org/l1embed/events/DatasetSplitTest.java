package org.l1embed.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class DatasetSplitTest {

    /** n events; event i has pT of MET = i, so that events can be identified after shuffling. */
    private static EventSet numbered(int n) {
        float[] p = new float[n * 76];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            p[i * 76] = i;
            labels[i] = i % 8;
        }
        return EventSet.of(p, labels);
    }

    private static int[] ids(EventSet s) {
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (int) s.value(i, 0, 0);
            assertEquals(out[i] % 8, s.label(i), "label travels with its event");
        }
        return out;
    }

    @Test
    void defaultFractionsGiveSixtyTwentyTwenty() {
        assertArrayEquals(new int[] {600, 200, 200}, SplitFractions.DEFAULT.counts(1000));
        assertArrayEquals(new int[] {6, 2, 3}, SplitFractions.DEFAULT.counts(11));
        assertArrayEquals(new int[] {0, 0, 0}, SplitFractions.DEFAULT.counts(0));
    }

    @Test
    void splitIsAShuffledPartitionOfAllEvents() {
        DatasetSplit s = DatasetSplit.of(numbered(1000), SplitFractions.DEFAULT, 7);
        assertEquals(600, s.train().size());
        assertEquals(200, s.validation().size());
        assertEquals(200, s.test().size());
        int[] all = new int[1000];
        System.arraycopy(ids(s.train()), 0, all, 0, 600);
        System.arraycopy(ids(s.validation()), 0, all, 600, 200);
        System.arraycopy(ids(s.test()), 0, all, 800, 200);
        int[] sorted = all.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, sorted[i]);
        }
        int inPlace = 0;
        for (int i = 0; i < 1000; i++) {
            inPlace += all[i] == i ? 1 : 0;
        }
        assertFalse(inPlace > 20, "shuffled: " + inPlace + " events kept their position");
    }

    @Test
    void sameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        EventSet events = numbered(500);
        DatasetSplit a = DatasetSplit.of(events, SplitFractions.DEFAULT, 42);
        DatasetSplit b = DatasetSplit.of(events, SplitFractions.DEFAULT, 42);
        DatasetSplit c = DatasetSplit.of(events, SplitFractions.DEFAULT, 43);
        assertArrayEquals(ids(a.train()), ids(b.train()));
        assertArrayEquals(ids(a.test()), ids(b.test()));
        assertFalse(Arrays.equals(ids(a.train()), ids(c.train())));
    }

    @Test
    void fractionsMustBeInRangeAndSumToOne() {
        String sum = assertThrows(IllegalArgumentException.class, () -> new SplitFractions(0.6, 0.3, 0.2)).getMessage();
        assertTrue(sum.startsWith("train + validation + test must be 1, got train=0.6, validation=0.3, test=0.2 (sum 1.09"), sum);
        assertEquals("train must be in [0, 1], got train=-0.1",
                assertThrows(IllegalArgumentException.class, () -> new SplitFractions(-0.1, 0.6, 0.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SplitFractions(Double.NaN, 0.5, 0.5));
        assertArrayEquals(new int[] {10, 0, 0}, new SplitFractions(1, 0, 0).counts(10));
    }
}
