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
 * its own queue time and the compute time of the backend call that computed it.
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
        final AtomicLong count = new AtomicLong();
        final AtomicLong execCount = new AtomicLong();
        final AtomicLong queueMicros = new AtomicLong();
        final AtomicLong computeMicros = new AtomicLong();
    }

    private Triton triton(ModelKey model) {
        return triton.computeIfAbsent(model, m -> {
            Triton t = new Triton();
            Tags tags = Tags.of("model", m.name(), "version", m.version());
            gauge("nv_inference_request_success", "successful inference requests (Triton)", tags, t.success);
            gauge("nv_inference_request_failure", "failed inference requests (Triton)", tags, t.failure);
            gauge("nv_inference_count", "inferences (events) performed by successful requests (Triton)", tags, t.count);
            gauge("nv_inference_exec_count", "backend executions; with dynamic batching fewer than requests (Triton)", tags,
                    t.execCount);
            gauge("nv_inference_queue_duration_us", "cumulative time requests waited for their batch, µs (Triton)", tags,
                    t.queueMicros);
            gauge("nv_inference_compute_infer_duration_us", "cumulative backend compute time per request, µs (Triton)", tags,
                    t.computeMicros);
            return t;
        });
    }

    private void gauge(String name, String help, Tags tags, AtomicLong value) {
        Gauge.builder(name, value, AtomicLong::get).description(help).tags(tags).strongReference(true).register(registry);
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

    /** One inference request (an {@code Embed} or {@code Emulate} call, or one {@code EmbedStream} message) finished. */
    public void inferenceFinished(ModelKey model, int events, boolean ok) {
        Triton t = triton(model);
        if (ok) {
            t.success.incrementAndGet();
            t.count.addAndGet(events);
        } else {
            t.failure.incrementAndGet();
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
        triton(lane.model()).queueMicros.addAndGet(TimeUnit.NANOSECONDS.toMicros(queueNanos));
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
        Triton t = triton(lane.model());
        t.execCount.incrementAndGet();
        t.computeMicros.addAndGet(TimeUnit.NANOSECONDS.toMicros(computeNanos) * requests);
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
