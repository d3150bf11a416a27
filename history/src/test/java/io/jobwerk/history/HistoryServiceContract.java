package io.jobwerk.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.journal.JournalConf;
import java.nio.file.Files;
import java.nio.file.Path;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.VirtualScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the history service does, on each database (a subclass per database). */
abstract class HistoryServiceContract {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final OrderQuery ALL_ORDERS = new OrderQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100, 0);
    static final TaskQuery ALL_TASKS = new TaskQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), 100, 0);

    @TempDir
    Path dir;

    /** A new, empty history database. */
    abstract HistoryConf historyConf() throws Exception;

    HistoryService start(TestJournal journal) throws Exception {
        return start(journal, RealScheduler.instance());
    }

    HistoryService start(TestJournal journal, Scheduler scheduler) throws Exception {
        return HistoryService.start(historyConf(), journal.source(), id -> Optional.empty(), scheduler);
    }

    @Test
    void storesOrdersTasksAndLogs() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal"))) {
            journal.deploy("1", TestJournal.HELLO);
            journal.runHello("good", "hello\n", "warning\n", 0);
            long last = journal.runHello("bad", "trying\n", "broken\n", 3);
            try (HistoryService history = start(journal)) {
                assertThat(history.awaitStored(last, WAIT)).isTrue();

                HistoryPage<HistoryQueries.OrderEntry> orders = history.queries().orders(ALL_ORDERS);
                assertThat(orders.total()).isEqualTo(2);
                assertThat(orders.rows()).extracting(e -> e.order().key().orderId() + " " + e.order().state())
                        .containsExactly("bad OrderFailed", "good OrderFinished");
                assertThat(orders.rows()).allSatisfy(e -> assertThat(e.order().endedAt()).isPresent());

                HistoryPage<TaskRow> tasks = history.queries().tasks(ALL_TASKS);
                assertThat(tasks.rows()).extracting(t -> t.order().orderId() + " " + t.jobName().orElse("?") + " " + t.agentPath().orElse("?")
                        + " " + t.subagentId() + " " + t.returnCode().orElse(-1) + " " + t.outcome().orElse("?"))
                        .containsExactly("bad greet agent sub 3 Failed", "good greet agent sub 0 Succeeded");

                String log = history.queries().log("good").orElseThrow();
                assertThat(log.lines().toList()).hasSize(4);
                assertThat(log.lines().toList().get(0)).contains("Job 'greet' started: order good, workflow hello~1 at [0], Agent agent, Subagent sub");
                assertThat(log.lines().toList().subList(1, 3)).containsExactly("hello", "[stderr] warning");
                assertThat(log.lines().toList().get(3)).contains("Job 'greet' ended: Succeeded, returnCode 0");
                assertThat(history.queries().log("unknown")).isEmpty();
                assertThat(history.queries().logAt("good").orElseThrow().eventId())
                        .as("the log says up to which event it was read").isEqualTo(history.storedEventId()).isGreaterThanOrEqualTo(last);
            }
        }
    }

    @Test
    void withTheEventOutboxEachOrderEventButTheLogsWaitsThereInOrderUntilPublished() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal"))) {
            journal.deploy("1", TestJournal.HELLO);
            long last = journal.runHello("good", "hello\n", "warning\n", 0);
            try (HistoryService history = HistoryService.start(historyConf().withEventOutbox(true), journal.source(), id -> Optional.empty(),
                    RealScheduler.instance())) {
                assertThat(history.awaitStored(last, WAIT)).isTrue();
                EventOutbox outbox = new EventOutbox(history.database());
                List<io.jobwerk.history.broker.OrderEventMessage> messages = outbox.read(0, 100);
                assertThat(messages).extracting(m -> m.orderId() + " " + m.eventType()).containsExactly("good OrderAdded", "good OrderAttachable",
                        "good OrderAttached", "good OrderStarted", "good OrderProcessingStarted", "good OrderProcessed", "good OrderMoved",
                        "good OrderDetachable", "good OrderDetached", "good OrderFinished");
                assertThat(messages.get(5).json()).contains("\"jobName\":\"greet\"").contains("\"returnCode\":0");
                outbox.deleteUpTo(messages.get(4).eventId());
                assertThat(outbox.pendingCount()).isEqualTo(5);
                assertThat(outbox.read(0, 2)).containsExactlyElementsOf(messages.subList(5, 7));
                assertThat(outbox.read(messages.get(8).eventId(), 100)).containsExactly(messages.get(9));
            }
        }
    }

    @Test
    void aRestartedServiceGoesOnAfterWhatItStoredAndStoresNothingTwice() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal"))) {
            journal.deploy("1", TestJournal.HELLO);
            long first = journal.runHello("one", "1\n", "", 0);
            try (HistoryService history = start(journal)) {
                assertThat(history.awaitStored(first, WAIT)).isTrue();
            }
            // an order that started before the restart and ends after it
            journal.persist("two \"TYPE\":\"OrderAdded\",\"workflowId\":{\"path\":\"hello\",\"versionId\":\"1\"}",
                    "two \"TYPE\":\"OrderAttachable\",\"agentPath\":\"agent\"",
                    "two \"TYPE\":\"OrderAttached\",\"agentPath\":\"agent\"",
                    "two \"TYPE\":\"OrderStarted\"",
                    "two \"TYPE\":\"OrderProcessingStarted\",\"subagentId\":\"sub\"",
                    "two \"TYPE\":\"OrderStdoutWritten\",\"chunk\":\"before\\n\"");
            long middle = journal.journal.lastEventId();
            try (HistoryService history = start(journal)) {
                assertThat(history.awaitStored(middle, WAIT)).isTrue();
                assertThat(history.queries().orders(ALL_ORDERS).rows()).extracting(e -> e.order().key().orderId() + " " + e.order().state())
                        .containsExactly("two Processing", "one OrderFinished");
            }
            journal.persist("two \"TYPE\":\"OrderStdoutWritten\",\"chunk\":\"after\\n\"",
                    "two \"TYPE\":\"OrderProcessed\",\"outcome\":{\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}",
                    "two \"TYPE\":\"OrderMoved\",\"to\":[1]", "two \"TYPE\":\"OrderDetachable\"", "two \"TYPE\":\"OrderDetached\"",
                    "two \"TYPE\":\"OrderFinished\"");
            long last = journal.journal.lastEventId();
            try (HistoryService history = start(journal)) {
                assertThat(history.awaitStored(last, WAIT)).isTrue();
                assertThat(history.queries().orders(ALL_ORDERS).rows()).extracting(e -> e.order().key().orderId() + " " + e.order().state())
                        .containsExactly("two OrderFinished", "one OrderFinished");
                assertThat(history.queries().tasks(ALL_TASKS).total()).isEqualTo(2);
                assertThat(history.queries().log("two").orElseThrow()).contains("before\nafter\n").contains("ended: Succeeded");
            }
        }
    }

    /** As JS7 records it (op-resume-failed-as-succeeded--first): resumed as succeeded, the failed job runs again at the same position. */
    @Test
    void aFailedOrderWhoseJobRunsAgainAtTheSamePositionHasATaskForEachRun() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal"))) {
            journal.deploy("1", TestJournal.HELLO);
            journal.runHello("bad", "first\n", "", 3);
            long last = journal.persist("bad \"TYPE\":\"OrderResumed\",\"historyOperations\":[],\"asSucceeded\":true,\"restartKilledJob\":false",
                    "bad \"TYPE\":\"OrderAttachable\",\"agentPath\":\"agent\"",
                    "bad \"TYPE\":\"OrderAttached\",\"agentPath\":\"agent\"",
                    "bad \"TYPE\":\"OrderProcessingStarted\",\"subagentId\":\"sub\"",
                    "bad \"TYPE\":\"OrderStdoutWritten\",\"chunk\":\"second\\n\"",
                    "bad \"TYPE\":\"OrderProcessed\",\"outcome\":{\"TYPE\":\"Failed\",\"namedValues\":{\"returnCode\":4}}",
                    "bad \"TYPE\":\"OrderDetachable\"", "bad \"TYPE\":\"OrderDetached\"",
                    "bad \"TYPE\":\"OrderFailed\",\"movedTo\":[0]");
            try (HistoryService history = start(journal)) {
                assertThat(history.awaitStored(last, WAIT)).isTrue();
                TaskQuery ofBad = new TaskQuery(Optional.of("bad"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), 100, 0);
                assertThat(history.queries().tasks(ofBad).rows()).extracting(t -> t.position() + " " + t.returnCode().orElse(-1))
                        .containsExactly("[0] 4", "[0] 3");
                assertThat(history.queries().orders(ALL_ORDERS).rows()).extracting(e -> e.order().key().orderId() + " " + e.order().state())
                        .containsExactly("bad OrderFailed");
                assertThat(history.queries().log("bad").orElseThrow()).contains("first\n").contains("second\n");
            }
        }
    }

    @Test
    void forkChildrenAreEntriesOfTheirOrderAndTheirStepsAreInItsLog() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal"))) {
            journal.deploy("1", TestJournal.FORKING);
            journal.persist("f \"TYPE\":\"OrderAdded\",\"workflowId\":{\"path\":\"forking\",\"versionId\":\"1\"}",
                    "f \"TYPE\":\"OrderStarted\"",
                    "f \"TYPE\":\"OrderForked\",\"children\":[{\"orderId\":\"f|a\",\"branchId\":\"a\"}]");
            journal.persist("f|a \"TYPE\":\"OrderAttachable\",\"agentPath\":\"agent\"",
                    "f|a \"TYPE\":\"OrderAttached\",\"agentPath\":\"agent\"",
                    "f|a \"TYPE\":\"OrderProcessingStarted\",\"subagentId\":\"sub\"",
                    "f|a \"TYPE\":\"OrderStdoutWritten\",\"chunk\":\"child\\n\"",
                    "f|a \"TYPE\":\"OrderProcessed\",\"outcome\":{\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}",
                    "f|a \"TYPE\":\"OrderMoved\",\"to\":[0,\"fork+a\",1]",
                    "f|a \"TYPE\":\"OrderDetachable\"", "f|a \"TYPE\":\"OrderDetached\"");
            long last = journal.persist("f \"TYPE\":\"OrderJoined\",\"outcome\":{\"TYPE\":\"Succeeded\"}",
                    "f \"TYPE\":\"OrderMoved\",\"to\":[1]", "f \"TYPE\":\"OrderFinished\"");
            try (HistoryService history = start(journal)) {
                assertThat(history.awaitStored(last, WAIT)).isTrue();
                List<HistoryQueries.OrderEntry> orders = history.queries().orders(ALL_ORDERS).rows();
                assertThat(orders).hasSize(1);
                assertThat(orders.get(0).order().state()).isEqualTo("OrderFinished");
                assertThat(orders.get(0).children()).extracting(c -> c.key().orderId() + " " + c.state() + " " + c.parentOrderId().orElseThrow())
                        .containsExactly("f|a OrderFinished f");
                assertThat(history.queries().tasks(new TaskQuery(Optional.of("f"), Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), 10, 0)).rows()).extracting(t -> t.order().orderId()).containsExactly("f|a");
                assertThat(history.queries().log("f").orElseThrow()).contains("started: order f|a").contains("child\n");
            }
        }
    }

    @Test
    void theJournalDeletesTheSegmentsTheHistoryStored() throws Exception {
        JournalConf small = JournalConf.of("Primary").withFsync(false).withSegmentBytes(4096).withCheckpoint(1_000_000, Duration.ofDays(1));
        try (TestJournal journal = new TestJournal(dir.resolve("journal"), small)) {
            journal.deploy("1", TestJournal.HELLO);
            long last = 0;
            for (int i = 0; i < 30; i++) {
                last = journal.runHello("order-" + i, "some output of order " + i + "\n", "", 0);
            }
            long segmentsBefore = segments(journal);
            assertThat(segmentsBefore).as("segments written").isGreaterThan(3);
            try (HistoryService history = start(journal)) {
                assertThat(history.awaitStored(last, WAIT)).isTrue();
                journal.journal.checkpoint().get(); // segments go once a checkpoint covers them, too
                journal.journal.checkpoint().get();
                assertThat(journal.journal.releasedEventId()).isEqualTo(last);
                assertThat(segments(journal)).as("segments after release").isLessThan(segmentsBefore).isLessThanOrEqualTo(2);
                assertThat(journal.journal.oldestKeptAfterEventId()).isGreaterThan(0);
                assertThat(history.queries().orders(ALL_ORDERS).total()).isEqualTo(30);
            }
        }
    }

    @Test
    void cleanupDeletesOrdersThatEndedBeforeTheRetention() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal"))) {
            journal.deploy("1", TestJournal.HELLO);
            long last = journal.runHello("old", "x\n", "", 0);
            journal.persist("running \"TYPE\":\"OrderAdded\",\"workflowId\":{\"path\":\"hello\",\"versionId\":\"1\"}");
            last = journal.journal.lastEventId();
            VirtualScheduler later = new VirtualScheduler(java.time.Instant.now().plus(Duration.ofDays(31)));
            try (HistoryService history = start(journal, later)) {
                assertThat(history.awaitStored(last, WAIT)).isTrue();
                assertThat(history.cleanUpNow()).isEqualTo(1);
                assertThat(history.queries().orders(ALL_ORDERS).rows()).extracting(e -> e.order().key().orderId()).containsExactly("running");
                assertThat(history.queries().tasks(ALL_TASKS).total()).isZero();
                assertThat(history.queries().log("old")).isEmpty();
            }
        }
    }

    private static long segments(TestJournal journal) throws Exception {
        try (var files = Files.list(journal.journal.directory())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".journal")).count();
        }
    }
}
