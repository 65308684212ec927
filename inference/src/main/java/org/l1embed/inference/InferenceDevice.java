package org.l1embed.inference;

/** Where ONNX Runtime runs a float model. */
public enum InferenceDevice {
    /** The CPU execution provider. */
    CPU,
    /** The CUDA execution provider on GPU 0. */
    CUDA
}
