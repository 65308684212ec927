package org.l1embed.analysis.systematics;

import static org.l1embed.analysis.systematics.SystematicsReport.array;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.l1embed.quantization.json.StrictJson;
import org.l1embed.analysis.stats.Chi2Result;
import org.l1embed.analysis.stats.KsResult;
import org.l1embed.analysis.stats.PolynomialFit;
import org.l1embed.analysis.systematics.SystematicsReport.ClosureAtNu;
import org.l1embed.analysis.systematics.SystematicsReport.DimClosure;
import org.l1embed.analysis.systematics.SystematicsReport.LogRatioAtNu;
import org.l1embed.analysis.systematics.SystematicsReport.LogRatioBins;
import org.l1embed.analysis.systematics.SystematicsReport.MeanShift;
import org.l1embed.analysis.systematics.SystematicsReport.VariantResult;

/** The JSON form of a {@link SystematicsReport}; the field names are documented in docs/systematics.md. */
final class ReportJson {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private ReportJson() {
    }

    static ObjectNode render(SystematicsReport report) {
        ObjectNode root = F.objectNode();
        root.put("schema", SystematicsReport.SCHEMA);
        root.put("latentDim", report.latentDim());
        root.put("bins", report.bins());
        root.set("nu", array(F, report.nus()));
        ArrayNode variants = root.putArray("variants");
        for (VariantResult v : report.variants()) {
            ObjectNode vn = variants.addObject();
            vn.put("name", v.name());
            ArrayNode shifts = vn.putArray("meanShift");
            for (MeanShift m : v.meanShifts()) {
                ObjectNode mn = shifts.addObject();
                mn.put("dim", m.dim());
                mn.set("nu", array(F, m.nu()));
                mn.set("shift", array(F, m.shift()));
                mn.set("linear", fit(m.linear()));
                mn.set("quadratic", fit(m.quadratic()));
            }
            ArrayNode ratios = vn.putArray("logRatio");
            for (LogRatioAtNu l : v.logRatios()) {
                ObjectNode ln = ratios.addObject();
                ln.put("nu", l.nu());
                number(ln, "meanExpF", l.meanExpF());
                number(ln, "correlation", l.correlation());
                number(ln, "meanAbsDifference", l.meanAbsDifference());
                ArrayNode dims = ln.putArray("dims");
                for (LogRatioBins b : l.dims()) {
                    ObjectNode bn = dims.addObject();
                    bn.put("dim", b.dim());
                    bn.set("edges", array(F, b.edges()));
                    ArrayNode n0 = bn.putArray("nominalCounts");
                    for (long c : b.nominalCounts()) {
                        n0.add(c);
                    }
                    ArrayNode nn = bn.putArray("shiftedCounts");
                    for (long c : b.shiftedCounts()) {
                        nn.add(c);
                    }
                    bn.set("empirical", array(F, b.empirical()));
                    bn.set("empiricalError", array(F, b.empiricalError()));
                    bn.set("learned", array(F, b.learned()));
                    number(bn, "correlation", b.correlation());
                    number(bn, "meanAbsDifference", b.meanAbsDifference());
                }
            }
            ArrayNode closures = vn.putArray("closure");
            for (ClosureAtNu c : v.closures()) {
                ObjectNode cn = closures.addObject();
                cn.put("nu", c.nu());
                ArrayNode dims = cn.putArray("dims");
                for (DimClosure d : c.dims()) {
                    ObjectNode dn = dims.addObject();
                    dn.put("dim", d.dim());
                    ObjectNode rew = dn.putObject("reweighted");
                    rew.set("ks", ks(d.ksReweighted()));
                    rew.set("chi2", chi2(d.chi2Reweighted()));
                    ObjectNode unw = dn.putObject("unweighted");
                    unw.set("ks", ks(d.ksUnweighted()));
                    unw.set("chi2", chi2(d.chi2Unweighted()));
                }
            }
        }
        return root;
    }

    private static ObjectNode fit(PolynomialFit fit) {
        ObjectNode n = F.objectNode();
        n.set("coefficients", array(F, fit.coefficients()));
        number(n, "rSquared", fit.rSquared());
        number(n, "residualStd", fit.residualStd());
        return n;
    }

    private static ObjectNode ks(KsResult r) {
        ObjectNode n = F.objectNode();
        number(n, "statistic", r.statistic());
        number(n, "pValue", r.pValue());
        number(n, "nEffNominal", r.effectiveSizeA());
        number(n, "nEffShifted", r.effectiveSizeB());
        return n;
    }

    private static com.fasterxml.jackson.databind.JsonNode chi2(Chi2Result r) {
        if (r == null) {
            return F.nullNode();
        }
        ObjectNode n = F.objectNode();
        number(n, "statistic", r.statistic());
        n.put("ndf", r.degreesOfFreedom());
        number(n, "pValue", r.pValue());
        return n;
    }

    private static void number(ObjectNode n, String field, double v) {
        StrictJson.putFinite(n, field, v);
    }
}
