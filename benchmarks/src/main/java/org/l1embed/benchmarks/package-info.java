/**
 * JMH benchmarks for l1embed. {@link org.l1embed.benchmarks.ReferenceNetworks} builds the seeded networks and
 * inputs they run on; {@link org.l1embed.benchmarks.EmulatorBenchmark} measures the bit-accurate emulator in
 * events per second; {@link org.l1embed.benchmarks.NplmBenchmark} the time of one NPLM fit (one toy). Build with
 * {@code ./mvnw -pl benchmarks -am package -DskipTests} and run
 * {@code java --add-modules jdk.incubator.vector -jar benchmarks/target/benchmarks.jar}.
 */
package org.l1embed.benchmarks;
