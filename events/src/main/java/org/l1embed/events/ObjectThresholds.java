package org.l1embed.events;

/**
 * The object pT thresholds of the event record: an e/γ, muon or jet is kept only when its pT is strictly above
 * its threshold (GeV). Applied after every energy-scale shift ({@link JetEnergyScale}), so that objects migrate
 * across them; MET has no threshold.
 *
 * @param egammaPt e/γ threshold, GeV, finite and ≥ 0
 * @param muonPt   muon threshold, GeV, finite and ≥ 0
 * @param jetPt    jet threshold, GeV, finite and ≥ 0
 */
public record ObjectThresholds(double egammaPt, double muonPt, double jetPt) {

    /**
     * The thresholds of l1embed's generated events: e/γ and muons above 3 GeV, jets above 15 GeV
     * ({@code docs/generator.md}). Files written by others may use different ones; pass theirs to
     * {@link JetEnergyScale} so that ν = 0 leaves their events unchanged.
     */
    public static final ObjectThresholds DEFAULT = new ObjectThresholds(3.0, 3.0, 15.0);

    /** No thresholds: every object with pT &gt; 0 is kept. */
    public static final ObjectThresholds NONE = new ObjectThresholds(0.0, 0.0, 0.0);

    public ObjectThresholds {
        check("egammaPt", egammaPt);
        check("muonPt", muonPt);
        check("jetPt", jetPt);
    }

    private static void check(String name, double value) {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0 GeV, got " + name + "=" + value);
        }
    }

    /** The threshold for objects of kind {@code type}; 0 for MET (always kept). */
    public double of(ObjectType type) {
        return switch (type) {
            case MET -> 0.0;
            case EGAMMA -> egammaPt;
            case MUON -> muonPt;
            case JET -> jetPt;
        };
    }

    /** A copy with another jet threshold. */
    public ObjectThresholds withJetPt(double pt) {
        return new ObjectThresholds(egammaPt, muonPt, pt);
    }
}
