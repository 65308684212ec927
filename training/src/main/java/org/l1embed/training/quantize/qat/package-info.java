/**
 * Quantization-aware fine-tuning: dense weights trained through the emulator's own conversions
 * ({@link org.l1embed.training.quantize.QuantizedForward} with straight-through gradients), so that what is
 * trained and evaluated is bit for bit what the firmware computes.
 */
package org.l1embed.training.quantize.qat;
