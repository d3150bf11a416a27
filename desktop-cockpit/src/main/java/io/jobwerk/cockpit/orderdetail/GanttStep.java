package io.jobwerk.cockpit.orderdetail;

import io.jobwerk.cockpit.history.HistoryEntry.TaskEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A job step of an order on the time axis: a bar from its start to its end (to now while it runs).
 *
 * @param orderId the order that ran the step: the order itself or a fork's child ({@code ORDER|branch})
 * @param depth   0 for the order's own steps, 1 for a child's, 2 for a child's child …
 * @param outcome {@code Succeeded}, {@code Failed}, {@code Killed} … as the history names it, or {@code running}
 */
public record GanttStep(String orderId, int depth, String position, String name, Optional<String> agent,
                        Instant start, Optional<Instant> end, String outcome, Optional<Integer> returnCode,
                        Optional<String> message) {

    static Optional<GanttStep> of(TaskEntry task, String mainOrderId) {
        if (task.startedAt().isEmpty()) {
            return Optional.empty();
        }
        int depth = task.orderId().equals(mainOrderId) ? 0 : (int) task.orderId().chars().filter(c -> c == '|').count();
        return Optional.of(new GanttStep(task.orderId(), depth, task.position(), task.jobName().orElse(task.position()),
                task.agentPath(), task.startedAt().get(), task.endedAt(), task.state(), task.returnCode(), task.message()));
    }

    public boolean running() {
        return end.isEmpty();
    }

    public boolean failed() {
        return !running() && !outcome.equals("Succeeded");
    }

    /** The bar's end: its end, or {@code now} while it runs. */
    public Instant endOr(Instant now) {
        return end.orElse(now.isBefore(start) ? start : now);
    }

    public Duration duration(Instant now) {
        return Duration.between(start, endOr(now));
    }

    /** The position as JS7's GUI writes it, {@code 1/fork+eu:0}, from the history's JSON array {@code [1,"fork+eu",0]}. */
    public String positionText() {
        return PositionText.of(position);
    }

    /** The fork branch the step ran in, e.g. {@code a} of {@code order|a}; empty for the order's own steps. */
    public String branch() {
        int bar = orderId.indexOf('|');
        return bar < 0 ? "" : orderId.substring(bar + 1);
    }
}
