package org.l1embed.quantization.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.l1embed.quantization.network.NetworkJson;

/** How {@link ModelBundle#read} refuses bundles that do not verify. */
class ModelBundleTest {

    @TempDir
    Path tmp;

    private Path dir;

    @BeforeEach
    void writeBundle() throws IOException {
        dir = tmp.resolve("bundle");
        Bundles.writer().write(dir, ExistingTarget.REFUSE);
    }

    @Test
    void refusesAChangedByteNamingTheFileAndBothHashes() throws IOException {
        Path onnx = dir.resolve("model.onnx");
        String expected = Checksums.sha256Hex(onnx);
        byte[] bytes = Files.readAllBytes(onnx);
        bytes[123] ^= 0x01;
        Files.write(onnx, bytes);
        InvalidBundleException e = refused();
        assertEquals(List.of("model.onnx: sha256 mismatch, expected " + expected + " (checksums.sha256), actual "
                + Checksums.sha256Hex(bytes)), e.problems());
        assertEquals("model bundle " + dir + " is refused: " + e.problems().get(0), e.getMessage());
        assertEquals(dir, e.bundle());
    }

    @Test
    void refusesAnEditedNetworkEvenWhenItStillParses() throws IOException {
        Path net = dir.resolve("network.json");
        Files.writeString(net, Files.readString(net).replace("-7.25", "-7.5"));
        assertTrue(NetworkJson.read(net).spec() != null, "the edit is valid JSON");
        assertTrue(refused().problems().get(0).startsWith("network.json: sha256 mismatch, expected "));
    }

    @Test
    void refusesAnEditedChecksum() throws IOException {
        Path sums = dir.resolve("checksums.sha256");
        String text = Files.readString(sums);
        String line = text.lines().filter(l -> l.endsWith("  provenance.json")).findFirst().orElseThrow();
        String flipped = (line.charAt(0) == '0' ? "1" : "0") + line.substring(1);
        Files.writeString(sums, text.replace(line, flipped));
        assertTrue(refused().problems().get(0).startsWith("provenance.json: sha256 mismatch, expected " + flipped.substring(0, 64)));
    }

    @Test
    void refusesAMissingListedFile() throws IOException {
        String listed = Checksums.sha256Hex(dir.resolve("README.md"));
        Files.delete(dir.resolve("README.md"));
        assertEquals(List.of("README.md: listed in checksums.sha256 (sha256 " + listed + ") but missing"), refused().problems());
    }

    @Test
    void refusesAnUnlistedFileAnywhereInTheTree() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "hello");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/.hidden"), "x");
        assertEquals(List.of("notes.txt: not listed in checksums.sha256 (a bundle holds only listed files)",
                "sub/.hidden: not listed in checksums.sha256 (a bundle holds only listed files)"), refused().problems());
    }

    @Test
    void refusesASymbolicLinkEvenIfItsTargetMatches() throws IOException {
        Path readme = dir.resolve("README.md");
        Path elsewhere = Files.move(readme, tmp.resolve("README.md"));
        try {
            Files.createSymbolicLink(readme, elsewhere);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
        }
        List<String> problems = refused().problems();
        assertTrue(problems.contains("README.md: a symbolic link; a bundle holds regular files only"), problems.toString());
    }

    @Test
    void refusesAMissingChecksumFile() throws IOException {
        Files.delete(dir.resolve("checksums.sha256"));
        assertEquals(List.of("checksums.sha256: missing; every bundle lists the SHA-256 of its files there"), refused().problems());
    }

    @Test
    void readsARelativePathAsTheSameAbsoluteBundle() throws IOException {
        Path relative = Path.of("").toAbsolutePath().relativize(dir);
        assertEquals(ModelBundle.read(dir), ModelBundle.read(relative));
        assertEquals(dir, ModelBundle.read(relative).directory());
    }

    @Test
    void refusesAMalformedChecksumFileNamingTheLine() throws IOException {
        Path sums = dir.resolve("checksums.sha256");
        Files.writeString(sums, Files.readString(sums).replaceFirst("  ", " "));
        assertTrue(refused().problems().get(0).startsWith("checksums.sha256: line 1 '"));
    }

    @Test
    void refusesABundleThatDoesNotListARequiredFile() throws IOException {
        Files.delete(dir.resolve("model.onnx"));
        Path sums = dir.resolve("checksums.sha256");
        Files.writeString(sums, Files.readString(sums).replaceAll("[0-9a-f]{64}  model.onnx\n", ""));
        assertEquals(List.of("model.onnx: required, but not listed in checksums.sha256"), refused().problems());
    }

    @Test
    void reportsEveryProblemAtOnce() throws IOException {
        Files.writeString(dir.resolve("extra"), "x");
        Files.delete(dir.resolve("README.md"));
        Files.write(dir.resolve("model.onnx"), new byte[] {1});
        assertEquals(3, refused().problems().size());
    }

    @Test
    void refusesInvalidContentBehindMatchingChecksumsNamingTheFile() throws IOException {
        rewrite("provenance.json", Files.readString(dir.resolve("provenance.json")).replace("\"format\"", "\"formats\""));
        assertTrue(refused().problems().get(0).startsWith("provenance.json: unknown field 'formats'"));
        writeBundle2();
        rewrite("network.json", "{}");
        assertEquals("network.json: format is missing", refused().problems().get(0));
        writeBundle2();
        rewriteBytes("network.json", new byte[] {'{', (byte) 0xC3, '}'});
        assertEquals("network.json: not valid UTF-8 text", refused().problems().get(0));
    }

    @Test
    void refusesSomethingThatIsNotADirectory() throws IOException {
        assertEquals(List.of("does not exist"),
                assertThrows(InvalidBundleException.class, () -> ModelBundle.read(tmp.resolve("nope"))).problems());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertTrue(assertThrows(InvalidBundleException.class, () -> ModelBundle.read(file)).problems().get(0).startsWith("not a directory"));
    }

    private void writeBundle2() throws IOException {
        dir = tmp.resolve("bundle" + System.nanoTime());
        Bundles.writer().write(dir, ExistingTarget.REFUSE);
    }

    /** Replaces a file and its checksum line consistently, as a careless hand edit with sha256sum would. */
    private void rewrite(String path, String content) throws IOException {
        rewriteBytes(path, content.getBytes(StandardCharsets.UTF_8));
    }

    private void rewriteBytes(String path, byte[] content) throws IOException {
        Path sums = dir.resolve("checksums.sha256");
        String old = Checksums.sha256Hex(dir.resolve(path));
        Files.write(dir.resolve(path), content);
        Files.writeString(sums, Files.readString(sums).replace(old + "  " + path, Checksums.sha256Hex(content) + "  " + path));
    }

    private InvalidBundleException refused() {
        return assertThrows(InvalidBundleException.class, () -> ModelBundle.read(dir));
    }
}
