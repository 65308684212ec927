package org.l1embed.quantization.bundle;

import org.l1embed.quantization.files.StagedDirectory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * Writes a model bundle directory ({@code docs/model-bundle.md}) in two steps: {@link #render()} turns the
 * network, the ONNX bytes, the provenance and any extra files into the bundle's files (a pure function: the
 * same inputs give the same bytes), and {@link #write(Path, ExistingTarget)} writes them atomically — into a
 * temporary directory beside the target, renamed into place only when every file is written.
 *
 * <p>Immutable: {@link #withExtraFile} returns a new writer.
 */
public final class BundleWriter {

    private final NetworkSpec network;
    private final byte[] modelOnnx;
    private final Provenance provenance;
    private final SortedMap<String, byte[]> extraFiles;

    /**
     * @param network    the network, written as {@code network.json} ({@link NetworkJson#toJson})
     * @param modelOnnx  the bytes of {@code model.onnx}, not empty; copied
     * @param provenance written as {@code provenance.json}
     */
    public BundleWriter(NetworkSpec network, byte[] modelOnnx, Provenance provenance) {
        this(network, modelOnnx, provenance, new TreeMap<>());
    }

    private BundleWriter(NetworkSpec network, byte[] modelOnnx, Provenance provenance, SortedMap<String, byte[]> extraFiles) {
        this.network = Objects.requireNonNull(network, "network must not be null");
        Objects.requireNonNull(modelOnnx, "model.onnx bytes must not be null");
        if (modelOnnx.length == 0) {
            throw new IllegalArgumentException(ModelBundle.MODEL_ONNX + " must not be empty, got 0 bytes");
        }
        this.modelOnnx = modelOnnx.clone();
        this.provenance = Objects.requireNonNull(provenance, "provenance must not be null");
        this.extraFiles = extraFiles;
    }

    /**
     * A writer that also writes {@code content} at {@code path} (e.g. a {@code README.md}), listed in the checksums
     * like every other file.
     *
     * @throws IllegalArgumentException if the path is invalid ({@link Checksums#requireValidPath}), is one of the
     *                                  bundle's own files, is already given, or is a prefix directory of another file
     */
    public BundleWriter withExtraFile(String path, byte[] content) {
        Checksums.requireValidPath(path);
        Objects.requireNonNull(content, () -> "content of extra file '" + path + "' must not be null");
        if (ModelBundle.REQUIRED_FILES.contains(path) || path.equals(Checksums.FILE_NAME)) {
            throw new IllegalArgumentException("extra file '" + path + "' would replace one of the bundle's own files "
                    + ModelBundle.REQUIRED_FILES + " or " + Checksums.FILE_NAME);
        }
        TreeMap<String, byte[]> files = new TreeMap<>(extraFiles);
        for (String other : files.keySet()) {
            if (other.equals(path)) {
                throw new IllegalArgumentException("extra file '" + path + "' is given twice");
            }
            if (other.startsWith(path + "/") || path.startsWith(other + "/")) {
                throw new IllegalArgumentException("extra file '" + path + "' and '" + other + "' cannot both exist: one is "
                        + "a directory of the other");
            }
        }
        for (String own : ModelBundle.REQUIRED_FILES) {
            if (path.startsWith(own + "/")) {
                throw new IllegalArgumentException("extra file '" + path + "' would need " + own + " to be a directory");
            }
        }
        files.put(path, content.clone());
        return new BundleWriter(network, modelOnnx, provenance, files);
    }

    /**
     * The bundle's files, path → bytes, sorted by path: {@code network.json}, {@code model.onnx},
     * {@code provenance.json}, the extra files, and {@code checksums.sha256} listing all the others.
     * Deterministic: the same inputs give the same bytes. The arrays are fresh copies.
     */
    public SortedMap<String, byte[]> render() {
        TreeMap<String, byte[]> files = new TreeMap<>();
        files.put(ModelBundle.NETWORK_JSON, NetworkJson.toJson(network).getBytes(StandardCharsets.UTF_8));
        files.put(ModelBundle.MODEL_ONNX, modelOnnx.clone());
        files.put(ModelBundle.PROVENANCE_JSON, provenance.toJson().getBytes(StandardCharsets.UTF_8));
        extraFiles.forEach((path, content) -> files.put(path, content.clone()));
        files.put(Checksums.FILE_NAME, Checksums.render(checksums(files)).getBytes(StandardCharsets.US_ASCII));
        return Collections.unmodifiableSortedMap(files);
    }

    /**
     * Writes the bundle as the directory {@code target}.
     *
     * @return the written bundle (as {@link ModelBundle#read} would return it, without reading it back)
     * @throws IllegalArgumentException if the target may not be written ({@link ExistingTarget}); nothing is written
     * @throws IOException if writing fails; the target is then unchanged and no temporary directory is left
     */
    public ModelBundle write(Path target, ExistingTarget existing) throws IOException {
        Objects.requireNonNull(existing, "existing must not be null");
        SortedMap<String, byte[]> files = render();
        Path dir;
        try (StagedDirectory staged = StagedDirectory.beside(target, "bundle directory", existing.check())) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                writeDurably(staged.path().resolve(f.getKey()), f.getValue());
            }
            staged.commit();
            dir = staged.target();
        }
        SortedMap<String, byte[]> listed = new TreeMap<>(files);
        listed.remove(Checksums.FILE_NAME);
        return new ModelBundle(dir, network, List.of(), provenance, checksums(listed));
    }

    private static SortedMap<String, String> checksums(Map<String, byte[]> files) {
        TreeMap<String, String> sums = new TreeMap<>();
        files.forEach((path, content) -> sums.put(path, Checksums.sha256Hex(content)));
        return sums;
    }

    /** Writes a new file and forces it to the device, so that the rename never publishes unwritten data. */
    static void writeDurably(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
            ch.force(true);
        }
    }
}
