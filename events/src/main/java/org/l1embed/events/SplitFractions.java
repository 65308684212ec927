package org.l1embed.events;

/**
 * How a dataset is divided into training, validation and test events.
 *
 * @param train      fraction for training, in [0, 1]
 * @param validation fraction for validation, in [0, 1]
 * @param test       fraction for testing, in [0, 1]; the three sum to 1 (within 1e-9)
 */
public record SplitFractions(double train, double validation, double test) {

    /** 60 % training, 20 % validation, 20 % test. */
    public static final SplitFractions DEFAULT = new SplitFractions(0.6, 0.2, 0.2);

    public SplitFractions {
        check("train", train);
        check("validation", validation);
        check("test", test);
        double sum = train + validation + test;
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalArgumentException("train + validation + test must be 1, got train=" + train
                    + ", validation=" + validation + ", test=" + test + " (sum " + sum + ")");
        }
    }

    private static void check(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + name + "=" + value);
        }
    }

    /**
     * The event counts for {@code n} events: {@code ⌊n·train⌋} training, {@code ⌊n·validation⌋} validation,
     * and the rest for testing, so that the three sum to {@code n}.
     */
    public int[] counts(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        int nTrain = (int) Math.floor(n * train);
        int nValidation = Math.min(n - nTrain, (int) Math.floor(n * validation));
        return new int[] {nTrain, nValidation, n - nTrain - nValidation};
    }
}
