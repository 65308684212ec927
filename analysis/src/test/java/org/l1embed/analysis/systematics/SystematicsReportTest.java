package org.l1embed.analysis.systematics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.analysis.systematics.SystematicsReport.ClosureAtNu;
import org.l1embed.analysis.systematics.SystematicsReport.DimClosure;
import org.l1embed.analysis.systematics.SystematicsReport.LogRatioAtNu;
import org.l1embed.analysis.systematics.SystematicsReport.MeanShift;
import org.l1embed.analysis.systematics.SystematicsReport.VariantResult;

/**
 * Synthetic latents with a known truth: z_0 ~ N(0, 1)^4 and z_ν ~ N(c·ν, 1) with c = (10, −6, 3, 0), drawn
 * independently (N = M = 20 000). The exact log-ratio is f(z, ν) = Σ_k (c_k ν z_k − (c_k ν)²/2). Variant "after"
 * carries the exact f, variant "before" a wrong f = 0 (no reweighting at all).
 */
class SystematicsReportTest {

    private static final double[] C = {10, -6, 3, 0};
    private static final double[] NUS = {-0.045, -0.03, -0.015, 0.015, 0.03, 0.045};
    private static final int D = 4;
    private static final int N = 20_000;

    private static SystematicsReport report;

    @BeforeAll
    static void compute() {
        report = SystematicsReport.compute(D, synthetic(N, 7));
    }

    static List<EncoderVariant> synthetic(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] z0 = gaussian(rnd, n, 0);
        List<ShiftSample> exact = new ArrayList<>();
        List<ShiftSample> zero = new ArrayList<>();
        for (double nu : NUS) {
            float[] zn = gaussian(rnd, n, nu);
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int k = 0; k < D; k++) {
                    double mu = C[k] * nu;
                    s += mu * z0[i * D + k] - mu * mu / 2;
                }
                f[i] = (float) s;
            }
            exact.add(new ShiftSample(nu, z0, zn, f));
            zero.add(new ShiftSample(nu, z0, zn, new float[n]));
        }
        return List.of(new EncoderVariant("before", zero), new EncoderVariant("after", exact));
    }

    private static float[] gaussian(SplittableRandom rnd, int n, double nu) {
        float[] z = new float[n * D];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < D; k++) {
                z[i * D + k] = (float) (C[k] * nu + rnd.nextGaussian());
            }
        }
        return z;
    }

    private static VariantResult variant(String name) {
        return report.variants().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void meanShiftIsLinearWithTheTrueSlope() {
        for (VariantResult v : report.variants()) {
            for (MeanShift m : v.meanShifts()) {
                assertEquals(0.0, m.nu()[0]);
                assertEquals(0.0, m.shift()[0]);
                assertEquals(NUS.length + 1, m.nu().length);
                double slope = m.linear().coefficients()[1];
                if (C[m.dim()] != 0) {
                    assertEquals(C[m.dim()], slope, 0.05 * Math.abs(C[m.dim()]), "dim " + m.dim());
                    assertTrue(m.linear().rSquared() > 0.99, "R² " + m.linear().rSquared());
                    assertTrue(m.quadratic().rSquared() >= m.linear().rSquared());
                } else {
                    assertEquals(0, slope, 0.5, "the non-moving dimension");
                }
            }
        }
    }

    @Test
    void exactLogRatioReweightingClosesWhileNoReweightingFailsForLargeShifts() {
        for (ClosureAtNu c : variant("after").closures()) {
            for (DimClosure d : c.dims()) {
                String where = "nu=" + c.nu() + " dim " + d.dim();
                assertTrue(d.ksReweighted().pValue() > 1e-3, where + " KS p=" + d.ksReweighted().pValue());
                assertTrue(d.chi2Reweighted().pValue() > 1e-3, where + " chi2 p=" + d.chi2Reweighted().pValue());
                assertTrue(d.ksReweighted().effectiveSizeA() < N, "weights reduce the effective size");
            }
        }
        for (ClosureAtNu c : variant("before").closures()) {
            DimClosure dim0 = c.dims().get(0);
            if (Math.abs(c.nu()) > 0.04) {
                assertTrue(dim0.ksReweighted().pValue() < 1e-20, "nu=" + c.nu() + " p=" + dim0.ksReweighted().pValue());
                assertTrue(dim0.chi2Reweighted().pValue() < 1e-20);
            }
            // f = 0 gives unit weights: the reweighted test is the unweighted one
            assertEquals(dim0.ksUnweighted(), dim0.ksReweighted());
            assertEquals(dim0.chi2Unweighted(), dim0.chi2Reweighted());
        }
    }

    @Test
    void learnedLogRatioFollowsTheEmpiricalOneOnlyForTheExactF() {
        for (LogRatioAtNu l : variant("after").logRatios()) {
            assertTrue(l.correlation() > (Math.abs(l.nu()) > 0.02 ? 0.95 : 0.85), "nu=" + l.nu() + " r=" + l.correlation());
            assertEquals(1.0, l.meanExpF(), 0.1);
            assertEquals(D, l.dims().size());
        }
        for (LogRatioAtNu l : variant("before").logRatios()) {
            assertTrue(Double.isNaN(l.correlation()), "f = 0 has no variance: correlation undefined");
            assertEquals(1.0, l.meanExpF());
            double[] learned = l.dims().get(0).learned();
            assertArrayEquals(new double[learned.length], learned);
        }
    }

    @Test
    void jsonCarriesTheDocumentedFields() throws IOException {
        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(report.toJson()));
        assertEquals(SystematicsReport.SCHEMA, json.get("schema").asText());
        assertEquals(D, json.get("latentDim").asInt());
        assertEquals(NUS.length, json.get("nu").size());
        JsonNode after = json.get("variants").get(1);
        assertEquals("after", after.get("name").asText());
        assertEquals(D, after.get("meanShift").size());
        assertEquals(2, after.get("meanShift").get(0).get("linear").get("coefficients").size());
        assertTrue(after.get("logRatio").get(0).get("dims").get(0).get("learned").isArray());
        JsonNode closure = after.get("closure").get(5).get("dims").get(0);
        assertTrue(closure.get("reweighted").get("ks").get("pValue").isNumber());
        assertTrue(closure.get("unweighted").get("chi2").get("ndf").isInt());
        // the undefined correlation of the zero-f variant is null, not NaN
        assertTrue(json.get("variants").get(0).get("logRatio").get(0).get("correlation").isNull());
    }

    @Test
    void tableHasOneRowPerDimensionAndPerNu() {
        String table = report.toTable();
        long rows = table.lines().filter(l -> l.startsWith("before") || l.startsWith("after")).count();
        assertEquals(2L * D + 2L * NUS.length, rows, table);
    }

    @Test
    void writePlotsWritesTheThreeKindsOfFigure(@TempDir Path dir) throws IOException {
        List<String> names = report.writePlots(dir);
        assertEquals(List.of("mean_shift.png", "log_ratio_nu-0.045.png", "log_ratio_nu0.045.png",
                "closure_pvalues.png"), names);
        for (String name : names) {
            BufferedImage image = ImageIO.read(dir.resolve(name).toFile());
            assertTrue(image != null && image.getWidth() > 0, name);
        }
        try (var listing = Files.list(dir)) {
            assertEquals(names.size(), listing.count(), "no temporary files left behind");
        }
    }

    @Test
    void invalidInputsAreRefusedWithTheFieldAndValue() {
        float[] z = new float[8];
        float[] f = new float[2];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ShiftSample(0.0, z, z, f));
        assertTrue(e.getMessage().contains("nu=0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SystematicsReport.compute(3,
                List.of(new EncoderVariant("v", List.of(new ShiftSample(0.01, z, z, f), new ShiftSample(0.02, z, z, f))))));
        assertTrue(e.getMessage().contains("not a multiple of latentDim=3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SystematicsReport.compute(4,
                List.of(new EncoderVariant("v", List.of(new ShiftSample(0.01, z, z, new float[3]),
                        new ShiftSample(0.02, z, z, f))))));
        assertTrue(e.getMessage().contains("learnedLogRatio has 3 values"), e.getMessage());
        float[] nan = z.clone();
        nan[5] = Float.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> new ShiftSample(0.01, z, nan, f));
        assertTrue(e.getMessage().contains("shiftedLatents") && e.getMessage().contains("element 5"), e.getMessage());
        EncoderVariant a = new EncoderVariant("a", List.of(new ShiftSample(0.01, z, z, f), new ShiftSample(0.02, z, z, f)));
        EncoderVariant b = new EncoderVariant("b", List.of(new ShiftSample(0.01, z, z, f), new ShiftSample(0.03, z, z, f)));
        e = assertThrows(IllegalArgumentException.class, () -> SystematicsReport.compute(4, List.of(a, b)));
        assertTrue(e.getMessage().contains("same nu values"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new EncoderVariant("dup", List.of(new ShiftSample(0.01, z, z, f), new ShiftSample(0.01, z, z, f))));
    }

    @Test
    void constantDimensionGivesKsButNoBinnedResults() {
        float[] z = new float[20];
        SplittableRandom rnd = new SplittableRandom(3);
        for (int i = 0; i < 10; i++) {
            z[2 * i + 1] = (float) rnd.nextGaussian();   // dim 0 stays exactly 0 (a dead ReLU unit)
        }
        float[] f = new float[10];
        SystematicsReport r = SystematicsReport.compute(2, List.of(new EncoderVariant("dead",
                List.of(new ShiftSample(-0.01, z, z, f), new ShiftSample(0.01, z, z, f)))), 4);
        DimClosure dead = r.variants().get(0).closures().get(0).dims().get(0);
        assertEquals(1.0, dead.ksUnweighted().pValue());
        assertEquals(null, dead.chi2Unweighted());
        assertEquals(0, r.variants().get(0).logRatios().get(0).dims().get(0).edges().length);
    }
}
