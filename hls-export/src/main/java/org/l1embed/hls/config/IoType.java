package org.l1embed.hls.config;

/** How the top function receives and returns data. */
public enum IoType {
    /** Arrays fully partitioned into registers: all inputs in one cycle (the Level-1 trigger case). */
    IO_PARALLEL;

    /** The spelling used by hls4ml ({@code io_parallel}). */
    public String hls4mlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
