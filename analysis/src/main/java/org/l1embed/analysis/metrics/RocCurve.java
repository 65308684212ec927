package org.l1embed.analysis.metrics;

/**
 * Points of a ROC curve ordered from the strictest threshold to the loosest: point i is the background acceptance
 * and signal efficiency of "score &gt; threshold[i]". Arrays are copied in and out.
 */
public record RocCurve(double[] backgroundAcceptance, double[] signalEfficiency, double[] threshold) {

    public RocCurve {
        if (backgroundAcceptance.length != signalEfficiency.length || threshold.length != signalEfficiency.length) {
            throw new IllegalArgumentException("backgroundAcceptance, signalEfficiency and threshold must have equal "
                    + "lengths, got " + backgroundAcceptance.length + ", " + signalEfficiency.length + ", "
                    + threshold.length);
        }
        backgroundAcceptance = backgroundAcceptance.clone();
        signalEfficiency = signalEfficiency.clone();
        threshold = threshold.clone();
    }

    public int size() {
        return threshold.length;
    }

    @Override
    public double[] backgroundAcceptance() {
        return backgroundAcceptance.clone();
    }

    @Override
    public double[] signalEfficiency() {
        return signalEfficiency.clone();
    }

    @Override
    public double[] threshold() {
        return threshold.clone();
    }

    /** Trigger rate of each point in Hz: acceptance × {@link Roc#BUNCH_CROSSING_RATE_HZ} ("efficiency vs rate"). */
    public double[] rateHz() {
        double[] r = new double[backgroundAcceptance.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = backgroundAcceptance[i] * Roc.BUNCH_CROSSING_RATE_HZ;
        }
        return r;
    }

    /** The points with background acceptance &gt; 0 (what a log-x or log-rate axis can show), in order. */
    public RocCurve positiveAcceptance() {
        int first = 0;
        while (first < backgroundAcceptance.length && !(backgroundAcceptance[first] > 0)) {
            first++;
        }
        return new RocCurve(java.util.Arrays.copyOfRange(backgroundAcceptance, first, backgroundAcceptance.length),
                java.util.Arrays.copyOfRange(signalEfficiency, first, signalEfficiency.length),
                java.util.Arrays.copyOfRange(threshold, first, threshold.length));
    }

    /** Trapezoidal area under the points (equals {@link Roc#auc()} for the full, not down-sampled, curve). */
    public double trapezoidArea() {
        double area = 0;
        for (int i = 1; i < backgroundAcceptance.length; i++) {
            area += (backgroundAcceptance[i] - backgroundAcceptance[i - 1])
                    * (signalEfficiency[i] + signalEfficiency[i - 1]) / 2;
        }
        return area;
    }
}
