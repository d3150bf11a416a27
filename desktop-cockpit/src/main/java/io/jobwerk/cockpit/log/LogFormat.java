package io.jobwerk.cockpit.log;

import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The history's log format ({@code GET /controller/api/history/log/ID}), read and written: a step
 * opens with {@code [TIME] Job 'NAME' started: order ID, workflow W~V at POS, Agent A, Subagent S},
 * closes with {@code [TIME] Job 'NAME' ended: OUTCOME[, returnCode N][, MESSAGE]}, and stderr lines
 * carry {@code [stderr] }. The live connection writes its step lines the same way, so a log read
 * from the history and one followed live look alike.
 */
public final class LogFormat {
    private LogFormat() {}

    public static final String STDERR_MARK = "[stderr] ";

    private static final Pattern STARTED = Pattern.compile(
            "^\\[([^\\]]+)\\] Job (?:'(.*)'|\\(anonymous\\)) started: order (\\S+), workflow (\\S+) at (.+?)(?:, Agent (.+?))?, Subagent (\\S+)$");
    private static final Pattern ENDED = Pattern.compile("^\\[([^\\]]+)\\] Job (?:'(.*)'|\\(anonymous\\)) ended: (.*)$");

    public static String startedLine(Instant at, Optional<String> job, String orderId, String workflow, String position,
                                     Optional<String> agent, String subagent) {
        return "[" + at + "] Job " + jobText(job) + " started: order " + orderId + ", workflow " + workflow + " at " + position
                + agent.map(a -> ", Agent " + a).orElse("") + ", Subagent " + subagent;
    }

    public static String endedLine(Instant at, Optional<String> job, String outcome) {
        return "[" + at + "] Job " + jobText(job) + " ended: " + outcome;
    }

    private static String jobText(Optional<String> job) {
        return job.map(j -> "'" + j + "'").orElse("(anonymous)");
    }

    /** The line's kind; a line of the job's own that merely looks like a step line counts as one (as in the history's text). */
    public static LineKind kindOf(String line) {
        if (line.startsWith(STDERR_MARK)) {
            return LineKind.STDERR;
        }
        if (line.startsWith("[") && line.contains("] Job ")) {
            if (STARTED.matcher(line).matches()) {
                return LineKind.STEP_STARTED;
            }
            if (ENDED.matcher(line).matches()) {
                return LineKind.STEP_ENDED;
            }
        }
        return LineKind.STDOUT;
    }

    /** The section a step line opens (its index and first line filled in by the caller). */
    static LogSection section(int index, int firstLine, String startedLine) {
        Matcher m = STARTED.matcher(startedLine);
        if (!m.matches()) {
            return new LogSection(index, firstLine, "", "?", "?", "?", Optional.empty(), Optional.empty());
        }
        return new LogSection(index, firstLine, m.group(1), m.group(2) != null ? m.group(2) : "(anonymous)", m.group(3), m.group(5),
                Optional.ofNullable(m.group(6)), Optional.empty());
    }

    /** What an ended line says of the step: {@code Succeeded, returnCode 0}. */
    static String outcome(String endedLine) {
        Matcher m = ENDED.matcher(endedLine);
        return m.matches() ? m.group(3) : "?";
    }
}
