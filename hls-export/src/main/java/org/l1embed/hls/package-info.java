/**
 * HLS export: from a quantized {@code NetworkSpec} and an {@link org.l1embed.hls.config.HlsConfig}, a complete
 * HLS C++ project for Level-1 trigger FPGAs — top function, typedefs, per-layer configs, exact weights,
 * l1embed's own layer kernels, a bit-exact testbench against the emulator, the build script, layer
 * descriptors with resource and latency estimates, and the equivalent hls4ml configuration.
 *
 * <p>A pipeline of pure steps: {@link org.l1embed.hls.design.HlsDesign#plan plan} (validate, name, estimate) →
 * {@link org.l1embed.hls.render render} (one renderer per file kind, text from data) →
 * {@link org.l1embed.hls.write.ProjectWriter write} (atomic). Never depends on training.
 */
package org.l1embed.hls;
