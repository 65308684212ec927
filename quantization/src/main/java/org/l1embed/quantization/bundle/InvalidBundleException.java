package org.l1embed.quantization.bundle;

import java.nio.file.Path;
import java.util.List;

/**
 * A bundle (directory or zip) that l1embed refuses to load: a checksum that does not match, a file that is not
 * listed or a listed file that is missing, a malformed {@code checksums.sha256}, or invalid {@code network.json}
 * or {@code provenance.json} content. Every problem names the file inside the bundle; checksum problems also
 * give the expected and the actual hash.
 */
public final class InvalidBundleException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final transient Path bundle;
    private final List<String> problems;

    /**
     * @param bundle   the bundle directory or zip file
     * @param problems at least one problem, each starting with the file it concerns
     */
    public InvalidBundleException(Path bundle, List<String> problems) {
        this(bundle, problems, null);
    }

    InvalidBundleException(Path bundle, List<String> problems, Throwable cause) {
        super("model bundle " + bundle + " is refused: " + String.join("; ", problems), cause);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid bundle needs at least one problem");
        }
        this.bundle = bundle;
        this.problems = List.copyOf(problems);
    }

    /** The bundle directory or zip file that was refused. */
    public Path bundle() {
        return bundle;
    }

    /** Every problem found, each starting with the file inside the bundle it concerns. */
    public List<String> problems() {
        return problems;
    }
}
