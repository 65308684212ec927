/**
 * The planned design: a validated, named and estimated view of a quantized network for one HLS
 * configuration ({@link org.l1embed.hls.design.HlsDesign}), and the testbench vectors whose expected outputs
 * come from the bit-accurate emulator ({@link org.l1embed.hls.design.TestbenchVectors}). Every rule that can
 * refuse an export lives here, so nothing is written for a design that cannot be built.
 */
package org.l1embed.hls.design;
