package org.l1embed.quantization.bundle;

import org.l1embed.quantization.files.StagedDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** The zip form of a bundle: deterministic packing, and careful unpacking of untrusted zips. */
final class BundleZip {

    /** The most entries a zipped bundle may have. */
    static final int MAX_ENTRIES = 10_000;

    /** The most bytes a zipped bundle may unpack to (1 GiB); far above any l1embed model, far below a zip bomb. */
    static final long MAX_TOTAL_BYTES = 1L << 30;

    /**
     * The timestamp of every entry, 1980-02-01 00:00 (as Gradle's reproducible archives). Set as a local date-time,
     * so the time zone does not enter, and within the MS-DOS range, so Java writes no extended-timestamp extra
     * field. Not 1980-01-01 00:00: {@link ZipEntry#setTimeLocal} takes that value for "before 1980" and then adds
     * an extended timestamp computed in the default time zone.
     */
    static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0, 0);

    private BundleZip() {
    }

    static void write(ModelBundle bundle, Path zipFile, ExistingTarget existing) throws IOException {
        Path zip = zipFile.toAbsolutePath().normalize();
        if (zip.startsWith(bundle.directory())) {
            throw new IllegalArgumentException("bundle zip " + zip + " must not be inside the bundle directory "
                    + bundle.directory() + " (it would become an unlisted file of the bundle)");
        }
        checkZipTarget(zip, existing);
        Files.createDirectories(zip.getParent());
        Path tmp = Files.createTempFile(zip.getParent(), "." + zip.getFileName() + ".l1embed-tmp-", "");
        try {
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // Temporary files are owner-only; a bundle is shared with colleagues and services.
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            TreeSet<String> paths = new TreeSet<>(bundle.checksums().keySet());
            paths.add(Checksums.FILE_NAME);
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.TRUNCATE_EXISTING);
                 ZipOutputStream zos = new ZipOutputStream(out)) {
                for (String path : paths) {
                    byte[] content = Files.readAllBytes(bundle.directory().resolve(path));
                    String expected = bundle.checksums().get(path);
                    if (expected != null && !expected.equals(Checksums.sha256Hex(content))) {
                        throw new InvalidBundleException(bundle.directory(), List.of(path + ": changed while being zipped, "
                                + "sha256 expected " + expected + ", actual " + Checksums.sha256Hex(content)));
                    }
                    zos.putNextEntry(storedEntry(path, content));
                    zos.write(content);
                    zos.closeEntry();
                }
            }
            checkZipTarget(zip, existing);
            try {
                Files.move(tmp, zip, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Stored rather than deflated: byte-identical on every JDK and zlib, and a bundle is small. */
    private static ZipEntry storedEntry(String path, byte[] content) {
        ZipEntry e = new ZipEntry(path);
        e.setMethod(ZipEntry.STORED);
        e.setSize(content.length);
        e.setCompressedSize(content.length);
        CRC32 crc = new CRC32();
        crc.update(content);
        e.setCrc(crc.getValue());
        e.setTimeLocal(ENTRY_TIME);
        return e;
    }

    private static void checkZipTarget(Path zip, ExistingTarget existing) {
        if (!Files.exists(zip, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isRegularFile(zip, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalArgumentException("bundle zip " + zip + " exists and is not a regular file");
        }
        if (existing == ExistingTarget.REFUSE) {
            throw new IllegalArgumentException("bundle zip " + zip + " exists; choose another file or replace it "
                    + "(ExistingTarget.REPLACE)");
        }
    }

    static ModelBundle read(Path zipFile, Path directory, ExistingTarget existing) throws IOException {
        if (!Files.isRegularFile(zipFile)) {
            throw new InvalidBundleException(zipFile, List.of(Files.exists(zipFile) ? "not a regular file" : "does not exist"));
        }
        try (StagedDirectory staged = StagedDirectory.beside(directory, "bundle directory", existing.check())) {
            unpack(zipFile, staged.path());
            ModelBundle verified;
            try {
                verified = ModelBundle.read(staged.path());
            } catch (InvalidBundleException e) {
                throw new InvalidBundleException(zipFile, e.problems(), e);
            }
            staged.commit();
            return new ModelBundle(staged.target(), verified.network(), verified.networkNotes(), verified.provenance(),
                    verified.checksums());
        }
    }

    private static void unpack(Path zipFile, Path into) throws IOException {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            Set<String> seen = new HashSet<>();
            long total = 0;
            int count = 0;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                String name = entry.getName();
                if (++count > MAX_ENTRIES) {
                    throw invalid(zipFile, "more than " + MAX_ENTRIES + " entries");
                }
                String path = entry.isDirectory() ? name.substring(0, name.length() - 1) : name;
                try {
                    Checksums.requireValidPath(path);
                } catch (IllegalArgumentException e) {
                    throw invalid(zipFile, "entry '" + name + "': " + e.getMessage());
                }
                if (!seen.add(path)) {
                    throw invalid(zipFile, "entry '" + name + "' appears twice");
                }
                if (entry.isDirectory()) {
                    continue;
                }
                Path out = into.resolve(path);
                try {
                    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
                        throw new FileAlreadyExistsException(out.toString());
                    }
                    Files.createDirectories(out.getParent());
                } catch (FileAlreadyExistsException e) {
                    throw invalid(zipFile, "entry '" + name + "' clashes with another entry (a file and a directory of the same name)");
                }
                try (InputStream in = zip.getInputStream(entry);
                     OutputStream os = Files.newOutputStream(out, StandardOpenOption.CREATE_NEW)) {
                    byte[] buffer = new byte[1 << 16];
                    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                        total += n;
                        if (total > MAX_TOTAL_BYTES) {
                            throw invalid(zipFile, "entries unpack to more than " + MAX_TOTAL_BYTES + " bytes");
                        }
                        os.write(buffer, 0, n);
                    }
                } catch (ZipException e) {
                    throw new InvalidBundleException(zipFile, List.of("entry '" + name + "': " + e.getMessage()), e);
                }
            }
        } catch (ZipException e) {
            throw new InvalidBundleException(zipFile, List.of("not a readable zip file: " + e.getMessage()), e);
        }
    }

    private static InvalidBundleException invalid(Path zipFile, String problem) {
        return new InvalidBundleException(zipFile, List.of(problem));
    }
}
