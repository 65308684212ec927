package org.l1embed.events.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.ObjectThresholds;
import org.l1embed.events.ObjectType;
import org.l1embed.events.Process;

class SyntheticEventsTest {

    private static final int PT = EventLayout.PT;
    private static final int ETA = EventLayout.ETA;
    private static final int PHI = EventLayout.PHI;
    private static final int CLASS = EventLayout.CLASS;

    /** 20 000 nominal events per process, shared by the characteristic tests. */
    private static final Map<Process, EventSet> SAMPLES = new EnumMap<>(Process.class);

    @BeforeAll
    static void generateSamples() {
        SyntheticEvents g = new SyntheticEvents(2024);
        for (Process p : Process.values()) {
            SAMPLES.put(p, g.generate(p, 20_000));
        }
    }

    // ---- determinism ----

    @Test
    void sameSeedGivesTheSameBytes() {
        for (Process p : Process.values()) {
            EventSet a = new SyntheticEvents(99).generate(p, 1000);
            EventSet b = new SyntheticEvents(99).generate(p, 1000);
            assertArrayEquals(bits(a.particles()), bits(b.particles()), p.toString());
            assertArrayEquals(a.labels(), b.labels());
        }
    }

    @Test
    void anEventDependsOnlyOnSeedProcessAndIndexNotOnBlocking() {
        SyntheticEvents g = new SyntheticEvents(5);
        EventSet whole = g.generate(Process.W, 0, 9000, 0.0);
        EventSet parts = EventSet.concat(g.generate(Process.W, 0, 1234, 0.0), g.generate(Process.W, 1234, 7766, 0.0));
        assertArrayEquals(bits(whole.particles()), bits(parts.particles()));
    }

    @Test
    void differentSeedsOrProcessesGiveDifferentEvents() {
        EventSet a = new SyntheticEvents(1).generate(Process.QCD, 100);
        EventSet b = new SyntheticEvents(2).generate(Process.QCD, 100);
        assertFalse(Arrays.equals(a.particles(), b.particles()));
        assertTrue(Arrays.stream(a.labels()).allMatch(l -> l == Process.QCD.label()));
    }

    // ---- layout invariants ----

    @Test
    void layoutInvariantsHoldOnAHundredThousandEvents() {
        List<EventSet> parts = new ArrayList<>();
        parts.add(new SyntheticEvents(77).cocktail(80_000, 0.0));
        for (Process p : Process.signals()) {
            parts.add(SAMPLES.get(p).slice(0, 5000));
        }
        EventSet all = EventSet.concat(parts);
        assertEquals(100_000, all.size());
        ObjectThresholds t = ObjectThresholds.DEFAULT;
        for (int e = 0; e < all.size(); e++) {
            String at = "event " + e + " (" + all.process(e) + ")";
            assertTrue(EventLayout.passesTrigger(all.particles(), e), at + ": lepton filter");
            assertEquals(1f, all.value(e, 0, CLASS), at);
            assertEquals(0f, all.value(e, 0, ETA), at);
            assertTrue(all.value(e, 0, PT) >= 0, at);
            assertTrue(Math.abs(all.value(e, 0, PHI)) <= (float) Math.PI, at);
            for (ObjectType type : List.of(ObjectType.EGAMMA, ObjectType.MUON, ObjectType.JET)) {
                boolean empty = false;
                float previous = Float.POSITIVE_INFINITY;
                for (int r = type.firstRow(); r < type.endRow(); r++) {
                    float pt = all.value(e, r, PT);
                    if (pt == 0f) {
                        empty = true;
                        for (int f = 0; f < 4; f++) {
                            assertEquals(0f, all.value(e, r, f), at + " row " + r + ": empty slots are all zeros");
                        }
                        continue;
                    }
                    assertFalse(empty, at + " row " + r + ": no object after an empty slot");
                    assertTrue(pt <= previous, at + " row " + r + ": decreasing pT");
                    assertTrue(pt > t.of(type), at + " row " + r + ": above threshold, pT=" + pt);
                    assertEquals(type.classId(), all.value(e, r, CLASS), at + " row " + r);
                    assertTrue(Math.abs(all.value(e, r, ETA)) < type.maxAbsEta(), at + " row " + r + ": acceptance");
                    assertTrue(Math.abs(all.value(e, r, PHI)) <= (float) Math.PI, at + " row " + r);
                    previous = pt;
                }
            }
        }
    }

    @Test
    void metIsMinusTheVectorSumOfTheVisibleObjectsBeforeSmearing() {
        // Record jets down to the generation floor, so that every object entering MET is in the record.
        SyntheticEvents.Settings settings = new SyntheticEvents.Settings(new ObjectThresholds(3, 3, 10), 10, 0, 0);
        SyntheticEvents g = new SyntheticEvents(8, settings);
        for (Process p : Process.values()) {
            EventSet s = g.generate(p, 3000);
            for (int e = 0; e < s.size(); e++) {
                double[] r = residual(s, e);
                double sumPt = r[2];
                assertEquals(0.0, Math.hypot(r[0], r[1]), 1e-3 + 1e-6 * sumPt, p + " event " + e);
            }
        }
    }

    @Test
    void metSmearingHasTheDocumentedResolution() {
        SyntheticEvents.Settings settings = new SyntheticEvents.Settings(new ObjectThresholds(3, 3, 10), 10, 3.0, 0.3);
        EventSet s = new SyntheticEvents(9, settings).cocktail(40_000, 0.0);
        double chi2 = 0;
        for (int e = 0; e < s.size(); e++) {
            double[] r = residual(s, e);
            double sigma = 3.0 + 0.3 * Math.sqrt(r[2]);
            chi2 += (r[0] * r[0] + r[1] * r[1]) / (sigma * sigma);
        }
        assertEquals(2.0, chi2 / s.size(), 0.06, "mean of (rx² + ry²)/σ² for Gaussian noise in both components");
    }

    /** (MET + Σ visible) as x, y, and ΣpT of the visible objects, from the stored floats. */
    private static double[] residual(EventSet s, int e) {
        double x = s.value(e, 0, PT) * StrictMath.cos(s.value(e, 0, PHI));
        double y = s.value(e, 0, PT) * StrictMath.sin(s.value(e, 0, PHI));
        double sum = 0;
        for (int r = 1; r < EventLayout.OBJECTS; r++) {
            float pt = s.value(e, r, PT);
            x += pt * StrictMath.cos(s.value(e, r, PHI));
            y += pt * StrictMath.sin(s.value(e, r, PHI));
            sum += pt;
        }
        return new double[] {x, y, sum};
    }

    // ---- process characteristics ----

    @Test
    void wHasExactlyOneLeptonBalancedByMetAndFewJets() {
        Stats w = stats(Process.W);
        assertEquals(1.0, w.fraction(w.leptons, 1), "W → ℓν: one lepton");
        assertTrue(w.meanMet > 25, "MET balances the lepton: " + w.meanMet);
        assertTrue(w.meanJets < 0.5, "few jets: " + w.meanJets);
    }

    @Test
    void qcdHasSeveralJetsSmallMetAndALeptonNearThreshold() {
        Stats qcd = stats(Process.QCD);
        assertTrue(qcd.meanJets > 1.8, "multijet: " + qcd.meanJets);
        assertTrue(qcd.meanMet < 0.6 * stats(Process.W).meanMet, "small MET: " + qcd.meanMet);
        assertTrue(qcd.medianLeadingLeptonPt < 35, "lepton near the 23 GeV threshold: " + qcd.medianLeadingLeptonPt);
    }

    @Test
    void zHasTwoSameFlavourLeptonsWithMassPeakAtTheZ() {
        EventSet z = SAMPLES.get(Process.Z);
        List<Double> masses = new ArrayList<>();
        for (int e = 0; e < z.size(); e++) {
            for (ObjectType flavour : List.of(ObjectType.EGAMMA, ObjectType.MUON)) {
                int r = flavour.firstRow();
                if (z.value(e, r + 1, PT) > 0) {
                    masses.add(mass(z, e, r, r + 1));
                }
            }
        }
        assertTrue(masses.size() > 0.7 * z.size(), "two same-flavour leptons in most events: " + masses.size());
        double[] m = masses.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = m[m.length / 2];
        assertTrue(Math.abs(median - 91.19) < 1.5, "m_ll median " + median);
        int[] histogram = new int[60];
        for (double v : m) {
            if (v >= 60 && v < 120) {
                histogram[(int) (v - 60)]++;
            }
        }
        int peak = 0;
        for (int i = 1; i < histogram.length; i++) {
            peak = histogram[i] > histogram[peak] ? i : peak;
        }
        assertTrue(peak + 60 >= 88 && peak + 60 <= 93, "m_ll peak bin at " + (peak + 60) + " GeV");
        assertTrue(m[m.length / 10] > 80 && m[m.length * 9 / 10] < 100, "narrow peak");
        assertTrue(stats(Process.Z).meanMet < 20, "little MET: " + stats(Process.Z).meanMet);
    }

    @Test
    void ttbarHasFourOrMoreJetsAndLargeMet() {
        Stats t = stats(Process.TTBAR);
        assertTrue(t.atLeast(t.jets, 4) > 0.5, "≥ 4 jets: " + t.atLeast(t.jets, 4));
        assertTrue(t.meanLeadingJetPt > 60, "hard jets: " + t.meanLeadingJetPt);
        assertTrue(t.meanMet > 40, "MET: " + t.meanMet);
    }

    @Test
    void aToFourLeptonsHasMostlyThreeOrFourLeptons() {
        Stats a = stats(Process.A_TO_4L);
        assertTrue(a.meanLeptons > 3.0, "mean lepton multiplicity " + a.meanLeptons);
        assertTrue(a.fraction(a.leptons, 4) > 0.3, "four leptons: " + a.fraction(a.leptons, 4));
        assertTrue(a.meanMet < 20, "no neutrinos: " + a.meanMet);
    }

    @Test
    void leptoquarksHaveHardJetsALeptonAndMet() {
        Stats lq = stats(Process.LQ_TO_B_TAU);
        assertTrue(lq.meanJets > 2.0, "b-jets and τ-jets: " + lq.meanJets);
        assertTrue(lq.meanMet > 25, "neutrinos from τ decays: " + lq.meanMet);
        assertTrue(lq.atLeast(lq.leptons, 1) == 1.0);
    }

    @Test
    void neutralHiggsToTauTauHasALeptonATauJetAndModerateMet() {
        Stats h = stats(Process.H0_TO_TAU_TAU);
        assertTrue(h.atLeast(h.jets, 1) > 0.4, "τ-jet: " + h.atLeast(h.jets, 1));
        assertTrue(h.meanMet > 10, "MET: " + h.meanMet);
    }

    @Test
    void chargedHiggsHasLargerMetThanTheNeutralOne() {
        assertTrue(stats(Process.HPM_TO_TAU_NU).meanMet > 1.5 * stats(Process.H0_TO_TAU_TAU).meanMet);
    }

    // ---- jet energy scale ----

    @Test
    void shiftedSamplesAreTheSameEventsWithJetsScaledAndMigratingBothWays() {
        SyntheticEvents g = new SyntheticEvents(31);
        EventSet nominal = g.generate(Process.TTBAR, 5000);
        for (double nu : new double[] {0.05, -0.05}) {
            EventSet shifted = g.generate(Process.TTBAR, 5000, nu);
            double s = StrictMath.exp(nu);
            int gained = 0;
            int lost = 0;
            for (int e = 0; e < nominal.size(); e++) {
                for (int r = 1; r < ObjectType.JET.firstRow(); r++) {
                    for (int f = 0; f < 4; f++) {
                        assertEquals(nominal.value(e, r, f), shifted.value(e, r, f), "leptons are the same");
                    }
                }
                int before = jets(nominal, e);
                int after = jets(shifted, e);
                gained += after > before ? 1 : 0;
                lost += after < before ? 1 : 0;
                int common = Math.min(before, after);
                for (int j = 0; j < common; j++) {
                    int r = ObjectType.JET.firstRow() + j;
                    assertEquals((float) (nominal.value(e, r, PT) * s), shifted.value(e, r, PT), "event " + e + " jet " + j);
                }
            }
            if (nu > 0) {
                assertTrue(gained > 20 && lost == 0, "ν>0: jets only migrate up (" + gained + " events gained)");
            } else {
                assertTrue(lost > 20 && gained == 0, "ν<0: jets only migrate down (" + lost + " events lost)");
            }
        }
    }

    @Test
    void refusesShiftsLargerThanTheJetFloorAllows() {
        SyntheticEvents g = new SyntheticEvents(1);
        assertEquals(StrictMath.log(1.5), g.settings().maxNu());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.generate(Process.W, 10, 0.5));
        assertTrue(e.getMessage().startsWith("nu must be finite and <= 0.405"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.generate(Process.W, -1));
    }

    @Test
    void settingsAreValidated() {
        assertEquals("jetFloorPt must be in (0, jet threshold 15.0] GeV, got jetFloorPt=20.0",
                assertThrows(IllegalArgumentException.class,
                        () -> new SyntheticEvents.Settings(ObjectThresholds.DEFAULT, 20, 3, 0.3)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SyntheticEvents.Settings(ObjectThresholds.DEFAULT, 10, -1, 0.3));
        assertEquals(0.0, SyntheticEvents.Settings.DEFAULT.withoutMetNoise().metNoiseConstant());
    }

    // ---- helpers ----

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    private static int jets(EventSet s, int e) {
        int n = 0;
        for (int r = ObjectType.JET.firstRow(); r < ObjectType.JET.endRow(); r++) {
            n += s.value(e, r, PT) > 0 ? 1 : 0;
        }
        return n;
    }

    private static double mass(EventSet s, int e, int r1, int r2) {
        double px = 0;
        double py = 0;
        double pz = 0;
        double en = 0;
        for (int r : new int[] {r1, r2}) {
            double pt = s.value(e, r, PT);
            double eta = s.value(e, r, ETA);
            double phi = s.value(e, r, PHI);
            px += pt * Math.cos(phi);
            py += pt * Math.sin(phi);
            pz += pt * Math.sinh(eta);
            en += pt * Math.cosh(eta);
        }
        return Math.sqrt(Math.max(0, en * en - px * px - py * py - pz * pz));
    }

    private static final Map<Process, Stats> STATS = new EnumMap<>(Process.class);

    private static Stats stats(Process p) {
        return STATS.computeIfAbsent(p, q -> new Stats(SAMPLES.get(q)));
    }

    /** Multiplicities and means of one sample. */
    private static final class Stats {
        final int[] leptons = new int[9];
        final int[] jets = new int[11];
        final int n;
        final double meanMet;
        final double meanJets;
        final double meanLeptons;
        final double meanLeadingJetPt;
        final double medianLeadingLeptonPt;

        Stats(EventSet s) {
            n = s.size();
            double met = 0;
            double nj = 0;
            double nl = 0;
            double leadJet = 0;
            double[] leadLepton = new double[n];
            for (int e = 0; e < n; e++) {
                int l = 0;
                for (int r = ObjectType.EGAMMA.firstRow(); r < ObjectType.JET.firstRow(); r++) {
                    l += s.value(e, r, PT) > 0 ? 1 : 0;
                }
                int j = SyntheticEventsTest.jets(s, e);
                leptons[l]++;
                jets[j]++;
                met += s.value(e, 0, PT);
                nj += j;
                nl += l;
                leadJet += s.value(e, ObjectType.JET.firstRow(), PT);
                leadLepton[e] = Math.max(s.value(e, ObjectType.EGAMMA.firstRow(), PT), s.value(e, ObjectType.MUON.firstRow(), PT));
            }
            meanMet = met / n;
            meanJets = nj / n;
            meanLeptons = nl / n;
            meanLeadingJetPt = leadJet / n;
            Arrays.sort(leadLepton);
            medianLeadingLeptonPt = leadLepton[n / 2];
        }

        double fraction(int[] histogram, int k) {
            return histogram[k] / (double) n;
        }

        double atLeast(int[] histogram, int k) {
            int c = 0;
            for (int i = k; i < histogram.length; i++) {
                c += histogram[i];
            }
            return c / (double) n;
        }
    }
}
