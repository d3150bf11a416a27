package io.jobwerk.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.SchedulePath;
import io.jobwerk.engine.plan.PlannedOrder;
import io.jobwerk.engine.workflow.WorkflowPath;
import io.jobwerk.scheduler.RealScheduler;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daily plan's rows, on each database the history runs on (a subclass per database). */
abstract class DailyPlanStoreContract {
    private static final LocalDate JAN_4 = LocalDate.of(2027, 1, 4);
    private static final LocalDate JAN_5 = LocalDate.of(2027, 1, 5);
    private static final List<DailyPlanStore.State> PLANNED_OR_SUBMITTED = List.of(DailyPlanStore.State.planned, DailyPlanStore.State.submitted);

    @TempDir
    Path dir;
    private HistoryDatabase database;
    private DailyPlanStore store;

    /** A new, empty history database. */
    abstract HistoryConf historyConf() throws Exception;

    @BeforeEach
    void open() throws Exception {
        database = HistoryDatabase.open(historyConf());
        database.migrate();
        store = new DailyPlanStore(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    private static PlannedOrder planned(String name, LocalDate date, String time) {
        Instant at = Instant.parse(date + "T" + time + "Z");
        return new PlannedOrder(new OrderId("#" + date + "#P" + Math.abs((name + at).hashCode()) + "-" + name), "nightly/hello/" + name + "/" + at,
                new SchedulePath("nightly"), new WorkflowPath("hello"), date, at, Map.of(), BigDecimal.ZERO, false);
    }

    @Test
    void planningAgainStoresOnlyTheNewStartsAndARemovedOneStaysRemoved() throws Exception {
        Instant now = Instant.parse("2027-01-03T00:00:00Z");
        PlannedOrder early = planned("early", JAN_4, "02:30:00");
        PlannedOrder late = planned("late", JAN_4, "22:00:00");
        PlannedOrder next = planned("early", JAN_5, "02:30:00");
        assertThat(store.insertNew(List.of(late, early), now)).containsExactly(late, early);
        assertThat(store.insertNew(List.of(early, late, next), now)).containsExactly(next);

        assertThat(store.entries(JAN_4, JAN_4, PLANNED_OR_SUBMITTED)).extracting(DailyPlanStore.Entry::orderId)
                .containsExactly(early.orderId().string(), late.orderId().string());
        DailyPlanStore.Entry first = store.entries(JAN_4, JAN_5, PLANNED_OR_SUBMITTED).get(0);
        assertThat(first.planDate()).isEqualTo(JAN_4);
        assertThat(first.scheduledFor()).isEqualTo(early.scheduledFor());
        assertThat(first.schedulePath()).isEqualTo("nightly");
        assertThat(first.workflowPath()).isEqualTo("hello");
        assertThat(first.freshOrder()).isEqualTo(early.toFreshOrder());
        assertThat(first.state()).isEqualTo(DailyPlanStore.State.planned);
        assertThat(first.finished()).isFalse();

        store.setState(List.of(late.key()), DailyPlanStore.State.removed, now);
        store.setState(List.of(next.key()), DailyPlanStore.State.submitted, now);
        assertThat(store.insertNew(List.of(early, late, next), now)).isEmpty();
        assertThat(store.entries(JAN_4, JAN_5, PLANNED_OR_SUBMITTED)).extracting(e -> e.orderId() + " " + e.state())
                .containsExactly(early.orderId() .string() + " planned", next.orderId().string() + " submitted");
        assertThat(store.entries(JAN_4, JAN_5, List.of(DailyPlanStore.State.removed))).extracting(DailyPlanStore.Entry::orderId)
                .containsExactly(late.orderId().string());
    }

    @Test
    void aSubmittedOrderIsFinishedOnceTheHistoryHoldsItsEnd() throws Exception {
        PlannedOrder order = planned("hello", JAN_4, "02:30:00");
        store.insertNew(List.of(order), Instant.now());
        store.setState(List.of(order.key()), DailyPlanStore.State.submitted, Instant.now());
        try (TestJournal journal = new TestJournal(dir.resolve("journal"));
             HistoryService history = HistoryService.start(historyConf(), journal.source(), id -> Optional.empty(), RealScheduler.instance())) {
            journal.deploy("1", TestJournal.HELLO);
            long last = journal.runHello(order.orderId().string(), "hi\n", "", 0);
            assertThat(history.awaitStored(last, Duration.ofSeconds(30))).isTrue();
        }
        assertThat(store.entries(JAN_4, JAN_4, PLANNED_OR_SUBMITTED)).extracting(DailyPlanStore.Entry::finished).containsExactly(true);
    }
}
