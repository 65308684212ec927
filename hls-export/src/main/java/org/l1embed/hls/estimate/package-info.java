/**
 * First-order resource and latency estimates per layer, with the formulas stated (they travel into
 * {@code layers.json} and the project README). Not a substitute for synthesis: a number to plan with.
 */
package org.l1embed.hls.estimate;
