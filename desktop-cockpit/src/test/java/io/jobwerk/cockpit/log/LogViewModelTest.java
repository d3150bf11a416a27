package io.jobwerk.cockpit.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.connection.OrderOutput;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogViewModelTest {

    private final LiveModel live = new LiveModel(Clock.systemUTC(), ZoneId.of("UTC"));
    private final List<CompletableFuture<Checked<LogSource.HistoryLog>>> reads = new ArrayList<>();
    private final LogViewModel viewModel = new LogViewModel(live, orderId -> {
        CompletableFuture<Checked<LogSource.HistoryLog>> read = new CompletableFuture<>();
        reads.add(read);
        return read;
    }, UiThread.direct(), Runnable::run);
    private final List<Integer> scrolledTo = new ArrayList<>();

    LogViewModelTest() {
        viewModel.scrollRequestProperty().addListener((o, a, b) -> scrolledTo.add(b.line()));
    }

    private void output(String orderId, String chunk, long eventId) {
        live.apply(new LiveUpdate(EngineState.EMPTY, eventId, false, Set.of(), false,
                List.of(OrderOutput.stdout(new OrderId(orderId), chunk, eventId))));
    }

    @Test
    void showsTheHistoryThenOnlyTheLiveOutputOfLaterEventsNeitherLostNorDoubled() {
        viewModel.open("etl-1");
        assertThat(viewModel.loadingProperty().get()).isTrue();
        output("etl-1", "already in the history\n", 10);   // arrives while the history is read
        output("etl-1", "after the history\n", 12);
        output("other", "not this order\n", 13);
        reads.get(0).complete(Checked.ok(new LogSource.HistoryLog(
                "[2026-12-07T10:00:00Z] Job 'j' started: order etl-1, workflow w~1 at [0], Subagent s\nalready in the history\n", 11)));
        output("etl-1|branch", "a child's line\n", 14);

        assertThat(viewModel.lines()).extracting(LogLine::text).containsExactly(
                "[2026-12-07T10:00:00Z] Job 'j' started: order etl-1, workflow w~1 at [0], Subagent s",
                "already in the history", "after the history", "a child's line");
        assertThat(viewModel.statusProperty().get()).startsWith("4 lines · 1 step");
    }

    @Test
    void followingKeepsTheLastLineInViewUntilTheOperatorScrollsUp() {
        viewModel.open("o");
        reads.get(0).complete(Checked.ok(new LogSource.HistoryLog("one\ntwo\n", 5)));
        assertThat(scrolledTo).last().isEqualTo(1);
        output("o", "three\n", 6);
        assertThat(scrolledTo).last().isEqualTo(2);

        viewModel.userScrolled(false);
        assertThat(viewModel.followProperty().get()).isFalse();
        int requests = scrolledTo.size();
        output("o", "four\n", 7);
        assertThat(scrolledTo).hasSize(requests);

        viewModel.userScrolled(true);
        assertThat(viewModel.followProperty().get()).isTrue();
        assertThat(scrolledTo).last().isEqualTo(3);
    }

    @Test
    void searchFindsTheLinesIgnoringCaseAndGoesOnWithLiveLines() {
        viewModel.open("o");
        reads.get(0).complete(Checked.ok(new LogSource.HistoryLog("Error one\nfine\nanother error\n", 1)));
        viewModel.search("ERROR");
        assertThat(viewModel.searchProperty().get().lines()).containsExactly(0, 2);
        assertThat(viewModel.searchProperty().get().describe()).isEqualTo("1 of 2 lines");
        assertThat(viewModel.followProperty().get()).isFalse();
        viewModel.nextMatch();
        assertThat(scrolledTo).last().isEqualTo(2);
        viewModel.nextMatch();
        assertThat(scrolledTo).last().isEqualTo(0);
        viewModel.previousMatch();
        assertThat(scrolledTo).last().isEqualTo(2);
        output("o", "a third error\n", 2);
        assertThat(viewModel.searchProperty().get().lines()).containsExactly(0, 2, 3);
        viewModel.search("");
        assertThat(viewModel.searchProperty().get().describe()).isEmpty();
    }

    @Test
    void anOrderTheHistoryDoesNotHoldShowsItsLiveOutputAndSaysSo() {
        viewModel.open("new");
        reads.get(0).complete(Checked.fail(Problem.of("UnknownOrder", "The history holds no order 'new'")));
        output("new", "hello\n", 3);
        assertThat(viewModel.lines()).extracting(LogLine::text).containsExactly("hello");
    }

    @Test
    void aTaskOpensItsOrdersLogAtItsStep() {
        viewModel.openTask("f", "f|b", "[0,\"fork+b\",0]");
        assertThat(viewModel.followProperty().get()).isFalse();
        reads.get(0).complete(Checked.ok(new LogSource.HistoryLog("""
                [2026-12-07T10:00:00Z] Job 'ja' started: order f|a, workflow w~1 at [0,"fork+a",0], Subagent s
                a
                [2026-12-07T10:00:00Z] Job 'jb' started: order f|b, workflow w~1 at [0,"fork+b",0], Subagent s
                b
                """, 9)));
        assertThat(scrolledTo).last().isEqualTo(2);
    }

    @Test
    void downloadWritesTheLogAsTheHistoryGivesIt(@TempDir Path dir) throws Exception {
        viewModel.open("o");
        reads.get(0).complete(Checked.ok(new LogSource.HistoryLog(LogLinesTest.HISTORY_LOG, 1)));
        Path file = dir.resolve(viewModel.suggestedFileName());
        assertThat(viewModel.save(file).get().isOk()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(LogLinesTest.HISTORY_LOG);
        assertThat(viewModel.statusProperty().get()).isEqualTo("Saved 6 lines to " + file);
    }
}
