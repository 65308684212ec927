/**
 * The testbench vectors a quantized model bundle stores ({@code testbench/} in the bundle,
 * {@link org.l1embed.hls.bundle.BundleTestbench}): raw events, their network inputs and the emulator's raw outputs, in
 * the same text format as an HLS project's {@code tb_data/}, so that firmware C-simulation and the service check the
 * same vectors. Rendering and parsing of that format live in {@link org.l1embed.hls.render.TestbenchData}; nothing here
 * writes an HLS project.
 */
package org.l1embed.hls.bundle;
