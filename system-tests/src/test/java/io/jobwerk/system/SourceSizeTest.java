package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's rule for main code: no file over 500 lines, so a class stays one job a reader can hold.
 * The expression parser and the sealed catalogues of events and instructions may be larger: they are
 * one grammar and two lists, and split they would read worse.
 */
class SourceSizeTest {
    private static final int MAX_LINES = 500;
    private static final Set<String> EXEMPT = Set.of("ExpressionParser.java", "OrderEvent.java", "Instruction.java");

    @Test
    void noMainCodeFileIsOver500Lines() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        Map<String, Long> tooLong = new TreeMap<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path main : modules.map(m -> m.resolve("src/main/java")).filter(Files::isDirectory).toList()) {
                try (Stream<Path> files = Files.walk(main)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        long lines = lineCount(file);
                        if (lines > MAX_LINES && !EXEMPT.contains(file.getFileName().toString())) {
                            tooLong.put(root.relativize(file).toString(), lines);
                        }
                    }
                }
            }
        }
        assertThat(tooLong).as("main-code files over %d lines (split them by job)", MAX_LINES).isEmpty();
    }

    @Test
    void theRuleSeesTheModules() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        assertThat(List.of("engine-core", "journal", "controller-server", "desktop-cockpit"))
                .allSatisfy(module -> assertThat(root.resolve(module).resolve("src/main/java")).isDirectory());
    }

    private static long lineCount(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.count();
        }
    }
}
