package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an order does not move on, as JS7's {@code OrderObstacle} (shown to operators); computed by
 * {@link OrderObstacleCalculator}. JS7's kinds keep their names and JSON: {@link WaitingForCommand},
 * {@link WaitingForOtherTime}, {@link WaitingForAdmission}, {@link JobProcessLimitReached},
 * {@link AgentProcessLimitReached}, {@link WorkflowSuspended}. Jobwerk adds {@link WaitingForLock},
 * {@link WaitingForNotices}, {@link WaitingForChildren}, {@link AgentNotCoupled} and
 * {@link NoSubagentAvailable}, which JS7 does not report, and a {@code reason} to WaitingForCommand.
 */
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

    /**
     * The order waits for an operator: suspended, prompting, failed, stopped or broken (JS7's name).
     *
     * @param reason Jobwerk's addition, e.g. {@code suspended}, {@code prompting: Go on?},
     *               {@code failed: returnCode 1}, {@code broken: …}, {@code stopped}
     */
    record WaitingForCommand(Optional<String> reason) implements OrderObstacle {
        public WaitingForCommand {
            Objects.requireNonNull(reason, "reason");
        }

        /** Without a reason. */
        public WaitingForCommand() {
            this(Optional.empty());
        }

        public WaitingForCommand(String reason) {
            this(Optional.of(reason));
        }
    }

    /**
     * The order waits until a time that is not an admission time (JS7's name): its {@code scheduledFor},
     * the end of a Sleep, of a retry delay or of a delay after an error, the next cycle.
     */
    record WaitingForOtherTime(Instant until) implements OrderObstacle {
        public WaitingForOtherTime {
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * Jobwerk's: the order waits for a lock ({@code WaitingForLock}): it is held by {@code holders}, and
     * {@code queuedBefore} wait for it before this order.
     */
    record WaitingForLock(LockPath lockPath, List<OrderId> holders, List<OrderId> queuedBefore) implements OrderObstacle {
        public WaitingForLock {
            Objects.requireNonNull(lockPath, "lockPath");
            holders = List.copyOf(holders);
            queuedBefore = List.copyOf(queuedBefore);
        }
    }

    /**
     * Jobwerk's: the order expects notices ({@code ExpectingNotices}) on these boards; {@code noticeIds}
     * are the notices it is listed as waiting for.
     */
    record WaitingForNotices(List<BoardPath> boardPaths, List<NoticeId> noticeIds) implements OrderObstacle {
        public WaitingForNotices {
            boardPaths = List.copyOf(boardPaths);
            noticeIds = List.copyOf(noticeIds);
        }
    }

    /** Jobwerk's: a forked order waits for these child orders to end before it joins them. */
    record WaitingForChildren(List<OrderId> children) implements OrderObstacle {
        public WaitingForChildren {
            children = List.copyOf(children);
        }
    }

    /**
     * Jobwerk's: the order is at the Agent, or is to be handed to it or back from it, but the
     * Controller is not coupled with that Agent; {@code problem} is the last coupling failure.
     */
    record AgentNotCoupled(AgentPath agentPath, Optional<Problem> problem) implements OrderObstacle {
        public AgentNotCoupled {
            Objects.requireNonNull(agentPath, "agentPath");
            Objects.requireNonNull(problem, "problem");
        }
    }

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
