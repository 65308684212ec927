/**
 * Static PNG charts for reports, rendered by XChart behind a small project-owned API:
 * {@link org.l1embed.analysis.plot.Chart} (title, axis labels, linear or log axes, legend; line, point with error
 * bars, translucent scatter, step histogram and band series), {@link org.l1embed.analysis.plot.ChartGrid} (several
 * charts in one image), {@link org.l1embed.analysis.plot.PairPlot} (scatter panels for every pair of coordinates)
 * and {@link org.l1embed.analysis.plot.Png} (encoding, atomic writing). Colours come from the colour-blind-safe
 * {@link org.l1embed.analysis.plot.OkabeIto} palette. XChart types never appear in this package's API. Rendering is
 * headless and deterministic (same chart, same bytes on the same JVM). Nothing here knows about physics or
 * statistics, and nothing here opens a window.
 */
package org.l1embed.analysis.plot;
