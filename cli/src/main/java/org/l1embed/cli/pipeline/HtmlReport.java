package org.l1embed.cli.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.l1embed.analysis.plot.Chart;
import org.l1embed.analysis.plot.LegendPosition;
import org.l1embed.analysis.plot.OkabeIto;
import org.l1embed.analysis.plot.Series;
import org.l1embed.quantization.bundle.Checksums;
import org.l1embed.quantization.files.StagedDirectory;
import org.l1embed.quantization.json.StrictJson;

/**
 * The run's report: one static {@code report/index.html} (no server, no external resources: it opens from disk) with
 * the figures as PNG files beside it and the numbers as tables — training curves, latent space by process, ROC and
 * efficiency at trigger rates per signal against the baselines, NPLM significances, systematics closure before and
 * after fine-tuning, float vs fixed-point agreement with per-layer overflows, HLS resource and latency estimates, and
 * provenance. Everything is read from what the stages wrote; nothing is recomputed. A small inline script counts the
 * images that loaded (for the headless-browser test).
 */
final class HtmlReport {

    private final StringBuilder html = new StringBuilder();
    private final List<String> toc = new ArrayList<>();
    private final Path dir;

    private HtmlReport(Path dir) {
        this.dir = dir;
    }

    /** Writes the report directory atomically. */
    static void write(Path runDir, PipelineConfig c, Path target) throws IOException {
        try (StagedDirectory staged = StagedDirectory.beside(target, "report directory", StagedDirectory.TargetCheck.replaceAny())) {
            HtmlReport r = new HtmlReport(staged.path());
            r.render(runDir, c);
            staged.commit();
        }
    }

    private static JsonNode json(Path file) throws IOException {
        return StrictJson.MAPPER.readTree(Files.readString(file));
    }

    private void render(Path runDir, PipelineConfig c) throws IOException {
        Path floatBundle = Pipeline.output(runDir, Stage.TRAIN, c);
        Path tuned = Pipeline.output(runDir, Stage.FINETUNE, c);
        Path served = Pipeline.output(runDir, Stage.QUANTIZE, c);
        Path hls = Pipeline.output(runDir, Stage.EXPORT_HLS, c);
        Path evaluation = Pipeline.output(runDir, Stage.EVALUATE, c);
        JsonNode validation = json(Pipeline.output(runDir, Stage.VALIDATE, c).resolve("validation.json"));
        JsonNode trainProv = json(floatBundle.resolve("provenance.json"));
        JsonNode tunedProv = json(tuned.resolve("provenance.json"));
        JsonNode servedProv = json(served.resolve("provenance.json"));
        JsonNode eval = json(evaluation.resolve("report.json"));
        JsonNode layers = json(hls.resolve("layers.json"));
        JsonNode state = json(runDir.resolve(Pipeline.STATE_FILE));

        StringBuilder body = new StringBuilder();
        html.setLength(0);
        training(trainProv);
        latent(evaluation, eval);
        detection(evaluation, eval);
        nplm(evaluation, eval);
        systematics(tuned, tunedProv);
        fixedPoint(servedProv, validation);
        firmware(layers);
        provenance(runDir, c, served, servedProv, state);
        body.append(html);

        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>l1embed run: ")
                .append(esc(c.text("name"))).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;max-width:1200px;margin:2em auto;padding:0 1em;color:#222}")
                .append("table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #bbb;padding:3px 8px;font-size:13px}")
                .append("th{background:#eee}td.n{text-align:right;font-family:monospace}img{max-width:100%;border:1px solid #ddd;margin:4px 0}")
                .append(".figs{display:flex;flex-wrap:wrap;gap:8px}.figs img{width:560px}h2{border-bottom:2px solid #0072B2;padding-top:1em}")
                .append("\n</style></head>\n<body data-images-loaded=\"0\" data-images-total=\"0\" data-images-failed=\"0\">\n")
                .append("<h1>l1embed run — model <code>").append(esc(c.text("name"))).append("</code> version ")
                .append(c.integer("version")).append("</h1>\n<p>From data to firmware inputs: contrastive embedding, nuisance fine-tuning, ")
                .append("quantization-aware fine-tuning, HLS project, evaluation. Every number below was measured by this run.</p>\n<ul>");
        for (String t : toc) {
            page.append("<li><a href=\"#").append(anchor(t)).append("\">").append(esc(t)).append("</a></li>");
        }
        page.append("</ul>\n").append(body)
                .append("<script>\n(function(){var imgs=document.images,ok=0,bad=0,b=document.body;b.dataset.imagesTotal=imgs.length;")
                .append("function f(){b.dataset.imagesLoaded=ok;b.dataset.imagesFailed=bad;}")
                .append("for(var i=0;i<imgs.length;i++){var im=imgs[i];if(im.complete){if(im.naturalWidth>0)ok++;else bad++;}")
                .append("else{im.addEventListener('load',function(){ok++;f();});im.addEventListener('error',function(){bad++;f();});}}f();})();\n")
                .append("</script>\n</body></html>\n");
        Files.writeString(dir.resolve("index.html"), page.toString(), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- sections

    private void training(JsonNode prov) throws IOException {
        section("Training");
        JsonNode m = prov.path("metrics");
        JsonNode epochs = m.path("epochs");
        if (epochs.isArray() && epochs.size() > 0) {
            double[] x = new double[epochs.size()];
            double[] train = new double[epochs.size()];
            double[] val = new double[epochs.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = epochs.get(i).path("epoch").asDouble();
                train[i] = epochs.get(i).path("trainLoss").asDouble();
                val[i] = epochs.get(i).path("validationLoss").asDouble();
            }
            Chart.builder("SupCon loss per epoch").xLabel("epoch").yLabel("loss").legend(LegendPosition.TOP_RIGHT)
                    .add(Series.line("training", x, train, OkabeIto.BLUE)).add(Series.line("validation", x, val, OkabeIto.VERMILLION))
                    .add(Series.points("training epochs", x, train, OkabeIto.BLUE).hiddenFromLegend())
                    .add(Series.points("validation epochs", x, val, OkabeIto.VERMILLION).hiddenFromLegend())
                    .build().write(dir.resolve("training_curve.png"));
            figures("training_curve.png");
        }
        table(List.of("best epoch", "best validation loss", "linear probe (embedding)", "linear probe (raw 57)", "linear probe (6-D)"),
                List.of(List.of(m.path("bestEpoch").asText(), num(m.path("bestValidationLoss"), "%.4f"),
                        num(m.path("embedding").path("linearProbeAccuracy"), "%.3f"), num(m.path("raw57").path("linearProbeAccuracy"), "%.3f"),
                        num(m.path("sixD").path("linearProbeAccuracy"), "%.3f"))));
    }

    private void latent(Path evaluation, JsonNode eval) throws IOException {
        section("Latent space by process");
        copyFigures(evaluation, List.of("latent_pairs.png"));
        html.append("<p>").append(esc(eval.path("representations").path("embedding").path("description").asText()))
                .append("; test-half background events by process and every signal, subsampled.</p>\n");
    }

    private void detection(Path evaluation, JsonNode eval) throws IOException {
        section("Anomaly detection: ROC and efficiency at trigger rates");
        JsonNode events = eval.path("events");
        html.append("<p>Scores fitted on ").append(events.path("fitBackground").asInt()).append(" background events, measured on ")
                .append(events.path("testBackground").asInt()).append(" (").append(esc(events.path("source").asText()))
                .append("); ± is the bootstrap standard deviation over ").append(events.path("bootstrapReplicas").asInt())
                .append(" replicas; * marks an acceptance the test background cannot resolve.</p>\n");
        List<String> figs = new ArrayList<>();
        eval.path("plots").forEach(p -> {
            String f = p.asText();
            if (f.startsWith("roc_") || f.startsWith("efficiency_vs_rate")) {
                figs.add(f);
            }
        });
        copyFigures(evaluation, figs);
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> reps = eval.path("representations").fields(); reps.hasNext(); ) {
            Map.Entry<String, JsonNode> rep = reps.next();
            for (Iterator<Map.Entry<String, JsonNode>> kinds = rep.getValue().path("scores").fields(); kinds.hasNext(); ) {
                Map.Entry<String, JsonNode> kind = kinds.next();
                for (Iterator<Map.Entry<String, JsonNode>> sigs = kind.getValue().fields(); sigs.hasNext(); ) {
                    Map.Entry<String, JsonNode> s = sigs.next();
                    List<String> row = new ArrayList<>(List.of(rep.getKey(), kind.getKey(), s.getKey(),
                            num(s.getValue().path("auc").path("value"), "%.3f") + " ± " + num(s.getValue().path("auc").path("std"), "%.3f")));
                    for (JsonNode e : s.getValue().path("efficiencies")) {
                        row.add(num(e.path("efficiency").path("value"), "%.4f") + (e.path("resolved").asBoolean() ? "" : "*")
                                + " (t > " + num(e.path("threshold"), "%.3g") + ")");
                    }
                    rows.add(row);
                }
            }
        }
        table(List.of("representation", "score", "signal", "AUC", "eff @ 1 kHz", "eff @ 10 kHz", "eff @ 40 kHz"), rows);
    }

    private void nplm(Path evaluation, JsonNode eval) throws IOException {
        section("NPLM signal-agnostic test");
        JsonNode n = eval.path("nplm");
        if (n.has("skipped")) {
            html.append("<p>Skipped: ").append(esc(n.path("skipped").asText())).append("</p>\n");
            return;
        }
        List<String> figs = new ArrayList<>();
        eval.path("plots").forEach(p -> {
            if (p.asText().startsWith("nplm_")) {
                figs.add(p.asText());
            }
        });
        copyFigures(evaluation, figs);
        List<List<String>> nulls = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> reps = n.fields(); reps.hasNext(); ) {
            Map.Entry<String, JsonNode> rep = reps.next();
            JsonNode r = rep.getValue();
            nulls.add(List.of(rep.getKey(), r.path("features").asText(), r.path("referenceEvents").asText(),
                    num(r.path("expectedDataEvents"), "%.0f"), r.path("centres").asText(), num(r.path("sigma"), "%.3f"),
                    r.path("null").path("toys").asText(), num(r.path("null").path("mean"), "%.2f"),
                    num(r.path("null").path("chi2Dof"), "%.2f") + " ± " + num(r.path("null").path("chi2DofError"), "%.2f")));
            for (Iterator<Map.Entry<String, JsonNode>> sigs = r.path("injections").fields(); sigs.hasNext(); ) {
                Map.Entry<String, JsonNode> s = sigs.next();
                for (JsonNode i : s.getValue()) {
                    rows.add(List.of(rep.getKey(), s.getKey(), i.path("signalEvents").asText(), num(i.path("medianT"), "%.1f"),
                            z(i.path("chiSquared")), z(i.path("empirical"))));
                }
            }
        }
        table(List.of("representation", "features", "N_R", "N_D", "M", "σ", "null toys", "mean t", "χ² dof"), nulls);
        table(List.of("representation", "signal", "injected", "median t", "Z (χ² fit)", "Z (toys)"), rows);
        JsonNode nu = eval.path("nplmNuisance");
        if (nu.has("shiftedBackground")) {
            List<List<String>> sh = new ArrayList<>();
            for (JsonNode s : nu.path("shiftedBackground")) {
                sh.add(List.of(num(s.path("nu"), "%+.3f"), num(s.path("medianTNominal"), "%.1f"), z(s.path("nominal")),
                        num(s.path("medianTAware"), "%.1f"), z(s.path("aware")), num(s.path("medianFittedShape"), "%+.4f")));
            }
            html.append("<p>Systematics-aware test t = τ − Δ with the bundle's ").append(esc(nu.path("nuisance").asText()))
                    .append(" classifier (constraint σ = ").append(num(nu.path("shapeSigma"), "%.3f")).append("); null toys: dof ")
                    .append(num(nu.path("nullAware").path("chi2Dof"), "%.2f")).append(". Background-only pseudo-data with the nuisance shifted:</p>\n");
            table(List.of("true ν", "median nominal t", "nominal Z", "median τ − Δ", "aware Z", "fitted ν"), sh);
        }
    }

    private void systematics(Path tuned, JsonNode prov) throws IOException {
        section("Systematics: closure before and after fine-tuning");
        Path sysDir = tuned.resolve("report/systematics");
        List<String> figs = new ArrayList<>();
        try (var files = Files.list(sysDir)) {
            files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".png")).sorted().forEach(figs::add);
        }
        copyFigures(sysDir, figs);
        JsonNode sys = prov.path("metrics").path("finetune").path("systematics");
        List<List<String>> rows = new ArrayList<>();
        for (String variant : List.of("before", "after")) {
            for (JsonNode p : sys.path(variant).path("perNu")) {
                rows.add(List.of(variant, num(p.path("nu"), "%+.4f"), num(p.path("logRatioCorrelation"), "%.3f"),
                        num(p.path("meanExpF"), "%.4f"), num(p.path("minKsPValueUnweighted"), "%.3g"),
                        num(p.path("minKsPValueReweighted"), "%.3g")));
            }
        }
        table(List.of("encoder", "ν", "corr(f, log n_ν/n_0)", "E_0[e^f]", "min KS p unweighted", "min KS p reweighted"), rows);
    }

    private void fixedPoint(JsonNode prov, JsonNode validation) {
        section("Float vs fixed point");
        html.append("<p>Validation (as <code>l1embed validate</code>): the served bundle's <code>model.onnx</code> in ONNX Runtime ")
                .append("(float32) against the bit-accurate emulator on ").append(esc(validation.path("source").asText()))
                .append(", output type <code>").append(esc(validation.path("outputType").asText())).append("</code>: ")
                .append(String.format(Locale.ROOT, "%.2f", 100 * validation.path("agreementRate").asDouble())).append(" % of events agree within ")
                .append(num(validation.path("tolerance"), "%.4g")).append(" (one LSB) on every output; stored testbench vectors: ")
                .append(validation.path("testbench").path("vectors").asText()).append(" events, ")
                .append(validation.path("testbench").path("bitExact").asBoolean() ? "bit-exact" : "NOT bit-exact")
                .append("; verdict <b>").append(esc(validation.path("verdict").asText())).append("</b>.</p>\n");
        List<List<String>> diffs = new ArrayList<>();
        for (JsonNode o : validation.path("outputs")) {
            diffs.add(List.of(o.path("index").asText(), num(o.path("maxAbsDiff"), "%.4g"), num(o.path("meanAbsDiff"), "%.4g")));
        }
        table(List.of("output", "max |float − fixed|", "mean |float − fixed|"), diffs);
        List<List<String>> overflows = new ArrayList<>();
        overflows.add(List.of("input", "-", validation.path("inputOverflows").asText()));
        for (JsonNode l : validation.path("layers")) {
            overflows.add(List.of(l.path("name").asText() + " (" + l.path("resultType").asText() + ")",
                    l.path("accumulatorOverflows").asText(), l.path("resultOverflows").asText()));
        }
        table(List.of("layer, on the validation events", "accumulator overflows", "result overflows"), overflows);
        html.append("<p>Quantization (calibration and QAT):</p>\n");
        JsonNode q = prov.path("metrics").path("quantization");
        html.append("<p>").append(esc(q.path("method").asText())).append(", ").append(q.path("width").asText())
                .append("-bit activations, ").append(q.path("constantWidth").asText()).append("-bit constants; ")
                .append(q.path("events").asText()).append(" calibration events: mean |Δlatent| ")
                .append(num(q.path("meanAbsDeltaLatent"), "%.4g")).append(", max |Δlatent| ").append(num(q.path("maxAbsDeltaLatent"), "%.4g"))
                .append(". The served bundle carries bit-exact testbench vectors, and the HLS testbench expects the emulator's raw integers.</p>\n");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("input", q.path("inputType").asText(), "-", q.path("inputOverflows").asText()));
        for (Iterator<Map.Entry<String, JsonNode>> it = q.path("layers").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> l = it.next();
            rows.add(List.of(l.getKey(), l.getValue().path("resultType").asText(), l.getValue().path("accumulatorOverflows").asText(),
                    l.getValue().path("resultOverflows").asText()));
        }
        table(List.of("layer", "result type", "accumulator overflows", "result overflows"), rows);
        JsonNode ev = q.path("evaluation");
        if (ev.isObject()) {
            List<List<String>> cmp = new ArrayList<>();
            for (String v : List.of("float", "ptq", "qat")) {
                JsonNode n = ev.path(v);
                if (!n.isObject()) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = n.path("auc").fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> a = it.next();
                    cmp.add(List.of(v, a.getKey(), num(a.getValue(), "%.4f"), num(n.path("meanAbsDeltaLatent"), "%.4g")));
                }
            }
            table(List.of("network", "signal", "AUC", "mean |Δlatent| vs float"), cmp);
        }
    }

    private void firmware(JsonNode layers) {
        section("Firmware: HLS resource and latency estimates");
        html.append("<p>Project <code>").append(esc(layers.path("project").asText())).append("</code> for ")
                .append(esc(layers.path("part").asText())).append(" (").append(esc(layers.path("dspSlice").asText())).append(") at ")
                .append(num(layers.path("clockPeriodNs"), "%.2f")).append(" ns; first-order estimates (not vendor synthesis).</p>\n");
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode l : layers.path("layers")) {
            rows.add(List.of(l.path("name").asText(), l.path("kind").asText(), l.path("nIn").asText() + "→" + l.path("nOut").asText(),
                    l.path("reuseFactor").asText(), l.path("multipliers").asText(), l.path("dsp").asText(), l.path("lut").asText(),
                    l.path("latencyCycles").asText()));
        }
        JsonNode t = layers.path("totals");
        rows.add(List.of("total", "", "", "II " + t.path("initiationInterval").asText(), "", t.path("dsp").asText(), t.path("lut").asText(),
                t.path("latencyCycles").asText() + " (" + t.path("latencyNs").asText() + " ns)"));
        table(List.of("layer", "kind", "size", "reuse", "multipliers", "DSP", "LUT", "latency (cycles)"), rows);
    }

    private void provenance(Path runDir, PipelineConfig c, Path served, JsonNode prov, JsonNode state) throws IOException {
        section("Provenance");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("served bundle", runDir.relativize(served).toString()));
        rows.add(List.of("code version", prov.path("codeVersion").asText()));
        rows.add(List.of("dataset", prov.path("datasetFingerprint").asText()));
        rows.add(List.of("seeds", prov.path("seeds").toString()));
        rows.add(List.of("network.json SHA-256", Checksums.sha256Hex(served.resolve("network.json"))));
        rows.add(List.of("model.onnx SHA-256", Checksums.sha256Hex(served.resolve("model.onnx"))));
        table(List.of("item", "value"), rows);
        List<List<String>> stages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = state.path("stages").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> s = it.next();
            stages.add(List.of(s.getKey(), num(s.getValue().path("seconds"), "%.1f"), s.getValue().path("finishedAt").asText()));
        }
        table(List.of("stage", "seconds", "finished"), stages);
        html.append("<details><summary>Configuration</summary><pre>").append(esc(StrictJson.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsString(c.toJson()))).append("</pre></details>\n");
    }

    // ---------------------------------------------------------------- rendering helpers

    private void section(String title) {
        toc.add(title);
        html.append("<h2 id=\"").append(anchor(title)).append("\">").append(esc(title)).append("</h2>\n");
    }

    private void copyFigures(Path from, List<String> names) throws IOException {
        for (String n : names) {
            Files.copy(from.resolve(n), dir.resolve(n));
        }
        figures(names.toArray(String[]::new));
    }

    private void figures(String... names) {
        html.append("<div class=\"figs\">");
        for (String n : names) {
            html.append("<img src=\"").append(esc(n)).append("\" alt=\"").append(esc(n)).append("\">");
        }
        html.append("</div>\n");
    }

    private void table(List<String> header, List<List<String>> rows) {
        html.append("<table><tr>");
        header.forEach(h -> html.append("<th>").append(esc(h)).append("</th>"));
        html.append("</tr>\n");
        for (List<String> r : rows) {
            html.append("<tr>");
            for (String cell : r) {
                boolean numeric = !cell.isEmpty() && (Character.isDigit(cell.charAt(0)) || cell.charAt(0) == '-' || cell.charAt(0) == '+');
                html.append(numeric ? "<td class=\"n\">" : "<td>").append(esc(cell.isEmpty() ? "—" : cell)).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static String num(JsonNode v, String format) {
        return v.isNumber() ? String.format(Locale.ROOT, format, v.asDouble()) : "n/a";
    }

    /** Z of a significance; p = 1 (every toy at or above the observation) has Z = −∞, which JSON stores as null. */
    private static String z(JsonNode significance) {
        JsonNode z = significance.path("z");
        if (!z.isNumber() && significance.path("pValue").asDouble() == 1.0) {
            return "-∞ (p = 1)";
        }
        return num(z, "%.2f");
    }

    private static String anchor(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
