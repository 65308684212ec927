package org.l1embed.cli.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.l1embed.events.EventSet;
import org.l1embed.events.JetEnergyScale;
import org.l1embed.events.ObjectThresholds;
import org.l1embed.events.Process;
import org.l1embed.events.synthetic.SyntheticEvents;

/** The pieces of the fine-tune job that need no training: source events and the held-out check's arithmetic. */
class FinetuneJobTest {

    @Test
    void sourceEventsAtNominalAreTheTrainingGeneratorsEvents() {
        // Lowering the jet threshold to the jet floor only postpones the cut: applying it gives the default generator's events.
        EventSet source = FinetuneJob.sourceCocktail(7L, 0, 400);
        EventSet nominal = JetEnergyScale.apply(source, 0.0, ObjectThresholds.DEFAULT);
        assertEquals(new SyntheticEvents(7L).cocktail(400, 0.0).toString(), nominal.toString());
        org.junit.jupiter.api.Assertions.assertArrayEquals(new SyntheticEvents(7L).cocktail(400, 0.0).particles(), nominal.particles());
        assertEquals(Process.backgrounds().size(), java.util.Arrays.stream(source.labels()).distinct().count());
    }

    @Test
    void heldOutEventsAreNotTheSourceEvents() {
        EventSet a = FinetuneJob.sourceCocktail(7L, 0, 200);
        EventSet b = FinetuneJob.sourceCocktail(7L, FinetuneJob.HELD_OUT_FIRST, 200);
        assertTrue(!java.util.Arrays.equals(a.particles(), b.particles()));
    }

    @Test
    void aConstantRatioHasNoCorrelationAndUnitNormalization() {
        float[] zero = new float[1000];
        FinetuneJob.HeldOutCheck c = FinetuneJob.check(new FinetuneJob.HeldOutLatents(0.04, new float[0], new float[0], zero, zero));
        assertTrue(Double.isNaN(c.correlation()), c.toString());
        assertEquals(1.0, c.normalization());
        assertEquals(0.0, c.meanFNominal());
        assertEquals(0.0, c.meanFShifted());
    }

    @Test
    void theExactLogRatioOfTwoGaussiansPassesTheCheck() {
        // Nominal z ~ N(0, 1), shifted z ~ N(mu, 1): log(n_1/n_0)(z) = mu·z − mu²/2 exactly, and E_0[e^f] = 1.
        double mu = 0.5;
        int n = 20_000;
        java.util.SplittableRandom rng = new java.util.SplittableRandom(3);
        float[] f0 = new float[n];
        float[] f1 = new float[n];
        for (int i = 0; i < n; i++) {
            f0[i] = (float) (mu * rng.nextGaussian() - mu * mu / 2);
            f1[i] = (float) (mu * (rng.nextGaussian() + mu) - mu * mu / 2);
        }
        FinetuneJob.HeldOutCheck c = FinetuneJob.check(new FinetuneJob.HeldOutLatents(-0.03, new float[0], new float[0], f0, f1));
        assertEquals(-0.03, c.nu());
        assertTrue(c.correlation() > 0.99, c.toString());
        assertEquals(1.0, c.normalization(), 0.02, c.toString());
        assertEquals(-mu * mu / 2, c.meanFNominal(), 0.02, c.toString());
        assertEquals(mu * mu / 2, c.meanFShifted(), 0.02, c.toString());
    }
}
