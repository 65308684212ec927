package org.l1embed.training.nuisance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.l1embed.events.EventSet;
import org.l1embed.events.JetEnergyScale;
import org.l1embed.events.ObjectThresholds;
import org.l1embed.events.Process;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.quantization.bundle.NuisanceModel;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.training.model.ContrastiveModel;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.model.OptimizerConfig;
import org.l1embed.training.preprocess.PtStandardization;

/**
 * One short pre-training and one short fine-tuning on synthetic backgrounds, shared by the tests. Source events
 * are generated with the jet threshold at the generator's jet floor, so the shifts migrate jets both ways.
 */
class NuisanceFineTunerTest {

    private static final int FEATURES = 57;
    private static final ObjectThresholds THRESHOLDS = ObjectThresholds.DEFAULT;
    private static final SyntheticEvents.Settings SOURCE_SETTINGS =
            SyntheticEvents.Settings.DEFAULT.withThresholds(THRESHOLDS.withJetPt(SyntheticEvents.Settings.DEFAULT.jetFloorPt()));
    private static final SyntheticEvents GENERATOR = new SyntheticEvents(7L, SOURCE_SETTINGS);

    private static EventSet train;
    private static EventSet heldOut;
    private static Preprocessing nominal;
    private static NuisanceFineTuner tuner;
    private static List<NuisanceFineTuner.EpochLosses> history;
    private static ModelConfig modelConfig;
    private static NuisanceFineTuner frozen;
    private static List<NuisanceFineTuner.EpochLosses> frozenHistory;
    private static Map<String, float[]> sourceValues;
    private static float[] heldOutInputs;
    private static float[] sourceLatent;

    @BeforeAll
    static void fineTune() {
        train = backgrounds(0, 3000);
        heldOut = backgrounds(1_000_000, 5000);
        float[] trainX = JetEnergyScale.apply(train, 0.0, THRESHOLDS).networkFeatures();
        nominal = PtStandardization.fit(trainX, FEATURES);
        float[] x = PtStandardization.applyAll(nominal, trainX, FEATURES);
        int[] labels = train.labels();
        modelConfig = ModelConfig.defaults().withEncoder(List.of(32, 32), 4).withHead(List.of(16, 32));
        try (ContrastiveModel model = ContrastiveModel.create(modelConfig, OptimizerConfig.defaults(), true)) {
            SplittableRandom rng = new SplittableRandom(3);
            int b = 256;
            float[] bx = new float[b * FEATURES];
            int[] bl = new int[b];
            for (int step = 1; step <= 150; step++) {
                for (int i = 0; i < b; i++) {
                    int e = rng.nextInt(train.size());
                    System.arraycopy(x, e * FEATURES, bx, i * FEATURES, FEATURES);
                    bl[i] = labels[e];
                }
                model.trainStep(bx, bl, 3e-3, step);
            }
            tuner = NuisanceFineTuner.start(model, new NuisanceConfig(Nuisance.JES, 0.05, 2, 0.5), 11L, true);
            frozen = NuisanceFineTuner.start(model, new NuisanceConfig(Nuisance.JES, 0.05, 2, 0.5),
                    NuisanceFineTuner.Mode.CLASSIFIER_ONLY, 11L, true);
            sourceValues = model.variableValues();
            heldOutInputs = PtStandardization.applyAll(nominal, heldOut.slice(0, 500).networkFeatures(), FEATURES);
            sourceLatent = model.embed(heldOutInputs);
        }
        history = tuner.fit(train, THRESHOLDS, nominal, new NuisanceFineTuner.Schedule(20, 256, 3e-3, 5L));
        history.forEach(h -> System.out.printf("epoch %d: supcon %.5f  param %.5f  total %.5f%n", h.epoch(), h.supCon(), h.param(), h.total()));
        frozenHistory = frozen.fit(train, THRESHOLDS, nominal, new NuisanceFineTuner.Schedule(10, 256, 3e-3, 5L));
        frozenHistory.forEach(h -> System.out.printf("classifier only, epoch %d: supcon %.5f  param %.5f  total %.5f%n",
                h.epoch(), h.supCon(), h.param(), h.total()));
    }

    @AfterAll
    static void close() {
        if (tuner != null) {
            tuner.close();
        }
        if (frozen != null) {
            frozen.close();
        }
    }

    private static EventSet backgrounds(long first, int perProcess) {
        List<EventSet> parts = new ArrayList<>();
        for (Process p : Process.backgrounds()) {
            parts.add(GENERATOR.generate(p, first, perProcess, 0.0));
        }
        return EventSet.concat(parts);
    }

    private static float[] latents(EventSet source, double nu) {
        return tuner.embed(PtStandardization.applyAll(nominal, JetEnergyScale.apply(source, nu, THRESHOLDS).networkFeatures(), FEATURES));
    }

    @Test
    void shiftingLowThresholdSourceEventsReproducesTheGeneratorsShiftedEvents() {
        double nu = 0.037;
        EventSet direct = new SyntheticEvents(7L).generate(Process.backgrounds().get(0), 0, 200, nu);
        EventSet viaSource = JetEnergyScale.apply(GENERATOR.generate(Process.backgrounds().get(0), 0, 200, 0.0), nu, THRESHOLDS);
        assertArrayEquals(direct.particles(), viaSource.particles());
    }

    @Test
    void parameterizedLossFallsDuringFineTuning() {
        double first = history.get(0).param();
        double last = history.get(history.size() - 1).param();
        System.out.printf("L_param first epoch %.5f, last epoch %.5f (log 2 = %.5f)%n", first, last, Math.log(2));
        assertTrue(last < first, "L_param must fall: first=" + first + ", last=" + last);
        assertTrue(last < Math.log(2), "L_param must end below the chance value log 2, got " + last);
    }

    @Test
    void learnedLogRatioSeparatesAndTracksHeldOutShifts() {
        for (double nu : new double[] {0.037, -0.042}) {
            float[] z0 = latents(heldOut, 0.0);
            float[] z1 = latents(heldOut, nu);
            float[] f0 = tuner.logRatios(z0, nu);
            float[] f1 = tuner.logRatios(z1, nu);
            double m0 = mean(f0);
            double m1 = mean(f1);
            // Binned along f itself (its own sufficient statistic): per-bin mean f against log(n_ν/n_0).
            int bins = 10;
            float[] pooled = new float[f0.length + f1.length];
            System.arraycopy(f0, 0, pooled, 0, f0.length);
            System.arraycopy(f1, 0, pooled, f0.length, f1.length);
            float[] sorted = pooled.clone();
            Arrays.sort(sorted);
            double[] edges = new double[bins - 1];
            for (int i = 1; i < bins; i++) {
                edges[i - 1] = sorted[i * sorted.length / bins];
            }
            double[] n0 = new double[bins];
            double[] n1 = new double[bins];
            double[] sumF = new double[bins];
            for (int i = 0; i < pooled.length; i++) {
                int bin = bin(edges, pooled[i]);
                sumF[bin] += pooled[i];
                if (i < f0.length) {
                    n0[bin]++;
                } else {
                    n1[bin]++;
                }
            }
            double[] meanF = new double[bins];
            double[] empirical = new double[bins];
            System.out.printf("nu=%.3f: mean f shifted %.5f, nominal %.5f%n", nu, m1, m0);
            for (int b = 0; b < bins; b++) {
                meanF[b] = sumF[b] / (n0[b] + n1[b]);
                empirical[b] = Math.log((n1[b] + 0.5) / (n0[b] + 0.5));
                System.out.printf("  bin %d: n0 %5.0f n1 %5.0f  mean f %+.4f  log(n_nu/n_0) %+.4f%n", b, n0[b], n1[b], meanF[b], empirical[b]);
            }
            double r = correlation(meanF, empirical);
            System.out.printf("  correlation %.3f%n", r);
            // E_0[e^f] = 1 for a calibrated ratio (the reweighting physics.md uses); the KL-sized means (~1e-3)
            // are below the offset noise of so short a run, so their sign is printed, not asserted.
            double norm = 0;
            for (float f : f0) {
                norm += Math.exp(f);
            }
            norm /= f0.length;
            System.out.printf("  E_0[e^f] %.5f%n", norm);
            assertEquals(1.0, norm, 0.01, "nominal events reweighted by e^f must keep their normalisation at nu=" + nu);
            assertTrue(m1 > m0, "mean f must be larger over shifted than nominal events at nu=" + nu + ": " + m1 + " vs " + m0);
            assertTrue(r > 0.5, "binned f must track the empirical log-ratio at nu=" + nu + ", correlation " + r);
        }
    }

    @Test
    void javaClassifierAgreesWithTheGraph() {
        NuisanceModel c = NuisanceModel.parse(new String(tuner.classifier("the test's events").toJsonBytes(),
                java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(2, c.order());
        assertEquals("jes", c.nuisance());
        float[] z = latents(heldOut.slice(0, 200), 0.0);
        for (double nu : new double[] {-0.05, 0.02, 0.049}) {
            float[] graph = tuner.logRatios(z, nu);
            for (int i = 0; i < 200; i++) {
                double java = c.logRatio(Arrays.copyOfRange(z, 4 * i, 4 * i + 4), nu);
                assertEquals(graph[i], java, 1e-5 * (1 + Math.abs(java)), "event " + i + ", nu=" + nu);
                assertEquals(graph[i], tuner.logRatio(Arrays.copyOfRange(z, 4 * i, 4 * i + 4), nu), 1e-6 * (1 + Math.abs(java)));
            }
        }
    }

    @Test
    void fineTunedVariablesLoadIntoAContrastiveModelAndEmbedTheSame() {
        Map<String, float[]> values = tuner.modelVariables();
        float[] x = PtStandardization.applyAll(nominal, heldOut.slice(0, 300).networkFeatures(), FEATURES);
        try (ContrastiveModel model = ContrastiveModel.create(modelConfig, OptimizerConfig.defaults(), true)) {
            model.setVariableValues(values);
            assertArrayEquals(model.embed(x), tuner.embed(x), 1e-5f);
        }
        NetworkSpec spec = tuner.encoderSpec("nuisance_tuned");
        assertEquals("nuisance_tuned", spec.name());
    }

    @Test
    void classifierOnlyFittingLowersTheParameterizedLoss() {
        assertEquals(NuisanceFineTuner.Mode.CLASSIFIER_ONLY, frozen.mode());
        double first = frozenHistory.get(0).param();
        double last = frozenHistory.get(frozenHistory.size() - 1).param();
        System.out.printf("classifier only: L_param first epoch %.5f, last epoch %.5f (log 2 = %.5f)%n", first, last, Math.log(2));
        assertTrue(last < first, "L_param must fall: first=" + first + ", last=" + last);
        assertTrue(last < Math.log(2), "L_param must end below the chance value log 2, got " + last);
        for (NuisanceFineTuner.EpochLosses losses : frozenHistory) {
            assertTrue(Double.isFinite(losses.supCon()), "the frozen model's SupCon loss is reported: " + losses);
            assertEquals(losses.supCon() + 0.5 * losses.param(), losses.total(), 1e-5, "total = SupCon + λ·param: " + losses);
        }
    }

    @Test
    void classifierOnlyLeavesEveryModelVariableBitIdentical() {
        Map<String, float[]> after = frozen.modelVariables();
        assertEquals(List.copyOf(sourceValues.keySet()), List.copyOf(after.keySet()));
        for (Map.Entry<String, float[]> e : sourceValues.entrySet()) {
            assertArrayEquals(bits(e.getValue()), bits(after.get(e.getKey())), "variable " + e.getKey());
        }
    }

    @Test
    void classifierOnlyEmbedsExactlyAsTheSourceModel() {
        assertArrayEquals(bits(sourceLatent), bits(frozen.embed(heldOutInputs)));
    }

    @Test
    void fineTuningMovesTheEncoderAndTheRunningStatistics() {
        Map<String, float[]> after = tuner.modelVariables();
        for (String name : List.of("encoder/dense_0/kernel", "encoder/batch_norm_0/running_mean")) {
            assertTrue(!Arrays.equals(bits(sourceValues.get(name)), bits(after.get(name))), name + " must change");
        }
    }

    private static int[] bits(float[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Float.floatToRawIntBits(values[i]);
        }
        return out;
    }

    private static int bin(double[] edges, double v) {
        int b = 0;
        while (b < edges.length && v >= edges[b]) {
            b++;
        }
        return b;
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double correlation(double[] a, double[] b) {
        double ma = Arrays.stream(a).average().orElseThrow();
        double mb = Arrays.stream(b).average().orElseThrow();
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
