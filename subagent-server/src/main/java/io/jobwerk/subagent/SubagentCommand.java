package io.jobwerk.subagent;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.subagent.process.JobLaunch;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Director asks of a Subagent ({@code POST /subagent/api/command}), JSON as in
 * {@link SubagentCommandJson}. Every command is idempotent, so a Director that lost an answer may
 * send it again.
 */
public sealed interface SubagentCommand {

    enum Kind { COUPLE_DIRECTOR, START_ORDER_PROCESS, KILL_PROCESS, RELEASE_EVENTS, NO_OPERATION }

    Kind kind();

    /**
     * The Director introduces itself. The same id as the one coupled before is the same Director
     * (also after a restart: the id is its journal's): the processes go on, and the answer lists
     * those the Director has not seen end. Another id means the earlier Director has given up the processes it started (it
     * recorded them as lost, or was reset): the Subagent kills them, so no job runs twice, and
     * answers with {@link DirectorCoupled} only when they have ended.
     *
     * @param directorRunId the same for a Director across its restarts, new after a reset
     * @param agentPath the Agent the Director serves: a Subagent serves one Agent (JS7:
     *                  {@code SubagentAlreadyDedicated}) until its Director falls silent or it is restarted
     * @param observedEventId the last of the Subagent's events the Director has persisted what it took
     *                        of: an outcome after it is one the Director has not recorded yet
     */
    record CoupleDirector(String directorRunId, Optional<String> agentPath, Optional<Long> observedEventId) implements SubagentCommand {
        public CoupleDirector {
            Objects.requireNonNull(directorRunId, "directorRunId");
            Objects.requireNonNull(agentPath, "agentPath");
            Objects.requireNonNull(observedEventId, "observedEventId");
        }

        public CoupleDirector(String directorRunId, Optional<String> agentPath) {
            this(directorRunId, agentPath, Optional.empty());
        }

        public CoupleDirector(String directorRunId) {
            this(directorRunId, Optional.empty());
        }

        @Override public Kind kind() { return Kind.COUPLE_DIRECTOR; }
    }

    /**
     * The answer to {@link CoupleDirector}.
     *
     * @param subagentRunId unique per start of the Subagent: a new one means its processes and events are gone
     * @param directorTimeoutMillis how long the Subagent waits for the Director's next request before it kills its processes
     * @param lastEventId the newest event of the Subagent's event stream
     * @param continued whether the Subagent kept the processes of this Director (coupled with the same id before)
     * @param keptAfterEventId the events after this one are kept (not yet released)
     * @param processes where continued, the task of each order whose process runs on the Subagent, or
     *                  whose {@code OrderProcessed} is kept after the Director's observed event; else empty
     */
    record DirectorCoupled(String subagentRunId, long directorTimeoutMillis, long lastEventId, boolean continued,
                           long keptAfterEventId, Map<OrderId, String> processes) {
        public DirectorCoupled {
            processes = Map.copyOf(processes);
        }
    }

    /**
     * Starts the order's job process (the Director built the launch: environment, command line).
     * Its output and outcome come as {@code OrderStdoutWritten}, {@code OrderStderrWritten},
     * {@code OrderProcessed} with the launch's task id in the event stream ({@link ProcessEvent}).
     * Idempotent per task id: a Director whose start went unanswered sends the same start again,
     * and the Subagent answers with the state of the process it started before, never starting a
     * task twice ({@link StartOrderProcessResponse}).
     *
     * @param subagentRunId the Subagent run the Director coupled with; a Subagent of another run
     *                      (it was restarted) rejects the start with {@code SubagentRunIdMismatch},
     *                      since the Director takes that run's processes for lost
     */
    record StartOrderProcess(OrderId orderId, JobLaunch launch, Optional<String> subagentRunId) implements SubagentCommand {
        public StartOrderProcess {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(launch, "launch");
            Objects.requireNonNull(subagentRunId, "subagentRunId");
        }

        public StartOrderProcess(OrderId orderId, JobLaunch launch) {
            this(orderId, launch, Optional.empty());
        }

        @Override public Kind kind() { return Kind.START_ORDER_PROCESS; }
    }

    /** The state of a task's process: just {@code Started}, or a repeated start of a task that is {@code Running} or has {@code Ended}. */
    enum ProcessState { Started, Running, Ended }

    /** The answer to {@link StartOrderProcess}. */
    record StartOrderProcessResponse(String taskId, ProcessState process) {
        public StartOrderProcessResponse {
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(process, "process");
        }
    }

    /**
     * Kills the process of task {@code taskId}, if it runs: SIGKILL when {@code immediately}, else
     * SIGTERM and SIGKILL after the sigkill delay. Keyed by task, not order: a late kill meant for an
     * earlier attempt of the order never hits the current one. The order id is for the log only.
     * Idempotent: a kill of a task that has ended (or never started) does nothing.
     */
    record KillProcess(OrderId orderId, String taskId, boolean immediately) implements SubagentCommand {
        public KillProcess {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(taskId, "taskId");
        }

        @Override public Kind kind() { return Kind.KILL_PROCESS; }
    }

    /** The Director has persisted the events up to {@code untilEventId}: the Subagent forgets them. */
    record ReleaseEvents(long untilEventId) implements SubagentCommand {
        @Override public Kind kind() { return Kind.RELEASE_EVENTS; }
    }

    /** Does nothing; counts as the Director's heartbeat. */
    record NoOperation() implements SubagentCommand {
        @Override public Kind kind() { return Kind.NO_OPERATION; }
    }
}
