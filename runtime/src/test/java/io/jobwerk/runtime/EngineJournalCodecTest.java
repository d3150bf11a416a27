package io.jobwerk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.JournalConf;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineJournalCodecTest {

    @TempDir Path dir;

    @Test
    void eventLinesAreTheEventStreamsJsonWhetherTheEventIsInMemoryOrNot() {
        for (int memoryEvents : new int[] {10, 0}) {
            JournalConf conf = JournalConf.of("test-" + memoryEvents).withFsync(false).withMemoryEvents(memoryEvents);
            try (Journal<EngineState> journal = Journal.open(dir.resolve("m" + memoryEvents), conf, new EngineJournalCodec(),
                    EngineFolder.controller(), Clock.systemUTC()).orThrow()) {
                List<Stamped<Event>> stamped = journal.persist(List.of(
                        KeyedEvent.<Event>keyless(new ItemEvent.VersionAdded(new VersionId("1"))))).join();

                assertThat(journal.encodedEvent(stamped.get(0).eventId()).isPresent()).isEqualTo(memoryEvents > 0);
                assertThat(EngineJournalCodec.eventLines(journal).apply(stamped.get(0)))
                        .isEqualTo(EngineJson.print(EventJson.encodeStamped(stamped.get(0))));
            }
        }
    }

    @Test
    void snapshotKeysHaveNineDigitsSoTheySortInWritingOrder() {
        assertThat(List.of(0, 7, 10, 999, 123_456_789).stream().map(EngineJournalCodec::snapshotKey).toList())
                .containsExactly("000000000", "000000007", "000000010", "000000999", "123456789");
    }
}
