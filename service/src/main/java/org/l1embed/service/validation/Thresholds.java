package org.l1embed.service.validation;

import static org.l1embed.service.errors.ServiceException.invalidArgument;

import org.l1embed.service.errors.ServiceException;

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
 * @throws ServiceException INVALID_ARGUMENT naming the field ({@code thresholds.<field>}), the value and the rule
 */
public record Thresholds(Double maxAbsDiff, Double meanAbsDiff, Double tolerance, Double minAgreementRate, Long maxOverflows,
                         boolean requireTestbenchBitExact) {

    /** The request field the thresholds come from, for messages. */
    public static final String FIELD = "thresholds";

    public Thresholds {
        nonNegative("max_abs_diff", maxAbsDiff);
        nonNegative("mean_abs_diff", meanAbsDiff);
        nonNegative("tolerance", tolerance);
        if (minAgreementRate != null) {
            if (!(minAgreementRate >= 0 && minAgreementRate <= 1)) {
                throw invalidArgument(FIELD + ".min_agreement_rate: must be in [0, 1], got " + minAgreementRate);
            }
            if (tolerance == null) {
                throw invalidArgument(FIELD + ".tolerance: required when min_agreement_rate is set (an event agrees when every "
                        + "output's |float - fixed| <= tolerance), got unset");
            }
        }
        if (maxOverflows != null && maxOverflows < 0) {
            throw invalidArgument(FIELD + ".max_overflows: must be >= 0, got " + maxOverflows);
        }
    }

    /** No thresholds: the verdict depends only on the stored testbench vectors. */
    public static Thresholds none() {
        return new Thresholds(null, null, null, null, null, false);
    }

    /** The tolerance of the agreement rate: {@link #tolerance()}, or 0 (equality) when unset. */
    public double agreementTolerance() {
        return tolerance == null ? 0 : tolerance;
    }

    private static void nonNegative(String field, Double v) {
        if (v != null && !(v >= 0 && Double.isFinite(v))) {
            throw invalidArgument(FIELD + "." + field + ": must be finite and >= 0, got " + v);
        }
    }
}
