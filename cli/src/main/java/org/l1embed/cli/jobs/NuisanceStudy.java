package org.l1embed.cli.jobs;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.l1embed.analysis.nplm.ChiSquaredFit;
import org.l1embed.analysis.nplm.NplmTest;
import org.l1embed.analysis.nplm.NuisanceNplm;
import org.l1embed.analysis.nplm.Sample;
import org.l1embed.analysis.nplm.Significance;
import org.l1embed.analysis.nplm.ToyDistribution;
import org.l1embed.analysis.nplm.Toys;
import org.l1embed.events.SplitMix64;
import org.l1embed.quantization.bundle.NuisanceModel;
import org.l1embed.quantization.json.StrictJson;

/**
 * The systematics-aware NPLM test on the embedding of a fine-tuned bundle ({@link NuisanceNplm}, t = τ − Δ, with the
 * bundle's nuisance classifier), beside the nominal test: null toys of t = τ − Δ on nominal pseudo-data, then
 * background-only pseudo-data from the test half with the jet energy scale shifted by ν, tested both ways. A nominal
 * test flags a pure nuisance shift as new physics; the systematics-aware one should not (as long as the shift is within
 * what the constraint allows).
 *
 * @param nullAware  null toys of τ − Δ
 * @param chi2       χ² fit of those
 * @param shifts     per ν, the nominal and systematics-aware results
 * @param shapeSigma σ of the shape constraint
 * @param normSigma  σ of the normalisation constraint
 */
public record NuisanceStudy(NuisanceModel model, ToyDistribution nullAware, ChiSquaredFit chi2, List<Shift> shifts, double shapeSigma,
                            double normSigma) {

    /** Alternations of kernel fit and ν profile in τ. */
    public static final int ROUNDS = 2;

    /**
     * One shifted pseudo-data configuration.
     *
     * @param nu           the true shift of the pseudo-data
     * @param tNominal     nominal t per pseudo-data set
     * @param tAware       τ − Δ per pseudo-data set
     * @param fittedShape  the Δ fit's ν_s per pseudo-data set
     * @param zNominal     median nominal t against the nominal null's χ² fit
     * @param zAware       median τ − Δ against the aware null's χ² fit
     */
    public record Shift(double nu, double[] tNominal, double[] tAware, double[] fittedShape, Significance zNominal, Significance zAware) {
    }

    /** The classifier's coefficients of every event of a sample (in the representation's units). */
    static double[][] coefficients(NuisanceModel model, Sample s) {
        float[] z = new float[s.size() * s.dimension()];
        for (int e = 0; e < s.size(); e++) {
            for (int k = 0; k < s.dimension(); k++) {
                z[e * s.dimension() + k] = (float) s.value(e, k);
            }
        }
        return model.coefficientsOfAll(z);
    }

    /**
     * Runs the study.
     *
     * @param nominal    the embedding's nominal study (its toys: reference, pool, settings)
     * @param shifted    ν → the test half's embedding with the shift, as a sample
     * @param nus        the shifts to test
     * @param toys       null toys of τ − Δ
     * @param perShift   pseudo-data sets per shift
     */
    public static NuisanceStudy run(NuisanceModel model, NplmStudy nominal, java.util.function.DoubleFunction<Sample> shifted, double[] nus,
                                    int toys, int perShift, double shapeSigma, double normSigma, long seed, PrintStream log) {
        Toys base = nominal.toys();
        Sample reference = base.reference();
        double[][] aReference = coefficients(model, reference);
        double bound = 1.5 * model.range();
        long nullSeed = SplitMix64.derive(seed, 0x4E5549L);
        double[] tNull = new double[toys];
        long started = System.nanoTime();
        for (int i = 0; i < toys; i++) {
            tNull[i] = aware(model, base, base.data(i, nullSeed), aReference, shapeSigma, normSigma, bound).t();
        }
        ToyDistribution nullAware = ToyDistribution.of(tNull);
        ChiSquaredFit chi2 = nullAware.fitChiSquared();
        log.printf(Locale.ROOT, "nplm with nuisance: %d null toys of tau - Delta in %.1f s: mean %.2f, chi2 dof %.2f +- %.2f%n", toys,
                (System.nanoTime() - started) / 1e9, nullAware.mean(), chi2.degreesOfFreedom(), chi2.standardError());
        List<Shift> shifts = new ArrayList<>();
        for (double nu : nus) {
            Toys shiftedToys = new Toys(reference, shifted.apply(nu), nominal.expectedData(), base.settings());
            double[] tn = new double[perShift];
            double[] ta = new double[perShift];
            double[] shape = new double[perShift];
            long shiftSeed = SplitMix64.derive(seed, Double.doubleToLongBits(nu));
            for (int i = 0; i < perShift; i++) {
                Sample data = shiftedToys.data(i, shiftSeed);
                tn[i] = NplmTest.fit(reference, data, base.settings()).t();
                NuisanceNplm.Result r = aware(model, base, data, aReference, shapeSigma, normSigma, bound);
                ta[i] = r.t();
                shape[i] = r.deltaShape();
            }
            Shift s = new Shift(nu, tn, ta, shape, Significance.chiSquared(NplmStudy.median(tn), nominal.chi2().degreesOfFreedom()),
                    Significance.chiSquared(NplmStudy.median(ta), chi2.degreesOfFreedom()));
            log.printf(Locale.ROOT, "nplm with nuisance: background shifted by nu %+.3f: nominal Z %.2f, tau - Delta Z %.2f (fitted nu_s %+.4f)%n",
                    nu, s.zNominal().z(), s.zAware().z(), NplmStudy.median(shape));
            shifts.add(s);
        }
        return new NuisanceStudy(model, nullAware, chi2, List.copyOf(shifts), shapeSigma, normSigma);
    }

    private static NuisanceNplm.Result aware(NuisanceModel model, Toys base, Sample data, double[][] aReference, double shapeSigma,
                                             double normSigma, double bound) {
        NuisanceNplm.Nuisance n = new NuisanceNplm.Nuisance(aReference, coefficients(model, data), model.range(), shapeSigma, normSigma, bound);
        double expected = 0;
        for (int i = 0; i < base.reference().size(); i++) {
            expected += base.reference().weight(i);
        }
        return NuisanceNplm.test(base.reference(), data, expected, n, base.settings(), ROUNDS);
    }

    /** The study as report JSON. */
    public ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("nuisance", model.nuisance());
        n.put("classifierRange", model.range());
        n.put("classifierOrder", model.order());
        n.put("shapeSigma", shapeSigma);
        n.put("normSigma", normSigma);
        n.put("rounds", ROUNDS);
        NplmStudy.nullJson(n.putObject("nullAware"), nullAware, chi2);
        ArrayNode sh = n.putArray("shiftedBackground");
        for (Shift s : shifts) {
            ObjectNode o = sh.addObject();
            o.put("nu", s.nu());
            o.put("pseudoData", s.tNominal().length);
            StrictJson.putFinite(o, "medianTNominal", NplmStudy.median(s.tNominal()));
            StrictJson.putFinite(o, "medianTAware", NplmStudy.median(s.tAware()));
            StrictJson.putFinite(o, "medianFittedShape", NplmStudy.median(s.fittedShape()));
            NplmStudy.significance(o.putObject("nominal"), s.zNominal());
            NplmStudy.significance(o.putObject("aware"), s.zAware());
        }
        return n;
    }
}
