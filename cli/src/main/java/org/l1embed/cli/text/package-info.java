/**
 * Plain-text rendering for the terminal: aligned tables of already formatted strings.
 *
 * <p>Only layout lives here; what a number means and how it is written (exact decimals, type names) is
 * decided by the commands and by the {@code quantization} module.
 */
package org.l1embed.cli.text;
