/**
 * Export of a trained network: {@link org.l1embed.training.export.OnnxExporter} writes a
 * {@link org.l1embed.quantization.network.NetworkSpec}'s float forward pass, preprocessing included, as ONNX
 * (IR 8, opset 17) with the ONNX protobuf classes; {@link org.l1embed.training.export.BundleExporter} puts it
 * into a model bundle next to {@code network.json} and the provenance ({@code docs/model-bundle.md}).
 *
 * <p>Everything here is a pure function of the spec (and the code version): no random names, no timestamps,
 * same spec → same bytes. Bundle layout, checksums and zip form belong to
 * {@code org.l1embed.quantization.bundle}; running ONNX models belongs to the service.
 */
package org.l1embed.training.export;
