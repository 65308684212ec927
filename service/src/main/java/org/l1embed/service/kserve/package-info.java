/**
 * The standard inference protocol (KServe v2 / Triton) on the service's models, independent of its two wire forms: which
 * models it serves ({@link org.l1embed.service.kserve.ServedModels}: each bundle as {@code <name>}, and each quantized
 * bundle also as {@code <name>_emulated}), their metadata and configuration, tensor datatypes and little-endian
 * encoding ({@link org.l1embed.service.kserve.TensorCodec}), and inference through the shared
 * {@link org.l1embed.service.batching.InferenceScheduler} ({@link org.l1embed.service.kserve.KServeInference}).
 * No protobuf or JSON here: the gRPC service ({@code grpc}) and the REST resource ({@code rest}) map their messages to
 * these records.
 */
package org.l1embed.service.kserve;
