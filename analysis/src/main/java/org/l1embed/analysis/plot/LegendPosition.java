package org.l1embed.analysis.plot;

/** Where the legend box sits: inside a corner of the plot area, to the right of it, or no legend. */
public enum LegendPosition {
    TOP_RIGHT,
    TOP_LEFT,
    BOTTOM_RIGHT,
    BOTTOM_LEFT,
    OUTSIDE_RIGHT,
    NONE,
}
