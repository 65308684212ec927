package org.l1embed.service.bench;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.l1embed.inference.FeatureBatch;
import org.l1embed.inference.FixedModel;
import org.l1embed.inference.FloatModel;
import org.l1embed.inference.InferenceDevice;
import org.l1embed.inference.OnnxSessions;
import org.l1embed.proto.inference.GRPCInferenceServiceGrpc;
import org.l1embed.proto.inference.ModelInferRequest;
import org.l1embed.proto.v1.EmbedRequest;
import org.l1embed.proto.v1.EmbeddingServiceGrpc;
import org.l1embed.proto.v1.EmulateRequest;
import org.l1embed.proto.v1.EmulationServiceGrpc;
import org.l1embed.proto.v1.ListModelsRequest;
import org.l1embed.proto.v1.ModelServiceGrpc;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.service.FixtureBundles;
import org.l1embed.service.Requests;

/**
 * Throughput and latency of {@code Embed} (float, ONNX Runtime) and {@code Emulate} (bit-accurate emulator) over
 * loopback gRPC, for batches of 1, 64 and 1024 events at client concurrency 1, 8 and 32, beside the same model called
 * in-process; batch 1 also with dynamic batching off and with {@code max-delay} 0 (the sweep uses 500 µs). Starts the packaged service
 * ({@code service/target/quarkus-app}) as a child process for each server configuration. Run by {@code service/bench.sh}.
 *
 * <p>Arguments: {@code <work dir> [seconds per cell] [warm-up seconds] [suite]}; suite {@code l1embed} (the default:
 * the table above) or {@code kserve}: {@code ModelInfer} of the standard inference protocol (raw FP32 contents, built as
 * Triton's C++ client builds them) on the float model {@code adc_q} and the emulated model {@code adc_q_emulated},
 * batch 1 and 64, client concurrency 1 to 32, in perf_analyzer's columns ({@link #kserve}). Prints a Markdown table.
 */
public final class ServiceBenchmark {

    private static final String MODEL = FixtureBundles.QUANTIZED;
    private static final String VERSION = "2";
    private static final int[] BATCHES = {1, 64, 1024};
    private static final int[] CONCURRENCY = {1, 8, 32};
    private static final int SERVER_WARMUP_SECONDS = 20;

    private enum Backend { FLOAT, EMULATION }

    /** What one client call does. */
    private interface Call {
        void run() throws Exception;
    }

    private record Result(long calls, double seconds, long p50, long p90, long p95, long p99) {
    }

    private static double measureSeconds;
    private static double warmupSeconds;

    private ServiceBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "service/target/bench").toAbsolutePath();
        measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 3;
        warmupSeconds = args.length > 2 ? Double.parseDouble(args[2]) : 1;
        Path models = work.resolve("models");
        if (!Files.isDirectory(models.resolve(MODEL).resolve(VERSION))) {
            Files.createDirectories(models);
            FixtureBundles.writeRepository(models);
        }
        float[] pool = FixtureBundles.events(1024, 77).networkFeatures();
        if (args.length > 3 && args[3].equals("kserve")) {
            System.out.println(String.join("\n", kserve(work, models, pool)));
            return;
        }
        List<String> rows = new ArrayList<>();
        rows.add("| backend | path | batch | clients | events/s | calls/s | p50 µs | p90 µs | p99 µs |");
        rows.add("|---|---|---:|---:|---:|---:|---:|---:|---:|");

        // in-process: the same bundle, the same backends, no gRPC
        ModelBundle bundle = ModelBundle.read(models.resolve(MODEL).resolve(VERSION));
        OnnxSessions sessions = new OnnxSessions(InferenceDevice.CPU, 1);
        try (FloatModel floatModel = FloatModel.open(sessions, Files.readAllBytes(bundle.modelOnnx()),
                bundle.network().input().size(), bundle.network().outputSize(), bundle.checksums().get(ModelBundle.NETWORK_JSON))) {
            FixedModel fixed = new FixedModel(bundle.network());
            for (Backend backend : Backend.values()) {
                for (int batch : BATCHES) {
                    FeatureBatch events = new FeatureBatch(batch, 57, Arrays.copyOf(pool, batch * 57));
                    for (int clients : CONCURRENCY) {
                        Result r = measure(clients, c -> backend == Backend.FLOAT ? () -> floatModel.embed(events)
                                : () -> fixed.emulateRaw(events));
                        rows.add(row(backend, "in-process", batch, clients, r));
                    }
                }
            }
        }

        // over gRPC: every size with batching on and a 500 µs delay; batch 1 also with batching off and with no delay
        runServer(work, models, "gRPC batching max-delay 500 µs", List.of("-Dl1embed.batching.max-delay=PT0.0005S"), BATCHES,
                pool, rows);
        runServer(work, models, "gRPC batching off", List.of("-Dl1embed.batching.enabled=false"), new int[] {1}, pool, rows);
        runServer(work, models, "gRPC batching max-delay 0", List.of("-Dl1embed.batching.max-delay=PT0S"), new int[] {1},
                pool, rows);
        System.out.println(String.join("\n", rows));
    }

    private static String row(Backend backend, String path, int batch, int clients, Result r) {
        double calls = r.calls / r.seconds;
        String line = String.format(Locale.ROOT, "| %s | %s | %d | %d | %,.0f | %,.0f | %d | %d | %d |",
                backend == Backend.FLOAT ? "float" : "emulation", path, batch, clients, calls * batch, calls,
                r.p50 / 1000, r.p90 / 1000, r.p99 / 1000).replace(',', ' ');
        System.err.println(line);
        return line;
    }

    private static final int[] KSERVE_BATCHES = {1, 64};
    private static final int[] KSERVE_CONCURRENCY = {1, 2, 4, 8, 16, 32};

    /**
     * KServe v2 {@code ModelInfer} over loopback gRPC against the packaged service with its default configuration
     * (dynamic batching on, {@code max-delay} 0), in perf_analyzer's columns: throughput in inferences (events) per
     * second, and client-side latency percentiles of a call. Each client has its own channel and sends its next request
     * when the previous answer arrived (perf_analyzer's concurrency mode).
     */
    private static List<String> kserve(Path work, Path models, float[] pool) throws Exception {
        List<String> rows = new ArrayList<>();
        rows.add("| model | batch | concurrency | infer/s | requests/s | p50 µs | p90 µs | p95 µs | p99 µs |");
        rows.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        String[] served = {MODEL, MODEL + "_emulated"};
        try (RunningServer server = RunningServer.start(work, models, List.of())) {
            ManagedChannel warm = channel(server.port());
            try {
                GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub = GRPCInferenceServiceGrpc.newBlockingStub(warm);
                double saved = measureSeconds;
                measureSeconds = SERVER_WARMUP_SECONDS;
                measure(8, c -> {
                    ModelInferRequest r = kserveRequest(served[c % 2], c % 4 < 2 ? 1 : 64, pool);
                    return () -> stub.modelInfer(r);
                });
                measureSeconds = saved;
            } finally {
                warm.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            for (String model : served) {
                for (int batch : KSERVE_BATCHES) {
                    ModelInferRequest request = kserveRequest(model, batch, pool);
                    for (int clients : KSERVE_CONCURRENCY) {
                        List<ManagedChannel> channels = new ArrayList<>();
                        for (int c = 0; c < clients; c++) {
                            channels.add(channel(server.port()));
                        }
                        try {
                            Result r = measure(clients, c -> {
                                GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub =
                                        GRPCInferenceServiceGrpc.newBlockingStub(channels.get(c));
                                return () -> stub.modelInfer(request);
                            });
                            double calls = r.calls / r.seconds;
                            String line = String.format(Locale.ROOT, "| %s | %d | %d | %,.0f | %,.0f | %d | %d | %d | %d |", model,
                                    batch, clients, calls * batch, calls, r.p50 / 1000, r.p90 / 1000, r.p95 / 1000, r.p99 / 1000)
                                    .replace(',', ' ');
                            System.err.println(line);
                            rows.add(line);
                        } finally {
                            for (ManagedChannel ch : channels) {
                                ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                            }
                        }
                    }
                }
            }
        }
        return rows;
    }

    private static ManagedChannel channel(int port) {
        return ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().maxInboundMessageSize(64 << 20).build();
    }

    /** One FP32 input of {@code batch} events, its raw contents little-endian, as Triton's C++ client sends it. */
    private static ModelInferRequest kserveRequest(String model, int batch, float[] pool) {
        ByteBuffer b = ByteBuffer.allocate(batch * 57 * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < batch * 57; i++) {
            b.putFloat(pool[i]);
        }
        return ModelInferRequest.newBuilder().setModelName(model).setModelVersion(VERSION)
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("events").setDatatype("FP32")
                        .addShape(batch).addShape(57))
                .addRawInputContents(ByteString.copyFrom(b.array())).build();
    }

    /** The packaged service as a child process on a free port, ready to serve. */
    private record RunningServer(Process process, int port) implements AutoCloseable {

        static RunningServer start(Path work, Path models, List<String> flags) throws Exception {
            int port;
            try (ServerSocket s = new ServerSocket(0)) {
                port = s.getLocalPort();
            }
            Path tmp = Files.createDirectories(work.resolve("tmp"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules", "jdk.incubator.vector", "-Djava.io.tmpdir=" + tmp, "-Dl1embed.models.dir=" + models,
                    "-Dquarkus.http.port=" + port, "-Dquarkus.log.level=WARN"));
            command.addAll(flags);
            command.addAll(List.of("-jar", Path.of("service/target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(work.resolve("server-" + port + ".log").toFile());
            pb.environment().put("XDG_CACHE_HOME", work.resolve("cache").toString());
            RunningServer server = new RunningServer(pb.start(), port);
            try {
                awaitReady(port);
            } catch (RuntimeException | InterruptedException e) {
                server.close();
                throw e;
            }
            return server;
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static void runServer(Path work, Path models, String label, List<String> flags, int[] batches, float[] pool,
            List<String> rows) throws Exception {
        try (RunningServer server = RunningServer.start(work, models, flags)) {
            int port = server.port();
            warmUp(port, pool);
            for (Backend backend : Backend.values()) {
                for (int batch : batches) {
                    float[] x = Arrays.copyOf(pool, batch * 57);
                    EmbedRequest embed = EmbedRequest.newBuilder().setModel(Requests.model(MODEL, VERSION))
                            .setEvents(Requests.tensor(x, batch, 57)).build();
                    EmulateRequest emulate = EmulateRequest.newBuilder().setModel(Requests.model(MODEL, VERSION))
                            .setEvents(Requests.tensor(x, batch, 57)).build();
                    for (int clients : CONCURRENCY) {
                        List<ManagedChannel> channels = new ArrayList<>();
                        for (int c = 0; c < clients; c++) {
                            channels.add(channel(port));
                        }
                        try {
                            Result r = measure(clients, c -> {
                                ManagedChannel ch = channels.get(c);
                                if (backend == Backend.FLOAT) {
                                    EmbeddingServiceGrpc.EmbeddingServiceBlockingStub stub = EmbeddingServiceGrpc.newBlockingStub(ch);
                                    return () -> stub.embed(embed);
                                }
                                EmulationServiceGrpc.EmulationServiceBlockingStub stub = EmulationServiceGrpc.newBlockingStub(ch);
                                return () -> stub.emulate(emulate);
                            });
                            rows.add(row(backend, label, batch, clients, r));
                        } finally {
                            for (ManagedChannel ch : channels) {
                                ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Warms the server's JIT before anything is measured: {@value #SERVER_WARMUP_SECONDS} s of Embed and Emulate calls of
     * 1 and 64 events from 8 clients (on 2 cores the Quarkus/Netty/gRPC path needs tens of thousands of calls to reach
     * its steady state).
     */
    private static void warmUp(int port, float[] pool) throws Exception {
        ManagedChannel ch = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        try {
            EmbeddingServiceGrpc.EmbeddingServiceBlockingStub embed = EmbeddingServiceGrpc.newBlockingStub(ch);
            EmulationServiceGrpc.EmulationServiceBlockingStub emulate = EmulationServiceGrpc.newBlockingStub(ch);
            double saved = measureSeconds;
            measureSeconds = SERVER_WARMUP_SECONDS;
            measure(8, c -> {
                int batch = c % 2 == 0 ? 1 : 64;
                EmbedRequest e = EmbedRequest.newBuilder().setModel(Requests.model(MODEL, VERSION))
                        .setEvents(Requests.tensor(Arrays.copyOf(pool, batch * 57), batch, 57)).build();
                EmulateRequest m = EmulateRequest.newBuilder().setModel(Requests.model(MODEL, VERSION))
                        .setEvents(Requests.tensor(Arrays.copyOf(pool, batch * 57), batch, 57)).build();
                return () -> {
                    embed.embed(e);
                    emulate.emulate(m);
                };
            });
            measureSeconds = saved;
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitReady(int port) throws InterruptedException {
        ManagedChannel ch = ManagedChannelBuilder.forAddress("localhost", port).usePlaintext().build();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                try {
                    if (ModelServiceGrpc.newBlockingStub(ch).list(ListModelsRequest.getDefaultInstance()).getModelsCount() > 0) {
                        return;
                    }
                } catch (RuntimeException e) {
                    if (System.nanoTime() > until) {
                        throw new IllegalStateException("the service on port " + port + " did not start", e);
                    }
                }
                Thread.sleep(200);
            }
        } finally {
            ch.shutdownNow();
        }
    }

    /** Runs {@code clients} threads calling as fast as they can: warm-up, then the measured interval. */
    private static Result measure(int clients, java.util.function.IntFunction<Call> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                Call call = calls.apply(c);
                futures.add(pool.submit(() -> {
                    long[] latencies = new long[1 << 16];
                    int n = 0;
                    while (!stop.get()) {
                        long t0 = System.nanoTime();
                        call.run();
                        long dt = System.nanoTime() - t0;
                        if (measuring.get()) {
                            if (n == latencies.length) {
                                latencies = Arrays.copyOf(latencies, 2 * n);
                            }
                            latencies[n++] = dt;
                        }
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            Thread.sleep((long) (warmupSeconds * 1000));
            measuring.set(true);
            long start = System.nanoTime();
            Thread.sleep((long) (measureSeconds * 1000));
            measuring.set(false);
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            List<long[]> all = new ArrayList<>();
            long total = 0;
            for (Future<long[]> f : futures) {
                long[] l = f.get(60, TimeUnit.SECONDS);
                all.add(l);
                total += l.length;
            }
            long[] merged = new long[(int) total];
            int at = 0;
            for (long[] l : all) {
                System.arraycopy(l, 0, merged, at, l.length);
                at += l.length;
            }
            Arrays.sort(merged);
            return new Result(total, seconds, percentile(merged, 0.50), percentile(merged, 0.90), percentile(merged, 0.95),
                    percentile(merged, 0.99));
        } finally {
            pool.shutdownNow();
        }
    }

    private static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
