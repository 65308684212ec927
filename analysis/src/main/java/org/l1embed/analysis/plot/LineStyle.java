package org.l1embed.analysis.plot;

/** How a line or step series is stroked. */
public enum LineStyle {
    SOLID,
    DASHED,
}
