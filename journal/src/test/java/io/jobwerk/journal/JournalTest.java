package io.jobwerk.journal;

import io.jobwerk.engine.base.ProblemException;
import static io.jobwerk.journal.TestJournals.increments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.EventIds;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {
    @TempDir
    Path dir;

    private final JournalConf conf = JournalConf.of("Primary");

    @Test
    void aJournalOpenElsewhereIsRefusedWithoutTouchingItsFilesAndFreeAgainAfterClose() throws Exception {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            journal.persist(increments("A", "t1", 1)).join();
            List<String> files;
            try (var list = Files.list(dir)) {
                files = list.map(p -> p.getFileName().toString()).sorted().toList();
            }
            var second = TestJournals.open(dir, conf);

            assertThat(second.problemOption()).hasValueSatisfying(p -> {
                assertThat(p.code()).isEqualTo("JournalInUse");
                assertThat(p.message()).contains("is in use by another process (pid " + ProcessHandle.current().pid() + ")");
            });
            try (var list = Files.list(dir)) {
                assertThat(list.map(p -> p.getFileName().toString()).sorted().toList()).isEqualTo(files);
            }
            journal.persist(increments("A", "t2", 1)).join();
        }
        try (Journal<TestState> reopened = TestJournals.openOrThrow(dir, conf)) {
            assertThat(reopened.currentState().counters()).containsEntry("A", 2L);
        }
    }

    @Test
    void persistStampsStrictlyIncreasingIdsFromTheClockAndAdvancesTheState() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            List<Stamped<TestEvent>> stamped = journal.persist(increments("A", "t1", 3)).join();

            long base = TestJournals.FIXED.millis() * 1000;
            assertThat(stamped).extracting(Stamped::eventId).containsExactly(base, base + 1, base + 2);
            assertThat(journal.lastEventId()).isEqualTo(base + 2);
            assertThat(journal.currentState().counters()).containsEntry("A", 3L);
            assertThat(EventIds.toEpochMilli(journal.lastEventId())).isEqualTo(TestJournals.FIXED.millis());
        }
    }

    @Test
    void persistKeepsATimestampFromElsewhereUnlessTheEventIdImpliesIt() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            long now = TestJournals.FIXED.millis();
            List<Stamped<TestEvent>> stamped = journal.persist(increments("A", "t1", 2),
                    List.of(Optional.of(now - 5000), Optional.of(now))).join();

            assertThat(stamped).extracting(Stamped::timestampMillis).containsExactly(Optional.of(now - 5000), Optional.empty());
            assertThat(stamped.get(0).effectiveTimestampMillis()).isEqualTo(now - 5000);
        }
    }

    @Test
    void persistOfEventsThatDoNotApplyFailsWithTheProblemAndWritesNothing() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            journal.persist(increments("A", "t1", 1)).join();
            long last = journal.lastEventId();
            CompletableFuture<List<Stamped<TestEvent>>> failed = journal.persist(List.of(
                    KeyedEvent.of("A", new TestEvent.Incremented(1, "t2", 0, 2)),
                    KeyedEvent.<TestEvent>of("B", new TestEvent.Removed())));

            assertThatThrownBy(failed::join).hasCauseInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e.getCause()).problem().code()).isEqualTo("UnknownCounter"));
            assertThat(journal.lastEventId()).isEqualTo(last);
            assertThat(journal.currentState().counters()).containsEntry("A", 1L);
            List<Stamped<TestEvent>> next = journal.persist(increments("A", "t3", 1)).join();
            assertThat(next.get(0).eventId()).isEqualTo(last + 1);
        }
        try (Journal<TestState> reopened = TestJournals.openOrThrow(dir, conf)) {
            assertThat(reopened.currentState().counters()).containsEntry("A", 2L);
            assertThat(reopened.currentState().eventCount()).isEqualTo(2);
        }
    }

    @Test
    void persistFoldedTakesTheCallersStateWhenItsBaseIsStillCurrent() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            TestState base = journal.currentState();
            TestState folded = fold(base, increments("A", "t1", 2));

            journal.persistFolded(increments("A", "t1", 2), List.of(Optional.empty(), Optional.empty()), base, folded).join();

            assertThat(journal.currentState()).isSameAs(folded);
        }
        try (Journal<TestState> reopened = TestJournals.openOrThrow(dir, conf)) {
            assertThat(reopened.currentState().counters()).containsEntry("A", 2L);
        }
    }

    @Test
    void persistFoldedOnAStaleBaseAppliesTheEventsItself() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            TestState base = journal.currentState();
            TestState folded = fold(base, increments("A", "t1", 1));
            journal.persist(increments("A", "t0", 1)).join();

            journal.persistFolded(increments("A", "t1", 1), List.of(Optional.empty()), base, folded).join();

            assertThat(journal.currentState()).isNotSameAs(folded);
            assertThat(journal.currentState().counters()).containsEntry("A", 2L);
        }
    }

    @Test
    void persistFoldedOnAStaleBaseRefusesEventsThatDoNotApplyAndWritesNothing() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            journal.persist(increments("B", "t0", 1)).join();
            TestState base = journal.currentState();
            List<KeyedEvent<TestEvent>> remove = List.of(KeyedEvent.<TestEvent>of("B", new TestEvent.Removed()));
            TestState folded = fold(base, remove);
            journal.persist(remove).join();
            long last = journal.lastEventId();

            CompletableFuture<List<Stamped<TestEvent>>> failed = journal.persistFolded(remove, List.of(Optional.empty()), base, folded);

            assertThatThrownBy(failed::join).hasCauseInstanceOf(ProblemException.class);
            assertThat(journal.lastEventId()).isEqualTo(last);
            assertThat(journal.read(0, 100).orThrow()).hasSize(2);
        }
    }

    @Test
    void encodedEventIsTheCodecsBytesAsWrittenWhileTheEventIsInMemory() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf.withMemoryEvents(2))) {
            List<Stamped<TestEvent>> stamped = journal.persist(increments("A", "t1", 3)).join();

            assertThat(journal.encodedEvent(stamped.get(2).eventId())).hasValueSatisfying(bytes ->
                    assertThat(bytes).isEqualTo(TestCodec.INSTANCE.encodeEvent(stamped.get(2))));
            assertThat(journal.encodedEvent(stamped.get(0).eventId())).isEmpty();
            assertThat(journal.encodedEvent(stamped.get(2).eventId() + 1)).isEmpty();
        }
    }

    private static TestState fold(TestState state, List<? extends KeyedEvent<? extends Event>> events) {
        TestState s = state;
        for (KeyedEvent<? extends Event> e : events) {
            s = TestState.FOLDER.apply(s, new Stamped<>(0, Optional.empty(), e)).orThrow();
        }
        return s;
    }

    @Test
    void reopenRecoversStateFromCheckpointAndLog() {
        JournalConf small = conf.withCheckpoint(10, Duration.ofHours(1)).withCheckpointOnClose(false);
        long last;
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, small)) {
            for (int i = 0; i < 25; i++) {
                journal.persist(increments("K" + (i % 3), "t" + i, 1)).join();
            }
            journal.checkpoint().join();
            journal.persist(increments("K0", "last", 2)).join();
            last = journal.lastEventId();
            assertThat(journal.stats().checkpointEventId()).isLessThan(last);
        }
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, small)) {
            assertThat(journal.lastEventId()).isEqualTo(last);
            assertThat(journal.currentState().eventCount()).isEqualTo(27);
            assertThat(journal.currentState().counters()).containsEntry("K0", 11L).containsEntry("K1", 8L).containsEntry("K2", 8L);
            assertThat(journal.read(0, 100).orThrow()).hasSize(27);
        }
    }

    @Test
    void manyConcurrentPersistsShareFsyncs() throws Exception {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            int threads = 16;
            int perThread = 100;
            List<Thread> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String key = "T" + t;
                workers.add(new Thread(() -> {
                    List<CompletableFuture<?>> futures = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        futures.add(journal.persist(increments(key, key + "-" + i, 1)));
                        if (futures.size() == 4) {
                            futures.forEach(CompletableFuture::join);
                            futures.clear();
                        }
                    }
                    futures.forEach(CompletableFuture::join);
                }));
            }
            workers.forEach(Thread::start);
            for (Thread w : workers) {
                w.join();
            }
            JournalStats stats = journal.stats();
            assertThat(stats.events()).isEqualTo(threads * perThread);
            assertThat(journal.currentState().eventCount()).isEqualTo(threads * perThread);
            assertThat(stats.fsyncs()).isEqualTo(stats.batches());
            assertThat(stats.fsyncs()).as("one fsync serves many persists").isLessThan(threads * perThread / 4);
        }
    }

    @Test
    void readReturnsEventsAfterTheGivenIdUpToTheLimit() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf.withMemoryEvents(0))) {
            for (int i = 0; i < 10; i++) {
                journal.persist(increments("A", "t" + i, 1)).join();
            }
            List<Stamped<? extends Event>> all = journal.read(0, 100).orThrow();
            assertThat(all).hasSize(10);
            List<Stamped<? extends Event>> some = journal.read(all.get(3).eventId(), 4).orThrow();
            assertThat(some).extracting(Stamped::eventId)
                    .containsExactly(all.get(4).eventId(), all.get(5).eventId(), all.get(6).eventId(), all.get(7).eventId());
            assertThat(journal.read(journal.lastEventId(), 10).orThrow()).isEmpty();
        }
    }

    @Test
    void readFromMemoryEqualsReadFromFiles() {
        Path other = dir.resolve("other");
        try (Journal<TestState> inMemory = TestJournals.openOrThrow(dir.resolve("mem"), conf.withMemoryEvents(5));
             Journal<TestState> fromFiles = TestJournals.openOrThrow(other, conf.withMemoryEvents(0))) {
            for (int i = 0; i < 12; i++) {
                inMemory.persist(increments("A", "t" + i, 1)).join();
                fromFiles.persist(increments("A", "t" + i, 1)).join();
            }
            for (long after : new long[]{0, inMemory.lastEventId() - 8, inMemory.lastEventId() - 3}) {
                assertThat(inMemory.read(after, 100).orThrow()).isEqualTo(fromFiles.read(after, 100).orThrow());
            }
        }
    }

    @Test
    void awaitReturnsAsSoonAsAnEventIsPersisted() throws Exception {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            long after = journal.lastEventId();
            CompletableFuture<List<Stamped<? extends Event>>> awaited = CompletableFuture.supplyAsync(
                    () -> journal.await(after, 10, Duration.ofSeconds(30)).orThrow());
            Thread.sleep(50);
            assertThat(awaited).isNotDone();
            journal.persist(increments("A", "t", 2)).join();
            assertThat(awaited.get(10, TimeUnit.SECONDS)).hasSize(2);
        }
    }

    @Test
    void awaitReturnsEmptyOnTimeout() {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            journal.persist(increments("A", "t", 1)).join();
            assertThat(journal.await(journal.lastEventId(), 10, Duration.ofMillis(30)).orThrow()).isEmpty();
        }
    }

    @Test
    void releaseDeletesCoveredSegmentsAndReadingBeforeThemIsEventSeqTorn() throws Exception {
        JournalConf small = conf.withSegmentBytes(1024).withMemoryEvents(0).withCheckpoint(1_000_000, Duration.ofHours(1));
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, small)) {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                ids.add(journal.persist(increments("A", "t" + i, 1)).join().get(0).eventId());
            }
            int segmentsBefore = journal.stats().segments();
            assertThat(segmentsBefore).isGreaterThan(3);

            journal.release(ids.get(40));
            assertThat(journal.stats().segments()).as("not covered by a checkpoint yet").isEqualTo(segmentsBefore);
            journal.checkpoint().join();

            assertThat(journal.stats().segments()).isLessThan(segmentsBefore);
            long oldest = journal.oldestKeptAfterEventId();
            assertThat(oldest).isGreaterThan(0).isLessThanOrEqualTo(ids.get(40));
            assertThat(journal.read(0, 10).problemOption()).hasValueSatisfying(p -> {
                assertThat(p.code()).isEqualTo("EventSeqTorn");
                assertThat(p.message()).contains("after 0").contains(Long.toString(oldest));
            });
            assertThat(journal.read(ids.get(40), 100).orThrow()).hasSize(19);
            assertThat(journal.read(oldest, 100).orThrow().get(0).eventId()).isGreaterThan(oldest);
        }
        try (Journal<TestState> reopened = TestJournals.openOrThrow(dir, small)) {
            assertThat(reopened.currentState().eventCount()).isEqualTo(60);
            assertThat(reopened.read(0, 1).problemOption()).hasValueSatisfying(p -> assertThat(p.code()).isEqualTo("EventSeqTorn"));
        }
    }

    @Test
    void segmentsRotateBySizeAndRecoveryReadsThemAll() {
        JournalConf small = conf.withSegmentBytes(1024).withCheckpointOnClose(false);
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, small)) {
            for (int i = 0; i < 50; i++) {
                journal.persist(increments("A", "t" + i, 1)).join();
            }
        }
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, small)) {
            assertThat(journal.stats().segments()).isGreaterThan(3);
            assertThat(journal.currentState().counters()).containsEntry("A", 50L);
            assertThat(journal.read(0, 1000).orThrow()).hasSize(50);
        }
    }

    @Test
    void persistAfterCloseFailsWithJournalClosed() {
        Journal<TestState> journal = TestJournals.openOrThrow(dir, conf);
        journal.close();
        assertThatThrownBy(() -> journal.persist(increments("A", "t", 1)).join())
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void closeTakesACheckpointSoReopeningReplaysNothing() throws Exception {
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            journal.persist(increments("A", "t", 5)).join();
        }
        assertThat(Files.exists(dir.resolve("checkpoint.snapshot"))).isTrue();
        try (Journal<TestState> journal = TestJournals.openOrThrow(dir, conf)) {
            assertThat(journal.stats().checkpointEventId()).isEqualTo(journal.lastEventId());
            assertThat(journal.currentState().counters()).containsEntry("A", 5L);
        }
    }
}
