package org.l1embed.training.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LabelledDataTest {

    @Test
    void derivesEventsAndClasses() {
        LabelledData d = new LabelledData(new float[6], new int[] {0, 3}, 3);
        assertEquals(2, d.events());
        assertEquals(4, d.classes());
        assertEquals(3, LabelledData.unlabelled(new float[9], 3).events());
    }

    @Test
    void rejectionsNameWhatIsWrongAndWhere() {
        assertEquals("x must hold labels.length × features = 2 × 3 = 6 values, got x.length=5",
                assertThrows(IllegalArgumentException.class, () -> new LabelledData(new float[5], new int[2], 3)).getMessage());
        float[] x = new float[6];
        x[4] = Float.NaN;
        assertEquals("x must be finite, got NaN at event 1, feature 1 (flat index 4)",
                assertThrows(IllegalArgumentException.class, () -> new LabelledData(x, new int[2], 3)).getMessage());
        x[4] = Float.NEGATIVE_INFINITY;
        assertEquals("x must be finite, got -Infinity at event 1, feature 1 (flat index 4)",
                assertThrows(IllegalArgumentException.class, () -> new LabelledData(x, new int[2], 3)).getMessage());
        assertEquals("labels must be >= 0, got labels[1]=-2",
                assertThrows(IllegalArgumentException.class, () -> new LabelledData(new float[6], new int[] {0, -2}, 3)).getMessage());
        assertEquals("features must be > 0, got features=0",
                assertThrows(IllegalArgumentException.class, () -> new LabelledData(new float[0], new int[0], 0)).getMessage());
        assertEquals("data must hold at least one event, got labels.length=0",
                assertThrows(IllegalArgumentException.class, () -> new LabelledData(new float[0], new int[0], 3)).getMessage());
    }

    @Test
    void fingerprintChangesWithAnyValueOrLabel() {
        float[] x = {1, 2, 3, 4, 5, 6};
        String base = new LabelledData(x, new int[] {0, 1}, 3).fingerprint();
        assertEquals(base, new LabelledData(x.clone(), new int[] {0, 1}, 3).fingerprint());
        float[] y = x.clone();
        y[5] = Math.nextUp(6f);
        assertNotEquals(base, new LabelledData(y, new int[] {0, 1}, 3).fingerprint());
        assertNotEquals(base, new LabelledData(x, new int[] {1, 0}, 3).fingerprint());
        assertNotEquals(base, new LabelledData(x, new int[] {0, 1, 0}, 2).fingerprint());
    }
}
