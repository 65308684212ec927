package org.l1embed.cli.pipeline;

/** The stages of {@code l1embed pipeline}, in order; each writes its output atomically. */
public enum Stage {
    /** Contrastive embedding: {@code work/float}. */
    TRAIN("train"),
    /** Nuisance-parameterized fine-tuning and the systematics report: {@code work/finetuned}. */
    FINETUNE("finetune"),
    /** Quantization-aware fine-tuning into the served bundle: {@code models/<name>/<version>}. */
    QUANTIZE("quantize"),
    /** The HLS project of the quantized network: {@code hls}. */
    EXPORT_HLS("hls"),
    /**
     * The served bundle against its float network (ONNX Runtime vs the emulator, the stored testbench vectors), as
     * {@code l1embed validate} runs it: {@code work/validation}. A stored vector not reproduced bit for bit stops the run.
     */
    VALIDATE("validate"),
    /** Anomaly-detection evaluation of the fine-tuned embedding: {@code work/evaluation}. */
    EVALUATE("evaluate"),
    /** The static HTML report: {@code report}. */
    REPORT("report");

    private final String id;

    Stage(String id) {
        this.id = id;
    }

    /** The stage's name in the configuration, the state file and the progress lines. */
    public String id() {
        return id;
    }
}
