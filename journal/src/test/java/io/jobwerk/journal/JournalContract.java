package io.jobwerk.journal;

import io.jobwerk.engine.base.ProblemException;

import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** What every {@link Journal} does, run against {@link FileJournal} and {@link MemoryJournal}. */
abstract class JournalContract {

    /** A fresh, empty journal of node "Primary" with event ids from {@link TestJournals#FIXED}. */
    abstract Journal<TestState> newJournal();

    /** The problem the future fails with, once it completes. */
    static Problem problemOf(CompletableFuture<?> future) {
        try {
            future.join();
            throw new AssertionError("not failed");
        } catch (CompletionException e) {
            return ((ProblemException) e.getCause()).problem();
        }
    }

    @Test
    void persistStampsStrictlyIncreasingIdsAndAdvancesTheState() {
        try (Journal<TestState> journal = newJournal()) {
            List<Stamped<TestEvent>> first = journal.persist(increments("A", "t1", 2)).join();
            List<Stamped<TestEvent>> second = journal.persist(increments("B", "t2", 1)).join();
            assertThat(first.get(0).eventId()).isEqualTo(TestJournals.FIXED.millis() * 1000);
            assertThat(List.of(first.get(1).eventId(), second.get(0).eventId()))
                    .containsExactly(first.get(0).eventId() + 1, first.get(0).eventId() + 2);
            assertThat(journal.lastEventId()).isEqualTo(second.get(0).eventId());
            assertThat(journal.currentState().counters()).containsEntry("A", 2L).containsEntry("B", 1L);
            assertThat(journal.currentStateAt()).isEqualTo(new Journal.StateAt<>(journal.currentState(), journal.lastEventId()));
            assertThat(journal.read(0, 10).orThrow()).hasSize(3);
            assertThat(journal.read(first.get(1).eventId(), 10).orThrow()).containsExactlyElementsOf(second);
        }
    }

    @Test
    void aRequestWhoseEventDoesNotApplyWritesNothingAndTheNextOneTakesItsIds() {
        try (Journal<TestState> journal = newJournal()) {
            CompletableFuture<List<Stamped<TestEvent>>> bad = journal.persist(List.of(
                    KeyedEvent.of("A", new TestEvent.Incremented(1, "t", 0, 2)), KeyedEvent.of("X", new TestEvent.Removed())));
            long next = journal.persist(increments("B", "t2", 1)).join().get(0).eventId();
            assertThat(problemOf(bad).code()).isEqualTo("UnknownCounter");
            assertThat(next).isEqualTo(TestJournals.FIXED.millis() * 1000);
            assertThat(journal.currentState().counters()).containsOnlyKeys("B");
        }
    }

    @Test
    void theCallersFoldIsAdoptedWhenTheJournalIsStillAtItsBase() {
        try (Journal<TestState> journal = newJournal()) {
            TestState base = journal.currentState();
            TestState folded = new TestState(base.counters().plus("A", 1L), 1);
            journal.persistFolded(increments("A", "t", 1), List.of(Optional.empty()), base, folded).join();
            assertThat(journal.currentState()).isSameAs(folded);
        }
    }

    @Test
    void aFoldOnAnOutdatedBaseIsAppliedByTheJournalInstead() {
        try (Journal<TestState> journal = newJournal()) {
            TestState base = journal.currentState();
            journal.persist(increments("A", "t1", 1)).join();
            TestState wrongFold = new TestState(base.counters().plus("Z", 99L), 1);
            journal.persistFolded(increments("B", "t2", 1), List.of(Optional.empty()), base, wrongFold).join();
            assertThat(journal.currentState().counters()).containsOnlyKeys("A", "B");
        }
    }

    @Test
    void aTimestampEqualToTheEventIdsTimeIsImplied() {
        try (Journal<TestState> journal = newJournal()) {
            long millis = TestJournals.FIXED.millis();
            List<Stamped<TestEvent>> stamped = journal.persist(increments("A", "t", 2),
                    List.of(Optional.of(millis), Optional.of(millis - 5000))).join();
            assertThat(stamped).extracting(Stamped::timestampMillis).containsExactly(Optional.empty(), Optional.of(millis - 5000));
        }
    }

    @Test
    void oneTimestampPerEventIsRequired() {
        try (Journal<TestState> journal = newJournal()) {
            assertThatThrownBy(() -> journal.persist(increments("A", "t", 2), List.of(Optional.empty())))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void inAcknowledgementModeAPersistCompletesOnlyWhenAcknowledged() {
        try (Journal<TestState> journal = newJournal()) {
            journal.requireAcknowledgement(true);
            CompletableFuture<List<Stamped<TestEvent>>> first = journal.persist(increments("A", "t1", 1));
            CompletableFuture<List<Stamped<TestEvent>>> second = journal.persist(increments("A", "t2", 1));
            journal.whenEventsAfter(TestJournals.FIXED.millis() * 1000).join();
            assertThat(first).isNotDone();
            assertThat(journal.currentState().counters()).containsEntry("A", 2L);

            journal.acknowledge(journal.lastEventId() - 1).orThrow();
            assertThat(first.join()).hasSize(1);
            assertThat(second).isNotDone();
            assertThat(journal.acknowledge(journal.lastEventId() + 1).problemOption().orElseThrow().code())
                    .isEqualTo("AcknowledgementTooEarly");
            journal.requireAcknowledgement(false);
            assertThat(second.join()).hasSize(1);
            assertThat(journal.acknowledgedEventId()).isEqualTo(journal.lastEventId() - 1);
        }
    }

    @Test
    void closingFailsThePersistsWaitingForAnAcknowledgementAndLaterOnes() {
        Journal<TestState> journal = newJournal();
        journal.requireAcknowledgement(true);
        CompletableFuture<List<Stamped<TestEvent>>> waiting = journal.persist(increments("A", "t1", 1));
        journal.whenEventsAfter(0).join();
        journal.close();
        assertThat(problemOf(waiting).code()).isEqualTo("JournalClosed");
        assertThat(problemOf(journal.persist(increments("A", "t2", 1))).code()).isEqualTo("JournalClosed");
        assertThat(journal.whenEventsAfter(Long.MAX_VALUE - 1)).as("no event will come").isDone();
    }

    @Test
    void replicatedEventsKeepTheirIdsAndMustComeInOrder() {
        List<Stamped<? extends Event>> events;
        try (Journal<TestState> active = newJournal()) {
            active.persist(increments("A", "t", 3)).join();
            events = active.read(0, 10).orThrow();
        }
        try (Journal<TestState> standby = newJournal()) {
            assertThat(standby.appendReplicated(events.subList(0, 2)).join()).isEqualTo(events.get(1).eventId());
            assertThat(problemOf(standby.appendReplicated(events.subList(1, 3))).code()).isEqualTo("ReplicatedEventOutOfOrder");
            standby.appendReplicated(events.subList(2, 3)).join();
            assertThat(standby.read(0, 10).orThrow()).isEqualTo(events);
            assertThat(standby.persist(increments("A", "t2", 1)).join().get(0).eventId()).isEqualTo(events.get(2).eventId() + 1);
        }
    }

    @Test
    void waitersAreWokenByALaterEventAndAwaitReturnsEmptyOnTimeout() {
        try (Journal<TestState> journal = newJournal()) {
            CompletableFuture<Void> waiting = journal.whenEventsAfter(0);
            assertThat(journal.await(0, 10, Duration.ofMillis(1)).orThrow()).isEmpty();
            assertThat(waiting).isNotDone();
            journal.persist(increments("A", "t", 1)).join();
            waiting.join();
            assertThat(journal.await(0, 10, Duration.ofMinutes(1)).orThrow()).hasSize(1);
        }
    }

    @Test
    void eventsReleasedAndCoveredByACheckpointGoAndReadingBeforeThemIsTorn() {
        try (Journal<TestState> journal = newJournal()) {
            journal.persist(increments("A", "t1", 2)).join();
            journal.checkpoint().join();
            journal.persist(increments("A", "t2", 2)).join();
            journal.persist(increments("A", "t3", 1)).join();
            long last = journal.lastEventId();
            assertThat(journal.checkpoint().join()).isEqualTo(last);
            assertThat(journal.oldestKeptAfterEventId()).as("not released").isZero();
            journal.release(last);
            assertThat(journal.releasedEventId()).isEqualTo(last);
            assertThat(journal.oldestKeptAfterEventId()).isPositive();
            assertThat(journal.read(0, 10).problemOption().orElseThrow().code()).isEqualTo("EventSeqTorn");
            assertThat(journal.read(journal.oldestKeptAfterEventId(), 10).isFail()).isFalse();
            assertThat(journal.stats().checkpointEventId()).isEqualTo(last);
        }
    }
}
