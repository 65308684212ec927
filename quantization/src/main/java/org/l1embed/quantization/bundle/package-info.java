/**
 * The model bundle: the one artefact every stage hands on ({@code docs/model-bundle.md}). A directory with
 * {@code network.json} (the {@link org.l1embed.quantization.network.NetworkSpec}), {@code model.onnx} (opaque
 * bytes here), {@code provenance.json} ({@link org.l1embed.quantization.bundle.Provenance}, the only place a
 * timestamp may appear) and {@code checksums.sha256} ({@link org.l1embed.quantization.bundle.Checksums}), also
 * shippable as one deterministic zip.
 *
 * <p>{@link org.l1embed.quantization.bundle.BundleWriter} renders the files from data and writes them
 * atomically; {@link org.l1embed.quantization.bundle.ModelBundle#read ModelBundle.read} verifies every checksum
 * and refuses tampered, incomplete or padded bundles. JDK and Jackson only: nothing here may read or write ONNX
 * itself (the ONNX exporter lives in {@code training}).
 */
package org.l1embed.quantization.bundle;
