package org.l1embed.service.kserve;

import static org.l1embed.service.errors.ServiceException.invalidArgument;
import static org.l1embed.service.errors.ServiceException.notFound;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.l1embed.inference.FixedModel;
import org.l1embed.inference.FloatModel;
import org.l1embed.inference.InferenceDevice;
import org.l1embed.quantization.emulator.Emulator;
import org.l1embed.service.batching.InferenceScheduler;
import org.l1embed.service.batching.Lane;
import org.l1embed.service.events.ModelInput;
import org.l1embed.service.events.TensorLayout;
import org.l1embed.service.repository.LoadedModel;
import org.l1embed.service.repository.ModelKey;
import org.l1embed.service.repository.ModelLease;
import org.l1embed.service.repository.ModelRepository;
import org.l1embed.service.repository.ModelState;
import org.l1embed.service.repository.ModelStatus;

/**
 * The models the protocol serves, on top of the model repository: every bundle {@code <name>} as the float model
 * {@code <name>} (ONNX Runtime), and every quantized bundle also as {@code <name>_emulated} (the bit-accurate emulator).
 * A bundle whose own name ends in {@code _emulated} keeps that name for its float model. Versions are the repository's.
 *
 * <p>Every served model has one input, {@value #INPUT}: the events, {@code [N, S]} or any other shape the l1embed API
 * accepts ({@link ModelInput#acceptedLayouts()}). The float model has one output, {@value #OUTPUT} (FP32
 * {@code [N, latent]}); the emulated model has {@value #OUTPUT} (FP64: the exact values of the fixed-point outputs) and
 * {@value #RAW_OUTPUT} (INT64: the raw fixed-point integers).
 */
@ApplicationScoped
public class ServedModels {

    /** The name of every served model's input. */
    public static final String INPUT = FloatModel.INPUT;
    /** The latent vectors: FP32 from the float model, FP64 values from the emulated model. */
    public static final String OUTPUT = FloatModel.OUTPUT;
    /** The emulated model's raw fixed-point outputs (INT64). */
    public static final String RAW_OUTPUT = "latent_raw";

    /**
     * The protocol extensions the service implements, as {@code ServerMetadata} lists them: {@code ModelConfig},
     * {@code RepositoryIndex} (not load/unload) and {@code ModelStatistics}.
     */
    public static final List<String> EXTENSIONS = List.of("model_configuration", "model_repository", "statistics");

    /** gRPC-Java's default inbound message limit, used when the service does not configure one. */
    private static final int DEFAULT_MAX_INBOUND = 4 << 20;

    private final ModelRepository models;
    private final InferenceScheduler scheduler;
    private final int maxInboundBytes;

    public ServedModels(ModelRepository models, InferenceScheduler scheduler,
            @ConfigProperty(name = "quarkus.grpc.server.max-inbound-message-size") Optional<Integer> maxInboundBytes) {
        this.models = models;
        this.scheduler = scheduler;
        this.maxInboundBytes = maxInboundBytes.orElse(DEFAULT_MAX_INBOUND);
    }

    /**
     * A served name resolved.
     *
     * @param name    the served name
     * @param bundle  the bundle's name in the repository
     * @param backend the backend
     */
    public record Target(String name, String bundle, Lane.Backend backend) {
    }

    /** A request's hold on the loaded model behind a served model version; close it when done. */
    public record Lease(Target target, ModelLease lease) implements AutoCloseable {

        public LoadedModel model() {
            return lease.model();
        }

        /** The served model version, e.g. {@code adc_emulated/2}. */
        public ModelKey served() {
            return new Lane(model().key(), target.backend()).served();
        }

        /** What the model takes, with the served name in messages. */
        public ModelInput input() {
            return new ModelInput(served().label(), model().input().shape());
        }

        @Override
        public void close() {
            lease.close();
        }
    }

    /**
     * Resolves a served name.
     *
     * @param field the request field, for messages
     * @throws org.l1embed.service.errors.ServiceException INVALID_ARGUMENT for an empty name; NOT_FOUND (listing the
     *                                                     served models) for a name that is not served
     */
    public Target resolve(String name, String field) {
        if (name.isEmpty()) {
            throw invalidArgument(field + ": required, got ''");
        }
        List<ModelStatus> all = models.list("");
        if (all.stream().anyMatch(s -> s.key().name().equals(name))) {
            return new Target(name, name, Lane.Backend.FLOAT);
        }
        if (name.endsWith(Lane.EMULATED_SUFFIX)) {
            String bundle = name.substring(0, name.length() - Lane.EMULATED_SUFFIX.length());
            if (all.stream().anyMatch(s -> s.key().name().equals(bundle) && s.quantized())) {
                return new Target(name, bundle, Lane.Backend.EMULATION);
            }
        }
        throw notFound("model '" + name + "' is not served; models: " + String.join(", ", servedNames(all)));
    }

    private static SortedSet<String> servedNames(List<ModelStatus> all) {
        SortedSet<String> names = new TreeSet<>();
        for (ModelStatus s : all) {
            names.add(s.key().name());
            if (s.quantized()) {
                names.add(Lane.Backend.EMULATION.servedName(s.key().name()));
            }
        }
        return names;
    }

    /**
     * Takes a lease on a served model version; an empty version selects the latest ready version.
     *
     * @throws org.l1embed.service.errors.ServiceException as {@link #resolve} and {@link ModelRepository#acquire}; NOT_FOUND
     *                                                     for the emulated model of a version that is not quantized
     */
    public Lease acquire(String name, String version) {
        Target target = resolve(name, "model_name");
        ModelLease lease = models.acquire(target.bundle(), version, "model");
        if (target.backend() == Lane.Backend.EMULATION && !lease.model().quantized()) {
            ModelKey key = lease.model().key();
            lease.close();
            throw notFound("model '" + name + "' version '" + key.version() + "' is not served: " + key.label()
                    + " is a float model; only quantized bundles have an emulated model");
        }
        return new Lease(target, lease);
    }

    /** Metadata and configuration of the leased model version. */
    public ServedModelInfo describe(Lease lease) {
        LoadedModel model = lease.model();
        Lane.Backend backend = lease.target().backend();
        List<String> versions = models.list(lease.target().bundle()).stream()
                .filter(s -> s.state() == ModelState.READY && (backend == Lane.Backend.FLOAT || s.quantized()))
                .map(s -> s.key().version()).toList();
        int latent = model.bundle().network().outputSize();
        List<TensorSpec> outputs;
        InferenceDevice device;
        Map<String, String> parameters;
        switch (backend) {
            case FLOAT -> {
                outputs = List.of(new TensorSpec(OUTPUT, Datatype.FP32, List.of((long) latent)));
                device = model.floatModel().device();
                parameters = Map.of();
            }
            case EMULATION -> {
                outputs = List.of(new TensorSpec(OUTPUT, Datatype.FP64, List.of((long) latent)),
                        new TensorSpec(RAW_OUTPUT, Datatype.INT64, List.of((long) latent)));
                device = InferenceDevice.CPU;
                Emulator emulator = model.fixedModel().map(FixedModel::emulator).orElseThrow();
                parameters = Map.of("output_type", emulator.outputType().toString(),
                        "input_type", model.bundle().network().input().fixedType().map(Object::toString).orElse(""));
            }
            default -> throw new IllegalStateException("unreachable: " + backend);
        }
        ModelInput input = lease.input();
        return new ServedModelInfo(lease.target().name(), model.key().version(), versions, backend, device,
                maxBatchSize(input), List.of(new TensorSpec(INPUT, Datatype.FP32, List.of((long) input.size()))), outputs,
                scheduler.policy(), parameters);
    }

    /**
     * The most events one request may carry: as many of the largest accepted event layout in the widest datatype (8 bytes
     * per value) as fit in the inbound message limit ({@code quarkus.grpc.server.max-inbound-message-size}).
     */
    public int maxBatchSize(ModelInput input) {
        long perEvent = input.acceptedLayouts().stream().map(TensorLayout::dims)
                .mapToLong(d -> d.stream().reduce(1L, Math::multiplyExact)).max().orElse(input.size());
        return (int) Math.max(1, maxInboundBytes / (perEvent * Long.BYTES));
    }

    /**
     * The repository index in the protocol's terms: every model version under its served names.
     *
     * @param readyOnly only the versions that are ready
     */
    public List<IndexEntry> index(boolean readyOnly) {
        List<IndexEntry> out = new ArrayList<>();
        for (ModelStatus s : models.list("")) {
            if (readyOnly && s.state() != ModelState.READY) {
                continue;
            }
            String state = switch (s.state()) {
                case READY -> "READY";
                case LOADING -> "LOADING";
                case FAILED, UNLOADED -> "UNAVAILABLE";
            };
            String reason = switch (s.state()) {
                case READY, LOADING -> "";
                case FAILED -> s.message();
                case UNLOADED -> "unloaded (l1embed.v1.ModelService.Load loads it)";
            };
            out.add(new IndexEntry(s.key().name(), s.key().version(), state, reason));
            if (s.quantized()) {
                out.add(new IndexEntry(Lane.Backend.EMULATION.servedName(s.key().name()), s.key().version(), state, reason));
            }
        }
        out.sort((a, b) -> ModelKey.ORDER.compare(new ModelKey(a.name(), a.version()), new ModelKey(b.name(), b.version())));
        return List.copyOf(out);
    }

    /**
     * The ready served model versions whose statistics {@code ModelStatistics} reports.
     *
     * @param name    a served name; empty: every served model
     * @param version a version of it; empty: every ready version
     * @throws org.l1embed.service.errors.ServiceException NOT_FOUND for a name that is not served or a version that is not
     *                                                     ready
     */
    public List<ModelKey> readyVersions(String name, String version) {
        Optional<Target> target = name.isEmpty() ? Optional.empty() : Optional.of(resolve(name, "name"));
        List<ModelKey> out = new ArrayList<>();
        for (ModelStatus s : models.list(target.map(Target::bundle).orElse(""))) {
            if (s.state() != ModelState.READY || (!version.isEmpty() && !s.key().version().equals(version))) {
                continue;
            }
            for (Lane.Backend backend : Lane.Backend.values()) {
                boolean served = backend == Lane.Backend.FLOAT || s.quantized();
                if (served && target.map(t -> t.backend() == backend).orElse(true)) {
                    out.add(new Lane(s.key(), backend).served());
                }
            }
        }
        if (out.isEmpty() && !name.isEmpty()) {
            throw notFound("model '" + name + "'" + (version.isEmpty() ? " has no ready version" : " version '" + version
                    + "' is not ready or not in the repository"));
        }
        out.sort(ModelKey.ORDER);
        return List.copyOf(out);
    }
}
