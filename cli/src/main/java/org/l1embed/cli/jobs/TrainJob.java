package org.l1embed.cli.jobs;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.l1embed.analysis.probe.LinearProbe;
import org.l1embed.analysis.score.MahalanobisScore;
import org.l1embed.cli.io.BundleTarget;
import org.l1embed.events.DatasetSplit;
import org.l1embed.events.EventLayout;
import org.l1embed.events.EventSet;
import org.l1embed.events.Process;
import org.l1embed.events.SplitFractions;
import org.l1embed.events.synthetic.SyntheticEvents;
import org.l1embed.quantization.bundle.AnomalyScore;
import org.l1embed.quantization.bundle.Checksums;
import org.l1embed.quantization.bundle.ExistingTarget;
import org.l1embed.quantization.bundle.Provenance;
import org.l1embed.quantization.files.StagedDirectory;
import org.l1embed.quantization.network.BatchNormFolding;
import org.l1embed.quantization.network.InputSpec;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.quantization.network.Preprocessing;
import org.l1embed.training.data.hdf5.Hdf5DatasetLoader;
import org.l1embed.training.export.BundleExporter;
import org.l1embed.training.model.ModelConfig;
import org.l1embed.training.preprocess.PtStandardization;
import org.l1embed.training.train.Augmentations;
import org.l1embed.training.train.ContrastiveMode;
import org.l1embed.training.train.EpochListener;
import org.l1embed.training.train.FeatureTransform;
import org.l1embed.training.train.LabelledData;
import org.l1embed.training.train.ModelState;
import org.l1embed.training.train.Trainer;
import org.l1embed.training.train.TrainingConfig;
import org.l1embed.training.train.TrainingResult;

/**
 * Trains a contrastive embedding and writes the model bundle: data (HDF5 directory or synthetic events) → seeded
 * split → pT standardization fitted on the nominal training background → TF Java training (checkpointed beside the
 * bundle, resumed if a checkpoint is there) → float encoder spec with BatchNorm folded → evaluation (linear probe on
 * the background classes; per-signal AUC and efficiency at fixed background acceptance with a Mahalanobis score fitted
 * on training background, for the embedding and for the raw-57 and 6-D baselines) → bundle (network.json, model.onnx,
 * provenance.json with the metrics, checksums, and the training state {@value ModelState#BUNDLE_PATH}: every variable of
 * the trained model, projection head, unfolded BatchNorm and Adam moments included, so that {@code l1embed finetune}
 * can continue through the SupCon loss).
 */
public final class TrainJob {

    /** Background acceptances at which efficiencies are reported: 1 kHz and 10 kHz of 40 MHz. */
    public static final double[] ACCEPTANCES = AnomalyEvaluation.ACCEPTANCES;

    /** What to train on and how. */
    public record Options(Path data, int syntheticEvents, Path out, int epochs, int latentSize, ContrastiveMode mode,
                          int batchSize, long seed, boolean overwrite, String codeVersion, boolean integerPreprocessing) {
        public Options {
            if ((data == null) == (syntheticEvents <= 0)) {
                throw new IllegalArgumentException("give either a data directory or a positive number of synthetic events");
            }
            if (epochs < 1 || latentSize < 1 || batchSize < 2) {
                throw new IllegalArgumentException("epochs and latent size must be >= 1 and batch size >= 2, got epochs=" + epochs
                        + ", latent=" + latentSize + ", batch=" + batchSize);
            }
        }
    }

    /** The evaluation of one representation: probe accuracy and per-signal AUC and efficiencies. */
    public record Evaluation(double probeAccuracy, Map<String, Double> auc, Map<String, double[]> efficiency) {
    }

    /** What the job produced. */
    public record Result(Path bundle, TrainingResult training, Map<String, Evaluation> evaluations, int trainEvents) {
    }

    /** Training was stopped before its last epoch; the checkpoint directory holds what is needed to resume. */
    public static final class InterruptedRun extends RuntimeException {
        public InterruptedRun(Path checkpoints, int epochs) {
            super("training stopped after epoch " + epochs + "; run the same command again to resume from " + checkpoints);
        }
    }

    private final PrintStream log;

    /** Where training of a bundle bound for {@code out} keeps its per-epoch checkpoint: {@code <out>.checkpoint} beside it. */
    public static Path checkpointDirectory(Path out) {
        return out.toAbsolutePath().resolveSibling(out.getFileName() + ".checkpoint");
    }

    public TrainJob(PrintStream log) {
        this.log = log;
    }

    public Result run(Options o) throws IOException {
        return run(o, summary -> true);
    }

    /**
     * As {@link #run(Options)}, calling {@code listener} after every epoch; when it returns false training stops
     * there, leaving its checkpoint and no bundle (what an interruption leaves), and an {@link InterruptedRun} is thrown.
     */
    public Result run(Options o, EpochListener listener) throws IOException {
        BundleTarget.check("--out", o.out(), o.overwrite());   // before the data are read and the network trained
        DatasetSplit split = load(o);
        EventSet trainBg = background(split.train());
        EventSet validationBg = background(split.validation());
        if (trainBg.size() < 2 * o.batchSize() && trainBg.size() < 64) {
            throw new IllegalArgumentException("training sample: " + trainBg.size() + " background events; need at least 64");
        }
        int batch = Math.min(o.batchSize(), trainBg.size());
        int features = EventLayout.NETWORK_FEATURES;
        float[] trainRaw = trainBg.networkFeatures();
        Preprocessing pre = o.integerPreprocessing() ? PtStandardization.fitInteger(trainRaw, features)
                : PtStandardization.fit(trainRaw, features);

        ModelConfig model = ModelConfig.defaults().withLatentSize(o.latentSize());
        TrainingConfig config = TrainingConfig.defaults().withEpochs(o.epochs(), Math.min(o.epochs() / 5, 10))
                .withBatchSize(batch).withMode(o.mode()).withSeed(o.seed());
        Path checkpoints = checkpointDirectory(o.out());
        Files.createDirectories(checkpoints);
        log.println("training on " + trainBg.size() + " background events (" + o.mode() + ", " + o.epochs() + " epochs, batch "
                + batch + "); checkpoints in " + checkpoints);
        NetworkSpec spec;
        ModelState state;
        AnomalyScore score;
        TrainingResult history;
        Map<String, Evaluation> evaluations = new TreeMap<>();
        Trainer.Builder builder = Trainer.builder(model, config).transform(FeatureTransform.of(pre)).checkpointDirectory(checkpoints)
                .log(log);
        if (o.mode() == ContrastiveMode.SELF_SUPERVISED) {
            builder.augmentation(Augmentations.paperMasking());
        }
        try (Trainer trainer = builder.build()) {
            history = trainer.fit(new LabelledData(trainRaw, trainBg.labels(), features),
                    new LabelledData(validationBg.networkFeatures(), validationBg.labels(), features), listener);
            if (history.stop() == TrainingResult.Stop.INTERRUPTED) {
                throw new InterruptedRun(checkpoints, history.history().size());
            }
            state = ModelState.of(trainer.model());
            spec = BatchNormFolding.apply(trainer.encoderSpec("l1embed_encoder",
                    new InputSpec(List.of(EventLayout.OBJECTS, EventLayout.NETWORK_FEATURES_PER_OBJECT), pre, null)));
            EventSet test = split.test();
            float[] testRaw = test.networkFeatures();
            float[] trainLatent = trainer.embed(PtStandardization.applyAll(pre, trainRaw, features));
            evaluations.put("embedding", evaluate(trainLatent, trainBg.labels(),
                    trainer.embed(PtStandardization.applyAll(pre, testRaw, features)), test.labels(), o.latentSize()));
            score = MahalanobisScore.fit(trainLatent, o.latentSize()).toBundleScore(ACCEPTANCES,
                    trainer.embed(PtStandardization.applyAll(pre, validationBg.networkFeatures(), features)),
                    "Mahalanobis distance fitted on " + trainBg.size() + " training background latents; thresholds on "
                            + validationBg.size() + " validation background latents");
            evaluations.put("raw57", evaluate(PtStandardization.applyAll(pre, trainRaw, features), trainBg.labels(),
                    PtStandardization.applyAll(pre, testRaw, features), test.labels(), features));
            evaluations.put("sixD", evaluate(Baselines.sixD(trainRaw), trainBg.labels(), Baselines.sixD(testRaw), test.labels(), 6));
        }
        Provenance provenance = new Provenance(trainingConfigJson(o, model, config), new TreeMap<>(Map.of("model", model.seed(),
                "training", config.seed(), "split", o.seed())), fingerprint(o, split), o.codeVersion(), metricsJson(history, evaluations),
                Instant.now());
        BundleExporter.writer(spec, provenance).withExtraFile(ModelState.BUNDLE_PATH, state.toBytes())
                .withExtraFile(AnomalyScore.FILE, score.toJsonBytes())
                .write(o.out(), o.overwrite() ? ExistingTarget.REPLACE : ExistingTarget.REFUSE);
        StagedDirectory.deleteTree(checkpoints);   // the bundle is complete: nothing left to resume
        return new Result(o.out(), history, evaluations, trainBg.size());
    }

    private DatasetSplit load(Options o) throws IOException {
        if (o.data() != null) {
            return Hdf5DatasetLoader.loadSplit(o.data(), SplitFractions.DEFAULT, o.seed());
        }
        SyntheticEvents gen = new SyntheticEvents(o.seed());
        List<EventSet> parts = new ArrayList<>();
        parts.add(gen.cocktail(o.syntheticEvents(), 0.0));
        int perSignal = Math.max(200, o.syntheticEvents() / 20);
        for (Process p : Process.signals()) {
            parts.add(gen.generate(p, perSignal));
        }
        return DatasetSplit.of(EventSet.concat(parts), SplitFractions.DEFAULT, o.seed());
    }

    private static EventSet background(EventSet s) {
        int[] idx = java.util.stream.IntStream.range(0, s.size()).filter(e -> !s.process(e).isSignal()).toArray();
        return s.subset(idx);
    }

    /**
     * Probe on the background classes; per signal, AUC and efficiencies of a Mahalanobis score fitted on training
     * background ({@link AnomalyEvaluation}).
     */
    private static Evaluation evaluate(float[] trainX, int[] trainLabels, float[] testX, int[] testLabels, int d) {
        int bgClasses = Process.backgrounds().size();
        LinearProbe probe = LinearProbe.train(trainX, trainLabels, d, bgClasses, LinearProbe.Settings.defaults());
        List<Integer> bgIdx = new ArrayList<>();
        for (int e = 0; e < testLabels.length; e++) {
            if (testLabels[e] < bgClasses) {
                bgIdx.add(e);
            }
        }
        double accuracy = probe.accuracy(AnomalyEvaluation.rows(testX, d, bgIdx), bgIdx.stream().mapToInt(e -> testLabels[e]).toArray());
        AnomalyEvaluation detection = AnomalyEvaluation.of(trainX, testX, testLabels, d);
        return new Evaluation(accuracy, detection.auc(), detection.efficiency());
    }

    private static ObjectNode trainingConfigJson(Options o, ModelConfig m, TrainingConfig c) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("data", o.data() != null ? o.data().toString() : "synthetic");
        n.put("syntheticEvents", o.syntheticEvents());
        n.put("mode", c.mode().name());
        n.put("preprocessing", o.integerPreprocessing() ? "integer_shift" : "standardize_nonzero");
        n.put("epochs", c.epochs());
        n.put("batchSize", c.batchSize());
        n.put("peakLearningRate", c.peakLearningRate());
        n.put("warmupEpochs", c.warmupEpochs());
        n.put("latentSize", m.latentSize());
        n.put("hiddenWidths", m.hiddenWidths().toString());
        n.put("temperature", m.temperature());
        n.put("deterministic", c.deterministic());
        return n;
    }

    private static ObjectNode metricsJson(TrainingResult history, Map<String, Evaluation> evaluations) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("bestEpoch", history.bestEpoch() + 1);   // 1-based, as the progress lines count
        n.put("bestValidationLoss", history.bestValidationLoss());
        // The training curve, for reports: per epoch (1-based) the mean SupCon losses and the learning rate.
        com.fasterxml.jackson.databind.node.ArrayNode epochs = n.putArray("epochs");
        for (org.l1embed.training.train.EpochSummary s : history.history()) {
            ObjectNode e = epochs.addObject();
            e.put("epoch", s.epoch() + 1);
            org.l1embed.quantization.json.StrictJson.putFinite(e, "trainLoss", s.trainLoss());
            org.l1embed.quantization.json.StrictJson.putFinite(e, "validationLoss", s.validationLoss());
            e.put("learningRate", s.learningRate());
        }
        for (Map.Entry<String, Evaluation> e : evaluations.entrySet()) {
            ObjectNode r = n.putObject(e.getKey());
            r.put("linearProbeAccuracy", e.getValue().probeAccuracy());
            r.setAll(new AnomalyEvaluation(e.getValue().auc(), e.getValue().efficiency()).toJson());
        }
        return n;
    }

    private static String fingerprint(Options o, DatasetSplit split) {
        if (o.data() == null) {
            return "synthetic:events=" + o.syntheticEvents() + ",seed=" + o.seed();
        }
        EventSet t = split.train();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(t.particles().length * 4 + t.size() * 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(t.particles());
        bytes.position(t.particles().length * 4);
        for (int label : t.labels()) {
            bytes.putInt(label);
        }
        return "sha256:" + Checksums.sha256Hex(bytes.array()) + " (training split: particles and labels, " + t.size() + " events)";
    }
}
