/**
 * A model bundle's two backends outside any server: {@link org.l1embed.inference.FloatModel} (the bundle's
 * {@code model.onnx} in ONNX Runtime, on CPU or CUDA through {@link org.l1embed.inference.OnnxSessions}, which falls back
 * to the CPU with one logged line) and {@link org.l1embed.inference.FixedModel} (the bundle's preprocessing in float32,
 * then the quantization module's bit-accurate emulator), both fed {@link org.l1embed.inference.FeatureBatch}es of raw
 * network features. ONNX Runtime is a provided dependency: each application brings its CPU or GPU build.
 */
package org.l1embed.inference;
