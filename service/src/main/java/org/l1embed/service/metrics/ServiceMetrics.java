package org.l1embed.service.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.l1embed.service.batching.BatchObserver;
import org.l1embed.service.batching.Lane;
import org.l1embed.service.repository.ModelKey;

/**
 * Records the service's metrics.
 *
 * <p>{@code l1embed_*}: gRPC calls by service, method, model, version and status; call latency, batch sizes, queue and
 * compute time as histograms; expired deadlines; emulation mismatches (stored testbench outputs that {@code Validate}
 * found not reproduced).
 *
 * <p>{@code nv_inference_*}: Triton's per-model series with Triton's names and {@code model}/{@code version} labels.
 * Triton exports them as cumulative counters without a {@code _total} suffix; Micrometer appends {@code _total} to
 * every counter, so they are registered as gauges over monotonically increasing values, which keeps the exact names
 * ({@code rate()} works on them as on counters). Durations are cumulative microseconds, as in Triton: each request adds
 * its own queue time and the compute time of the backend call that computed it. The {@code model} label is the name the
 * standard inference protocol serves the backend under ({@link Lane.Backend#servedName}): the bundle's name for float
 * inference ({@code Embed}, KServe {@code <name>}), {@code <name>_emulated} for the emulator ({@code Emulate}, KServe
 * {@code <name>_emulated}). The same values answer KServe's {@code ModelStatistics} ({@link #statistics}).
 */
@ApplicationScoped
public class ServiceMetrics implements BatchObserver {

    /** Model tag value of a call that named no known model. */
    public static final String NO_MODEL = "";

    private final MeterRegistry registry;
    private final Map<ModelKey, Triton> triton = new ConcurrentHashMap<>();

    public ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Triton's cumulative per-model values. */
    private static final class Triton {
        final AtomicLong success = new AtomicLong();
        final AtomicLong failure = new AtomicLong();
        final AtomicLong successNanos = new AtomicLong();
        final AtomicLong failureNanos = new AtomicLong();
        final AtomicLong count = new AtomicLong();
        final AtomicLong execCount = new AtomicLong();
        final AtomicLong queued = new AtomicLong();
        final AtomicLong queueNanos = new AtomicLong();
        final AtomicLong computed = new AtomicLong();
        final AtomicLong computeNanos = new AtomicLong();
        final AtomicLong lastInferenceMillis = new AtomicLong();
    }

    /**
     * The cumulative statistics of one served model version, as KServe's {@code ModelStatistics} reports them.
     *
     * @param success             successful inference requests
     * @param successNanos        their total time from decoding to the response, ns
     * @param failure             failed inference requests (that named a served model)
     * @param failureNanos        their total time, ns
     * @param inferenceCount      inferences (events) of successful requests
     * @param executionCount      backend calls
     * @param queued              requests that left the batcher's queue
     * @param queueNanos          their total waiting time, ns
     * @param computed            requests computed by a backend call
     * @param computeNanos        per request, the time of the call that computed it, summed, ns
     * @param lastInferenceMillis when the last request finished, ms since the epoch; 0: never
     */
    public record TritonStatistics(long success, long successNanos, long failure, long failureNanos, long inferenceCount,
            long executionCount, long queued, long queueNanos, long computed, long computeNanos, long lastInferenceMillis) {

        /** A model version that has served nothing yet. */
        public static final TritonStatistics NONE = new TritonStatistics(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    /** The statistics of a served model version ({@link Lane#served()}); {@link TritonStatistics#NONE} before its first request. */
    public TritonStatistics statistics(ModelKey served) {
        Triton t = triton.get(served);
        if (t == null) {
            return TritonStatistics.NONE;
        }
        return new TritonStatistics(t.success.get(), t.successNanos.get(), t.failure.get(), t.failureNanos.get(), t.count.get(),
                t.execCount.get(), t.queued.get(), t.queueNanos.get(), t.computed.get(), t.computeNanos.get(),
                t.lastInferenceMillis.get());
    }

    private Triton triton(ModelKey served) {
        return triton.computeIfAbsent(served, m -> {
            Triton t = new Triton();
            Tags tags = Tags.of("model", m.name(), "version", m.version());
            gauge("nv_inference_request_success", "successful inference requests (Triton)", tags, t.success);
            gauge("nv_inference_request_failure", "failed inference requests (Triton)", tags, t.failure);
            gauge("nv_inference_count", "inferences (events) performed by successful requests (Triton)", tags, t.count);
            gauge("nv_inference_exec_count", "backend executions; with dynamic batching fewer than requests (Triton)", tags,
                    t.execCount);
            gauge("nv_inference_queue_duration_us", "cumulative time requests waited for their batch, µs (Triton)", tags,
                    t.queueNanos, 1e-3);
            gauge("nv_inference_compute_infer_duration_us", "cumulative backend compute time per request, µs (Triton)", tags,
                    t.computeNanos, 1e-3);
            return t;
        });
    }

    private void gauge(String name, String help, Tags tags, AtomicLong value) {
        gauge(name, help, tags, value, 1.0);
    }

    private void gauge(String name, String help, Tags tags, AtomicLong value, double scale) {
        Gauge.builder(name, value, v -> Math.floor(v.get() * scale)).description(help).tags(tags).strongReference(true).register(registry);
    }

    /**
     * One finished gRPC call.
     *
     * @param model  the model version the call resolved, or null when it named none or an unknown one
     * @param status the gRPC status code's name, e.g. {@code OK}
     */
    public void callFinished(String service, String method, ModelKey model, String status, long nanos) {
        Tags tags = Tags.of("service", service, "method", method, "model", model == null ? NO_MODEL : model.name(),
                "version", model == null ? NO_MODEL : model.version());
        Counter.builder("l1embed.grpc.requests").description("gRPC calls by service, method, model, version and status")
                .tags(tags).tag("status", status).register(registry).increment();
        Timer.builder("l1embed.grpc.request.duration").description("gRPC call latency, from the call's start to its status")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(50_000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry).record(nanos, TimeUnit.NANOSECONDS);
    }

    /**
     * One inference request finished: an {@code Embed} or {@code Emulate} call, one {@code EmbedStream} message, or one
     * KServe {@code ModelInfer} request (gRPC, stream or REST).
     *
     * @param model   the bundle's model version
     * @param backend the backend that served it, which names the Triton series ({@link Lane.Backend#servedName})
     * @param events  the events of a successful request
     * @param nanos   the request's time from decoding to its outputs
     */
    public void inferenceFinished(ModelKey model, Lane.Backend backend, int events, long nanos, boolean ok) {
        Triton t = triton(new Lane(model, backend).served());
        if (ok) {
            t.success.incrementAndGet();
            t.successNanos.addAndGet(nanos);
            t.count.addAndGet(events);
            t.lastInferenceMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
        } else {
            t.failure.incrementAndGet();
            t.failureNanos.addAndGet(nanos);
        }
    }

    /**
     * Emulation mismatches of a model version: stored testbench outputs that the emulator did not reproduce (counted by
     * {@code Validate}; 0 adds the series).
     * The counter is registered, at 0, the first time a model version is emulated.
     */
    public void emulationMismatches(ModelKey model, long mismatches) {
        Counter.builder("l1embed.emulation.mismatches")
                .description("emulator outputs that differed from their reference (bit-exact checks)")
                .tags("model", model.name(), "version", model.version()).register(registry).increment(mismatches);
    }

    @Override
    public void dequeued(Lane lane, long queueNanos) {
        Timer.builder("l1embed.batch.queue.duration").description("time a request waited for its batch")
                .tags(laneTags(lane)).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(1000))
                .maximumExpectedValue(Duration.ofSeconds(1)).register(registry).record(queueNanos, TimeUnit.NANOSECONDS);
        Triton t = triton(lane.served());
        t.queued.incrementAndGet();
        t.queueNanos.addAndGet(queueNanos);
    }

    @Override
    public void executed(Lane lane, int events, int requests, long computeNanos) {
        Tags tags = laneTags(lane);
        Timer.builder("l1embed.batch.compute.duration").description("backend compute time of one (merged) call")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(Duration.ofNanos(1000))
                .maximumExpectedValue(Duration.ofSeconds(10)).register(registry).record(computeNanos, TimeUnit.NANOSECONDS);
        DistributionSummary.builder("l1embed.batch.size").description("events per backend call").baseUnit("events")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(1048576.0)
                .register(registry).record(events);
        DistributionSummary.builder("l1embed.batch.requests").description("requests merged into one backend call")
                .tags(tags).publishPercentileHistogram().minimumExpectedValue(1.0).maximumExpectedValue(65536.0)
                .register(registry).record(requests);
        Triton t = triton(lane.served());
        t.execCount.incrementAndGet();
        t.computed.addAndGet(requests);
        t.computeNanos.addAndGet(computeNanos * requests);
        if (lane.backend() == Lane.Backend.EMULATION) {
            emulationMismatches(lane.model(), 0);
        }
    }

    @Override
    public void expired(Lane lane) {
        Counter.builder("l1embed.deadline.expired").description("requests answered DEADLINE_EXCEEDED without being computed")
                .tags(laneTags(lane)).register(registry).increment();
    }

    private static Tags laneTags(Lane lane) {
        return Tags.of("model", lane.model().name(), "version", lane.model().version(), "backend", lane.backend().label());
    }
}
