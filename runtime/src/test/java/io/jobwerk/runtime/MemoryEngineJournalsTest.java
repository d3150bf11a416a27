package io.jobwerk.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.Journal;
import io.jobwerk.scheduler.VirtualScheduler;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MemoryEngineJournalsTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final MemoryEngineJournals journals = new MemoryEngineJournals();

    @Test
    void openingANameAgainAfterItsCloseContinuesItsJournal() {
        Journal<EngineState> first = journals.open("Agent:A", EngineFolder.agent(), scheduler).orThrow();
        first.persist(List.of(KeyedEvent.keyless(new SystemEvent.AgentReady("UTC", Optional.empty())))).join();
        first.close();
        try (Journal<EngineState> second = journals.open("Agent:A", EngineFolder.agent(), scheduler).orThrow()) {
            assertThat(second.journalId()).isEqualTo(first.journalId());
            assertThat(second.lastEventId()).isEqualTo(first.lastEventId());
            assertThat(second.read(0, 10).orThrow()).hasSize(1);
            assertThat(second.encodedEvent(second.lastEventId())).as("encoded as the file journal does").isPresent();
        }
    }

    @Test
    void aNameStillOpenIsRefusedAsALockedJournalIs() {
        try (Journal<EngineState> open = journals.open("Controller:C", EngineFolder.controller(), scheduler).orThrow()) {
            assertThat(journals.open("Controller:C", EngineFolder.controller(), scheduler).problemOption().orElseThrow().code())
                    .isEqualTo("JournalLocked");
            assertThat(journals.open("Agent:A", EngineFolder.agent(), scheduler).isOk()).as("another name").isTrue();
        }
    }
}
