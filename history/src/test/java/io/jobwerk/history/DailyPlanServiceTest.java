package io.jobwerk.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.VirtualScheduler;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily plan's runs in virtual time: the first 2 s after the start, then daily at {@code runAt};
 * while the history's database is not ready a run is tried again after 2 s, doubling up to 10 min,
 * never later than the next daily run. The history itself runs on real threads (its readiness is
 * what the plan waits for); only the plan's timing is virtual.
 */
class DailyPlanServiceTest {

    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final DailyPlanService.Conf AT_MIDNIGHT = new DailyPlanService.Conf(LocalTime.MIDNIGHT, UTC, 2, 1);

    @TempDir Path dir;
    private TestJournal journal;
    private GatedSource source;
    private HistoryService history;
    private final List<DailyPlanService> services = new ArrayList<>();

    @BeforeEach
    void startHistory() {
        journal = new TestJournal(dir.resolve("journal"));
        source = new GatedSource(journal.source());
        history = HistoryService.start(HistoryConf.sqlite(dir).withRetention(Duration.ZERO, Duration.ofDays(1)), source,
                id -> Optional.empty(), RealScheduler.instance());
    }

    @AfterEach
    void stop() {
        services.forEach(DailyPlanService::close);
        history.close();
        journal.close();
    }

    @Test
    void whileTheHistoryIsNotReadyTheRunIsRetriedWithDoublingDelaysThenRunsAndThenDailyAtRunAt() throws Exception {
        VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-01T23:00:00Z"));
        RecordingEngine engine = new RecordingEngine(scheduler);
        start(engine, scheduler);
        assertThat(scheduler.nextTaskIn()).contains(Duration.ofSeconds(2));

        assertThat(failedRetryDelays(scheduler, 3)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8));
        assertThat(engine.runs).isEmpty();

        source.open();
        assertThat(history.awaitStored(0, Duration.ofSeconds(60))).as("the history read its database").isTrue();
        scheduler.advance(Duration.ofSeconds(8));
        assertThat(engine.runs).containsExactly(Instant.parse("2026-03-01T23:00:16Z"));
        assertThat(scheduler.nextTaskIn()).contains(Duration.ofHours(1).minusSeconds(16));

        scheduler.advance(Duration.ofHours(1).minusSeconds(16));
        assertThat(engine.runs).containsExactly(Instant.parse("2026-03-01T23:00:16Z"), Instant.parse("2026-03-02T00:00:00Z"));
        assertThat(scheduler.nextTaskIn()).contains(Duration.ofDays(1));
    }

    @Test
    void theRetryDelayDoublesUpToTenMinutes() {
        VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-01T01:00:00Z"));
        start(new RecordingEngine(scheduler), scheduler);

        assertThat(failedRetryDelays(scheduler, 11)).extracting(Duration::toSeconds)
                .containsExactly(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 600L, 600L);
    }

    @Test
    void aRetryIsNeverLaterThanTheNextDailyRun() {
        VirtualScheduler scheduler = new VirtualScheduler(Instant.parse("2026-03-01T23:59:55Z"));
        start(new RecordingEngine(scheduler), scheduler);

        // the first run at 23:59:57 fails: again in 2 s; at 23:59:59 in 1 s (not 4), the daily run's time
        assertThat(failedRetryDelays(scheduler, 2)).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
    }

    private void start(RecordingEngine engine, VirtualScheduler scheduler) {
        services.add(DailyPlanService.start(history, AT_MIDNIGHT, engine, scheduler));
    }

    /** Runs the next {@code n} runs, which fail (the history is not ready), and returns the delay each set for the next. */
    private static List<Duration> failedRetryDelays(VirtualScheduler scheduler, int n) {
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            scheduler.advance(scheduler.nextTaskIn().orElseThrow());
            delays.add(scheduler.nextTaskIn().orElseThrow());
        }
        return delays;
    }

    /** The Controller's side: an empty state (nothing to plan), each daily run noted by its time. */
    private static final class RecordingEngine implements DailyPlanService.Engine {
        private final VirtualScheduler scheduler;
        final List<Instant> runs = new CopyOnWriteArrayList<>();

        RecordingEngine(VirtualScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public EngineState state() {
            Instant now = scheduler.now();
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(now)) {
                runs.add(now); // a run reads the state to plan, and again to submit
            }
            return EngineState.EMPTY;
        }

        @Override
        public Checked<CommandResponse> execute(Command command) {
            return Checked.ok(CommandResponse.ACCEPTED);
        }
    }

    /** The journal as the history's source, failing (as a database not ready would) until opened. */
    private static final class GatedSource implements HistoryEventSource {
        private final HistoryEventSource source;
        private volatile boolean open;

        GatedSource(HistoryEventSource source) {
            this.source = source;
        }

        void open() {
            open = true;
        }

        @Override
        public String journalId() {
            if (!open) {
                throw new IllegalStateException("test: not ready");
            }
            return source.journalId();
        }

        @Override
        public Checked<List<Stamped<? extends Event>>> await(long after, int limit, Duration timeout) {
            return source.await(after, limit, timeout);
        }

        @Override
        public long lastEventId() {
            return source.lastEventId();
        }

        @Override
        public long oldestKeptAfterEventId() {
            return source.oldestKeptAfterEventId();
        }

        @Override
        public void release(long untilEventId) {
            source.release(untilEventId);
        }
    }
}
