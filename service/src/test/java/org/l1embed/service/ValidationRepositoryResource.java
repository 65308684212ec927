package org.l1embed.service;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes the validation repository ({@link ValidationFixtures}) into a fresh directory under {@code target/} before the
 * application starts, and points {@code l1embed.models.dir} at it. Test classes that use it share one application,
 * separate from the one of {@link RepositoryResource}.
 */
public class ValidationRepositoryResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path target = Path.of("target");
            Files.createDirectories(target);
            Path root = Files.createTempDirectory(target, "validation-models-").toAbsolutePath();
            ValidationFixtures.writeRepository(root);
            return Map.of("l1embed.models.dir", root.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // the directory stays under target/ for inspection; mvn clean removes it
    }
}
