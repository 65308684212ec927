package org.l1embed.hls.estimate;

/**
 * The estimate for one layer.
 *
 * @param multipliers      multipliers instantiated (the HLS multiplier limit for a dense layer)
 * @param dsp              DSP slices
 * @param lut              LUTs
 * @param latencyCycles    cycles from the layer's input to its output
 */
public record LayerEstimate(long multipliers, long dsp, long lut, int latencyCycles) {
}
