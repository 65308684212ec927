package org.l1embed.cli.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.l1embed.analysis.nplm.ChiSquaredFit;
import org.l1embed.analysis.nplm.KernelWidth;
import org.l1embed.analysis.nplm.NplmSettings;
import org.l1embed.analysis.nplm.Sample;
import org.l1embed.analysis.nplm.Significance;
import org.l1embed.analysis.nplm.ToyDistribution;
import org.l1embed.analysis.nplm.Toys;
import org.l1embed.events.Process;
import org.l1embed.events.SplitMix64;
import org.l1embed.quantization.json.StrictJson;

/**
 * The NPLM signal-agnostic test on one representation ({@code analysis.nplm}): the reference is N_R events of the fit
 * half of the background; pseudo-data are N_D ~ Poisson(expected N_D) events of the test half (disjoint), plus, for the
 * injection study, N_S ~ Poisson(n) events of a signal. Null toys give the empirical distribution of t and a χ² fit of
 * its degrees of freedom; each injection's median t over a few pseudo-data sets gives Z, empirically (capped by the
 * number of toys) and from the χ² fit (beyond the toys' reach). The kernel width is the reference's 90th percentile of
 * pairwise distances, fixed for every fit of the representation.
 *
 * @param representation the representation's name
 * @param toys           the toys (reference, pool, settings with σ fixed)
 * @param expectedData   expected N_D
 * @param nullT          null toys' t
 * @param chi2           the χ² fit of the null toys
 * @param injections     signal → one result per injected count
 */
public record NplmStudy(String representation, Toys toys, double expectedData, ToyDistribution nullT, ChiSquaredFit chi2,
                        Map<Process, List<Injection>> injections) {

    /**
     * One injected signal count.
     *
     * @param signalEvents expected injected signal events
     * @param t            t of each pseudo-data set
     * @param medianT      their median
     * @param empirical    the median's significance against the null toys
     * @param chiSquared   the median's significance from the χ² fit
     */
    public record Injection(int signalEvents, double[] t, double medianT, Significance empirical, Significance chiSquared) {
    }

    /** Seeds: null toys, then injection toys per signal and count, derived from the evaluation seed. */
    private static final long NULL_STREAM = 0x4E554C4CL;

    /**
     * Runs the study.
     *
     * @param reference  the reference sample (N_R events of the fit half)
     * @param pool       the test half, where pseudo-data come from
     * @param signals    signal → its events in this representation
     * @param injections expected injected signal events, each &gt;= 0
     */
    public static NplmStudy run(String representation, Sample reference, Sample pool, Map<Process, Sample> signals, EvaluateJob.NplmOptions o,
                                int[] injections, long seed, PrintStream log) {
        double expected = o.data();
        NplmSettings settings = NplmSettings.defaults().withCentres(o.centres()).withLambda(o.lambda()).withSolver(o.solver())
                .withSeed(seed);
        Toys toys = new Toys(reference, pool, expected, settings);
        long started = System.nanoTime();
        ToyDistribution nullT = toys.nullDistribution(o.toys(), SplitMix64.derive(seed, NULL_STREAM));
        ChiSquaredFit chi2 = nullT.fitChiSquared();
        log.printf(Locale.ROOT, "nplm %s: %d null toys (N_R %d, N_D ~ Poisson(%.0f), M %d, sigma %.3f) in %.1f s: mean t %.2f, chi2 dof %.2f +- %.2f%n",
                representation, o.toys(), reference.size(), expected, o.centres(), sigma(toys.settings()),
                (System.nanoTime() - started) / 1e9, nullT.mean(), chi2.degreesOfFreedom(), chi2.standardError());
        Map<Process, List<Injection>> out = new LinkedHashMap<>();
        for (Map.Entry<Process, Sample> s : signals.entrySet()) {
            List<Injection> list = new java.util.ArrayList<>();
            for (int n : injections) {
                if (n > s.getValue().size() / 2) {
                    continue;   // a Poisson draw could exceed the signal sample
                }
                long injectionSeed = SplitMix64.derive(seed, ((long) s.getKey().label() << 32) ^ n);
                double[] t = toys.distribution(o.injectionToys(), injectionSeed, s.getValue(), n).values();
                double median = median(t);
                list.add(new Injection(n, t, median, nullT.empiricalSignificance(median), Significance.chiSquared(median,
                        chi2.degreesOfFreedom())));
            }
            out.put(s.getKey(), List.copyOf(list));
            if (!list.isEmpty()) {
                Injection last = list.get(list.size() - 1);
                log.printf(Locale.ROOT, "nplm %s: %s, %d injected events: median t %.1f, Z %.2f (chi2) / %.2f (toys)%n", representation,
                        s.getKey().shortName(), last.signalEvents(), last.medianT(), last.chiSquared().z(), last.empirical().z());
            }
        }
        return new NplmStudy(representation, toys, expected, nullT, chi2, out);
    }

    /** σ of settings whose width is fixed (as {@link Toys} fixes it). */
    static double sigma(NplmSettings s) {
        return s.width() instanceof KernelWidth.Fixed f ? f.sigma() : Double.NaN;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    /** The study as report JSON. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("features", toys.reference().dimension());
        n.put("referenceEvents", toys.reference().size());
        n.put("expectedDataEvents", expectedData);
        NplmSettings s = toys.settings();
        n.put("centres", s.centres());
        n.put("sigma", sigma(s));
        n.put("lambda", s.lambda());
        n.put("solver", s.solver().name());
        nullJson(n.putObject("null"), nullT, chi2);
        ObjectNode inj = n.putObject("injections");
        for (Map.Entry<Process, List<Injection>> e : injections.entrySet()) {
            ArrayNode a = inj.putArray(e.getKey().shortName());
            for (Injection i : e.getValue()) {
                ObjectNode o = a.addObject();
                o.put("signalEvents", i.signalEvents());
                o.put("toys", i.t().length);
                StrictJson.putFinite(o, "medianT", i.medianT());
                significance(o.putObject("empirical"), i.empirical());
                significance(o.putObject("chiSquared"), i.chiSquared());
            }
        }
        return n;
    }

    /** A null distribution: toys, mean, std, the χ² fit and every t. */
    static void nullJson(ObjectNode o, ToyDistribution toys, ChiSquaredFit fit) {
        o.put("toys", toys.size());
        StrictJson.putFinite(o, "mean", toys.mean());
        StrictJson.putFinite(o, "std", toys.standardDeviation());
        StrictJson.putFinite(o, "chi2Dof", fit.degreesOfFreedom());
        StrictJson.putFinite(o, "chi2DofError", fit.standardError());
        ArrayNode t = o.putArray("t");
        for (double v : toys.values()) {
            t.add(v);
        }
    }

    static void significance(ObjectNode o, Significance s) {
        StrictJson.putFinite(o, "pValue", s.pValue());
        StrictJson.putFinite(o, "logPValue", s.logPValue());
        StrictJson.putFinite(o, "z", s.z());
    }
}
