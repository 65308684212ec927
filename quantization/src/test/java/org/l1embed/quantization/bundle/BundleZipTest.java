package org.l1embed.quantization.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleZipTest {

    @TempDir
    Path tmp;

    @Test
    void zipRoundTripGivesTheSameBundleAndBytes() throws IOException {
        Path dir = tmp.resolve("bundle");
        ModelBundle original = Bundles.writer().withExtraFile("docs/notes.txt", new byte[] {4, 5}).write(dir, ExistingTarget.REFUSE);
        Path zip = tmp.resolve("bundle.zip");
        ModelBundle.toZip(dir, zip);

        Path out = tmp.resolve("unpacked");
        ModelBundle unpacked = ModelBundle.fromZip(zip, out);
        assertEquals(out.toAbsolutePath().normalize(), unpacked.directory());
        assertEquals(original.network(), unpacked.network());
        assertEquals(original.provenance(), unpacked.provenance());
        assertEquals(original.checksums(), unpacked.checksums());
        assertEquals(BundleWriterTest.list(dir), BundleWriterTest.list(out));
        for (String p : BundleWriterTest.list(dir)) {
            assertArrayEquals(Files.readAllBytes(dir.resolve(p)), Files.readAllBytes(out.resolve(p)), p);
        }
    }

    @Test
    void zipHasSortedStoredEntriesWithTheFixedTime() throws IOException {
        Path dir = tmp.resolve("bundle");
        Bundles.writer().write(dir, ExistingTarget.REFUSE);
        Path zip = tmp.resolve("b.zip");
        ModelBundle.toZip(dir, zip);
        try (ZipFile z = new ZipFile(zip.toFile())) {
            List<String> names = new ArrayList<>();
            for (ZipEntry e : Collections.list(z.entries())) {
                names.add(e.getName());
                assertEquals(ZipEntry.STORED, e.getMethod());
                assertEquals(LocalDateTime.of(1980, 2, 1, 0, 0), e.getTimeLocal());
                assertEquals(null, e.getExtra());
            }
            assertEquals(List.of("README.md", "checksums.sha256", "model.onnx", "network.json", "provenance.json"), names);
            assertEquals(null, z.getComment());
        }
    }

    @Test
    void zipBytesDependOnlyOnTheBundleBytes() throws IOException {
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        Bundles.writer().write(a, ExistingTarget.REFUSE);
        Bundles.writer().write(b, ExistingTarget.REFUSE);
        for (String p : BundleWriterTest.list(b)) {
            Files.setLastModifiedTime(b.resolve(p), FileTime.fromMillis(1_234_567_890_000L));
        }
        ModelBundle.toZip(a, tmp.resolve("a.zip"));
        TimeZone zone = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            ModelBundle.toZip(b, tmp.resolve("b.zip"));
        } finally {
            TimeZone.setDefault(zone);
        }
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a.zip")), Files.readAllBytes(tmp.resolve("b.zip")));
    }

    @Test
    void refusesToZipABundleThatDoesNotVerify() throws IOException {
        Path dir = tmp.resolve("bundle");
        Bundles.writer().write(dir, ExistingTarget.REFUSE);
        Files.writeString(dir.resolve("README.md"), "changed");
        assertThrows(InvalidBundleException.class, () -> ModelBundle.toZip(dir, tmp.resolve("b.zip")));
        assertFalse(Files.exists(tmp.resolve("b.zip")));
        assertEquals(List.of("bundle"), BundleWriterTest.names(tmp));
    }

    @Test
    void refusesAZipInsideTheBundle() throws IOException {
        Path dir = tmp.resolve("bundle");
        Bundles.writer().write(dir, ExistingTarget.REFUSE);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelBundle.toZip(dir, dir.resolve("b.zip"))).getMessage()
                .contains("must not be inside the bundle directory"));
        ModelBundle.read(dir);
    }

    @Test
    void refusesAnExistingZipUnlessReplace() throws IOException {
        Path dir = tmp.resolve("bundle");
        Bundles.writer().write(dir, ExistingTarget.REFUSE);
        Path zip = Files.writeString(tmp.resolve("b.zip"), "old");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelBundle.toZip(dir, zip)).getMessage().contains("exists"));
        assertEquals("old", Files.readString(zip));
        ModelBundle.toZip(dir, zip, ExistingTarget.REPLACE);
        assertEquals(ModelBundle.read(dir).checksums(), ModelBundle.fromZip(zip, tmp.resolve("out")).checksums());
    }

    @Test
    void refusesATamperedZipAndLeavesNoDirectory() throws IOException {
        Path zip = tmp.resolve("t.zip");
        byte[] onnx = Bundles.writer().render().get("model.onnx").clone();
        onnx[0] ^= 0x40;
        writeZip(zip, Bundles.writer(), "model.onnx", onnx);
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.fromZip(zip, tmp.resolve("out")));
        assertEquals(zip, e.bundle());
        assertTrue(e.problems().get(0).startsWith("model.onnx: sha256 mismatch, expected "), e.getMessage());
        assertEquals(List.of("t.zip"), BundleWriterTest.names(tmp));
    }

    @Test
    void refusesEntriesThatWouldLeaveTheTarget() throws IOException {
        Path zip = tmp.resolve("evil.zip");
        writeZip(zip, Bundles.writer(), "../evil.txt", new byte[] {1});
        InvalidBundleException e = assertThrows(InvalidBundleException.class, () -> ModelBundle.fromZip(zip, tmp.resolve("out")));
        assertTrue(e.problems().get(0).startsWith("entry '../evil.txt': bundle file path '../evil.txt' is not allowed"), e.getMessage());
        assertEquals(List.of("evil.zip"), BundleWriterTest.names(tmp));
    }

    @Test
    void refusesAZipWithAnUnlistedEntry() throws IOException {
        Path zip = tmp.resolve("x.zip");
        writeZip(zip, Bundles.writer(), "extra.bin", new byte[] {1});
        assertEquals(List.of("extra.bin: not listed in checksums.sha256 (a bundle holds only listed files)"),
                assertThrows(InvalidBundleException.class, () -> ModelBundle.fromZip(zip, tmp.resolve("out"))).problems());
    }

    @Test
    void refusesSomethingThatIsNotAZip() throws IOException {
        Path zip = Files.writeString(tmp.resolve("x.zip"), "not a zip");
        assertTrue(assertThrows(InvalidBundleException.class, () -> ModelBundle.fromZip(zip, tmp.resolve("out")))
                .problems().get(0).startsWith("not a readable zip file"));
    }

    @Test
    void refusesToUnpackIntoANonEmptyDirectory() throws IOException {
        Path dir = tmp.resolve("bundle");
        Bundles.writer().write(dir, ExistingTarget.REFUSE);
        Path zip = tmp.resolve("b.zip");
        ModelBundle.toZip(dir, zip);
        Path busy = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(busy.resolve("x"), "x");
        assertThrows(IllegalArgumentException.class, () -> ModelBundle.fromZip(zip, busy));
        ModelBundle.fromZip(zip, dir, ExistingTarget.REPLACE);
        ModelBundle.read(dir);
    }

    /** A zip of the writer's files with one entry added or replaced (and its checksum line left as it was). */
    private static void writeZip(Path zip, BundleWriter writer, String path, byte[] content) throws IOException {
        var files = new java.util.TreeMap<>(writer.render());
        files.put(path, content);
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            for (var f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
    }
}
