package org.l1embed.events.synthetic;

import static org.l1embed.events.EventLayout.CLASS;
import static org.l1embed.events.EventLayout.ETA;
import static org.l1embed.events.EventLayout.FEATURES;
import static org.l1embed.events.EventLayout.FLOATS_PER_EVENT;
import static org.l1embed.events.EventLayout.PHI;
import static org.l1embed.events.EventLayout.PT;

import java.util.Arrays;
import org.l1embed.events.EventLayout;
import org.l1embed.events.ObjectType;

/**
 * The detector side of the generator for one event at a time: takes true visible objects, applies the
 * resolution and the acceptance, keeps what is above the record's thresholds (jets: above the generation
 * floor), sorts each kind by decreasing pT, truncates to the slots, computes MET from what it kept and writes
 * the 76 floats. Reused from event to event (no allocation); not thread-safe.
 */
final class EventBuilder {

    /** Relative pT resolution of e/γ (Gaussian). */
    static final double EGAMMA_RESOLUTION = 0.03;
    /** Relative pT resolution of muons (Gaussian). */
    static final double MUON_RESOLUTION = 0.02;
    /** Jet resolution σ/pT = √(A²/pT + C²): stochastic term A (GeV^½). */
    static final double JET_RESOLUTION_STOCHASTIC = 1.0;
    /** Jet resolution constant term C. */
    static final double JET_RESOLUTION_CONSTANT = 0.08;
    /** A measured pT is at least this fraction of the true one (the Gaussian response is clipped there). */
    private static final double MIN_RESPONSE = 0.05;

    private static final int KINDS = 3;
    private static final int CAPACITY = 32;
    private static final ObjectType[] KIND_TYPES = {ObjectType.EGAMMA, ObjectType.MUON, ObjectType.JET};

    private final double[][] pt = new double[KINDS][CAPACITY];
    private final double[][] eta = new double[KINDS][CAPACITY];
    private final double[][] phi = new double[KINDS][CAPACITY];
    private final double[][] cos = new double[KINDS][CAPACITY];
    private final double[][] sin = new double[KINDS][CAPACITY];
    private final int[] count = new int[KINDS];

    private final double egammaMin;
    private final double muonMin;
    private final double jetFloor;
    private final double metNoiseConstant;
    private final double metNoiseStochastic;
    private Sampler s;

    EventBuilder(SyntheticEvents.Settings settings) {
        this.egammaMin = settings.thresholds().egammaPt();
        this.muonMin = settings.thresholds().muonPt();
        this.jetFloor = settings.jetFloorPt();
        this.metNoiseConstant = settings.metNoiseConstant();
        this.metNoiseStochastic = settings.metNoiseStochastic();
    }

    /** Starts a new event drawing from {@code sampler}. */
    void reset(Sampler sampler) {
        this.s = sampler;
        Arrays.fill(count, 0);
    }

    /** A true charged lepton (kind {@link ObjectType#EGAMMA} or {@link ObjectType#MUON}). */
    void lepton(ObjectType kind, P4 p) {
        double t = p.pt();
        if (t > 1e-9) {
            lepton(kind, t, p.eta(), p.px / t, p.py / t);
        }
    }

    /** A true charged lepton given by pT, η and the direction cosines of its azimuth. */
    void lepton(ObjectType kind, double truePt, double trueEta, double c, double sn) {
        double resolution = switch (kind) {
            case EGAMMA -> EGAMMA_RESOLUTION;
            case MUON -> MUON_RESOLUTION;
            case MET, JET -> throw new IllegalArgumentException("not a lepton kind: " + kind);
        };
        boolean electron = kind == ObjectType.EGAMMA;
        int k = electron ? 0 : 1;
        double min = electron ? egammaMin : muonMin;
        double measured = truePt * Math.max(MIN_RESPONSE, 1 + resolution * s.gaussian());
        if (Math.abs(trueEta) < kind.maxAbsEta() && measured > min) {
            add(k, measured, trueEta, c, sn);
        }
    }

    /** A true jet (quark, gluon or hadronic τ). */
    void jet(P4 p) {
        double t = p.pt();
        if (t > 1e-9) {
            jet(t, p.eta(), p.px / t, p.py / t);
        }
    }

    /** A true jet given by pT, η and the direction cosines of its azimuth. */
    void jet(double truePt, double trueEta, double c, double sn) {
        double relative = Math.sqrt(JET_RESOLUTION_STOCHASTIC * JET_RESOLUTION_STOCHASTIC / truePt
                + JET_RESOLUTION_CONSTANT * JET_RESOLUTION_CONSTANT);
        double measured = truePt * Math.max(MIN_RESPONSE, 1 + relative * s.gaussian());
        if (Math.abs(trueEta) < ObjectType.JET.maxAbsEta() && measured > jetFloor) {
            add(2, measured, trueEta, c, sn);
        }
    }

    private void add(int k, double p, double e, double c, double sn) {
        int i = count[k];
        if (i == CAPACITY) {
            return;
        }
        pt[k][i] = p;
        eta[k][i] = e;
        cos[k][i] = c;
        sin[k][i] = sn;
        phi[k][i] = StrictMath.atan2(sn, c);
        count[k] = i + 1;
    }

    /**
     * Writes the event into {@code out} at event index {@code event}, unless it fails the lepton filter
     * (leading e/γ or muon pT ≥ 23 GeV after resolution), in which case nothing is written.
     *
     * @return true if the event passed and was written
     */
    boolean write(float[] out, int event) {
        for (int k = 0; k < KINDS; k++) {
            sortDescending(k);
        }
        float leadingE = count[0] > 0 ? (float) pt[0][0] : 0f;
        float leadingMu = count[1] > 0 ? (float) pt[1][0] : 0f;
        if (!(leadingE >= EventLayout.TRIGGER_LEPTON_PT || leadingMu >= EventLayout.TRIGGER_LEPTON_PT)) {
            return false;
        }
        int base = event * FLOATS_PER_EVENT;
        Arrays.fill(out, base, base + FLOATS_PER_EVENT, 0f);
        double mx = 0;
        double my = 0;
        double sumEt = 0;
        for (int k = 0; k < KINDS; k++) {
            ObjectType type = KIND_TYPES[k];
            int n = Math.min(count[k], type.slots());
            for (int j = 0; j < n; j++) {
                int i = base + (type.firstRow() + j) * FEATURES;
                float p = (float) pt[k][j];
                out[i + PT] = p;
                out[i + ETA] = (float) eta[k][j];
                out[i + PHI] = (float) phi[k][j];
                out[i + CLASS] = type.classId();
                mx -= p * cos[k][j];
                my -= p * sin[k][j];
                sumEt += p;
            }
        }
        double sigma = metNoiseConstant + metNoiseStochastic * Math.sqrt(sumEt);
        if (sigma > 0) {
            mx += sigma * s.gaussian();
            my += sigma * s.gaussian();
        }
        int m = base + ObjectType.MET.firstRow() * FEATURES;
        out[m + PT] = (float) Math.sqrt(mx * mx + my * my);
        out[m + ETA] = 0f;
        out[m + PHI] = (float) StrictMath.atan2(my, mx);
        out[m + CLASS] = ObjectType.MET.classId();
        return true;
    }

    /** Sorts the objects of kind k by decreasing pT (insertion sort: a handful of objects). */
    private void sortDescending(int k) {
        int n = count[k];
        if (n < 2) {
            return;
        }
        double[] p = pt[k];
        double[] e = eta[k];
        double[] f = phi[k];
        double[] c = cos[k];
        double[] sn = sin[k];
        for (int i = 1; i < n; i++) {
            double pi = p[i];
            double ei = e[i];
            double fi = f[i];
            double ci = c[i];
            double si = sn[i];
            int j = i - 1;
            while (j >= 0 && p[j] < pi) {
                p[j + 1] = p[j];
                e[j + 1] = e[j];
                f[j + 1] = f[j];
                c[j + 1] = c[j];
                sn[j + 1] = sn[j];
                j--;
            }
            p[j + 1] = pi;
            e[j + 1] = ei;
            f[j + 1] = fi;
            c[j + 1] = ci;
            sn[j + 1] = si;
        }
    }
}
