package org.l1embed.service.repository;

import static org.l1embed.service.errors.ServiceException.failedPrecondition;
import static org.l1embed.service.errors.ServiceException.invalidArgument;
import static org.l1embed.service.errors.ServiceException.notFound;
import static org.l1embed.service.errors.ServiceException.unavailable;

import ai.onnxruntime.OrtException;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.l1embed.hls.bundle.BundleTestbench;
import org.l1embed.inference.FixedModel;
import org.l1embed.inference.FloatModel;
import org.l1embed.inference.OnnxSessions;
import org.l1embed.quantization.bundle.AnomalyScore;
import org.l1embed.quantization.bundle.Checksums;
import org.l1embed.quantization.bundle.ModelBundle;
import org.l1embed.quantization.network.NetworkSpec;
import org.l1embed.service.ServiceConfig;
import org.l1embed.service.errors.ServiceException;
import org.l1embed.service.inference.ModelScore;

/**
 * The model repository: the bundles under {@code l1embed.models.dir} ({@code <name>/<version>/}), each verified by
 * {@link ModelBundle#read} and opened as a {@link LoadedModel}. All bundles found are loaded at start-up.
 *
 * <p>Concurrency. Requests look models up without locking ({@link #acquire}) and hold a {@link ModelLease} while
 * they run. Loading, unloading and reloading are serialised among themselves; each publishes a new entry for a
 * model version with one atomic map update and then retires the entry it replaced, whose native resources are freed
 * when its last lease closes. So a reload never drops a request in flight, and a request never sees a half-loaded
 * model. A changed bundle keeps serving from the old load until the new one is ready.
 *
 * <p>A reload that finds a bundle refused (e.g. a checksum mismatch) replaces the served model with the FAILED
 * state: the repository never serves a model whose files on disk no longer verify.
 */
@ApplicationScoped
public class ModelRepository {

    private static final Logger LOG = Logger.getLogger(ModelRepository.class);

    /** What the repository holds for one model version. */
    private sealed interface Entry {
    }

    private record Loading() implements Entry {
    }

    private record Ready(LoadedModel model) implements Entry {
    }

    private record Failed(String message) implements Entry {
    }

    private record Unloaded(boolean quantized) implements Entry {
    }

    private final Path root;
    private final OnnxSessions sessions;
    private final ConcurrentMap<ModelKey, Entry> entries = new ConcurrentHashMap<>();
    private final Object adminLock = new Object();
    private final Event<RepositoryChanged> changed;
    private volatile boolean started;

    public ModelRepository(ServiceConfig config, Event<RepositoryChanged> changed) {
        this.root = config.models().dir().toAbsolutePath().normalize();
        this.sessions = new OnnxSessions(config.inference().device(), config.inference().intraOpThreads());
        this.changed = changed;
    }

    /** Tells the observers of {@link RepositoryChanged} the current state. */
    private void fireChanged() {
        changed.fire(new RepositoryChanged(started, counts().getOrDefault(ModelState.READY, 0L)));
    }

    void onStart(@Observes StartupEvent event) {
        if (!Files.isDirectory(root)) {
            LOG.warnf("l1embed.models.dir=%s is not a directory; no models are loaded", root);
        }
        List<ModelStatus> statuses = reload("");
        started = true;
        fireChanged();
        LOG.infof("model repository %s: %s", root, statuses.isEmpty() ? "no models" : statuses.stream()
                .map(s -> s.key() + " " + s.state()).collect(Collectors.joining(", ")));
    }

    @PreDestroy
    void shutdown() {
        synchronized (adminLock) {
            for (ModelKey key : List.copyOf(entries.keySet())) {
                retire(entries.remove(key));
            }
        }
    }

    /** The repository directory. */
    public Path root() {
        return root;
    }

    /** True once the start-up load has finished. */
    public boolean started() {
        return started;
    }

    // ---------------------------------------------------------------- requests

    /**
     * Takes a lease on a ready model. An empty version selects the latest ready version of the name.
     *
     * @param field the request field naming the model, for messages (e.g. {@code model})
     * @throws ServiceException INVALID_ARGUMENT for a missing or malformed name or version; NOT_FOUND for an unknown or
     *                          unloaded model or version; UNAVAILABLE while it is loading; FAILED_PRECONDITION when its
     *                          bundle was refused
     */
    public ModelLease acquire(String name, String version, String field) {
        if (name.isEmpty()) {
            throw invalidArgument(field + ".name: required, got ''");
        }
        if (!ModelKey.isValidSegment(name)) {
            throw invalidArgument(field + ".name: must be " + ModelKey.RULE + ", got " + ModelKey.quote(name));
        }
        if (!version.isEmpty() && !ModelKey.isValidSegment(version)) {
            throw invalidArgument(field + ".version: must be empty (latest) or " + ModelKey.RULE + ", got " + ModelKey.quote(version));
        }
        while (true) {
            ModelKey key = version.isEmpty() ? latestReady(name) : new ModelKey(name, version);
            Entry entry = entries.get(key);
            if (entry == null) {
                throw notFound(key.label() + " is not in the repository" + versionsOf(name));
            } else if (entry instanceof Loading) {
                throw unavailable(key.label() + " is loading; retry shortly");
            } else if (entry instanceof Failed f) {
                throw failedPrecondition(key.label() + " could not be loaded: " + f.message());
            } else if (entry instanceof Unloaded) {
                throw notFound(key.label() + " is not loaded (it was unloaded; ModelService.Load loads it)");
            } else if (((Ready) entry).model().tryAcquire()) {
                return new ModelLease(((Ready) entry).model());
            }
            // retired between the lookup and the acquire: look again
        }
    }

    private ModelKey latestReady(String name) {
        Optional<ModelKey> latest = entries.entrySet().stream()
                .filter(e -> e.getKey().name().equals(name) && e.getValue() instanceof Ready)
                .map(Map.Entry::getKey).max(ModelKey.ORDER);
        if (latest.isPresent()) {
            return latest.get();
        }
        List<ModelKey> versions = keysOf(name);
        if (versions.isEmpty()) {
            throw notFound("model '" + name + "' is not in the repository" + modelNames());
        }
        if (versions.stream().anyMatch(k -> entries.get(k) instanceof Loading)) {
            throw unavailable("model '" + name + "' is loading; retry shortly");
        }
        throw failedPrecondition("model '" + name + "' has no ready version: " + versions.stream()
                .map(k -> k.version() + " " + stateOf(entries.get(k)).name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.joining(", ")));
    }

    private List<ModelKey> keysOf(String name) {
        return entries.keySet().stream().filter(k -> k.name().equals(name)).sorted().toList();
    }

    private String versionsOf(String name) {
        List<ModelKey> keys = keysOf(name);
        return keys.isEmpty() ? modelNames()
                : "; versions of '" + name + "': " + keys.stream().map(ModelKey::version).collect(Collectors.joining(", "));
    }

    private String modelNames() {
        SortedSet<String> names = entries.keySet().stream().map(ModelKey::name).collect(Collectors.toCollection(TreeSet::new));
        return names.isEmpty() ? " (the repository is empty)" : "; models: " + String.join(", ", names);
    }

    /** The state of every model version (of {@code name}, or all when empty), sorted. */
    public List<ModelStatus> list(String name) {
        Map<String, ModelKey> latest = new java.util.HashMap<>();
        List<ModelKey> keys = entries.keySet().stream().filter(k -> name.isEmpty() || k.name().equals(name)).sorted().toList();
        for (ModelKey k : keys) {
            if (entries.get(k) instanceof Ready) {
                latest.merge(k.name(), k, (a, b) -> ModelKey.ORDER.compare(a, b) >= 0 ? a : b);
            }
        }
        List<ModelStatus> out = new ArrayList<>();
        for (ModelKey k : keys) {
            Entry e = entries.get(k);
            if (e != null) {
                out.add(status(k, e, k.equals(latest.get(k.name()))));
            }
        }
        return List.copyOf(out);
    }

    private static ModelStatus status(ModelKey key, Entry e, boolean latest) {
        ModelState state = stateOf(e);
        return switch (state) {
            case LOADING -> new ModelStatus(key, state, false, false, "");
            case READY -> new ModelStatus(key, state, ((Ready) e).model().quantized(), latest, "");
            case FAILED -> new ModelStatus(key, state, false, false, ((Failed) e).message());
            case UNLOADED -> new ModelStatus(key, state, ((Unloaded) e).quantized(), false, "");
        };
    }

    /** The state of an entry (Java 17 has no pattern switch over the sealed entries). */
    private static ModelState stateOf(Entry e) {
        if (e instanceof Loading) {
            return ModelState.LOADING;
        } else if (e instanceof Ready) {
            return ModelState.READY;
        } else if (e instanceof Failed) {
            return ModelState.FAILED;
        } else if (e instanceof Unloaded) {
            return ModelState.UNLOADED;
        }
        throw new IllegalStateException("unknown entry " + e);
    }

    private ModelStatus statusOf(ModelKey key) {
        return list(key.name()).stream().filter(s -> s.key().equals(key)).findFirst()
                .orElseThrow(() -> notFound(key.label() + " is not in the repository" + versionsOf(key.name())));
    }

    // ---------------------------------------------------------------- administration

    /**
     * Loads (or loads again) one model version from its directory.
     *
     * @throws ServiceException NOT_FOUND when the directory does not exist
     */
    public ModelStatus load(ModelKey key) {
        synchronized (adminLock) {
            Path dir = directoryOf(key);
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                throw notFound(key.label() + " is not in the repository: " + dir + " is not a directory");
            }
            loadInto(key, dir, true);
            fireChanged();
            return statusOf(key);
        }
    }

    /**
     * Stops serving a model version; requests in flight finish on it.
     *
     * @throws ServiceException NOT_FOUND when the repository does not know the version
     */
    public ModelStatus unload(ModelKey key) {
        synchronized (adminLock) {
            Entry current = entries.get(key);
            if (current == null) {
                throw notFound(key.label() + " is not in the repository" + versionsOf(key.name()));
            }
            boolean quantized = current instanceof Ready r ? r.model().quantized() : current instanceof Unloaded u && u.quantized();
            entries.put(key, new Unloaded(quantized));
            retire(current);
            fireChanged();
            return statusOf(key);
        }
    }

    /**
     * Scans the repository directory: loads new and changed bundles (of {@code name}, or all when empty), keeps
     * unchanged and unloaded ones, and drops versions whose directories are gone.
     */
    public List<ModelStatus> reload(String name) {
        synchronized (adminLock) {
            SortedSet<ModelKey> found = scan(name);
            for (ModelKey key : found) {
                entries.putIfAbsent(key, new Loading());
            }
            for (ModelKey key : found) {
                if (!(entries.get(key) instanceof Unloaded)) {
                    loadInto(key, directoryOf(key), false);
                }
            }
            for (ModelKey key : List.copyOf(entries.keySet())) {
                if ((name.isEmpty() || key.name().equals(name)) && !found.contains(key)) {
                    retire(entries.remove(key));
                }
            }
            fireChanged();
            return list(name);
        }
    }

    private Path directoryOf(ModelKey key) {
        return root.resolve(key.name()).resolve(key.version());
    }

    /** Model version directories under the root (of {@code name}, or all); hidden and invalid names are skipped. */
    private SortedSet<ModelKey> scan(String name) {
        SortedSet<ModelKey> keys = new TreeSet<>();
        if (!Files.isDirectory(root)) {
            return keys;
        }
        try (DirectoryStream<Path> models = Files.newDirectoryStream(root, Files::isDirectory)) {
            for (Path m : models) {
                String n = m.getFileName().toString();
                if (!ModelKey.isValidSegment(n) || (!name.isEmpty() && !n.equals(name))) {
                    continue;
                }
                try (DirectoryStream<Path> versions = Files.newDirectoryStream(m, Files::isDirectory)) {
                    for (Path v : versions) {
                        String ver = v.getFileName().toString();
                        if (ModelKey.isValidSegment(ver)) {
                            keys.add(new ModelKey(n, ver));
                        }
                    }
                }
            }
        } catch (IOException e) {
            LOG.errorf("cannot list the model repository %s: %s", root, e.getMessage());
        }
        return keys;
    }

    /** Loads a version unless {@code force} is false and the served bundle's checksums are unchanged. */
    private void loadInto(ModelKey key, Path dir, boolean force) {
        Entry current = entries.get(key);
        if (!force && current instanceof Ready r && r.model().checksumsFile().equals(readChecksumsOrNull(dir))) {
            return;
        }
        if (!(current instanceof Ready)) {
            entries.put(key, new Loading());
        }
        Entry next;
        try {
            next = new Ready(open(key, dir));
        } catch (IOException e) {
            next = new Failed("cannot read the bundle " + dir + ": " + e);
        } catch (OrtException e) {
            next = new Failed("model.onnx: ONNX Runtime refused it: " + e.getMessage());
        } catch (IllegalArgumentException e) {   // InvalidBundleException, contract checks, emulator compilation
            next = new Failed(e.getMessage());
        }
        Entry previous = entries.put(key, next);
        if (previous != next) {
            retire(previous);
        }
        if (next instanceof Failed f && !(current instanceof Failed p && p.message().equals(f.message()))) {
            LOG.warnf("%s refused: %s", key.label(), f.message());   // once per distinct reason, not on every reload
        }
    }

    private static String readChecksumsOrNull(Path dir) {
        try {
            return Files.readString(dir.resolve(Checksums.FILE_NAME), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private LoadedModel open(ModelKey key, Path dir) throws IOException, OrtException {
        ModelBundle bundle = ModelBundle.read(dir);
        byte[] onnx = Files.readAllBytes(bundle.modelOnnx());
        String onnxSha = Checksums.sha256Hex(onnx);
        if (!onnxSha.equals(bundle.checksums().get(ModelBundle.MODEL_ONNX))) {
            throw new IllegalArgumentException("model.onnx changed while the bundle was read: sha256 " + onnxSha + ", verified "
                    + bundle.checksums().get(ModelBundle.MODEL_ONNX));
        }
        NetworkSpec spec = bundle.network();
        FixedModel fixed = spec.isQuantized() ? new FixedModel(spec) : null;
        ModelScore score = AnomalyScore.of(bundle).map(ModelScore::new).orElse(null);
        BundleTestbench testbench = BundleTestbench.read(bundle).orElse(null);
        FloatModel floatModel = FloatModel.open(sessions, onnx, spec.input().size(), spec.outputSize(),
                bundle.checksums().get(ModelBundle.NETWORK_JSON));
        return new LoadedModel(key, bundle, Checksums.render(bundle.checksums()), floatModel, fixed, score, testbench);
    }

    private static void retire(Entry e) {
        if (e instanceof Ready r) {
            r.model().retire();
        }
    }

    /** Counts per state, for health checks. */
    public Map<ModelState, Long> counts() {
        return entries.values().stream().collect(Collectors.groupingBy(ModelRepository::stateOf,
                () -> new java.util.EnumMap<>(ModelState.class), Collectors.counting()));
    }
}
