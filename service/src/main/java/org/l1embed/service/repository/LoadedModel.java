package org.l1embed.service.repository;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;
import org.l1embed.hls.bundle.BundleTestbench;
import org.l1embed.inference.FixedModel;
import org.l1embed.inference.FloatModel;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.service.events.ModelInput;
import org.l1embed.service.inference.ModelScore;

/**
 * A model version ready to serve: its verified bundle, its ONNX Runtime session and (for a quantized bundle) its
 * compiled emulator.
 *
 * <p>Lifetime: the repository holds one reference from the moment it publishes the model; each request holds one
 * more through a {@link ModelLease}. When the repository replaces or unloads the model it gives up its reference
 * ({@link #retire()}); the native session is closed only when the last reference is gone, so a request in flight
 * always finishes on the model it started with. Once the count has reached zero no new lease can be taken.
 */
public final class LoadedModel {

    private static final Logger LOG = Logger.getLogger(LoadedModel.class);

    private final ModelKey key;
    private final ModelBundle bundle;
    private final String checksumsFile;
    private final FloatModel floatModel;
    private final FixedModel fixedModel;
    private final ModelInput input;
    private final ModelScore score;
    private final BundleTestbench testbench;
    private final AtomicInteger references = new AtomicInteger(1);

    /**
     * @param checksumsFile the text of the bundle's {@code checksums.sha256} when it was read: a reload that finds the
     *                      same text keeps this model
     * @param fixedModel    null for a float bundle
     * @param score         the bundle's anomaly score ({@code score.json}); null when it has none
     * @param testbench     the bundle's testbench vectors ({@code testbench/}); null when it has none
     */
    LoadedModel(ModelKey key, ModelBundle bundle, String checksumsFile, FloatModel floatModel, FixedModel fixedModel,
                ModelScore score, BundleTestbench testbench) {
        this.key = Objects.requireNonNull(key, "key");
        this.bundle = Objects.requireNonNull(bundle, "bundle");
        this.checksumsFile = Objects.requireNonNull(checksumsFile, "checksumsFile");
        this.floatModel = Objects.requireNonNull(floatModel, "floatModel");
        this.fixedModel = fixedModel;
        this.input = new ModelInput(key.label(), bundle.network().input().shape());
        this.score = score;
        this.testbench = testbench;
    }

    public ModelKey key() {
        return key;
    }

    public ModelBundle bundle() {
        return bundle;
    }

    String checksumsFile() {
        return checksumsFile;
    }

    /** What the model takes, for decoding events. */
    public ModelInput input() {
        return input;
    }

    public FloatModel floatModel() {
        return floatModel;
    }

    /** The emulator side; empty for a float bundle. */
    public Optional<FixedModel> fixedModel() {
        return Optional.ofNullable(fixedModel);
    }

    /** The anomaly score the bundle defines; empty when it has no {@code score.json}. */
    public Optional<ModelScore> score() {
        return Optional.ofNullable(score);
    }

    /** The testbench vectors the bundle stores; empty when it has no {@code testbench/}. */
    public Optional<BundleTestbench> testbench() {
        return Optional.ofNullable(testbench);
    }

    public boolean quantized() {
        return fixedModel != null;
    }

    /** Takes a reference; false when the model has already been closed. */
    boolean tryAcquire() {
        while (true) {
            int n = references.get();
            if (n == 0) {
                return false;
            }
            if (references.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives up a reference; the last one closes the native resources. */
    void release() {
        int n = references.decrementAndGet();
        if (n == 0) {
            try {
                floatModel.close();
            } catch (RuntimeException e) {
                LOG.warnf("%s: %s", key.label(), e.getMessage());
            }
        } else if (n < 0) {
            throw new IllegalStateException(key.label() + ": released more often than acquired");
        }
    }

    /** Gives up the repository's reference (the model is being replaced or unloaded). */
    void retire() {
        release();
    }

    /** Current references, for tests and diagnostics. */
    int references() {
        return references.get();
    }
}
