package org.l1embed.training.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationsTest {

    private static final float PI_F = (float) Math.PI;

    @Test
    void wrapPhiMapsBoundariesIntoTheHalfOpenInterval() {
        assertEquals(0f, Augmentations.wrapPhi(0));
        assertEquals(PI_F, Augmentations.wrapPhi(Math.PI));
        assertEquals(PI_F, Augmentations.wrapPhi(-Math.PI));
        assertEquals(PI_F, Augmentations.wrapPhi(3 * Math.PI));
        assertEquals(PI_F, Augmentations.wrapPhi(-3 * Math.PI));
        assertEquals(0f, Augmentations.wrapPhi(2 * Math.PI));
        assertEquals((float) (-Math.PI + 0.5), Augmentations.wrapPhi(Math.PI + 0.5));
        assertEquals((float) (Math.PI - 0.5), Augmentations.wrapPhi(-Math.PI - 0.5));
        assertEquals(-0.25f, Augmentations.wrapPhi(-0.25));
        assertThrows(IllegalArgumentException.class, () -> Augmentations.wrapPhi(Double.NaN));
    }

    @Test
    void wrapPhiStaysInRangeAndKeepsTheAngle() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double phi = (rng.nextDouble() - 0.5) * 40 * Math.PI;
            float w = Augmentations.wrapPhi(phi);
            assertTrue(w > -PI_F && w <= PI_F, "wrapPhi(" + phi + ") = " + w);
            // Same angle: the difference is a whole number of turns (up to float rounding).
            double turns = (w - phi) / (2 * Math.PI);
            assertEquals(Math.rint(turns), turns, 1e-6, "wrapPhi(" + phi + ") = " + w);
        }
    }

    @Test
    void phiRotationTurnsPresentObjectsTogetherAndLeavesEmptySlots() {
        float[] event = {30, 0, 1.0f, 25, 0.5f, -2.5f, 0, 0, 0, 40, -1.2f, 3.0f};
        float[] rotated = event.clone();
        new Augmentations.PhiRotation().apply(rotated, 0, 12, new SplittableRandom(5));
        assertArrayEquals(new float[] {0, 0, 0}, new float[] {rotated[6], rotated[7], rotated[8]});
        double delta = rotated[2] - event[2];
        for (int o : new int[] {0, 3, 9}) {
            assertEquals(event[o], rotated[o]);
            assertEquals(event[o + 1], rotated[o + 1]);
            assertTrue(rotated[o + 2] > -PI_F && rotated[o + 2] <= PI_F);
            assertEquals(0, Math.sin((rotated[o + 2] - event[o + 2] - delta) / 2), 1e-6, "object " + o / 3);
        }
    }

    @Test
    void featureMaskingZeroesValuesWithTheGivenProbability() {
        float[] values = new float[57_000];
        java.util.Arrays.fill(values, 1f);
        float[] none = values.clone();
        new Augmentations.FeatureMasking(0).apply(none, 0, none.length, new SplittableRandom(1));
        assertArrayEquals(values, none);
        float[] all = values.clone();
        new Augmentations.FeatureMasking(1).apply(all, 0, all.length, new SplittableRandom(1));
        assertArrayEquals(new float[values.length], all);
        float[] half = values.clone();
        new Augmentations.FeatureMasking(0.5).apply(half, 0, half.length, new SplittableRandom(1));
        long zeros = 0;
        for (float v : half) {
            zeros += v == 0 ? 1 : 0;
        }
        assertEquals(0.5, zeros / (double) half.length, 0.01);
    }

    @Test
    void objectDroppingRemovesWholeObjects() {
        SplittableRandom rng = new SplittableRandom(2);
        float[] events = new float[57 * 200];
        for (int i = 0; i < events.length; i += 3) {
            events[i] = 10 + rng.nextInt(50);
            events[i + 1] = (float) rng.nextGaussian();
            events[i + 2] = (float) rng.nextGaussian();
        }
        float[] dropped = events.clone();
        Augmentation drop = new Augmentations.ObjectDropping(0.3);
        for (int e = 0; e < 200; e++) {
            drop.apply(dropped, e * 57, 57, rng);
        }
        int removed = 0;
        for (int i = 0; i < events.length; i += 3) {
            boolean kept = dropped[i] == events[i] && dropped[i + 1] == events[i + 1] && dropped[i + 2] == events[i + 2];
            boolean gone = dropped[i] == 0 && dropped[i + 1] == 0 && dropped[i + 2] == 0;
            assertTrue(kept || gone, "object at " + i + " partly changed");
            removed += gone ? 1 : 0;
        }
        assertEquals(0.3, removed / (events.length / 3.0), 0.03);
    }

    @Test
    void ptSmearingScalesOnlyPresentTransverseMomenta() {
        float[] event = {50, 0.3f, 1.0f, 0, 0, 0, 20, -1f, -2f};
        float[] same = event.clone();
        new Augmentations.PtSmearing(0).apply(same, 0, 9, new SplittableRandom(3));
        assertArrayEquals(event, same);
        double sum = 0;
        SplittableRandom rng = new SplittableRandom(4);
        for (int i = 0; i < 20_000; i++) {
            float[] smeared = event.clone();
            new Augmentations.PtSmearing(0.1).apply(smeared, 0, 9, rng);
            assertEquals(0f, smeared[3]);
            assertEquals(event[1], smeared[1]);
            assertEquals(event[2], smeared[2]);
            assertEquals(event[8], smeared[8]);
            assertTrue(smeared[0] >= 0 && smeared[6] >= 0);
            sum += smeared[0] / 50.0;
        }
        assertEquals(1.0, sum / 20_000, 0.005);
    }

    @Test
    void sameGeneratorSeedGivesTheSameAugmentation() {
        Augmentation chain = new Augmentations.ObjectDropping(0.2).andThen(new Augmentations.PtSmearing(0.05))
                .andThen(new Augmentations.PhiRotation()).andThen(new Augmentations.FeatureMasking(0.1));
        float[] event = new float[57];
        for (int i = 0; i < 57; i += 3) {
            event[i] = 10 + i;
            event[i + 1] = 0.1f * i;
            event[i + 2] = -0.05f * i;
        }
        float[] a = event.clone();
        float[] b = event.clone();
        chain.apply(a, 0, 57, new SplittableRandom(9));
        chain.apply(b, 0, 57, new SplittableRandom(9));
        assertArrayEquals(a, b);
    }

    @Test
    void objectAugmentationsRejectOtherLayouts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Augmentations.PhiRotation().apply(new float[10], 0, 10, new SplittableRandom(1)));
        assertEquals("object augmentations need 3 features (pT, eta, phi) per object, got features=10", e.getMessage());
        assertEquals("probability must be in [0, 1], got probability=1.5",
                assertThrows(IllegalArgumentException.class, () -> new Augmentations.ObjectDropping(1.5)).getMessage());
        assertEquals("relativeWidth must be finite and >= 0, got relativeWidth=-0.1",
                assertThrows(IllegalArgumentException.class, () -> new Augmentations.PtSmearing(-0.1)).getMessage());
    }
}
