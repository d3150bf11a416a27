package io.jobwerk.journal;

import io.jobwerk.engine.base.ProblemException;
import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalReplicationTest {
    @TempDir
    Path dir;

    @Test
    void standbyAppendsTheIdenticalSequenceAndActiveCompletesOnlyAfterAcknowledgement() throws Exception {
        try (Journal<TestState> active = TestJournals.openOrThrow(dir.resolve("primary"), JournalConf.of("Primary"));
             Journal<TestState> standby = TestJournals.openOrThrow(dir.resolve("backup"),
                     JournalConf.of("Backup").withJournalId(active.journalId()))) {
            active.requireAcknowledgement(true);
            CompletableFuture<List<Stamped<TestEvent>>> first = active.persist(increments("A", "t0", 2));
            assertThat(active.whenEventsAfter(0)).succeedsWithin(Duration.ofSeconds(10));
            assertThat(first).as("durable locally, but not acknowledged").isNotDone();

            AtomicBoolean running = new AtomicBoolean(true);
            Thread replicator = new Thread(() -> {
                while (running.get()) {
                    List<Stamped<? extends Event>> events = active.await(standby.lastEventId(), 1000, Duration.ofMillis(50)).orThrow();
                    if (!events.isEmpty()) {
                        long last = standby.appendReplicated(events).join();
                        active.acknowledge(last).orThrow();
                    }
                }
            });
            replicator.start();
            List<CompletableFuture<?>> more = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                more.add(active.persist(increments("K" + i % 5, "t" + i, 1 + i % 3)));
            }
            first.get(10, TimeUnit.SECONDS);
            CompletableFuture.allOf(more.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
            running.set(false);
            replicator.join();

            assertThat(active.acknowledgedEventId()).isEqualTo(active.lastEventId());
            assertThat(standby.lastEventId()).isEqualTo(active.lastEventId());
            assertThat(standby.currentState()).isEqualTo(active.currentState());
            assertThat(standby.read(0, 10_000).orThrow()).isEqualTo(active.read(0, 10_000).orThrow());
        }
    }

    @Test
    void standbyRecoversTheReplicatedEventsWithTheActiveNodesIds() {
        List<Stamped<? extends Event>> events;
        String journalId;
        try (Journal<TestState> active = TestJournals.openOrThrow(dir.resolve("primary"), JournalConf.of("Primary"))) {
            active.persist(increments("A", "t", 3)).join();
            events = active.read(0, 100).orThrow();
            journalId = active.journalId();
        }
        JournalConf backup = JournalConf.of("Backup").withJournalId(journalId);
        try (Journal<TestState> standby = TestJournals.openOrThrow(dir.resolve("backup"), backup)) {
            standby.appendReplicated(events).join();
        }
        try (Journal<TestState> standby = TestJournals.openOrThrow(dir.resolve("backup"), backup)) {
            assertThat(standby.read(0, 100).orThrow()).isEqualTo(events);
            assertThat(standby.journalId()).isEqualTo(journalId);
        }
    }

    @Test
    void replicatedEventsOutOfOrderAreRejected() {
        try (Journal<TestState> standby = TestJournals.openOrThrow(dir, JournalConf.of("Backup"))) {
            Stamped<TestEvent> e = new Stamped<>(5000, Optional.empty(), KeyedEvent.of("A", new TestEvent.Incremented(1, "t", 0, 1)));
            standby.appendReplicated(List.of(e)).join();
            assertThatThrownBy(() -> standby.appendReplicated(List.of(e)).join())
                    .hasCauseInstanceOf(ProblemException.class)
                    .hasMessageContaining("does not come after event 5000");
            assertThat(standby.lastEventId()).isEqualTo(5000);
        }
    }

    @Test
    void acknowledgingAnUnwrittenEventIsAProblem() {
        try (Journal<TestState> active = TestJournals.openOrThrow(dir, JournalConf.of("Primary"))) {
            assertThat(active.acknowledge(1).problemOption())
                    .hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("AcknowledgementTooEarly"));
        }
    }

    @Test
    void switchingAcknowledgementsOffCompletesWaitingPersists() {
        try (Journal<TestState> active = TestJournals.openOrThrow(dir, JournalConf.of("Primary"))) {
            active.requireAcknowledgement(true);
            CompletableFuture<List<Stamped<TestEvent>>> waiting = active.persist(increments("A", "t", 1));
            assertThat(active.whenEventsAfter(0)).succeedsWithin(Duration.ofSeconds(10));
            assertThat(waiting).isNotDone();
            active.requireAcknowledgement(false);
            assertThat(waiting).succeedsWithin(Duration.ofSeconds(1));
        }
    }

    @Test
    void closingFailsPersistsStillWaitingForAcknowledgement() {
        Journal<TestState> active = TestJournals.openOrThrow(dir, JournalConf.of("Primary"));
        active.requireAcknowledgement(true);
        CompletableFuture<List<Stamped<TestEvent>>> waiting = active.persist(increments("A", "t", 1));
        assertThat(active.whenEventsAfter(0)).succeedsWithin(Duration.ofSeconds(10));
        active.close();
        assertThatThrownBy(waiting::join).hasCauseInstanceOf(ProblemException.class).hasMessageContaining("closed");
    }
}
