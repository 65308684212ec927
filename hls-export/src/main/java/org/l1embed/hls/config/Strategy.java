package org.l1embed.hls.config;

/** How layers trade latency for resources. */
public enum Strategy {
    /** Every layer fully pipelined at initiation interval = reuse factor; multipliers unrolled. */
    LATENCY;

    /** The spelling used by hls4ml ({@code Latency}). */
    public String hls4mlName() {
        return "Latency";
    }
}
