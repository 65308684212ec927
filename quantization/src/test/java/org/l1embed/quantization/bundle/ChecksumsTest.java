package org.l1embed.quantization.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChecksumsTest {

    private static final String A = "a".repeat(64);
    private static final String B = "0123456789abcdef".repeat(4);

    @Test
    void sha256MatchesTheStandardTestVectors() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Checksums.sha256Hex(new byte[0]));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Checksums.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void streamedFileHashEqualsTheInMemoryHash(@TempDir Path dir) throws Exception {
        byte[] big = new byte[200_003];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 7);
        }
        Path f = Files.write(dir.resolve("f"), big);
        assertEquals(Checksums.sha256Hex(big), Checksums.sha256Hex(f));
    }

    @Test
    void rendersSortedSha256sumLinesAndParsesThemBack() {
        Map<String, String> sums = Map.of("network.json", A, "README.md", B, "docs/a-b_c.1", A);
        String text = Checksums.render(sums);
        assertEquals(B + "  README.md\n" + A + "  docs/a-b_c.1\n" + A + "  network.json\n", text);
        assertEquals(new TreeMap<>(sums), Checksums.parse(text));
    }

    @Test
    void refusesMalformedLinesNamingTheLine() {
        assertEquals("line 1 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa network.json': expected '<sha256 hex>  <path>' "
                + "(two spaces)", message(A + " network.json\n"));
        assertEquals("line 1 '" + A.toUpperCase() + "  x': the hash must be 64 lowercase hex digits, got '" + A.toUpperCase() + "'",
                message(A.toUpperCase() + "  x\n"));
        assertEquals("line 2 '" + A + "  a': paths must be sorted and listed once, but 'a' follows 'b'", message(A + "  b\n" + A + "  a\n"));
        assertEquals("line 2 '" + A + "  a': paths must be sorted and listed once, but 'a' is listed twice", message(A + "  a\n" + A + "  a\n"));
        assertEquals("the last line must end with a newline", message(A + "  a"));
        assertEquals("the file is empty; it must list every other file of the bundle", message(""));
        assertEquals("line 1 '" + A + "  checksums.sha256': checksums.sha256 must not list itself", message(A + "  checksums.sha256\n"));
        assertTrue(message(A + "  ../x\n").contains("bundle file path '../x' is not allowed"));
        assertTrue(message(A + "  a\r\n").contains("bundle file path 'a\r' is not allowed"));
        assertTrue(message(A + "  a\n\n").startsWith("line 2 '': expected"));
    }

    @Test
    void pathRulesKeepFilesInsideTheBundle() {
        for (String ok : new String[] {"a", "README.md", "docs/x.txt", "a/b/c-d_e.1"}) {
            assertEquals(ok, Checksums.requireValidPath(ok));
        }
        for (String bad : new String[] {"", "/abs", "a//b", "a/", "..", "a/../b", ".", "a b", "a\\b", "ä", "a\nb", "C:x"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checksums.requireValidPath(bad));
            assertTrue(e.getMessage().startsWith("bundle file path"), e.getMessage());
        }
    }

    private static String message(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Checksums.parse(text)).getMessage();
    }
}
