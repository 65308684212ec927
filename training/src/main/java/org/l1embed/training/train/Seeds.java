package org.l1embed.training.train;

import java.util.SplittableRandom;

/**
 * Seed derivation: every random stream of a training run is a pure function of (seed, purpose, index), so an
 * interrupted run that resumes at an epoch boundary draws exactly the numbers the uninterrupted run drew, with
 * no random-generator state to save.
 */
public final class Seeds {

    /** Stream of the per-epoch shuffle. */
    static final long SHUFFLE = 0x5348_5546L;
    /** Stream of the per-step training augmentations. */
    static final long AUGMENT = 0x4155_474DL;
    /** Stream of the validation augmentations (the same every epoch). */
    static final long VALIDATE = 0x5641_4C49L;

    private Seeds() {
    }

    /** A generator for {@code (seed, purpose, index)}. */
    static SplittableRandom random(long seed, long purpose, long index) {
        return new SplittableRandom(mix(mix(seed ^ mix(purpose)) + index));
    }

    /** The SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A permutation of {@code 0 … n−1} (Fisher–Yates). */
    public static int[] permutation(int n, SplittableRandom rng) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
