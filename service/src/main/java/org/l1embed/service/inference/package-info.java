/**
 * The two backends of a loaded model: {@link org.l1embed.service.inference.FloatModel} (ONNX Runtime on CPU or CUDA)
 * and {@link org.l1embed.service.inference.FixedModel} (the quantization module's bit-accurate emulator). Neither
 * knows about gRPC.
 */
package org.l1embed.service.inference;
