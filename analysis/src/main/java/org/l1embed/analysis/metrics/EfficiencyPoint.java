package org.l1embed.analysis.metrics;

import java.util.Locale;

/**
 * Signal efficiency at one background acceptance, with the score threshold that implements it: the trigger keeps
 * events with score &gt; {@code threshold}; {@code backgroundPassing} of the {@code backgroundEvents} background
 * events do (never more than acceptance × backgroundEvents).
 *
 * @param backgroundAcceptance the acceptance asked for, in [0, 1]
 * @param threshold            events pass with score &gt; threshold (−∞ when every event may pass)
 * @param efficiency           fraction of signal events passing
 * @param backgroundPassing    background events with score &gt; threshold
 * @param backgroundEvents     size of the background sample the threshold was measured on
 */
public record EfficiencyPoint(double backgroundAcceptance, double threshold, double efficiency,
        int backgroundPassing, int backgroundEvents) {

    /** Trigger rate of the asked acceptance in Hz (acceptance × 40 MHz). */
    public double rateHz() {
        return backgroundAcceptance * Roc.BUNCH_CROSSING_RATE_HZ;
    }

    /**
     * Whether the background sample resolves the acceptance: a·n_b ≥ 1, i.e. at least one background event may
     * pass. If not, the threshold is the largest background score and the efficiency likely overestimates the
     * efficiency at the true threshold, which lies above every score in the sample.
     */
    public boolean resolved() {
        return backgroundAcceptance * backgroundEvents >= 1;
    }

    /** Empty when resolved; otherwise a sentence saying why the point is not to be trusted. */
    public String note() {
        if (resolved()) {
            return "";
        }
        return String.format(Locale.ROOT, "background sample too small: acceptance %.3g × %d events = %.3g < 1 "
                + "event; threshold is the largest background score, efficiency is likely overestimated",
                backgroundAcceptance, backgroundEvents, backgroundAcceptance * backgroundEvents);
    }
}
