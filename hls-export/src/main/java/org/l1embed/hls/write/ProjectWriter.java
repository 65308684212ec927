package org.l1embed.hls.write;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.l1embed.hls.render.GeneratedFile;
import org.l1embed.quantization.files.StagedDirectory;

/**
 * Writes a project directory atomically through a {@link StagedDirectory}. The target must not exist, be empty, or be
 * replaced on request ({@code overwrite}); a non-empty target is refused before anything is written.
 */
public final class ProjectWriter {

    private ProjectWriter() {
    }

    /**
     * Writes {@code files} as the directory {@code target}.
     *
     * @throws IllegalArgumentException if the target is a file, or a non-empty directory and {@code overwrite} is false
     * @throws IOException if writing fails; the target is then unchanged and no temporary directory is left
     */
    public static void write(List<GeneratedFile> files, Path target, boolean overwrite) throws IOException {
        StagedDirectory.TargetCheck check = overwrite ? StagedDirectory.TargetCheck.replaceAny()
                : StagedDirectory.TargetCheck.refuse("output directory", "choose another directory or ask to overwrite it (--overwrite)");
        try (StagedDirectory staged = StagedDirectory.beside(target, "output directory", check)) {
            Path root = staged.path();
            for (GeneratedFile f : files) {
                Path p = root.resolve(f.path()).normalize();
                if (!p.startsWith(root)) {
                    throw new IllegalArgumentException("generated file " + f.path() + " would leave the project directory");
                }
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.content(), StandardCharsets.UTF_8);
            }
            staged.commit();
        }
    }
}
