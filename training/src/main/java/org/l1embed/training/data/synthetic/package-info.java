/**
 * The built-in event generator: seeded, deterministic, fast toy simulation of Level-1 trigger events in the
 * ADC2021 layout for each {@link org.l1embed.training.data.Process} ({@link
 * org.l1embed.training.data.synthetic.SyntheticEvents}). Every physics choice is documented in
 * {@code docs/generator.md}.
 *
 * <p>Hot code works on doubles and primitive arrays; transcendental functions come from {@link StrictMath} so
 * that a seed gives the same bytes on every JVM. Nothing here reads or writes files.
 */
package org.l1embed.training.data.synthetic;
