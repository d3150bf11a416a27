package io.jobwerk.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal written by format version 1 ({@link GoldenJournalWriter}) must recover in every later
 * version. If this fails, the change breaks existing journals: add a migration, never regenerate.
 */
class GoldenJournalTest {
    @TempDir
    Path dir;

    private Path golden() throws URISyntaxException {
        return Path.of(GoldenJournalTest.class.getResource("/golden/journal-v1-events.ndjson").toURI()).getParent();
    }

    private Path copyOfGoldenJournal() throws Exception {
        Path source = golden().resolve("journal-v1");
        Path target = dir.resolve("journal-v1");
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(source)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, target.resolve(f.getFileName()));
            }
        }
        return target;
    }

    @Test
    void goldenJournalRecoversFromCheckpointAndLog() throws Exception {
        try (Journal<TestState> journal = TestJournals.openOrThrow(copyOfGoldenJournal(), GoldenJournalWriter.CONF)) {
            assertThat(journal.journalId()).isEqualTo("golden-journal-v1");
            assertThat(journal.lastEventId()).isEqualTo(1795348800000027L);
            assertThat(journal.stats().checkpointEventId()).isEqualTo(1795348800000018L);
            assertThat(journal.currentState().counters())
                    .isEqualTo(Map.of("order-0", 8L, "order-1", 8L, "order-2", 6L, "order-3", 2L));
            assertThat(journal.currentState().eventCount()).isEqualTo(28);
        }
    }

    @Test
    void goldenJournalEventsReadBackAsWritten() throws Exception {
        List<String> expected = Files.readAllLines(golden().resolve("journal-v1-events.ndjson"));
        try (Journal<TestState> journal = TestJournals.openOrThrow(copyOfGoldenJournal(), GoldenJournalWriter.CONF)) {
            List<Stamped<? extends Event>> events = journal.read(0, 1000).orThrow();
            assertThat(events).hasSize(28);
            assertThat(events.stream().map(e -> new String(TestCodec.INSTANCE.encodeEvent(e), StandardCharsets.UTF_8)))
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void dumpOfTheGoldenJournalIsTheGoldenNdjson() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc = JournalDump.dump(golden().resolve("journal-v1"), -1, out, new PrintStream(new ByteArrayOutputStream()));
        assertThat(rc).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(readGolden("journal-v1-events.ndjson"));
    }

    private String readGolden(String name) throws IOException, URISyntaxException {
        return Files.readString(golden().resolve(name));
    }
}
