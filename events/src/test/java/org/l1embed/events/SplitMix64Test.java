package org.l1embed.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

    @Test
    void matchesTheReferenceSequence() {
        // Reference values of SplitMix64 seeded with 1234567 (Vigna's splitmix64.c; 9817491932198370423 unsigned).
        SplitMix64 r = new SplitMix64(1234567);
        assertEquals(6457827717110365317L, r.nextLong());
        assertEquals(3203168211198807973L, r.nextLong());
        assertEquals(-8629252141511181193L, r.nextLong());
    }

    @Test
    void agreesWithTheJdkSplittableRandomFinalizer() {
        // SplittableRandom(seed).nextLong() is mix64(seed + golden gamma): the same first output as SplitMix64.
        for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE}) {
            assertEquals(new SplittableRandom(seed).nextLong(), new SplitMix64(seed).nextLong(), "seed " + seed);
        }
    }

    @Test
    void doublesAreInTheUnitInterval() {
        SplitMix64 r = new SplitMix64(9);
        for (int i = 0; i < 100_000; i++) {
            double u = r.nextDouble();
            double v = r.nextDoubleNonZero();
            assertTrue(u >= 0 && u < 1, "u=" + u);
            assertTrue(v > 0 && v <= 1, "v=" + v);
        }
    }

    @Test
    void nextIntIsUniformOverSmallBounds() {
        SplitMix64 r = new SplitMix64(3);
        int[] counts = new int[7];
        for (int i = 0; i < 70_000; i++) {
            counts[r.nextInt(7)]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 10_000) < 500, Arrays.toString(counts));
        }
    }

    @Test
    void permutationContainsEveryIndexOnce() {
        int[] p = new SplitMix64(5).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, sorted[i]);
        }
        assertFalse(Arrays.equals(p, sorted), "shuffled");
    }

    @Test
    void derivedStreamsDiffer() {
        assertNotEquals(SplitMix64.derive(1, 0), SplitMix64.derive(1, 1));
        assertNotEquals(SplitMix64.derive(1, 0), SplitMix64.derive(2, 0));
        assertEquals(SplitMix64.derive(1, 5), SplitMix64.derive(1, 5));
    }
}
