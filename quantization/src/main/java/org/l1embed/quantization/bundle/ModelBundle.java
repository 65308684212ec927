package org.l1embed.quantization.bundle;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.l1embed.quantization.network.NetworkJson;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * A verified model bundle ({@code docs/model-bundle.md}): the directory, its parsed network and provenance, and
 * the checksum of every file. Obtained from {@link #read} (which refuses a bundle that does not verify),
 * {@link #fromZip} or {@link BundleWriter#write}.
 *
 * @param directory    the bundle directory (made absolute and normalised)
 * @param network      the parsed {@code network.json}
 * @param networkNotes notes produced while reading {@code network.json} (e.g. resolved {@code "auto"} accumulators)
 * @param provenance   the parsed {@code provenance.json}
 * @param checksums    path → sha256 hex of every file but {@code checksums.sha256}, sorted by path
 */
public record ModelBundle(Path directory, NetworkSpec network, List<String> networkNotes, Provenance provenance,
                          SortedMap<String, String> checksums) {

    /** The network description. */
    public static final String NETWORK_JSON = "network.json";
    /** The float network as ONNX. */
    public static final String MODEL_ONNX = "model.onnx";
    /** Where the bundle came from. */
    public static final String PROVENANCE_JSON = "provenance.json";
    /** The files every bundle has besides {@code checksums.sha256}, sorted. */
    public static final List<String> REQUIRED_FILES = List.of(MODEL_ONNX, NETWORK_JSON, PROVENANCE_JSON);

    public ModelBundle {
        directory = directory.toAbsolutePath().normalize();
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(provenance, "provenance");
        networkNotes = List.copyOf(networkNotes);
        checksums = Collections.unmodifiableSortedMap(new TreeMap<>(checksums));
    }

    /** The path of a file of this bundle. */
    public Path file(String path) {
        return directory.resolve(Checksums.requireValidPath(path));
    }

    public Path networkJson() {
        return directory.resolve(NETWORK_JSON);
    }

    public Path modelOnnx() {
        return directory.resolve(MODEL_ONNX);
    }

    public Path provenanceJson() {
        return directory.resolve(PROVENANCE_JSON);
    }

    /** The files besides the required ones and {@code checksums.sha256} (e.g. {@code README.md}), sorted. */
    public List<String> extraFiles() {
        return checksums.keySet().stream().filter(p -> !REQUIRED_FILES.contains(p)).toList();
    }

    // ---------------------------------------------------------------- reading

    /**
     * Reads and verifies a bundle directory. Every file but {@code checksums.sha256} must be listed there, every
     * listed file must exist with the listed SHA-256, the required files ({@link #REQUIRED_FILES}) must be listed,
     * and there must be nothing but regular files and directories (no symbolic links). Then {@code network.json}
     * and {@code provenance.json} (UTF-8) are parsed strictly.
     *
     * @throws InvalidBundleException listing every problem found, each naming the file (and, for a checksum
     *                                mismatch, the expected and the actual hash)
     * @throws IOException            if a file cannot be read
     */
    public static ModelBundle read(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new InvalidBundleException(directory, List.of(Files.exists(directory)
                    ? "not a directory (a zipped bundle is read with ModelBundle.fromZip)" : "does not exist"));
        }
        Path sumsFile = directory.resolve(Checksums.FILE_NAME);
        if (!Files.exists(sumsFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidBundleException(directory, List.of(Checksums.FILE_NAME + ": missing; every bundle lists the "
                    + "SHA-256 of its files there"));
        }
        if (!Files.isRegularFile(sumsFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidBundleException(directory, List.of(Checksums.FILE_NAME + ": not a regular file (a bundle holds "
                    + "regular files only)"));
        }
        SortedMap<String, String> listed;
        try {
            listed = Checksums.parse(utf8(Files.readAllBytes(sumsFile)));
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException(directory, List.of(Checksums.FILE_NAME + ": " + e.getMessage()), e);
        }

        List<String> problems = new ArrayList<>();
        for (String required : REQUIRED_FILES) {
            if (!listed.containsKey(required)) {
                problems.add(required + ": required, but not listed in " + Checksums.FILE_NAME);
            }
        }
        SortedSet<String> present = files(directory, problems);
        for (String p : present) {
            if (!listed.containsKey(p)) {
                problems.add(p + ": not listed in " + Checksums.FILE_NAME + " (a bundle holds only listed files)");
            }
        }
        Map<String, byte[]> parsed = new TreeMap<>();
        for (Map.Entry<String, String> e : listed.entrySet()) {
            String path = e.getKey();
            if (!present.contains(path)) {
                problems.add(path + ": listed in " + Checksums.FILE_NAME + " (sha256 " + e.getValue() + ") but missing");
                continue;
            }
            Path file = directory.resolve(path);
            String actual;
            if (path.equals(NETWORK_JSON) || path.equals(PROVENANCE_JSON)) {
                byte[] bytes = Files.readAllBytes(file);   // hash and parse the same bytes
                parsed.put(path, bytes);
                actual = Checksums.sha256Hex(bytes);
            } else {
                actual = Checksums.sha256Hex(file);
            }
            if (!actual.equals(e.getValue())) {
                problems.add(path + ": sha256 mismatch, expected " + e.getValue() + " (" + Checksums.FILE_NAME + "), actual "
                        + actual);
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidBundleException(directory, problems);
        }

        NetworkJson.Parsed network;
        try {
            network = NetworkJson.parse(utf8(parsed.get(NETWORK_JSON)));
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException(directory, List.of(NETWORK_JSON + ": " + e.getMessage()), e);
        }
        Provenance provenance;
        try {
            provenance = Provenance.parse(utf8(parsed.get(PROVENANCE_JSON)));
        } catch (IllegalArgumentException e) {
            throw new InvalidBundleException(directory, List.of(PROVENANCE_JSON + ": " + e.getMessage()), e);
        }
        return new ModelBundle(directory, network.spec(), network.notes(), provenance, listed);
    }

    /** Every regular file below {@code dir} but the checksum file, as bundle paths; links and special files are problems. */
    private static SortedSet<String> files(Path dir, List<String> problems) throws IOException {
        SortedSet<String> files = new TreeSet<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = bundlePath(dir, file);
                if (attrs.isSymbolicLink()) {
                    problems.add(path + ": a symbolic link; a bundle holds regular files only");
                } else if (!attrs.isRegularFile()) {
                    problems.add(path + ": not a regular file");
                } else if (!path.equals(Checksums.FILE_NAME)) {
                    files.add(path);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static String bundlePath(Path dir, Path file) {
        Path rel = dir.relativize(file);
        StringBuilder s = new StringBuilder();
        for (Path segment : rel) {
            s.append(s.length() == 0 ? "" : "/").append(segment);
        }
        return s.toString();
    }

    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("not valid UTF-8 text", e);
        }
    }

    // ---------------------------------------------------------------- zip form

    /**
     * Verifies the bundle in {@code directory} ({@link #read}) and packs it into {@code zipFile}, refusing an
     * existing zip file. See {@link #toZip(Path, Path, ExistingTarget)}.
     */
    public static void toZip(Path directory, Path zipFile) throws IOException {
        toZip(directory, zipFile, ExistingTarget.REFUSE);
    }

    /**
     * Verifies the bundle in {@code directory} ({@link #read}) and packs it into {@code zipFile}, atomically (a
     * temporary file beside it, then a rename). The zip is deterministic: the same bundle bytes give the same zip
     * bytes, whatever the files' timestamps, permissions or the local time zone: entries at the zip's root in
     * path order, stored (not compressed), every timestamp 1980-02-01 00:00, no extra fields, no comment.
     *
     * @throws InvalidBundleException   if the bundle does not verify
     * @throws IllegalArgumentException if {@code zipFile} exists and {@code existing} is {@code REFUSE}, or it is
     *                                  not a regular file, or it lies inside the bundle directory
     * @throws IOException              if reading or writing fails; {@code zipFile} is then unchanged
     */
    public static void toZip(Path directory, Path zipFile, ExistingTarget existing) throws IOException {
        ModelBundle bundle = read(directory);
        BundleZip.write(bundle, zipFile, existing);
    }

    /**
     * Unpacks a zipped bundle into {@code directory}, refusing a non-empty directory. See
     * {@link #fromZip(Path, Path, ExistingTarget)}.
     */
    public static ModelBundle fromZip(Path zipFile, Path directory) throws IOException {
        return fromZip(zipFile, directory, ExistingTarget.REFUSE);
    }

    /**
     * Unpacks a zipped bundle into {@code directory} and verifies it ({@link #read}) before it appears there: the
     * entries go into a temporary directory beside the target, which is renamed into place only if it verifies.
     * Entries must have valid bundle paths ({@link Checksums#requireValidPath}), appear once, and together hold
     * at most 10 000 entries and 1 GiB of content (a guard against zip bombs).
     *
     * @throws InvalidBundleException   if the zip is not a valid zipped bundle, naming the zip and the entry
     * @throws IllegalArgumentException if the target directory may not be written ({@link ExistingTarget})
     * @throws IOException              if reading or writing fails; the target is then unchanged
     */
    public static ModelBundle fromZip(Path zipFile, Path directory, ExistingTarget existing) throws IOException {
        return BundleZip.read(zipFile, directory, existing);
    }
}
