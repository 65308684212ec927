package org.l1embed.cli.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.l1embed.analysis.metrics.RocBootstrap;
import org.l1embed.analysis.metrics.RocCurve;
import org.l1embed.analysis.plot.Chart;
import org.l1embed.analysis.plot.LegendPosition;
import org.l1embed.analysis.plot.OkabeIto;
import org.l1embed.analysis.plot.PairPlot;
import org.l1embed.analysis.plot.Series;
import org.l1embed.analysis.stats.ChiSquared;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;

/** The PNG figures of an evaluation report; each method writes one file and returns its name. */
final class EvaluationPlots {

    /** Colours of the representations, in report order. */
    private static final OkabeIto[] REPRESENTATION_COLOURS = {OkabeIto.BLUE, OkabeIto.ORANGE, OkabeIto.BLUISH_GREEN, OkabeIto.VERMILLION};

    /** Colours of the eight processes, by label. */
    private static final OkabeIto[] PROCESS_COLOURS = {OkabeIto.SKY_BLUE, OkabeIto.BLUE, OkabeIto.BLUISH_GREEN, OkabeIto.BLACK,
        OkabeIto.VERMILLION, OkabeIto.ORANGE, OkabeIto.REDDISH_PURPLE, OkabeIto.YELLOW};

    /** Points per process in the latent pair plot. */
    static final int PAIR_POINTS = 1500;

    private EvaluationPlots() {
    }

    static OkabeIto representationColour(int index) {
        return REPRESENTATION_COLOURS[index % REPRESENTATION_COLOURS.length];
    }

    /** ROC of one signal under the Mahalanobis score: efficiency vs background acceptance (log), one line per representation. */
    static String roc(Path dir, Process signal, List<DetectionMetrics> metrics) throws IOException {
        Chart.Builder c = Chart.builder("ROC, " + signal.shortName() + " (Mahalanobis score)").xLabel("background acceptance")
                .yLabel("signal efficiency").logX(true).yRange(0, 1).legend(LegendPosition.BOTTOM_RIGHT);
        for (int i = 0; i < metrics.size(); i++) {
            DetectionMetrics.SignalResult s = metrics.get(i).scores().get(DetectionMetrics.SCORE_KINDS.get(0)).get(signal);
            if (s == null) {
                continue;
            }
            RocCurve curve = s.curve();
            List<double[]> positive = positiveX(curve.backgroundAcceptance(), curve.signalEfficiency());
            c.add(Series.line(String.format(java.util.Locale.ROOT, "%s (AUC %.3f)", metrics.get(i).representation(),
                    s.bootstrap().auc().value()), positive.get(0), positive.get(1), representationColour(i)));
        }
        String name = "roc_" + signal.shortName() + ".png";
        c.build().write(dir.resolve(name));
        return name;
    }

    private static List<double[]> positiveX(double[] x, double[] y) {
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0) {
                xs.add(x[i]);
                ys.add(y[i]);
            }
        }
        return List.of(xs.stream().mapToDouble(Double::doubleValue).toArray(), ys.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * Signal efficiency vs trigger rate (acceptance × 40 MHz, log) for every signal, on one representation's Mahalanobis
     * score, with the bootstrap 68 % intervals at the trigger rates as error bars.
     */
    static String efficiencyVsRate(Path dir, DetectionMetrics metrics) throws IOException {
        Chart.Builder c = Chart.builder("Efficiency vs trigger rate, " + metrics.representation() + " (Mahalanobis score)")
                .xLabel("trigger rate of the 40 MHz background [Hz]").yLabel("signal efficiency").logX(true).yRange(0, 1)
                .legend(LegendPosition.TOP_LEFT);
        int k = 0;
        for (Map.Entry<Process, DetectionMetrics.SignalResult> s : metrics.scores().get(DetectionMetrics.SCORE_KINDS.get(0)).entrySet()) {
            OkabeIto colour = PROCESS_COLOURS[s.getKey().label() % PROCESS_COLOURS.length];
            RocCurve curve = s.getValue().curve();
            List<double[]> positive = positiveX(curve.rateHz(), curve.signalEfficiency());
            c.add(Series.line(s.getKey().shortName(), positive.get(0), positive.get(1), colour));
            List<RocBootstrap.EfficiencyEstimate> effs = s.getValue().bootstrap().efficiencies();
            double[] x = new double[effs.size()];
            double[] y = new double[effs.size()];
            double[] err = new double[effs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = effs.get(i).nominal().rateHz();
                y[i] = effs.get(i).efficiency().value();
                err[i] = Double.isFinite(effs.get(i).efficiency().std()) ? effs.get(i).efficiency().std() : 0;
            }
            c.add(Series.points(s.getKey().shortName() + " at trigger rates", x, y, colour).withErrors(err).hiddenFromLegend());
            k++;
        }
        String name = "efficiency_vs_rate_" + metrics.representation() + ".png";
        c.build().write(dir.resolve(name));
        return name;
    }

    /** The latent space by process: every pair of coordinates, background test events by process and every signal. */
    static String latentPairs(Path dir, Representation embedding, EventSet testBackground, long seed) throws IOException {
        int d = embedding.dimension();
        Map<Process, List<Integer>> byProcess = new LinkedHashMap<>();
        for (int e = 0; e < testBackground.size(); e++) {
            byProcess.computeIfAbsent(testBackground.process(e), p -> new ArrayList<>()).add(e);
        }
        List<PairPlot.Cloud> clouds = new ArrayList<>();
        for (Process p : Process.backgrounds()) {
            List<Integer> idx = byProcess.get(p);
            if (idx != null) {
                clouds.add(new PairPlot.Cloud(p.shortName(), AnomalyEvaluation.rows(embedding.test(), d, idx), PROCESS_COLOURS[p.label()]));
            }
        }
        for (Map.Entry<Process, float[]> s : embedding.signals().entrySet()) {
            clouds.add(new PairPlot.Cloud(s.getKey().shortName(), s.getValue(), PROCESS_COLOURS[s.getKey().label()]));
        }
        List<String> axes = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            axes.add("z" + k);
        }
        String name = "latent_pairs.png";
        PairPlot.of("Latent space", axes, clouds, PAIR_POINTS, seed).write(dir.resolve(name));
        return name;
    }

    /** Histogram of the null toys' t with the fitted χ² density scaled to the toys, for one representation. */
    static String nullDistribution(Path dir, String representation, double[] t, double dof) throws IOException {
        double max = 0;
        for (double v : t) {
            max = Math.max(max, v);
        }
        max = Math.max(max, dof + 4 * Math.sqrt(2 * dof)) * 1.05;
        double min = 0;
        for (double v : t) {
            min = Math.min(min, v);
        }
        int bins = Math.max(10, Math.min(40, t.length / 5));
        double width = (max - min) / bins;
        double[] edges = new double[bins + 1];
        double[] counts = new double[bins];
        for (int b = 0; b <= bins; b++) {
            edges[b] = min + b * width;
        }
        for (double v : t) {
            counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        int points = 200;
        double[] x = new double[points];
        double[] y = new double[points];
        for (int i = 0; i < points; i++) {
            double a = min + (max - min) * i / (points - 1);
            double b = a + width;
            // Expected toys in a bin of the histogram's width starting at a.
            x[i] = a + width / 2;
            y[i] = t.length * (ChiSquared.survival(Math.max(0, a), dof) - ChiSquared.survival(Math.max(0, b), dof));
        }
        Chart chart = Chart.builder("NPLM null distribution, " + representation).xLabel("t").yLabel("toys per bin")
                .legend(LegendPosition.TOP_RIGHT)
                .add(Series.step(t.length + " null toys", edges, counts, OkabeIto.BLUE))
                .add(Series.line(String.format(java.util.Locale.ROOT, "chi2 fit, dof %.2f", dof), x, y, OkabeIto.VERMILLION))
                .build();
        String name = "nplm_null_" + representation + ".png";
        chart.write(dir.resolve(name));
        return name;
    }

    /**
     * Z vs injected signal events for one signal, one line per representation.
     *
     * @param z representation → Z at each injection (NaN where not computed)
     */
    static String zVsInjection(Path dir, Process signal, int[] injections, Map<String, double[]> z) throws IOException {
        Chart.Builder c = Chart.builder("NPLM significance vs injected " + signal.shortName()).xLabel("injected signal events")
                .yLabel("Z (chi2 fit of the null)").legend(LegendPosition.TOP_LEFT);
        int i = 0;
        for (Map.Entry<String, double[]> e : z.entrySet()) {
            List<Double> xs = new ArrayList<>();
            List<Double> ys = new ArrayList<>();
            for (int k = 0; k < injections.length; k++) {
                if (Double.isFinite(e.getValue()[k])) {
                    xs.add((double) injections[k]);
                    ys.add(e.getValue()[k]);
                }
            }
            if (!xs.isEmpty()) {
                double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
                double[] y = ys.stream().mapToDouble(Double::doubleValue).toArray();
                c.add(Series.line(e.getKey(), x, y, representationColour(i)));
                c.add(Series.points(e.getKey() + " points", x, y, representationColour(i)).hiddenFromLegend());
            }
            i++;
        }
        String name = "nplm_z_" + signal.shortName() + ".png";
        c.build().write(dir.resolve(name));
        return name;
    }

    /**
     * The nuisance check: Z of background-only pseudo-data shifted by ν, from the nominal test and from the
     * systematics-aware one.
     */
    static String nuisanceCheck(Path dir, double[] nu, double[] zNominal, double[] zAware) throws IOException {
        Chart chart = Chart.builder("Background shifted by the nuisance: nominal vs systematics-aware NPLM").xLabel("nu (JES, log scale)")
                .yLabel("Z (chi2 fit of the null)").legend(LegendPosition.TOP_LEFT)
                .add(Series.line("nominal t", nu, zNominal, OkabeIto.VERMILLION))
                .add(Series.points("nominal t points", nu, zNominal, OkabeIto.VERMILLION).hiddenFromLegend())
                .add(Series.line("t = tau - Delta", nu, zAware, OkabeIto.BLUE))
                .add(Series.points("tau - Delta points", nu, zAware, OkabeIto.BLUE).hiddenFromLegend())
                .build();
        String name = "nplm_nuisance.png";
        chart.write(dir.resolve(name));
        return name;
    }
}
