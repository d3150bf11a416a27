package io.jobwerk.agent.filewatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.FileWatchPath;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileWatcherTest {

    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    @TempDir
    Path dir;

    Item.FileWatch watch(String pattern, Duration delay) {
        return new Item.FileWatch(new FileWatchPath("FW"), new WorkflowPath("W"), new AgentPath("agent"),
                Expr.of("'" + dir + "'"), Optional.ofNullable(pattern), Optional.empty(), delay);
    }

    @Test
    void reportsMatchingRegularFilesWithTheAbsoluteDirectory() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "x");
        Files.writeString(dir.resolve("b.txt"), "x");
        Files.createDirectory(dir.resolve("c.csv"));
        FileWatcher.Scan scan = new FileWatcher().scan(watch(".*\\.csv", Duration.ZERO), T0).orThrow();
        assertThat(scan.directory()).isEqualTo(dir.toAbsolutePath().normalize().toString());
        assertThat(scan.files()).containsExactly("a.csv");
    }

    @Test
    void aFileIsReportedOnlyAfterItWasUnchangedForTheDelay() throws Exception {
        FileWatcher watcher = new FileWatcher();
        Item.FileWatch w = watch(null, Duration.ofSeconds(2));
        Files.writeString(dir.resolve("a"), "1");
        assertThat(watcher.scan(w, T0).orThrow().files()).isEmpty();
        Files.writeString(dir.resolve("a"), "12");
        assertThat(watcher.scan(w, T0.plusSeconds(1)).orThrow().files()).as("changed: the delay starts again").isEmpty();
        assertThat(watcher.scan(w, T0.plusSeconds(2)).orThrow().files()).isEmpty();
        assertThat(watcher.scan(w, T0.plusSeconds(3)).orThrow().files()).isEqualTo(Set.of("a"));
    }

    @Test
    void aMissingDirectoryOrABadPatternIsAProblem() {
        Item.FileWatch missing = new Item.FileWatch(new FileWatchPath("FW"), new WorkflowPath("W"), new AgentPath("agent"),
                Expr.of("'" + dir.resolve("nope") + "'"), Optional.empty(), Optional.empty(), Duration.ZERO);
        assertThat(new FileWatcher().scan(missing, T0).problemOption().orElseThrow().message()).contains("cannot be read");
        assertThat(new FileWatcher().scan(watch("(", Duration.ZERO), T0).problemOption().orElseThrow().message()).contains("bad pattern");
    }
}
