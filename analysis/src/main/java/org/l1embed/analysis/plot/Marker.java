package org.l1embed.analysis.plot;

/** Filled marker shapes for point series. */
public enum Marker {
    CIRCLE,
    SQUARE,
    TRIANGLE,
    DIAMOND,
}
