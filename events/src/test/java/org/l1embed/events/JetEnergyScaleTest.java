package org.l1embed.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.l1embed.events.synthetic.SyntheticEvents;

class JetEnergyScaleTest {

    private static final int PT = EventLayout.PT;
    private static final int ETA = EventLayout.ETA;
    private static final int PHI = EventLayout.PHI;
    private static final int CLASS = EventLayout.CLASS;

    @Test
    void nuZeroLeavesEventsThatPassTheThresholdsUnchangedBitForBit() {
        EventSet events = new SyntheticEvents(11).cocktail(5000, 0.0);
        EventSet same = JetEnergyScale.apply(events, 0.0, ObjectThresholds.DEFAULT);
        assertArrayEquals(events.particles(), same.particles());
        assertArrayEquals(events.labels(), same.labels());
    }

    @Test
    void scalesEveryJetByExpNuRoundedOnceToFloat() {
        EventSet events = new SyntheticEvents(12).generate(Process.TTBAR, 3000);
        for (double nu : new double[] {-0.05, -0.025, 0.025, 0.05}) {
            double s = StrictMath.exp(nu);
            // No thresholds, so that every jet survives and can be compared slot by slot.
            EventSet shifted = JetEnergyScale.apply(events, nu, ObjectThresholds.NONE);
            int jets = 0;
            for (int e = 0; e < events.size(); e++) {
                for (int r = ObjectType.JET.firstRow(); r < ObjectType.JET.endRow(); r++) {
                    float old = events.value(e, r, PT);
                    float now = shifted.value(e, r, PT);
                    assertEquals((float) (old * s), now, "event " + e + " row " + r);
                    if (old > 0) {
                        jets++;
                        assertTrue(Math.abs(now / (double) old - s) <= 0x1p-24 * s + 0x1p-52, "relative error at " + old);
                    }
                    assertEquals(events.value(e, r, ETA), shifted.value(e, r, ETA));
                    assertEquals(events.value(e, r, PHI), shifted.value(e, r, PHI));
                    assertEquals(events.value(e, r, CLASS), shifted.value(e, r, CLASS));
                }
                for (int r = ObjectType.EGAMMA.firstRow(); r < ObjectType.JET.firstRow(); r++) {
                    for (int f = 0; f < 4; f++) {
                        assertEquals(events.value(e, r, f), shifted.value(e, r, f), "leptons are not shifted");
                    }
                }
            }
            assertTrue(jets > 9000, "jets compared: " + jets);
        }
    }

    @Test
    void recomputesMetFromTheShiftedJets() {
        EventSet events = new TestEvents().event(Process.W)
                .met(20, 0).egamma(30, 0.5, Math.PI).jet(100, 0.1, 0).jet(40, -1.0, Math.PI / 2).build();
        double nu = 0.05;
        EventSet shifted = JetEnergyScale.apply(events, nu, ObjectThresholds.DEFAULT);
        double s = StrictMath.exp(nu);
        float j1 = (float) (100f * s);
        float j2 = (float) (40f * s);
        double d1 = (double) j1 - 100f;
        double d2 = (double) j2 - 40f;
        float phi2 = (float) (Math.PI / 2);
        double mx = 20 - d1 * StrictMath.cos(0) - d2 * StrictMath.cos(phi2);
        double my = 0 - d1 * StrictMath.sin(0) - d2 * StrictMath.sin(phi2);
        assertEquals(j1, shifted.value(0, 9, PT));
        assertEquals(j2, shifted.value(0, 10, PT));
        assertEquals((float) Math.sqrt(mx * mx + my * my), shifted.value(0, 0, PT));
        assertEquals((float) StrictMath.atan2(my, mx), shifted.value(0, 0, PHI));
        assertEquals(0f, shifted.value(0, 0, ETA));
        assertEquals(1f, shifted.value(0, 0, CLASS));
        // Physics: the vector sum MET + jets is conserved (the lepton is untouched).
        double before = 20 + 100;
        double after = shifted.value(0, 0, PT) * Math.cos(shifted.value(0, 0, PHI)) + j1 * Math.cos(0) + j2 * Math.cos(phi2);
        assertEquals(before, after, 1e-4);
    }

    @Test
    void jetsThatFallBelowTheThresholdAfterADownwardShiftLeaveTheRecordButStayInMet() {
        EventSet events = new TestEvents().event(Process.QCD)
                .met(10, 1.0).muon(25, 0.3, 0.2).jet(60, 0.0, 0.5).jet(15.5, 1.0, -2.0).jet(15.4, 2.0, 3.0).build();
        double nu = -0.05;
        EventSet shifted = JetEnergyScale.apply(events, nu, ObjectThresholds.DEFAULT);
        double s = StrictMath.exp(nu);
        assertEquals((float) (60f * s), shifted.value(0, 9, PT));
        for (int r = 10; r < 19; r++) {
            for (int f = 0; f < 4; f++) {
                assertEquals(0f, shifted.value(0, r, f), "15.5·e^-0.05 = 14.74 and 15.4·e^-0.05 < 15: removed, row " + r);
            }
        }
        // MET still accounts for the removed jets' shift: compare with the vector recomputed from all three.
        double mx = 10 * StrictMath.cos(1.0f);
        double my = 10 * StrictMath.sin(1.0f);
        float[] pts = {60f, 15.5f, 15.4f};
        float[] phis = {0.5f, -2.0f, 3.0f};
        for (int j = 0; j < 3; j++) {
            double d = (double) (float) (pts[j] * s) - pts[j];
            mx -= d * StrictMath.cos(phis[j]);
            my -= d * StrictMath.sin(phis[j]);
        }
        assertEquals((float) Math.sqrt(mx * mx + my * my), shifted.value(0, 0, PT));
        assertEquals(25f, shifted.value(0, 5, PT));
    }

    @Test
    void jetsBelowTheThresholdCrossItAfterAnUpwardShift() {
        EventSet events = new TestEvents().event(Process.W)
                .met(30, 0).egamma(40, 0, 3).jet(14.5, 0.2, 1.0).build();
        assertEquals(0f, JetEnergyScale.apply(events, 0.0, ObjectThresholds.DEFAULT).value(0, 9, PT),
                "nominal: 14.5 GeV is below the 15 GeV threshold");
        EventSet up = JetEnergyScale.apply(events, 0.05, ObjectThresholds.DEFAULT);
        assertEquals((float) (14.5f * StrictMath.exp(0.05)), up.value(0, 9, PT));
        assertTrue(up.value(0, 9, PT) > 15f);
        assertEquals(4f, up.value(0, 9, CLASS));
    }

    @Test
    void thresholdsAreAppliedInEveryVariantAndKeptObjectsMoveUpInOrder() {
        EventSet events = new TestEvents().event(Process.Z)
                .met(5, 0).egamma(40, 0, 0).egamma(2, 0, 1).egamma(35, 0.1, 2).muon(1, 0, 0).build();
        EventSet out = JetEnergyScale.apply(events, 0.0, ObjectThresholds.DEFAULT);
        assertEquals(40f, out.value(0, 1, PT));
        assertEquals(35f, out.value(0, 2, PT), "the 35 GeV e/γ moves up into the freed slot");
        assertEquals(2f, out.value(0, 2, PHI));
        for (int f = 0; f < 4; f++) {
            assertEquals(0f, out.value(0, 3, f));
            assertEquals(0f, out.value(0, 5, f), "the 1 GeV muon is below 3 GeV");
        }
        assertEquals(5f, out.value(0, 0, PT), "MET is untouched when no jet moves");
    }

    @Test
    void keepsLabelsAndWeights() {
        EventSet base = new TestEvents().event(Process.H0_TO_TAU_TAU).met(5, 0).muon(30, 0, 0).jet(50, 0, 0).build();
        EventSet weighted = EventSet.of(base.particles(), base.labels(), new float[] {0.25f});
        EventSet out = JetEnergyScale.withJes(weighted, 0.025);
        assertArrayEquals(new int[] {6}, out.labels());
        assertArrayEquals(new float[] {0.25f}, out.weights());
    }

    @Test
    void rejectsNonFiniteNu() {
        EventSet e = new TestEvents().event(Process.W).met(1, 0).build();
        assertEquals("nu must be finite, got nu=NaN",
                assertThrows(IllegalArgumentException.class, () -> JetEnergyScale.withJes(e, Double.NaN)).getMessage());
    }
}
