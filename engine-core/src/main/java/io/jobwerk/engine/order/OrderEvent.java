package io.jobwerk.engine.order;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The events of an order, keyed by its {@link OrderId}, named as JS7 names them (JSON {@code TYPE} =
 * the record's simple name). {@link Order#applyEvent} folds them into the order's state.
 * Generated shape: one record per event; see {@code docs/order-states.md} for which state allows which event.
 */
public sealed interface OrderEvent extends Event {

    enum Kind {        ADDED, ORDER_ADDED, ATTACHABLE, ATTACHED_TO_AGENT, ATTACHED, DETACHABLE, DETACHED, STARTED, PROCESSING_STARTED, STDOUT_WRITTEN, STDERR_WRITTEN, PROCESSED, PROCESSING_KILLED, MOVED, OUTCOME_ADDED, FAILED, FAILED_IN_FORK, CAUGHT, RETRYING, AWOKE, FORKED, JOINED, FINISHED, CANCELLED, DELETION_MARKED, DELETED, LOCKS_QUEUED, LOCKS_ACQUIRED, LOCKS_RELEASED, LOCKS_DEQUEUED, NOTICE_POSTED, NOTICES_EXPECTED, NOTICES_READ, NOTICES_CONSUMPTION_STARTED, NOTICES_CONSUMED, PROMPTED, PROMPT_ANSWERED, CYCLING_PREPARED, CYCLE_STARTED, CYCLE_FINISHED, SLEEPING, WAITING_FOR_ADMISSION, SUSPENSION_MARKED, SUSPENDED, RESUMPTION_MARKED, RESUMED, CANCELLATION_MARKED, CANCELLATION_MARKED_ON_AGENT, SUSPENSION_MARKED_ON_AGENT, STATE_RESET, OPERATION_CANCELLED, GO_MARKED, GOES, STOPPED, BROKEN, TRANSFERRED, PRIORITY_CHANGED, STICKY_SUBAGENT_ENTERED, STICKY_SUBAGENT_LEAVED, EXTERNAL_VANISHED, PLAN_ATTACHED;
        /** The JSON TYPE, e.g. {@code OrderProcessingStarted}. */
        public String typeName() {
            return typeName;
        }

        private final String typeName = "Order" + io.jobwerk.engine.base.Names.camelCase(name());
    }

    Kind kind();

    @Override
    default String typeName() {
        return kind().typeName();
    }

    /** A child order created by {@link OrderForked}: its id, the Fork branch (empty for ForkList) and its own arguments. */
    record ForkedChild(OrderId orderId, Optional<String> branchId, Map<String, Value> arguments) {
        public ForkedChild {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(branchId, "branchId");
            arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        }
    }

    /** The order was added to the Controller. */
    record OrderAdded(WorkflowId workflowId, Map<String, Value> arguments, Optional<Instant> scheduledFor, PlanId planId, Optional<ExternalOrderLink> externalOrder, boolean deleteWhenTerminated, boolean forceAdmission, Optional<List<Position.Segment>> innerBlock, Optional<Position> startPosition, List<PositionOrLabel> stopPositions, BigDecimal priority) implements OrderEvent {
        public OrderAdded {
            Objects.requireNonNull(workflowId, "workflowId");
            arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
            Objects.requireNonNull(scheduledFor, "scheduledFor");
            Objects.requireNonNull(planId, "planId");
            Objects.requireNonNull(externalOrder, "externalOrder");
            innerBlock = innerBlock.map(List::copyOf);
            Objects.requireNonNull(startPosition, "startPosition");
            stopPositions = List.copyOf(stopPositions);
            Objects.requireNonNull(priority, "priority");
        }

        @Override
        public Kind kind() {
            return Kind.ADDED;
        }
    }

    /** The AddOrder instruction of this order added the order {@code orderId}. */
    record OrderOrderAdded(OrderId orderId, WorkflowId workflowId, Map<String, Value> arguments, PlanId planId, Optional<List<Position.Segment>> innerBlock, Optional<Position> startPosition, List<PositionOrLabel> stopPositions, boolean deleteWhenTerminated, boolean forceAdmission, BigDecimal priority) implements OrderEvent {
        public OrderOrderAdded {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(workflowId, "workflowId");
            arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
            Objects.requireNonNull(planId, "planId");
            innerBlock = innerBlock.map(List::copyOf);
            Objects.requireNonNull(startPosition, "startPosition");
            stopPositions = List.copyOf(stopPositions);
            Objects.requireNonNull(priority, "priority");
        }

        @Override
        public Kind kind() {
            return Kind.ORDER_ADDED;
        }
    }

    /** The order is to be attached to the Agent. */
    record OrderAttachable(AgentPath agentPath) implements OrderEvent {
        public OrderAttachable {
            Objects.requireNonNull(agentPath, "agentPath");
        }

        @Override
        public Kind kind() {
            return Kind.ATTACHABLE;
        }
    }

    /** The Agent received the order (Agent's journal). */
    record OrderAttachedToAgent(Order order) implements OrderEvent {
        public OrderAttachedToAgent {
            Objects.requireNonNull(order, "order");
        }

        @Override
        public Kind kind() {
            return Kind.ATTACHED_TO_AGENT;
        }
    }

    /** The Agent confirmed the order is attached. */
    record OrderAttached(AgentPath agentPath) implements OrderEvent {
        public OrderAttached {
            Objects.requireNonNull(agentPath, "agentPath");
        }

        @Override
        public Kind kind() {
            return Kind.ATTACHED;
        }
    }

    /** The Agent releases the order to the Controller. */
    record OrderDetachable() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.DETACHABLE;
        }
    }

    /** The order is back on the Controller. */
    record OrderDetached() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.DETACHED;
        }
    }

    /** The order left state Fresh. */
    record OrderStarted() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.STARTED;
        }
    }

    /** A job process started on the Subagent. */
    record OrderProcessingStarted(SubagentId subagentId, boolean stick) implements OrderEvent {
        public OrderProcessingStarted {
            Objects.requireNonNull(subagentId, "subagentId");
        }

        @Override
        public Kind kind() {
            return Kind.PROCESSING_STARTED;
        }
    }

    /** A chunk of the process's stdout. */
    record OrderStdoutWritten(String chunk) implements OrderEvent {
        public OrderStdoutWritten {
            Objects.requireNonNull(chunk, "chunk");
        }

        @Override
        public Kind kind() {
            return Kind.STDOUT_WRITTEN;
        }
    }

    /** A chunk of the process's stderr. */
    record OrderStderrWritten(String chunk) implements OrderEvent {
        public OrderStderrWritten {
            Objects.requireNonNull(chunk, "chunk");
        }

        @Override
        public Kind kind() {
            return Kind.STDERR_WRITTEN;
        }
    }

    /** The job step ended with this outcome. */
    record OrderProcessed(Outcome outcome) implements OrderEvent {
        public OrderProcessed {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public Kind kind() {
            return Kind.PROCESSED;
        }
    }

    /**
     * After {@link OrderProcessed} with a {@code Killed} outcome (an operator's cancel or suspend with
     * kill): the order waits as {@code ProcessingKilled} for its mark to be carried out (as JS7).
     */
    record OrderProcessingKilled() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.PROCESSING_KILLED;
        }
    }

    /** The order moved on (skipping instructions that need nothing). */
    record OrderMoved(Position to, Optional<String> reason) implements OrderEvent {
        public OrderMoved {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.MOVED;
        }
    }

    /** An instruction (Fail, Finish) recorded an outcome. */
    record OrderOutcomeAdded(Outcome outcome) implements OrderEvent {
        public OrderOutcomeAdded {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public Kind kind() {
            return Kind.OUTCOME_ADDED;
        }
    }

    /** The order failed and stays failed at {@code movedTo}. */
    record OrderFailed(Position movedTo) implements OrderEvent {
        public OrderFailed {
            Objects.requireNonNull(movedTo, "movedTo");
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }
    }

    /** A child order failed; its parent decides at the join. */
    record OrderFailedInFork(Position movedTo) implements OrderEvent {
        public OrderFailedInFork {
            Objects.requireNonNull(movedTo, "movedTo");
        }

        @Override
        public Kind kind() {
            return Kind.FAILED_IN_FORK;
        }
    }

    /** A failure was caught: the order moves into the catch block. */
    record OrderCaught(Position movedTo) implements OrderEvent {
        public OrderCaught {
            Objects.requireNonNull(movedTo, "movedTo");
        }

        @Override
        public Kind kind() {
            return Kind.CAUGHT;
        }
    }

    /** The Retry instruction restarts the try block (after the delay). */
    record OrderRetrying(Optional<Instant> delayedUntil) implements OrderEvent {
        public OrderRetrying {
            Objects.requireNonNull(delayedUntil, "delayedUntil");
        }

        @Override
        public Kind kind() {
            return Kind.RETRYING;
        }
    }

    /** A delay (retry, sleep, admission) is over. */
    record OrderAwoke() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.AWOKE;
        }
    }

    /** Child orders were started for the fork's branches or list elements. */
    record OrderForked(List<ForkedChild> children) implements OrderEvent {
        public OrderForked {
            children = List.copyOf(children);
        }

        @Override
        public Kind kind() {
            return Kind.FORKED;
        }
    }

    /** All children ended; their results were joined into the parent. */
    record OrderJoined(Outcome outcome) implements OrderEvent {
        public OrderJoined {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public Kind kind() {
            return Kind.JOINED;
        }
    }

    /** The order reached the end of its workflow. */
    record OrderFinished(Optional<Outcome.Completed> outcome) implements OrderEvent {
        public OrderFinished {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public Kind kind() {
            return Kind.FINISHED;
        }
    }

    /** The order was cancelled. */
    record OrderCancelled() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.CANCELLED;
        }
    }

    /** The order is to be deleted when it terminates. */
    record OrderDeletionMarked() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.DELETION_MARKED;
        }
    }

    /** The order was deleted. */
    record OrderDeleted() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.DELETED;
        }
    }

    /** The order waits for the locks. */
    record OrderLocksQueued(List<Instruction.LockDemand> demands) implements OrderEvent {
        public OrderLocksQueued {
            demands = List.copyOf(demands);
        }

        @Override
        public Kind kind() {
            return Kind.LOCKS_QUEUED;
        }
    }

    /** The order holds the locks. */
    record OrderLocksAcquired(List<Instruction.LockDemand> demands) implements OrderEvent {
        public OrderLocksAcquired {
            demands = List.copyOf(demands);
        }

        @Override
        public Kind kind() {
            return Kind.LOCKS_ACQUIRED;
        }
    }

    /** The order released the locks. */
    record OrderLocksReleased(List<LockPath> lockPaths) implements OrderEvent {
        public OrderLocksReleased {
            lockPaths = List.copyOf(lockPaths);
        }

        @Override
        public Kind kind() {
            return Kind.LOCKS_RELEASED;
        }
    }

    /** The order no longer waits for the locks. */
    record OrderLocksDequeued(List<LockPath> lockPaths) implements OrderEvent {
        public OrderLocksDequeued {
            lockPaths = List.copyOf(lockPaths);
        }

        @Override
        public Kind kind() {
            return Kind.LOCKS_DEQUEUED;
        }
    }

    /** The order posted a notice. */
    record OrderNoticePosted(Notice notice) implements OrderEvent {
        public OrderNoticePosted {
            Objects.requireNonNull(notice, "notice");
        }

        @Override
        public Kind kind() {
            return Kind.NOTICE_POSTED;
        }
    }

    /** The order waits for notices. */
    record OrderNoticesExpected(List<NoticeId> expected) implements OrderEvent {
        public OrderNoticesExpected {
            expected = List.copyOf(expected);
        }

        @Override
        public Kind kind() {
            return Kind.NOTICES_EXPECTED;
        }
    }

    /** The expected notices exist; the order goes on. */
    record OrderNoticesRead() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.NOTICES_READ;
        }
    }

    /** The order consumes the notices while in the block. */
    record OrderNoticesConsumptionStarted(List<NoticeId> consumptions) implements OrderEvent {
        public OrderNoticesConsumptionStarted {
            consumptions = List.copyOf(consumptions);
        }

        @Override
        public Kind kind() {
            return Kind.NOTICES_CONSUMPTION_STARTED;
        }
    }

    /** The consumption ended; the notices are deleted unless it failed. */
    record OrderNoticesConsumed(boolean failed) implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.NOTICES_CONSUMED;
        }
    }

    /** The order waits for an operator's answer. */
    record OrderPrompted(Value question) implements OrderEvent {
        public OrderPrompted {
            Objects.requireNonNull(question, "question");
        }

        @Override
        public Kind kind() {
            return Kind.PROMPTED;
        }
    }

    /** The operator answered the prompt. */
    record OrderPromptAnswered() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.PROMPT_ANSWERED;
        }
    }

    /** The schedule of the Cycle was computed. */
    record OrderCyclingPrepared(CycleState cycleState) implements OrderEvent {
        public OrderCyclingPrepared {
            Objects.requireNonNull(cycleState, "cycleState");
        }

        @Override
        public Kind kind() {
            return Kind.CYCLING_PREPARED;
        }
    }

    /** A cycle begins. */
    record OrderCycleStarted() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.CYCLE_STARTED;
        }
    }

    /** A cycle ended; the next one is as given, or the Cycle is left. */
    record OrderCycleFinished(Optional<CycleState> cycleState) implements OrderEvent {
        public OrderCycleFinished {
            Objects.requireNonNull(cycleState, "cycleState");
        }

        @Override
        public Kind kind() {
            return Kind.CYCLE_FINISHED;
        }
    }

    /** The order sleeps until then. */
    record OrderSleeping(Instant until) implements OrderEvent {
        public OrderSleeping {
            Objects.requireNonNull(until, "until");
        }

        @Override
        public Kind kind() {
            return Kind.SLEEPING;
        }
    }

    /** The order waits for the admission period of an AdmissionTime block. */
    record OrderWaitingForAdmission(Instant until) implements OrderEvent {
        public OrderWaitingForAdmission {
            Objects.requireNonNull(until, "until");
        }

        @Override
        public Kind kind() {
            return Kind.WAITING_FOR_ADMISSION;
        }
    }

    /** The order will be suspended when its step ends. */
    record OrderSuspensionMarked(SuspensionMode mode) implements OrderEvent {
        public OrderSuspensionMarked {
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public Kind kind() {
            return Kind.SUSPENSION_MARKED;
        }
    }

    /** The order is suspended. */
    record OrderSuspended() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.SUSPENDED;
        }
    }

    /** The order will be resumed. */
    record OrderResumptionMarked(Optional<Position> position, List<HistoryOperation> historyOperations, boolean asSucceeded, boolean restartKilledJob) implements OrderEvent {
        public OrderResumptionMarked {
            Objects.requireNonNull(position, "position");
            historyOperations = List.copyOf(historyOperations);
        }

        @Override
        public Kind kind() {
            return Kind.RESUMPTION_MARKED;
        }
    }

    /** The order was resumed. */
    record OrderResumed(Optional<Position> position, List<HistoryOperation> historyOperations, boolean asSucceeded, boolean restartKilledJob) implements OrderEvent {
        public OrderResumed {
            Objects.requireNonNull(position, "position");
            historyOperations = List.copyOf(historyOperations);
        }

        @Override
        public Kind kind() {
            return Kind.RESUMED;
        }
    }

    /** The order will be cancelled when possible. */
    record OrderCancellationMarked(CancellationMode mode) implements OrderEvent {
        public OrderCancellationMarked {
            Objects.requireNonNull(mode, "mode");
        }

        @Override
        public Kind kind() {
            return Kind.CANCELLATION_MARKED;
        }
    }

    /** The Agent knows of the cancellation mark. */
    record OrderCancellationMarkedOnAgent() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.CANCELLATION_MARKED_ON_AGENT;
        }
    }

    /** The Agent knows of the suspension mark. */
    record OrderSuspensionMarkedOnAgent() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.SUSPENSION_MARKED_ON_AGENT;
        }
    }

    /** A waiting order (prompting, expecting notices) stops waiting before it is cancelled (JS7's event). */
    record OrderStateReset() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.STATE_RESET;
        }
    }

    /** A mark was removed. */
    record OrderOperationCancelled() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.OPERATION_CANCELLED;
        }
    }

    /** The order will go on at once (out of a delay or prompt). */
    record OrderGoMarked(Position position) implements OrderEvent {
        public OrderGoMarked {
            Objects.requireNonNull(position, "position");
        }

        @Override
        public Kind kind() {
            return Kind.GO_MARKED;
        }
    }

    /** The order goes on at once. */
    record OrderGoes() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.GOES;
        }
    }

    /** The order stopped (Stop instruction, breakpoint, stopOnFailure). */
    record OrderStopped() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.STOPPED;
        }
    }

    /** The order cannot go on because of an internal problem. */
    record OrderBroken(Optional<Problem> problem) implements OrderEvent {
        public OrderBroken {
            Objects.requireNonNull(problem, "problem");
        }

        @Override
        public Kind kind() {
            return Kind.BROKEN;
        }
    }

    /** The order was moved to another workflow version. */
    record OrderTransferred(WorkflowPosition workflowPosition) implements OrderEvent {
        public OrderTransferred {
            Objects.requireNonNull(workflowPosition, "workflowPosition");
        }

        @Override
        public Kind kind() {
            return Kind.TRANSFERRED;
        }
    }

    /** The order's priority changed. */
    record OrderPriorityChanged(BigDecimal priority) implements OrderEvent {
        public OrderPriorityChanged {
            Objects.requireNonNull(priority, "priority");
        }

        @Override
        public Kind kind() {
            return Kind.PRIORITY_CHANGED;
        }
    }

    /** The order entered a StickySubagent block. */
    record OrderStickySubagentEntered(AgentPath agentPath, Optional<SubagentBundleId> subagentBundleId) implements OrderEvent {
        public OrderStickySubagentEntered {
            Objects.requireNonNull(agentPath, "agentPath");
            Objects.requireNonNull(subagentBundleId, "subagentBundleId");
        }

        @Override
        public Kind kind() {
            return Kind.STICKY_SUBAGENT_ENTERED;
        }
    }

    /** The order left a StickySubagent block. */
    record OrderStickySubagentLeaved() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.STICKY_SUBAGENT_LEAVED;
        }
    }

    /** The order's file vanished. */
    record OrderExternalVanished() implements OrderEvent {
        @Override
        public Kind kind() {
            return Kind.EXTERNAL_VANISHED;
        }
    }

    /** The order was attached to a plan. */
    record OrderPlanAttached(PlanId planId) implements OrderEvent {
        public OrderPlanAttached {
            Objects.requireNonNull(planId, "planId");
        }

        @Override
        public Kind kind() {
            return Kind.PLAN_ATTACHED;
        }
    }
}
