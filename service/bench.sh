#!/usr/bin/env bash
# The service benchmark (BENCHMARKS.md, "Service (issue 6)"): Embed and Emulate over loopback gRPC against the
# packaged service, beside the same model in-process. Usage: service/bench.sh [seconds per cell] [warm-up seconds] [suite]
# suite: l1embed (default) or kserve (BENCHMARKS.md, "KServe v2 protocol (issue 8)": ModelInfer in perf_analyzer's columns).
set -euo pipefail
cd "$(dirname "$0")/.."
# One reactor build: the service and the modules it needs from this checkout, and the test class path for the client.
./mvnw -q -pl service -am package -DskipTests dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
work=service/target/bench
mkdir -p "$work/tmp" "$work/cache"
# The class path goes into a manifest-only jar, as surefire does: ONNX Runtime 1.29's native start-up crashes the JVM
# (SIGSEGV, no hs_err file) when java.class.path is very long (~25 kB here).
{ echo "Manifest-Version: 1.0"
  printf 'Class-Path: %s\n' "$( { echo "$PWD/service/target/test-classes/"; echo "$PWD/service/target/classes/"
      tr ':' '\n' < service/target/bench.classpath; } | sed 's|^|file:|' | tr '\n' ' ')" | fold -w 70 | sed '2,$s/^/ /'
} > "$work/manifest.txt"
rm -f "$work/classpath.jar" && jar --create --file "$work/classpath.jar" --manifest "$work/manifest.txt"
XDG_CACHE_HOME="$PWD/$work/cache" java --add-modules jdk.incubator.vector -Djava.io.tmpdir="$PWD/$work/tmp" \
  -cp "$work/classpath.jar" org.l1embed.service.bench.ServiceBenchmark "$work" "${1:-3}" "${2:-1}" "${3:-l1embed}"
