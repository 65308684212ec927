package org.l1embed.service.firmware;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.l1embed.hls.HlsExport;
import org.l1embed.hls.config.HlsConfig;
import org.l1embed.hls.render.GeneratedFile;
import org.l1embed.quantization.network.NetworkSpec;

/**
 * An HLS project as one zip, with the same bytes for the same network and configuration:
 *
 * <ul>
 *   <li>the files of {@link HlsExport#render(NetworkSpec, HlsConfig)} (what {@code l1embed export-hls} writes), each
 *       encoded in UTF-8 as {@code ProjectWriter} writes it, at the root of the zip, in path order, no directory
 *       entries;</li>
 *   <li>STORED, not deflated (deflate output depends on the zlib version);</li>
 *   <li>every entry dated 1980-02-01 00:00 as a local date-time, so that neither the clock nor the time zone enters
 *       and Java writes no extended-timestamp field (the convention of {@code ModelBundle.toZip}, see
 *       docs/model-bundle.md);</li>
 *   <li>no extra fields, no comment.</li>
 * </ul>
 *
 * @param fileName {@code <projectName>.zip}
 * @param bytes    the zip
 * @param sha256   SHA-256 of {@code bytes}, 64 lowercase hex digits
 * @param files    the project's files, in zip order
 */
public record FirmwareArchive(String fileName, byte[] bytes, String sha256, List<String> files) {

    /** The entries' time. */
    public static final LocalDateTime ENTRY_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

    public FirmwareArchive {
        bytes = bytes.clone();
        files = List.copyOf(files);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Size of the zip in bytes. */
    public int size() {
        return bytes.length;
    }

    /** Bytes {@code [from, from + length)} of the zip. */
    public byte[] slice(int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }

    /**
     * Renders and zips the project of a quantized network.
     *
     * @throws IllegalArgumentException if hls-export refuses the network or the configuration (the message names the
     *                                  layer, field and rule)
     */
    public static FirmwareArchive of(NetworkSpec spec, HlsConfig config) {
        return zip(config.projectName() + ".zip", HlsExport.render(spec, config));
    }

    /** Zips generated files as described above. */
    public static FirmwareArchive zip(String fileName, List<GeneratedFile> generated) {
        List<GeneratedFile> sorted = new ArrayList<>(generated);
        sorted.sort(Comparator.comparing(GeneratedFile::path));
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        List<String> names = new ArrayList<>();
        try (ZipOutputStream zip = new ZipOutputStream(buffer)) {
            zip.setMethod(ZipOutputStream.STORED);
            for (GeneratedFile f : sorted) {
                byte[] content = f.content().getBytes(StandardCharsets.UTF_8);
                CRC32 crc = new CRC32();
                crc.update(content);
                ZipEntry e = new ZipEntry(f.path());
                e.setMethod(ZipEntry.STORED);
                e.setSize(content.length);
                e.setCompressedSize(content.length);
                e.setCrc(crc.getValue());
                e.setTimeLocal(ENTRY_TIME);
                zip.putNextEntry(e);
                zip.write(content);
                zip.closeEntry();
                names.add(f.path());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("zipping the HLS project in memory failed", e);
        }
        byte[] bytes = buffer.toByteArray();
        return new FirmwareArchive(fileName, bytes, sha256(bytes), names);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
