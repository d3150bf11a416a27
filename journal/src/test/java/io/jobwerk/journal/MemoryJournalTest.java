package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Stamped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class MemoryJournalTest extends JournalContract {

    @Override
    Journal<TestState> newJournal() {
        return new MemoryJournal<>(TestState.FOLDER, TestJournals.FIXED);
    }

    @Test
    void aPersistCompletesBeforeItReturns() {
        try (Journal<TestState> journal = newJournal()) {
            CompletableFuture<List<Stamped<TestEvent>>> persisted = journal.persist(increments("A", "t", 1));
            assertThat(persisted).isCompleted();
            assertThat(journal.encodedEvent(journal.lastEventId())).as("no codec").isEmpty();
        }
    }

    @Test
    void aJournalStartedAtARecoveredStateGoesOnAfterIt() {
        TestState recovered = new TestState(TestState.EMPTY.counters().plus("A", 7L), 7);
        long lastId = TestJournals.FIXED.millis() * 1000 + 100;
        try (Journal<TestState> journal = new MemoryJournal<>("J", TestState.FOLDER, TestJournals.FIXED,
                new Journal.StateAt<>(recovered, lastId))) {
            assertThat(journal.persist(increments("A", "t", 1)).join().get(0).eventId()).isEqualTo(lastId + 1);
            assertThat(journal.currentState().counters()).containsEntry("A", 8L);
            assertThat(journal.read(0, 10).problemOption().orElseThrow().code()).isEqualTo("EventSeqTorn");
            assertThat(journal.journalId()).isEqualTo("J");
        }
    }
}
