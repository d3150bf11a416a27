package io.jobwerk.engine.simulation;

import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.value.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a simulated world behaves.
 *
 * @param start           the virtual time the order is added at (default 2026-01-01T00:00:00Z, a Thursday)
 * @param outcomes        per job name (or the label of an anonymous job's instruction) the outcomes of its
 *                        successive calls, the last one repeating; a job not named succeeds at once
 * @param answerPrompts   whether an operator answers every prompt at once (else the order stays Prompting)
 * @param existingNotices boards on which a notice for the order exists before it starts
 * @param arguments       the order's arguments
 * @param timeLimit       virtual time after which the simulation gives up (a Cycle may run for ever)
 * @param eventLimit      events after which the simulation gives up
 */
public record SimulationConf(Instant start, Map<String, List<JobOutcome>> outcomes, boolean answerPrompts,
                             Set<BoardPath> existingNotices, Map<String, Value> arguments, Duration timeLimit, int eventLimit) {

    public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");
    public static final SimulationConf DEFAULT = new SimulationConf(DEFAULT_START, Map.of(), true, Set.of(), Map.of(),
            Duration.ofDays(7), 10_000);

    public SimulationConf {
        outcomes = Map.copyOf(outcomes);
        existingNotices = Set.copyOf(existingNotices);
        arguments = Map.copyOf(arguments);
        if (outcomes.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("A job needs at least one outcome");
        }
    }

    public SimulationConf withOutcomes(Map<String, List<JobOutcome>> outcomes) {
        return new SimulationConf(start, outcomes, answerPrompts, existingNotices, arguments, timeLimit, eventLimit);
    }

    public SimulationConf withAnswerPrompts(boolean answerPrompts) {
        return new SimulationConf(start, outcomes, answerPrompts, existingNotices, arguments, timeLimit, eventLimit);
    }

    public SimulationConf withExistingNotices(Set<BoardPath> existingNotices) {
        return new SimulationConf(start, outcomes, answerPrompts, existingNotices, arguments, timeLimit, eventLimit);
    }

    public SimulationConf withArguments(Map<String, Value> arguments) {
        return new SimulationConf(start, outcomes, answerPrompts, existingNotices, arguments, timeLimit, eventLimit);
    }

    public SimulationConf withTimeLimit(Duration timeLimit) {
        return new SimulationConf(start, outcomes, answerPrompts, existingNotices, arguments, timeLimit, eventLimit);
    }
}
