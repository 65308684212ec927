/**
 * Fixed-point quantization as TensorFlow graph ops, for quantization-aware training and for checking a trained
 * graph against the bit-accurate emulator: {@link org.l1embed.training.quantize.FakeQuant} converts float64
 * tensors of exact values into a {@link org.l1embed.quantization.fixed.FixedType} with the integer rules of
 * {@code docs/fixed-point.md}; {@link org.l1embed.training.quantize.QuantizedForward} builds the exact-mode
 * forward graph of a quantized {@link org.l1embed.quantization.network.NetworkSpec}.
 *
 * <p>The fixed-point semantics themselves live in {@code org.l1embed.quantization}; nothing here redefines them.
 * Training loops, optimizers and file formats do not belong here.
 */
package org.l1embed.training.quantize;
