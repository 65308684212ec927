/**
 * Renderers: one per output file kind, each a pure function from the planned design (and testbench vectors)
 * to text. They render from data only — never read back, grep or patch generated text — and the output is
 * deterministic: no timestamps, no random ids, fixed ordering.
 */
package org.l1embed.hls.render;
