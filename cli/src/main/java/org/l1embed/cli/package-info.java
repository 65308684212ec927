/**
 * The {@code l1embed} command ({@link org.l1embed.cli.L1embed}, picocli): one thin subcommand per job
 * ({@code emulate}, {@code fixed}, {@code profile}) that reads its files, calls the library modules and
 * reports; and the one place that decides exit codes and how failures are shown ({@code Failures}).
 *
 * <p>No fixed-point arithmetic or network logic lives here: commands call {@code quantization}. File
 * formats are in {@link org.l1embed.cli.io}, terminal tables in {@link org.l1embed.cli.text}.
 */
package org.l1embed.cli;
