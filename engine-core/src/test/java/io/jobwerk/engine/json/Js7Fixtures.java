package io.jobwerk.engine.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The JS7 fixtures in {@code src/test/resources/js7/} (see its README), and the optional reference
 * material {@code shared/js7-examples} and {@code shared/js7-traces} of a developer's checkout.
 */
final class Js7Fixtures {
    private Js7Fixtures() {}

    static final String TRACE_WORKFLOW = "simple-try-catch.workflow.json";
    static final String TRACE_EVENTS = "simple-try-catch.events.ndjson";

    /** {@code js7/<relative>} on the test class path. */
    static Path path(String relative) {
        URL url = Js7Fixtures.class.getResource("/js7/" + relative);
        if (url == null) {
            throw new IllegalStateException("No test resource js7/" + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files(Path dir) {
        try (var files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code shared/<name>} in the working directory or a parent, absent in a plain clone. */
    static Optional<Path> sharedDir(String name) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve(name);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
