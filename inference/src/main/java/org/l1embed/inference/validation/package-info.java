/**
 * Validation of a quantized model against its float parent ({@link org.l1embed.inference.validation.Validation}): ONNX
 * Runtime against the bit-accurate emulator on the same events, overflow counts per layer, the bit-exact check of the
 * bundle's stored testbench vectors, and a verdict against {@link org.l1embed.inference.validation.Thresholds}. The one
 * implementation behind the service's {@code Validate} RPC and {@code l1embed validate}.
 */
package org.l1embed.inference.validation;
