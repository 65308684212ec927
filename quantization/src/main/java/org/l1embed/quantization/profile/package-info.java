/**
 * Precision profiling: observed value ranges per tensor of a float network on sample inputs, the integer bits
 * each needs, and proposed fixed-point types for a target width. Uses the float forward pass only; never runs
 * the emulator or a training framework.
 */
package org.l1embed.quantization.profile;
