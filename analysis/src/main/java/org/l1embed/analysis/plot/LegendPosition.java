package org.l1embed.analysis.plot;

/** Where the legend box sits inside the plot area, or no legend. */
public enum LegendPosition {
    TOP_RIGHT,
    TOP_LEFT,
    BOTTOM_RIGHT,
    BOTTOM_LEFT,
    NONE,
}
