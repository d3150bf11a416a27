package io.jobwerk.journal;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import java.util.Map;
import java.util.List;
import java.util.Optional;
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
        try (Journal<TestState> journal = new MemoryJournal<>("J", TestState.FOLDER, Optional.empty(), TestJournals.FIXED,
                new Journal.StateAt<>(recovered, lastId))) {
            assertThat(journal.persist(increments("A", "t", 1)).join().get(0).eventId()).isEqualTo(lastId + 1);
            assertThat(journal.currentState().counters()).containsEntry("A", 8L);
            assertThat(journal.read(0, 10).problemOption().orElseThrow().code()).isEqualTo("EventSeqTorn");
            assertThat(journal.journalId()).isEqualTo("J");
        }
    }

    @Test
    void reopenedItKeepsItsIdEventsStateAndReleaseAndGoesOnAfterItsLastEvent() {
        MemoryJournal<TestState> journal = new MemoryJournal<>(TestState.FOLDER, TestJournals.FIXED);
        journal.persist(increments("A", "t", 1)).join();
        long first = journal.persist(increments("A", "t", 2)).join().get(0).eventId();
        journal.release(first);
        MemoryJournal<TestState> reopened = journal.reopened();
        try (reopened) {
            assertThat(journal.isClosed()).isTrue();
            assertThat(reopened.isClosed()).isFalse();
            assertThat(reopened.journalId()).isEqualTo(journal.journalId());
            assertThat(reopened.currentStateAt()).isEqualTo(journal.currentStateAt());
            assertThat(reopened.releasedEventId()).isEqualTo(first);
            assertThat(reopened.read(0, 10).orThrow()).isEqualTo(journal.read(0, 10).orThrow());
            long next = reopened.persist(increments("A", "t", 1)).join().get(0).eventId();
            assertThat(next).isGreaterThan(journal.lastEventId());
            assertThat(journal.persist(increments("A", "t", 1))).as("the old one stays closed").isCompletedExceptionally();
        }
    }

    @Test
    void withACodecEachEventIsEncodedAndItsBytesKept() {
        try (Journal<TestState> journal = new MemoryJournal<>(TestState.FOLDER, TestCodec.INSTANCE, TestJournals.FIXED)) {
            Stamped<TestEvent> stamped = journal.persist(increments("A", "t", 1)).join().get(0);
            assertThat(journal.encodedEvent(stamped.eventId())).hasValueSatisfying(bytes ->
                    assertThat(bytes).isEqualTo(TestCodec.INSTANCE.encodeEvent(stamped)));
        }
    }

    @Test
    void withACodecAnEventThatCannotBeEncodedIsRefusedAndNothingWritten() {
        JournalCodec<TestState> refusing = new JournalCodec<>() {
            @Override
            public byte[] encodeEvent(Stamped<? extends Event> stamped) {
                throw new IllegalStateException("test: cannot encode");
            }

            @Override
            public Checked<Stamped<? extends Event>> decodeEvent(byte[] bytes) {
                return TestCodec.INSTANCE.decodeEvent(bytes);
            }

            @Override
            public Iterable<Map.Entry<String, byte[]>> snapshotEntries(TestState state) {
                return TestCodec.INSTANCE.snapshotEntries(state);
            }

            @Override
            public Checked<TestState> fromSnapshot(Iterable<Map.Entry<String, byte[]>> entries) {
                return TestCodec.INSTANCE.fromSnapshot(entries);
            }
        };
        try (Journal<TestState> journal = new MemoryJournal<>(TestState.FOLDER, refusing, TestJournals.FIXED)) {
            assertThat(JournalContract.problemOf(journal.persist(increments("A", "t", 1))).code()).isEqualTo("JournalEncode");
            assertThat(journal.lastEventId()).isZero();
            assertThat(journal.currentState()).isEqualTo(TestState.EMPTY);
        }
    }
}
