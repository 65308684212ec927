/**
 * Static PNG charts drawn with Java2D for reports: {@link org.l1embed.analysis.plot.Chart} (title, axis labels,
 * linear axes with 1-2-5 ticks or a log-y axis, legend, line / point-with-error-bar / step-histogram series)
 * and {@link org.l1embed.analysis.plot.ChartGrid} (several charts in one image). Rendering is headless and
 * deterministic (same chart, same bytes on the same JVM); files are written atomically. Nothing here knows
 * about physics or statistics, and nothing here opens a window.
 */
package org.l1embed.analysis.plot;
