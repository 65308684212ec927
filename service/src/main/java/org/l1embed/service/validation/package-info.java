/**
 * Validation of a quantized model against its float parent, as a CI gate calls it
 * ({@link org.l1embed.service.validation.Validator}): ONNX Runtime against the bit-accurate emulator on given or generated
 * events, overflow counts per layer, the bit-exact check of the bundle's stored testbench vectors, and a verdict
 * against the request's thresholds. No gRPC types here.
 */
package org.l1embed.service.validation;
