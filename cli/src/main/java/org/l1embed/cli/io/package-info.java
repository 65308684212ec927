/**
 * The files l1embed reads and writes on behalf of its commands: event inputs ({@code .csv}, {@code .npy})
 * read into float32 matrices, the emulator's CSV outputs, network JSON files, and the all-or-nothing file
 * writing every command uses.
 *
 * <p>Every reading error names the file, the place (line and column, or element and header field), the
 * value and what was expected. Nothing here computes fixed-point values: that is the {@code quantization}
 * module's job; this package only moves numbers in and out of files.
 */
package org.l1embed.cli.io;
