/**
 * The service benchmark ({@code service/bench.sh}, results in {@code BENCHMARKS.md}): not a test, never run by
 * {@code mvn verify}.
 */
package org.l1embed.service.bench;
