/**
 * Post-training quantization: from a float {@link org.l1embed.quantization.network.NetworkSpec} and calibration
 * inputs to a quantized spec ({@link org.l1embed.training.quantize.ptq.PostTrainingQuantization}), driven by a
 * {@link org.l1embed.training.quantize.ptq.PrecisionConfig} (a default width and modes, plus per-layer type
 * overrides read from JSON), and the float-versus-fixed comparison
 * ({@link org.l1embed.training.quantize.ptq.QuantizationReport}).
 *
 * <p>Ranges come from {@code org.l1embed.quantization.profile} and the numbers from the bit-accurate emulator; nothing
 * here redefines fixed-point semantics. Data loading, preprocessing fits, training loops and bundle I/O do not belong
 * here.
 */
package org.l1embed.training.quantize.ptq;
