/**
 * The built-in event generator: seeded, deterministic, fast toy simulation of Level-1 trigger events in the
 * ADC2021 layout for each {@link org.l1embed.events.Process} ({@link
 * org.l1embed.events.synthetic.SyntheticEvents}). Every physics choice is documented in
 * {@code docs/generator.md}.
 *
 * <p>Hot code works on doubles and primitive arrays; transcendental functions come from {@link StrictMath} so
 * that a seed gives the same bytes on every JVM. Nothing here reads or writes files.
 */
package org.l1embed.events.synthetic;
