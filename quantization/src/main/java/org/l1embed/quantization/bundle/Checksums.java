package org.l1embed.quantization.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code checksums.sha256} file of a bundle, SHA-256 hashing, and the rules for file paths inside a bundle.
 *
 * <p>Format (GNU {@code sha256sum} text mode, so {@code sha256sum -c checksums.sha256} verifies a bundle): one
 * line per file, {@code <64 lowercase hex digits><two spaces><path>\n}, sorted by path in byte order, each path
 * once, the checksum file itself not listed, nothing else (no blank lines, no comments, no {@code \r}).
 *
 * <p>Paths are relative, {@code /}-separated, and every segment matches {@code [A-Za-z0-9._-]+} and is not
 * {@code .} or {@code ..}: such paths need no escaping in {@code sha256sum} format, cannot leave the bundle, and
 * sort the same way in every locale-free tool ({@code LC_ALL=C sort}).
 */
public final class Checksums {

    /** The name of the checksum file in a bundle. */
    public static final String FILE_NAME = "checksums.sha256";

    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern LINE = Pattern.compile("([^ ]*)  (.*)", Pattern.DOTALL);
    private static final HexFormat HEX_FORMAT = HexFormat.of();

    private Checksums() {
    }

    /** The SHA-256 of {@code bytes} as 64 lowercase hex digits. */
    public static String sha256Hex(byte[] bytes) {
        return HEX_FORMAT.formatHex(digest().digest(bytes));
    }

    /**
     * The SHA-256 of a file's content as 64 lowercase hex digits, read in a stream.
     *
     * @throws IOException if the file cannot be read
     */
    public static String sha256Hex(Path file) throws IOException {
        MessageDigest md = digest();
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                md.update(buffer, 0, n);
            }
        }
        return HEX_FORMAT.formatHex(md.digest());
    }

    /**
     * Returns {@code path} if it is a valid file path inside a bundle (see the class comment).
     *
     * @throws IllegalArgumentException naming the path and the rule it breaks
     */
    public static String requireValidPath(String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("bundle file path must not be empty, got " + (path == null ? "null" : "''"));
        }
        for (String segment : path.split("/", -1)) {
            if (!SEGMENT.matcher(segment).matches() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("bundle file path '" + path + "' is not allowed: it must be relative and "
                        + "'/'-separated, every segment matching [A-Za-z0-9._-]+ and not '.' or '..'");
            }
        }
        return path;
    }

    /**
     * The text of a {@code checksums.sha256} file listing {@code sha256ByPath}, sorted by path.
     *
     * @throws IllegalArgumentException if a path is invalid, is the checksum file itself, or a hash is not 64
     *                                  lowercase hex digits
     */
    public static String render(Map<String, String> sha256ByPath) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(sha256ByPath).entrySet()) {
            requireListable(e.getKey());
            if (!HEX.matcher(e.getValue()).matches()) {
                throw new IllegalArgumentException("sha256 of '" + e.getKey() + "' must be 64 lowercase hex digits, got '"
                        + e.getValue() + "'");
            }
            text.append(e.getValue()).append("  ").append(e.getKey()).append('\n');
        }
        return text.toString();
    }

    /**
     * Parses the text of a {@code checksums.sha256} file into path → sha256 hex, sorted by path.
     *
     * @throws IllegalArgumentException naming the line number, the line and the rule it breaks
     */
    public static SortedMap<String, String> parse(String text) {
        SortedMap<String, String> sums = new TreeMap<>();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("the file is empty; it must list every other file of the bundle");
        }
        if (!text.endsWith("\n")) {
            throw new IllegalArgumentException("the last line must end with a newline");
        }
        String previous = null;
        String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String where = "line " + (i + 1) + " '" + abbreviate(line) + "'";
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new IllegalArgumentException(where + ": expected '<sha256 hex>  <path>' (two spaces)");
            }
            String hex = m.group(1);
            String path = m.group(2);
            if (!HEX.matcher(hex).matches()) {
                throw new IllegalArgumentException(where + ": the hash must be 64 lowercase hex digits, got '" + abbreviate(hex) + "'");
            }
            try {
                requireListable(path);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
            if (previous != null && previous.compareTo(path) >= 0) {
                throw new IllegalArgumentException(where + ": paths must be sorted and listed once, but '" + path
                        + (previous.equals(path) ? "' is listed twice" : "' follows '" + previous + "'"));
            }
            sums.put(path, hex);
            previous = path;
        }
        return Collections.unmodifiableSortedMap(sums);
    }

    private static void requireListable(String path) {
        requireValidPath(path);
        if (path.equals(FILE_NAME)) {
            throw new IllegalArgumentException(FILE_NAME + " must not list itself");
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 100 ? s.substring(0, 100) + "..." : s;
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
