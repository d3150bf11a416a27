package io.jobwerk.engine.motor;

import java.time.Instant;
import java.util.Objects;

/** Why an order that could run a job does not, as JS7's {@code OrderObstacle} (shown to operators). */
public sealed interface OrderObstacle {

    /** The job already runs {@code processLimit} processes. */
    record JobProcessLimitReached() implements OrderObstacle {}

    /** The Agent already runs its {@code processLimit} processes. */
    record AgentProcessLimitReached() implements OrderObstacle {}

    /** The job's admission time does not admit now; the next window opens {@code until}. */
    record WaitingForAdmission(Instant until) implements OrderObstacle {
        public WaitingForAdmission {
            Objects.requireNonNull(until, "until");
        }
    }

    /** The workflow path is suspended ({@code ControlWorkflowPath}). */
    record WorkflowSuspended() implements OrderObstacle {}

    /** The order waits for an operator: suspended, prompting, failed, stopped or broken. */
    record WaitingForCommand() implements OrderObstacle {}

    /**
     * No Subagent can take the job's process now: every member of the job's bundle (or the stuck
     * Subagent, or the Director's own) is lost, disabled or excluded by its priority. The Director
     * knows this, not the pure {@link JobQueue}.
     *
     * @param reason e.g. {@code SubagentBundle BUNDLE: no member is available}
     */
    record NoSubagentAvailable(String reason) implements OrderObstacle {
        public NoSubagentAvailable {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
