package org.l1embed.events.synthetic;

import org.l1embed.events.ObjectType;
import org.l1embed.events.Process;

/**
 * The truth-level physics of each process: which particles are produced, with which spectra and decays. The
 * visible ones go to the {@link EventBuilder} (which measures them); neutrinos are simply not passed on, so
 * that they appear as MET. Momentum balance holds by construction: a boson or pair recoils against the
 * initial-state jets, so MET = −Σ visible is the neutrinos' momentum plus mismeasurement and lost objects.
 * Every number here is documented in {@code docs/generator.md}.
 */
final class ProcessModels {

    // Masses and widths (GeV): PDG values; signal masses as we recall them from the ADC2021 paper (docs/generator.md).
    static final double W_MASS = 80.379;
    static final double W_WIDTH = 2.085;
    static final double Z_MASS = 91.1876;
    static final double Z_WIDTH = 2.4952;
    static final double TOP_MASS = 172.5;
    static final double B_MASS = 4.8;
    static final double A_MASS = 50.0;
    static final double LQ_MASS = 80.0;
    static final double H0_MASS = 60.0;
    static final double HPM_MASS = 60.0;

    /** Initial-state jets: p(pT) ∝ pT^−3.5 above 0.8 × the jet floor, η Gaussian with this width in |η| &lt; 4. */
    static final double ISR_PT_INDEX = 3.5;
    static final double ISR_MIN_FRACTION_OF_FLOOR = 0.8;
    static final double JET_ETA_SIGMA = 1.8;
    static final int MAX_ISR_JETS = 6;
    /** Ratio P(n+1)/P(n) of the initial-state jet multiplicity for W and Z (above 0.8 × the floor). */
    static final double BOSON_ISR_RATIO = 0.45;

    /** Rapidity width of singly produced bosons and of pair-produced heavy particles. */
    static final double BOSON_Y_SIGMA = 2.0;
    static final double PAIR_Y_SIGMA = 1.3;

    /** τ → ℓνν branching fraction per lepton flavour (e or μ); hadronic otherwise. */
    static final double TAU_TO_LEPTON = 0.175;
    /** W → ℓν for ℓ = e, μ, τ each; W → qq̄′ otherwise. */
    static final double W_TO_LEPTON = 1.0 / 9.0;

    private final Sampler s;
    private final EventBuilder b;
    private final double isrMinPt;

    /** The true transverse momentum sum of the initial-state jets of the current event. */
    private double recoilX;
    private double recoilY;

    ProcessModels(Sampler s, EventBuilder b, double jetFloorPt) {
        this.s = s;
        this.b = b;
        this.isrMinPt = ISR_MIN_FRACTION_OF_FLOOR * jetFloorPt;
    }

    /** Generates the truth of one event of {@code process} into the builder. */
    void generate(Process process) {
        switch (process) {
            case W -> w();
            case QCD -> qcd();
            case Z -> z();
            case TTBAR -> ttbar();
            case A_TO_4L -> aTo4l();
            case LQ_TO_B_TAU -> leptoquarks();
            case H0_TO_TAU_TAU -> h0();
            case HPM_TO_TAU_NU -> chargedHiggs();
        }
    }

    // ---- backgrounds ----

    /** W → ℓν recoiling against initial-state jets. */
    private void w() {
        isr(BOSON_ISR_RATIO);
        P4 w = singleBoson(s.breitWigner(W_MASS, W_WIDTH, 60, 100));
        P4[] d = w.decay(0, 0, s);
        b.lepton(lightLepton(), d[0]);
    }

    /** Z → ℓℓ (same flavour) recoiling against initial-state jets. */
    private void z() {
        isr(BOSON_ISR_RATIO);
        P4 z = singleBoson(s.breitWigner(Z_MASS, Z_WIDTH, 70, 110));
        P4[] d = z.decay(0, 0, s);
        ObjectType flavour = lightLepton();
        b.lepton(flavour, d[0]);
        b.lepton(flavour, d[1]);
    }

    /**
     * QCD multijet: a hard parton whose jet contains the triggering lepton (semileptonic heavy-flavour decay
     * with a neutrino, or for e/γ a fake from a π⁰/photon without one), balanced by one or two recoil jets and
     * accompanied by radiation jets. The lepton pT is drawn near the threshold, 20 GeV + exponential(7 GeV).
     */
    private void qcd() {
        ObjectType flavour = lightLepton();
        boolean fake = flavour == ObjectType.EGAMMA && s.chance(0.4);
        double leptonPt = 20 + s.exponential(7);
        double z = fake ? s.uniform(0.5, 0.95) : s.uniform(0.2, 0.7);
        double parentPt = leptonPt / z;
        double eta = s.truncatedGaussian(1.6, flavour.maxAbsEta());
        s.azimuth();
        double c = s.cos;
        double sn = s.sin;
        double neutrinoPt = fake ? 0 : (parentPt - leptonPt) * s.uniform(0.05, 0.35);
        b.lepton(flavour, leptonPt, eta, c, sn);
        double jetPt = parentPt - leptonPt - neutrinoPt;
        if (jetPt > 0) {
            b.jet(jetPt, eta, c, sn);
        }
        isr(0.5);
        double qx = -(parentPt * c + recoilX);
        double qy = -(parentPt * sn + recoilY);
        if (s.chance(0.35)) {
            double f = s.uniform(0.25, 0.5);
            double angle = StrictMath.atan2(qy, qx) + 0.4 * s.gaussian();
            double q = Math.sqrt(qx * qx + qy * qy);
            double ax = f * q * StrictMath.cos(angle);
            double ay = f * q * StrictMath.sin(angle);
            transverseJet(ax, ay);
            transverseJet(qx - ax, qy - ay);
        } else {
            transverseJet(qx, qy);
        }
    }

    /** tt̄ → bW bW with at least one W → eν or μν; W → τν and W → qq̄′ for the other modes. */
    private void ttbar() {
        isr(0.5);
        P4[] tops = pair(TOP_MASS, 45);
        int mode1;
        int mode2;
        do {
            mode1 = wMode();
            mode2 = wMode();
        } while (mode1 > 1 && mode2 > 1);
        topDecay(tops[0], mode1);
        topDecay(tops[1], mode2);
    }

    // ---- signals ----

    /** A → Z*Z* → 4ℓ, m_A = 50 GeV; each off-shell Z decays to a same-flavour pair. */
    private void aTo4l() {
        isr(0.35);
        P4 a = singleBoson(A_MASS);
        double m1 = s.uniform(15, 40);
        double m2 = s.uniform(4, A_MASS - m1 - 1);
        P4[] zs = a.decay(m1, m2, s);
        for (P4 z : zs) {
            P4[] l = z.decay(0, 0, s);
            ObjectType flavour = lightLepton();
            b.lepton(flavour, l[0]);
            b.lepton(flavour, l[1]);
        }
    }

    /** Pair-produced leptoquarks, m = 80 GeV, each → bτ; at least one τ decays leptonically. */
    private void leptoquarks() {
        isr(0.35);
        P4[] lq = pair(LQ_MASS, 30);
        boolean[] leptonic = tauModes();
        for (int i = 0; i < 2; i++) {
            P4[] d = lq[i].decay(0, 0, s);
            b.jet(d[0]);
            tau(d[1], leptonic[i]);
        }
    }

    /** h⁰ → ττ, m = 60 GeV, recoiling against initial-state jets; at least one τ decays leptonically. */
    private void h0() {
        isr(0.35);
        P4 h = singleBoson(H0_MASS);
        P4[] d = h.decay(0, 0, s);
        boolean[] leptonic = tauModes();
        tau(d[0], leptonic[0]);
        tau(d[1], leptonic[1]);
    }

    /** Pair-produced h± → τν, m = 60 GeV; at least one τ decays leptonically. */
    private void chargedHiggs() {
        isr(0.35);
        P4[] h = pair(HPM_MASS, 25);
        boolean[] leptonic = tauModes();
        for (int i = 0; i < 2; i++) {
            P4[] d = h[i].decay(0, 0, s);
            tau(d[0], leptonic[i]);
        }
    }

    // ---- building blocks ----

    /** e/γ or muon with equal probability. */
    private ObjectType lightLepton() {
        return s.chance(0.5) ? ObjectType.EGAMMA : ObjectType.MUON;
    }

    /**
     * Initial-state jets: their number is geometric, P(n) ∝ ratio^n (at most 6); each has a power-law pT, a
     * Gaussian η in the jet acceptance and a uniform φ. Their true momentum sum is left in recoilX/Y.
     */
    private void isr(double ratio) {
        recoilX = 0;
        recoilY = 0;
        for (int n = 0; n < MAX_ISR_JETS && s.chance(ratio); n++) {
            double pt = s.powerLaw(isrMinPt, ISR_PT_INDEX);
            double eta = s.truncatedGaussian(JET_ETA_SIGMA, ObjectType.JET.maxAbsEta());
            s.azimuth();
            recoilX += pt * s.cos;
            recoilY += pt * s.sin;
            b.jet(pt, eta, s.cos, s.sin);
        }
    }

    /** A boson of mass m balancing the initial-state jets, with a Gaussian rapidity. */
    private P4 singleBoson(double m) {
        return P4.ofRapidity(-recoilX, -recoilY, BOSON_Y_SIGMA * s.gaussian(), m);
    }

    /**
     * Two particles of mass m: the first with pT from a Gamma(2, scale) distribution and uniform φ, the second
     * balancing it and the initial-state jets; independent Gaussian rapidities.
     */
    private P4[] pair(double m, double ptScale) {
        double pt = s.gamma2(ptScale);
        s.azimuth();
        double x1 = pt * s.cos;
        double y1 = pt * s.sin;
        P4 a = P4.ofRapidity(x1, y1, PAIR_Y_SIGMA * s.gaussian(), m);
        P4 c = P4.ofRapidity(-x1 - recoilX, -y1 - recoilY, PAIR_Y_SIGMA * s.gaussian(), m);
        return new P4[] {a, c};
    }

    /** A jet with the given transverse momentum and a Gaussian η. */
    private void transverseJet(double px, double py) {
        double pt = Math.sqrt(px * px + py * py);
        if (pt > 1e-9) {
            b.jet(pt, s.truncatedGaussian(JET_ETA_SIGMA, ObjectType.JET.maxAbsEta()), px / pt, py / pt);
        }
    }

    /** A W decay mode: 0 eν, 1 μν, 2 τν (each 1/9), 3 qq̄′ (6/9). */
    private int wMode() {
        double u = s.uniform();
        return u < W_TO_LEPTON ? 0 : u < 2 * W_TO_LEPTON ? 1 : u < 3 * W_TO_LEPTON ? 2 : 3;
    }

    /** t → bW and the W decay of the given mode. */
    private void topDecay(P4 top, int mode) {
        P4[] bw = top.decay(B_MASS, W_MASS, s);
        b.jet(bw[0]);
        P4[] d = bw[1].decay(0, 0, s);
        switch (mode) {
            case 0 -> b.lepton(ObjectType.EGAMMA, d[0]);
            case 1 -> b.lepton(ObjectType.MUON, d[0]);
            case 2 -> tau(d[0], s.chance(2 * TAU_TO_LEPTON));
            default -> {
                b.jet(d[0]);
                b.jet(d[1]);
            }
        }
    }

    /**
     * Decay modes of two τ leptons, conditional on at least one leptonic (the only way these events fire the
     * lepton filter): independent draws with P(leptonic) = 0.35, repeated until one is leptonic.
     */
    private boolean[] tauModes() {
        boolean a;
        boolean c;
        do {
            a = s.chance(2 * TAU_TO_LEPTON);
            c = s.chance(2 * TAU_TO_LEPTON);
        } while (!a && !c);
        return new boolean[] {a, c};
    }

    /**
     * A τ in the collinear approximation: leptonic → e or μ carrying a fraction x of its momentum, drawn from
     * the massless Michel spectrum f(x) = (5 − 9x² + 4x³)/3; hadronic → a τ-jet carrying x uniform in [0.2, 1).
     * The rest goes to neutrinos.
     */
    private void tau(P4 tau, boolean leptonic) {
        if (leptonic) {
            double x;
            do {
                x = s.uniform();
            } while (s.uniform() * 5 > 5 - 9 * x * x + 4 * x * x * x);
            b.lepton(lightLepton(), tau.scale(x));
        } else {
            b.jet(tau.scale(s.uniform(0.2, 1.0)));
        }
    }
}
