package org.l1embed.analysis.plot;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A resolved axis: limits in axis units (log10 of the data for a log axis) and its ticks with labels.
 * Linear ticks are multiples of a 1-2-5 step computed in decimal, so labels never show binary rounding.
 */
record Axis(double min, double max, boolean log, List<Tick> ticks) {

    record Tick(double position, String label) {
    }

    private static final int TARGET_TICKS = 6;

    /** Fraction of the data range added on each side before rounding the limits out to ticks. */
    private static final double PADDING = 0.03;

    /** Axis units for a data value. */
    double toAxis(double v) {
        return log ? Math.log10(v) : v;
    }

    /** Linear axis from a data range; a degenerate range is widened to ±max(1, |v|)·0.5 around v. */
    static Axis linearAuto(double lo, double hi) {
        if (hi == lo) {
            double half = 0.5 * Math.max(1, Math.abs(lo));
            lo -= half;
            hi += half;
        } else {
            double pad = PADDING * (hi - lo);
            lo -= pad;
            hi += pad;
        }
        BigDecimal step = niceStep((hi - lo) / TARGET_TICKS);
        double s = step.doubleValue();
        long first = (long) Math.floor(lo / s);
        long last = (long) Math.ceil(hi / s);
        return linearTicks(first * s, last * s, step, first, last);
    }

    /** Linear axis with fixed limits; ticks are the 1-2-5 multiples inside them. */
    static Axis linearFixed(double lo, double hi) {
        BigDecimal step = niceStep((hi - lo) / TARGET_TICKS);
        double s = step.doubleValue();
        long first = (long) Math.ceil(lo / s - 1e-9);
        long last = (long) Math.floor(hi / s + 1e-9);
        return linearTicks(lo, hi, step, first, last);
    }

    private static Axis linearTicks(double min, double max, BigDecimal step, long first, long last) {
        List<Tick> ticks = new ArrayList<>();
        for (long k = first; k <= last; k++) {
            BigDecimal value = step.multiply(BigDecimal.valueOf(k));
            ticks.add(new Tick(value.doubleValue(), label(value)));
        }
        return new Axis(min, max, false, List.copyOf(ticks));
    }

    /** Log axis over whole decades covering [lo, hi] (both &gt; 0, data units). */
    static Axis logAuto(double lo, double hi) {
        int first = (int) Math.floor(Math.log10(lo));
        int last = (int) Math.ceil(Math.log10(hi));
        if (last == first) {
            last++;
        }
        return logTicks(first, last, first, last);
    }

    /** Log axis with fixed limits (data units, &gt; 0). */
    static Axis logFixed(double lo, double hi) {
        double a = Math.log10(lo);
        double b = Math.log10(hi);
        return logTicks(a, b, (int) Math.ceil(a - 1e-9), (int) Math.floor(b + 1e-9));
    }

    private static Axis logTicks(double min, double max, int first, int last) {
        int every = Math.max(1, (int) Math.ceil((last - first + 1) / 10.0));
        List<Tick> ticks = new ArrayList<>();
        for (int e = first; e <= last; e++) {
            if (Math.floorMod(e, every) == 0) {
                String label = e >= -3 && e <= 3
                        ? BigDecimal.ONE.scaleByPowerOfTen(e).toPlainString()
                        : "1e" + e;
                ticks.add(new Tick(e, label));
            }
        }
        return new Axis(min, max, true, List.copyOf(ticks));
    }

    /** The 1-2-5 × 10^k value nearest above {@code raw} in the sequence 1, 2, 5, 10, … */
    static BigDecimal niceStep(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            throw new IllegalArgumentException("axis range must be positive and finite, got step " + raw);
        }
        int exponent = (int) Math.floor(Math.log10(raw));
        double mantissa = raw / Math.pow(10, exponent);
        int m;
        if (mantissa <= 1.5) {
            m = 1;
        } else if (mantissa <= 3) {
            m = 2;
        } else if (mantissa <= 7) {
            m = 5;
        } else {
            m = 10;
        }
        return BigDecimal.valueOf(m).scaleByPowerOfTen(exponent);
    }

    private static String label(BigDecimal value) {
        if (value.signum() == 0) {
            return "0";
        }
        BigDecimal abs = value.abs();
        if (abs.compareTo(BigDecimal.valueOf(100_000)) >= 0 || abs.compareTo(new BigDecimal("0.0001")) < 0) {
            return String.format(java.util.Locale.ROOT, "%.3g", value.doubleValue()).replaceFirst("\\.?0+e", "e");
        }
        return value.stripTrailingZeros().toPlainString();
    }
}
