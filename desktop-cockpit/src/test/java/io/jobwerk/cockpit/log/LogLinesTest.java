package io.jobwerk.cockpit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

class LogLinesTest {

    static final String HISTORY_LOG = """
            [2026-12-07T10:00:00Z] Job 'extract' started: order etl-1, workflow ops/etl~v1 at [0], Agent agent, Subagent agent
            extracting
            [stderr] 3 rows skipped
            [2026-12-07T10:00:05Z] Job 'extract' ended: Succeeded, returnCode 0
            [2026-12-07T10:00:06Z] Job 'transform' started: order etl-1|customers, workflow ops/etl~v1 at [1,"fork+customers",0], Agent agent, Subagent agent
            transforming
            """;

    @Test
    void readsTheHistorysTextIntoLinesAndSteps() {
        LogLines lines = new LogLines();
        lines.appendText(HISTORY_LOG);
        assertThat(lines).extracting(LogLine::kind).containsExactly(LineKind.STEP_STARTED, LineKind.STDOUT, LineKind.STDERR,
                LineKind.STEP_ENDED, LineKind.STEP_STARTED, LineKind.STDOUT);
        assertThat(lines.get(2).text()).isEqualTo("3 rows skipped");
        assertThat(lines.get(2).asLogText()).isEqualTo("[stderr] 3 rows skipped");
        assertThat(lines.sections()).extracting(LogSection::title).containsExactly(
                "extract · etl-1 · [0] · Succeeded, returnCode 0",
                "transform · etl-1|customers · [1,\"fork+customers\",0] · running");
        assertThat(lines).extracting(LogLine::section).containsExactly(0, 0, 0, 0, 1, 1);
    }

    @Test
    void aLiveChunkWithoutNewlineIsContinuedByTheNextOfTheSameStream() {
        LogLines lines = new LogLines();
        List<String> changes = new ArrayList<>();
        lines.addListener((ListChangeListener<LogLine>) c -> {
            while (c.next()) {
                changes.add(c.wasReplaced() ? "replace " + c.getFrom() + "-" + c.getTo() : c.wasAdded() ? "add " + c.getFrom() + "-" + c.getTo() : "other");
            }
        });
        lines.appendLive("o", LineKind.STDOUT, "abc");
        lines.appendLive("o", LineKind.STDOUT, "def\nghi\n");
        lines.appendLive("o", LineKind.STDERR, "err");
        lines.appendLive("o", LineKind.STDOUT, "out\n");
        assertThat(lines).extracting(LogLine::text).containsExactly("abcdef", "ghi", "err", "out");
        assertThat(lines).extracting(LogLine::kind).containsExactly(LineKind.STDOUT, LineKind.STDOUT, LineKind.STDERR, LineKind.STDOUT);
        assertThat(changes).containsExactly("add 0-1", "replace 0-2", "add 2-3", "add 3-4");
    }

    @Test
    void liveLinesOfAForksChildrenBelongToTheirOwnSteps() {
        LogLines lines = new LogLines();
        lines.appendLive("f|a", LineKind.STEP_STARTED, "[2026-12-07T10:00:00Z] Job 'ja' started: order f|a, workflow w~1 at [0,\"fork+a\",0], Subagent s");
        lines.appendLive("f|b", LineKind.STEP_STARTED, "[2026-12-07T10:00:00Z] Job 'jb' started: order f|b, workflow w~1 at [0,\"fork+b\",0], Subagent s");
        lines.appendLive("f|a", LineKind.STDOUT, "from a\n");
        lines.appendLive("f|a", LineKind.STEP_ENDED, "[2026-12-07T10:00:01Z] Job 'ja' ended: Failed, returnCode 1");
        assertThat(lines).extracting(LogLine::section).containsExactly(0, 1, 0, 0);
        assertThat(lines.sections()).extracting(s -> s.outcome().orElse("running")).containsExactly("Failed, returnCode 1", "running");
        assertThat(lines.sections().get(0).failed()).isTrue();
    }

    @Test
    void clearedLinesStartAnew() {
        LogLines lines = new LogLines();
        lines.appendText(HISTORY_LOG);
        lines.clear();
        assertThat(lines).isEmpty();
        assertThat(lines.sections()).isEmpty();
        lines.appendText("one\n");
        assertThat(lines).extracting(LogLine::number).containsExactly(1);
    }
}
