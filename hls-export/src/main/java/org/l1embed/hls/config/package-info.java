/**
 * What the user chooses for an HLS export: project and top-function names, FPGA part, clock, reuse factors,
 * IO type and strategy, testbench size. Records validated on construction; no file or network knowledge.
 */
package org.l1embed.hls.config;
