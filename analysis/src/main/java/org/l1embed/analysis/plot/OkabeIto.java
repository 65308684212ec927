package org.l1embed.analysis.plot;

import java.awt.Color;

/**
 * The Okabe–Ito palette (Okabe &amp; Ito, "Color Universal Design", 2008): eight colours distinguishable with
 * the common forms of colour-vision deficiency. Listed in the order series should use them; yellow is last as
 * it is faint on white.
 */
public enum OkabeIto {
    BLUE(0x0072B2),
    ORANGE(0xE69F00),
    BLUISH_GREEN(0x009E73),
    VERMILLION(0xD55E00),
    REDDISH_PURPLE(0xCC79A7),
    SKY_BLUE(0x56B4E9),
    BLACK(0x000000),
    YELLOW(0xF0E442);

    private final int rgb;

    OkabeIto(int rgb) {
        this.rgb = rgb;
    }

    /** 0xRRGGBB. */
    public int rgb() {
        return rgb;
    }

    public Color color() {
        return new Color(rgb);
    }

    /** The i-th colour in palette order, cycling (i ≥ 0). */
    public static OkabeIto cycle(int i) {
        OkabeIto[] all = values();
        return all[Math.floorMod(i, all.length)];
    }
}
