package io.jobwerk.history;

import java.util.Objects;
import java.util.Optional;

/**
 * A task's (job step's) history entry; its id is the id of its {@code OrderProcessingStarted}.
 * {@code outcome} is the type of the step's outcome ({@code Succeeded}, {@code Failed},
 * {@code TimedOut}, {@code Killed}, {@code Disrupted}); empty while it runs.
 */
public record TaskRow(long id, OrderKey order, OrderKey main, String workflowPath, String versionId, String position,
                      Optional<String> jobName, Optional<String> agentPath, String subagentId, long startedAt,
                      Optional<Long> endedAt, Optional<Integer> returnCode, Optional<String> outcome, Optional<String> message) {
    public TaskRow {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(main, "main");
        Objects.requireNonNull(jobName, "jobName");
        Objects.requireNonNull(agentPath, "agentPath");
        Objects.requireNonNull(endedAt, "endedAt");
        Objects.requireNonNull(returnCode, "returnCode");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    TaskRow ended(long at, Optional<Integer> returnCode, String outcome, Optional<String> message) {
        return new TaskRow(id, order, main, workflowPath, versionId, position, jobName, agentPath, subagentId, startedAt,
                Optional.of(at), returnCode, Optional.of(outcome), message);
    }
}
