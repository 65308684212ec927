package org.l1embed.inference.validation;

import java.util.Objects;

/**
 * The pass/fail thresholds of a validation; null fields are not checked. Checked on construction.
 *
 * @param maxAbsDiff               every output's largest |float − fixed| must be &lt;= this; finite, &gt;= 0
 * @param meanAbsDiff              every output's mean |float − fixed| must be &lt;= this; finite, &gt;= 0
 * @param tolerance                an event agrees when every output's |float − fixed| &lt;= this; finite, &gt;= 0;
 *                                 required with {@code minAgreementRate}
 * @param minAgreementRate         the fraction of agreeing events must be &gt;= this; in [0, 1]
 * @param maxOverflows             input overflows plus every layer's accumulator and result overflows must be &lt;= this;
 *                                 &gt;= 0
 * @param requireTestbenchBitExact the bundle must store testbench vectors (and they must be reproduced bit for bit,
 *                                 which is always required of vectors that are present)
 * @param names                    how the caller's user spells each threshold, for messages: the service's request
 *                                 fields ({@link #REQUEST_FIELDS}) or the command line's options
 * @throws IllegalArgumentException naming the field as the user spells it, the value and the rule
 */
public record Thresholds(Double maxAbsDiff, Double meanAbsDiff, Double tolerance, Double minAgreementRate, Long maxOverflows,
                         boolean requireTestbenchBitExact, FieldNames names) {

    /** The thresholds' names in the user's vocabulary, given their snake_case field names. */
    @FunctionalInterface
    public interface FieldNames {
        /**
         * @param field one of {@code max_abs_diff, mean_abs_diff, tolerance, min_agreement_rate, max_overflows,
         *              require_testbench_bit_exact}
         */
        String of(String field);
    }

    /** The fields of the service's {@code ValidationThresholds} message: {@code thresholds.max_abs_diff}. */
    public static final FieldNames REQUEST_FIELDS = field -> "thresholds." + field;

    public Thresholds {
        Objects.requireNonNull(names, "names");
        nonNegative(names, "max_abs_diff", maxAbsDiff);
        nonNegative(names, "mean_abs_diff", meanAbsDiff);
        nonNegative(names, "tolerance", tolerance);
        if (minAgreementRate != null) {
            if (!(minAgreementRate >= 0 && minAgreementRate <= 1)) {
                throw new IllegalArgumentException(names.of("min_agreement_rate") + ": must be in [0, 1], got " + minAgreementRate);
            }
            if (tolerance == null) {
                throw new IllegalArgumentException(names.of("tolerance") + ": required when " + names.of("min_agreement_rate")
                        + " is set (an event agrees when every output's |float - fixed| <= tolerance), got unset");
            }
        }
        if (maxOverflows != null && maxOverflows < 0) {
            throw new IllegalArgumentException(names.of("max_overflows") + ": must be >= 0, got " + maxOverflows);
        }
    }

    /** No thresholds: the verdict depends only on the stored testbench vectors. */
    public static Thresholds none() {
        return new Thresholds(null, null, null, null, null, false, REQUEST_FIELDS);
    }

    /** The tolerance of the agreement rate: {@link #tolerance()}, or 0 (equality) when unset. */
    public double agreementTolerance() {
        return tolerance == null ? 0 : tolerance;
    }

    private static void nonNegative(FieldNames names, String field, Double v) {
        if (v != null && !(v >= 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException(names.of(field) + ": must be finite and >= 0, got " + v);
        }
    }
}
