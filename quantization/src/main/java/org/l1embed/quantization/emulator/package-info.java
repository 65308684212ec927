/**
 * The bit-accurate emulator ({@link org.l1embed.quantization.emulator.Emulator}): runs a quantized
 * {@code NetworkSpec} on raw {@code long} values exactly as the firmware computes it, and the float reference
 * forward pass ({@link org.l1embed.quantization.emulator.FloatNetwork}) it is compared with.
 *
 * <p>Hot loops work on primitive arrays; records appear only in results. Nothing here parses files.
 */
package org.l1embed.quantization.emulator;
