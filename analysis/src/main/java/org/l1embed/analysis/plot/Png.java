package org.l1embed.analysis.plot;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.ImageIO;

/** PNG encoding of rendered images and atomic file writing. */
public final class Png {

    private Png() {
    }

    /** The image as PNG bytes (ImageIO's encoder: the same image gives the same bytes). */
    public static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer available in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding PNG in memory failed", e);
        }
        return out.toByteArray();
    }

    /**
     * Writes the image as PNG: to a temporary file in the target's directory (created if missing), then moved into
     * place, so readers never see a half-written file and a failure leaves no partial file behind.
     *
     * @throws IOException if the directory or file cannot be written
     */
    public static void write(BufferedImage image, Path file) throws IOException {
        writeAtomically(encode(image), file);
    }

    /** As {@link #write(BufferedImage, Path)} for bytes already encoded. */
    static void writeAtomically(byte[] bytes, Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
