package io.jobwerk.engine.order;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One sample order per {@link OrderState.Kind} and one sample event per {@link OrderEvent.Kind}.
 * Both factories switch over the kind without {@code default}: a new kind does not compile until it
 * has a sample.
 */
final class OrderSamples {
    private OrderSamples() {}

    static final OrderId ORDER_ID = new OrderId("ORDER");
    static final WorkflowId WORKFLOW_ID = WorkflowId.of("WORKFLOW", "1");
    static final Instant T = Instant.parse("2026-03-29T00:00:00Z");
    static final CycleState CYCLE_STATE = new CycleState(T.plusSeconds(3600), 0, 0, 1, T.plusSeconds(60));
    static final BoardPath BOARD = new BoardPath("BOARD");
    static final LockPath LOCK = new LockPath("LOCK");
    static final AgentPath AGENT = new AgentPath("AGENT");
    static final SubagentId SUBAGENT = new SubagentId("SUBAGENT");

    static OrderState state(OrderState.Kind kind) {
        return switch (kind) {
            case FRESH -> OrderState.FRESH;
            case READY -> OrderState.READY;
            case PROCESSING -> new OrderState.Processing(SUBAGENT);
            case PROCESSED -> OrderState.PROCESSED;
            case PROCESSING_KILLED -> OrderState.PROCESSING_KILLED;
            case DELAYING_RETRY -> new OrderState.DelayingRetry(T);
            case DELAYED_AFTER_ERROR -> new OrderState.DelayedAfterError(T);
            case FORKED -> new OrderState.Forked(List.of(new OrderState.Child(ORDER_ID.child("A"), Optional.of("A"))));
            case WAITING_FOR_LOCK -> OrderState.WAITING_FOR_LOCK;
            case EXPECTING_NOTICES -> new OrderState.ExpectingNotices(List.of(new io.jobwerk.engine.board.NoticeId(BOARD, "K")));
            case BETWEEN_CYCLES -> new OrderState.BetweenCycles(Optional.of(CYCLE_STATE));
            case PROMPTING -> new OrderState.Prompting(Value.of("QUESTION"));
            case SLEEPING -> new OrderState.Sleeping(T);
            case WAITING_FOR_ADMISSION -> new OrderState.WaitingForAdmission(T);
            case BROKEN -> new OrderState.Broken(Optional.of(Problem.of("BROKEN")));
            case FAILED -> OrderState.FAILED;
            case FAILED_WHILE_FRESH -> OrderState.FAILED_WHILE_FRESH;
            case FAILED_IN_FORK -> OrderState.FAILED_IN_FORK;
            case STOPPED -> OrderState.STOPPED;
            case STOPPED_WHILE_FRESH -> OrderState.STOPPED_WHILE_FRESH;
            case FINISHED -> OrderState.FINISHED;
            case CANCELLED -> OrderState.CANCELLED;
            case DELETED -> OrderState.DELETED;
        };
    }

    /** An attached order at position 0 in the given state. */
    static Order order(OrderState.Kind kind) {
        return order(ORDER_ID, state(kind), Position.of(0));
    }

    static Order order(OrderId id, OrderState state, Position position) {
        return new Order(id, new WorkflowPosition(WORKFLOW_ID, position), state, Map.of(), Optional.empty(),
                Optional.empty(), List.of(), Optional.of(new AttachedState.Attached(AGENT)), Optional.empty(),
                Optional.empty(), false, false, false, false, List.of(), Optional.empty(), List.of(), BigDecimal.ZERO,
                PlanId.GLOBAL);
    }

    static OrderEvent.OrderAdded orderAdded() {
        return new OrderEvent.OrderAdded(WORKFLOW_ID, Map.of(), Optional.empty(), PlanId.GLOBAL, Optional.empty(), false,
                false, Optional.empty(), Optional.empty(), List.of(), BigDecimal.ZERO);
    }

    /** The usual sample of an event kind. */
    static OrderEvent event(OrderEvent.Kind kind) {
        var lockDemands = List.of(new Instruction.LockDemand(LOCK, Optional.empty()));
        var noticeIds = List.of(new NoticeId(BOARD, "2026-03-29"));
        return switch (kind) {
            case ADDED -> orderAdded();
            case ORDER_ADDED -> new OrderEvent.OrderOrderAdded(new OrderId("ADDED-ORDER"), WORKFLOW_ID, Map.of(),
                    PlanId.GLOBAL, Optional.empty(), Optional.empty(), List.of(), false, false, BigDecimal.ZERO);
            case ATTACHABLE -> new OrderEvent.OrderAttachable(AGENT);
            case ATTACHED_TO_AGENT -> new OrderEvent.OrderAttachedToAgent(order(OrderState.Kind.READY));
            case ATTACHED -> new OrderEvent.OrderAttached(AGENT);
            case DETACHABLE -> new OrderEvent.OrderDetachable();
            case DETACHED -> new OrderEvent.OrderDetached();
            case STARTED -> new OrderEvent.OrderStarted();
            case PROCESSING_STARTED -> new OrderEvent.OrderProcessingStarted(SUBAGENT, false);
            case STDOUT_WRITTEN -> new OrderEvent.OrderStdoutWritten("out");
            case STDERR_WRITTEN -> new OrderEvent.OrderStderrWritten("err");
            case PROCESSED -> new OrderEvent.OrderProcessed(Outcome.succeeded(0));
            case PROCESSING_KILLED -> new OrderEvent.OrderProcessingKilled();
            case MOVED -> new OrderEvent.OrderMoved(Position.of(1), Optional.empty());
            case OUTCOME_ADDED -> new OrderEvent.OrderOutcomeAdded(Outcome.failed("FAILED"));
            case FAILED -> new OrderEvent.OrderFailed(Position.of(0));
            case FAILED_IN_FORK -> new OrderEvent.OrderFailedInFork(Position.of(0));
            case CAUGHT -> new OrderEvent.OrderCaught(Position.of(0, "catch+0", 0));
            case RETRYING -> new OrderEvent.OrderRetrying(Optional.empty());
            case AWOKE -> new OrderEvent.OrderAwoke();
            case FORKED -> new OrderEvent.OrderForked(List.of(
                    new OrderEvent.ForkedChild(ORDER_ID.child("A"), Optional.of("A"), Map.of())));
            case JOINED -> new OrderEvent.OrderJoined(Outcome.succeeded());
            case FINISHED -> new OrderEvent.OrderFinished(Optional.empty());
            case CANCELLED -> new OrderEvent.OrderCancelled();
            case DELETION_MARKED -> new OrderEvent.OrderDeletionMarked();
            case DELETED -> new OrderEvent.OrderDeleted();
            case LOCKS_QUEUED -> new OrderEvent.OrderLocksQueued(lockDemands);
            case LOCKS_ACQUIRED -> new OrderEvent.OrderLocksAcquired(lockDemands);
            case LOCKS_RELEASED -> new OrderEvent.OrderLocksReleased(List.of(LOCK));
            case LOCKS_DEQUEUED -> new OrderEvent.OrderLocksDequeued(List.of(LOCK));
            case NOTICE_POSTED -> new OrderEvent.OrderNoticePosted(new Notice(noticeIds.get(0), Optional.empty()));
            case NOTICES_EXPECTED -> new OrderEvent.OrderNoticesExpected(noticeIds);
            case NOTICES_READ -> new OrderEvent.OrderNoticesRead();
            case NOTICES_CONSUMPTION_STARTED -> new OrderEvent.OrderNoticesConsumptionStarted(noticeIds);
            case NOTICES_CONSUMED -> new OrderEvent.OrderNoticesConsumed(false);
            case PROMPTED -> new OrderEvent.OrderPrompted(Value.of("QUESTION"));
            case PROMPT_ANSWERED -> new OrderEvent.OrderPromptAnswered();
            case CYCLING_PREPARED -> new OrderEvent.OrderCyclingPrepared(CYCLE_STATE);
            case CYCLE_STARTED -> new OrderEvent.OrderCycleStarted();
            case CYCLE_FINISHED -> new OrderEvent.OrderCycleFinished(Optional.empty());
            case SLEEPING -> new OrderEvent.OrderSleeping(T);
            case WAITING_FOR_ADMISSION -> new OrderEvent.OrderWaitingForAdmission(T);
            case SUSPENSION_MARKED -> new OrderEvent.OrderSuspensionMarked(SuspensionMode.STANDARD);
            case SUSPENDED -> new OrderEvent.OrderSuspended();
            case RESUMPTION_MARKED -> new OrderEvent.OrderResumptionMarked(Optional.empty(), List.of(), false, false);
            case RESUMED -> new OrderEvent.OrderResumed(Optional.empty(), List.of(), false, false);
            case CANCELLATION_MARKED -> new OrderEvent.OrderCancellationMarked(CancellationMode.kill(false));
            case CANCELLATION_MARKED_ON_AGENT -> new OrderEvent.OrderCancellationMarkedOnAgent();
            case SUSPENSION_MARKED_ON_AGENT -> new OrderEvent.OrderSuspensionMarkedOnAgent();
            case STATE_RESET -> new OrderEvent.OrderStateReset();
            case OPERATION_CANCELLED -> new OrderEvent.OrderOperationCancelled();
            case GO_MARKED -> new OrderEvent.OrderGoMarked(Position.of(0));
            case GOES -> new OrderEvent.OrderGoes();
            case STOPPED -> new OrderEvent.OrderStopped();
            case BROKEN -> new OrderEvent.OrderBroken(Optional.of(Problem.of("BROKEN")));
            case TRANSFERRED -> new OrderEvent.OrderTransferred(new WorkflowPosition(WorkflowId.of("WORKFLOW", "2"), Position.of(0)));
            case PRIORITY_CHANGED -> new OrderEvent.OrderPriorityChanged(BigDecimal.ONE);
            case STICKY_SUBAGENT_ENTERED -> new OrderEvent.OrderStickySubagentEntered(AGENT, Optional.empty());
            case STICKY_SUBAGENT_LEAVED -> new OrderEvent.OrderStickySubagentLeaved();
            case EXTERNAL_VANISHED -> new OrderEvent.OrderExternalVanished();
            case PLAN_ATTACHED -> new OrderEvent.OrderPlanAttached(new PlanId("DailyPlan", "2026-03-29"));
        };
    }

    /**
     * The sample of {@code kind} that leads to {@code to} where the outcome decides between several
     * targets (Retrying with or without delay, CycleFinished with or without a next cycle).
     */
    static OrderEvent event(OrderEvent.Kind kind, OrderState.Kind to) {
        return switch (kind) {
            case RETRYING -> to == OrderState.Kind.DELAYING_RETRY
                    ? new OrderEvent.OrderRetrying(Optional.of(T.plusSeconds(10)))
                    : event(kind);
            case CYCLE_FINISHED -> to == OrderState.Kind.BETWEEN_CYCLES
                    ? new OrderEvent.OrderCycleFinished(Optional.of(CYCLE_STATE))
                    : event(kind);
            default -> event(kind);
        };
    }
}
