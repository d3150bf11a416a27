package io.jobwerk.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentsTest {
    @TempDir
    Path dir;
    private final JournalConf conf = JournalConf.of("Primary");
    private Segments segments;

    @BeforeEach
    void createFirst() throws IOException {
        Segment first = Segments.create(dir, header(0));
        segments = new Segments(dir, conf, "J", List.of(first));
    }

    private JournalHeader header(long afterEventId) {
        return new JournalHeader(JournalHeader.FORMAT_VERSION, "J", "Primary", afterEventId, 0);
    }

    private List<Long> kept() {
        return segments.snapshot().stream().map(Segment::afterEventId).toList();
    }

    @Test
    void aCreatedSegmentHoldsItsHeaderAndNoTemporaryFileIsLeft() throws IOException {
        Segment created = Segments.create(dir, header(7));
        try (LogFormat.Reader reader = new LogFormat.Reader(created.path())) {
            assertThat(reader.readHeader().orThrow()).isEqualTo(header(7));
            assertThat(reader.next()).isNull();
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void rotationStartsASegmentAfterTheLastEventUnlessTheNewestHoldsNone() throws IOException {
        assertThat(segments.rotate(0, 0)).isEmpty();
        assertThat(segments.rotate(5, 0)).isPresent();
        assertThat(segments.rotate(5, 0)).isEmpty();
        assertThat(kept()).containsExactly(0L, 5L);
        assertThat(Segment.list(dir)).isEqualTo(segments.snapshot());
    }

    @Test
    void aSegmentIsDeletedOnlyWhenReleasedAndCoveredByACheckpoint() throws IOException {
        segments.rotate(5, 0);
        segments.rotate(9, 0);
        segments.release(9, 0);
        assertThat(kept()).as("no checkpoint").containsExactly(0L, 5L, 9L);
        segments.deleteObsolete(7);
        assertThat(kept()).as("released to 9, checkpoint at 7: the first segment (to 5) goes").containsExactly(5L, 9L);
        assertThat(segments.oldestAfterEventId()).isEqualTo(5);
        assertThat(Segment.list(dir)).isEqualTo(segments.snapshot());
    }

    @Test
    void theNewestSegmentIsNeverDeleted() throws IOException {
        segments.rotate(5, 0);
        segments.release(100, 100);
        assertThat(kept()).containsExactly(5L);
        assertThat(segments.releasedUntil()).isEqualTo(100);
    }

    @Test
    void aJournalHasAtLeastOneSegment() {
        assertThatThrownBy(() -> new Segments(dir, conf, "J", List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
