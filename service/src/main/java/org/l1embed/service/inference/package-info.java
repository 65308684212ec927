/**
 * The anomaly score a bundle defines ({@link org.l1embed.service.inference.ModelScore}). The two backends of a loaded
 * model, {@link org.l1embed.inference.FloatModel} (ONNX Runtime on CPU or CUDA) and {@link org.l1embed.inference.FixedModel}
 * (the bit-accurate emulator), live in the {@code inference} module, shared with the command line.
 */
package org.l1embed.service.inference;
