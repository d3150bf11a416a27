package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.HistoryOperation;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderMark;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPosition;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operator operations on orders, decided purely like the motor's steps. Each answers the events to
 * apply, or a problem when the operation does not fit the order.
 *
 * <ul>
 *   <li>cancel: {@code FreshOnly} only for Fresh orders. An order held here that can be cancelled now
 *       ({@link OrderMarkRules}) is ({@code OrderCancelled}; EngineState releases its locks and
 *       expectations); any other, and one attached to an Agent, is marked
 *       ({@code OrderCancellationMarked}); the job runner reads {@link OrderEventSource#killRequested}.
 *       A Forked parent is marked only: its children go on (as JS7, recorded).
 *   <li>suspend: a Fresh or Ready order held here is suspended ({@code OrderSuspended}); any other,
 *       and one attached to an Agent, is marked; a failed order cannot be suspended. With
 *       {@code resetState} a Ready order inside Lock blocks first releases them and moves back to
 *       the outermost Lock instruction; a queued order dequeues.
 *   <li>resume: for suspended (or still suspending: {@code OrderResumptionMarked}) and
 *       failed/stopped/broken orders. A new position must exist and must be in the same Fork, Lock,
 *       Cycle, ConsumeNotices and StickySubagent blocks as the current one.
 *   <li>go: only at the order's own position and for a waiting order. Sleeping, Prompting and
 *       ExpectingNotices orders go on past the instruction ({@code OrderGoes} + {@code OrderMoved});
 *       WaitingForAdmission enters the block; DelayingRetry goes at once; BetweenCycles starts the
 *       cycle now ({@code OrderCycleStarted}, the table has no Goes that keeps the cycle state);
 *       a Fresh order is started ({@code OrderStarted}).
 * </ul>
 */
final class OrderOperations {
    private final OrderEventSource source;
    private final MotorContext ctx;

    OrderOperations(OrderEventSource source) {
        this.source = source;
        this.ctx = source.context();
    }

    private Checked<Order> liveOrder(OrderId orderId) {
        return ctx.state().order(orderId).flatMap(o -> o.state().isTerminated()
                ? Checked.fail(Problem.of("OrderTerminated", "Order '" + orderId + "' has already terminated"))
                : Checked.ok(o));
    }

    private static Checked<List<KeyedEvent<OrderEvent>>> events(OrderId orderId, OrderEvent... events) {
        List<KeyedEvent<OrderEvent>> list = new ArrayList<>();
        for (OrderEvent e : events) {
            list.add(MotorContext.keyed(orderId, e));
        }
        return Checked.ok(list);
    }

    private boolean attachedElsewhere(Order order) {
        return !(ctx.placement() instanceof Placement.Standalone) && !source.isMine(order);
    }

    Checked<List<KeyedEvent<OrderEvent>>> cancel(OrderId orderId, CancellationMode mode) {
        return liveOrder(orderId).flatMap(order -> {
            if (mode instanceof CancellationMode.FreshOnly && !order.isState(OrderState.Kind.FRESH)) {
                return Checked.fail(Problem.of("CancelStartedOrder", "Order '" + orderId + "' has already started; FreshOnly cancels only fresh orders"));
            }
            if (order.isState(OrderState.Kind.FAILED_IN_FORK)) {
                return Checked.fail(Problem.of("CannotCancel", "Order '" + orderId + "' failed in its fork; the parent joins it"));
            }
            if (!attachedElsewhere(order) && OrderMarkRules.isCancelableNow(order, ctx.state().workflowOf(order).orThrow())) {
                return events(orderId, OrderMarkRules.cancelEvents(order).toArray(OrderEvent[]::new));
            }
            if (order.mark().equals(Optional.of(new OrderMark.Cancelling(mode)))) {
                return Checked.ok(List.of());
            }
            return events(orderId, new OrderEvent.OrderCancellationMarked(mode));
        });
    }

    Checked<List<KeyedEvent<OrderEvent>>> suspend(OrderId orderId, SuspensionMode mode) {
        return liveOrder(orderId).flatMap(order -> {
            if (order.isSuspended()) {
                return Checked.ok(List.of());
            }
            if (!OrderMarkRules.isSuspendible(order)) {
                return Checked.fail(Problem.of("CannotSuspend", "Order '" + orderId + "' cannot be suspended in state "
                        + order.state().kind().typeName() + (order.mark().isPresent() ? " while marked to be cancelled" : "")));
            }
            if (!attachedElsewhere(order)) {
                List<OrderEvent> list = new ArrayList<>(mode.resetState() ? resetState(order) : List.of());
                Checked<Order> reset = Checked.ok(order);
                for (OrderEvent e : list) {
                    reset = reset.flatMap(o -> o.applyEvent(e));
                }
                if (reset.toOptional().filter(OrderMarkRules::isSuspendibleNow).isPresent()) {
                    list.add(new OrderEvent.OrderSuspended());
                    return events(orderId, list.toArray(OrderEvent[]::new));
                }
            }
            if (order.mark().equals(Optional.of(new OrderMark.Suspending(mode)))) {
                return Checked.ok(List.of());
            }
            return events(orderId, new OrderEvent.OrderSuspensionMarked(mode));
        });
    }

    private List<OrderEvent> resetState(Order order) {
        Workflow workflow = ctx.state().workflowOf(order).orThrow();
        if (order.state() instanceof OrderState.WaitingForLock) {
            var lock = (Instruction.Lock) workflow.instruction(order.position()).orThrow();
            return List.of(new OrderEvent.OrderLocksDequeued(lock.demands().stream().map(Instruction.LockDemand::lockPath).toList()));
        }
        if (!order.isState(OrderState.Kind.READY)) {
            return List.of();
        }
        List<OrderEvent> list = new ArrayList<>();
        List<Position.Segment> path = order.position().branchPath();
        Position outermost = null;
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).branchId().equals(BranchId.LOCK)) {
                Position owner = MotorContext.owner(path, i);
                list.addAll(LockExecutor.release((Instruction.Lock) workflow.instruction(owner).orThrow()));
                outermost = owner;
            }
        }
        if (outermost != null) {
            list.add(new OrderEvent.OrderMoved(outermost, Optional.of("ResetState")));
        }
        return list;
    }

    private static final java.util.Set<OrderState.Kind> MOVABLE_BY_RESUME = java.util.EnumSet.of(OrderState.Kind.FRESH,
            OrderState.Kind.READY, OrderState.Kind.PROCESSED, OrderState.Kind.PROCESSING_KILLED, OrderState.Kind.FAILED,
            OrderState.Kind.FAILED_WHILE_FRESH, OrderState.Kind.STOPPED, OrderState.Kind.STOPPED_WHILE_FRESH, OrderState.Kind.BROKEN);

    Checked<List<KeyedEvent<OrderEvent>>> resume(OrderId orderId, Optional<Position> position,
            List<HistoryOperation> historyOperations, boolean asSucceeded, Optional<Boolean> restartKilledJobOption) {
        return liveOrder(orderId).flatMap(order -> {
            boolean restartKilledJob = restartKilledJobOption.orElseGet(() -> order.lastOutcome().orElse(null) instanceof Outcome.Killed
                    && !ctx.state().workflowOf(order).flatMap(w -> w.job(order.position())).map(WorkflowJob::isNotRestartable).orElse(true));
            boolean suspending = order.mark().map(m -> m instanceof OrderMark.Suspending).orElse(false);
            boolean resumable = order.isSuspended() || suspending
                    || order.state().isFailedOrStopped() && !order.isState(OrderState.Kind.FAILED_IN_FORK);
            if (!resumable) {
                return Checked.fail(Problem.of("CannotResume", "Order '" + orderId + "' is neither suspended nor failed or stopped"));
            }
            if (position.isPresent() && !MOVABLE_BY_RESUME.contains(order.state().kind())) {
                // its state belongs to the instruction it waits at (a cycle, a lock, a sleep …)
                return Checked.fail(Problem.of("CannotResumeAtPosition", "Order '" + orderId + "' waits ("
                        + order.state().kind().typeName() + ") and can be resumed only where it is"));
            }
            if (position.isPresent()) {
                Workflow workflow = ctx.state().workflowOf(order).orThrow();
                if (!workflow.isDefinedAt(position.get())) {
                    return Checked.fail(Problem.of("UnknownPosition", "Workflow " + workflow.id() + " has no position " + position.get()));
                }
                if (!statefulBlocks(position.get()).equals(statefulBlocks(order.position()))) {
                    return Checked.fail(Problem.of("UnreachablePosition", "Order '" + orderId + "' cannot be resumed at " + position.get()
                            + ": it would enter or leave a Fork, Lock, Cycle, ConsumeNotices or StickySubagent block"));
                }
            }
            // An order on an Agent (suspended, or broken there) is resumed there (MarkOrder), else the Agent would keep it so.
            if (suspending || order.isSuspended() && order.isState(OrderState.Kind.PROCESSING) || attachedElsewhere(order)) {
                return events(orderId, new OrderEvent.OrderResumptionMarked(position, historyOperations, asSucceeded, restartKilledJob));
            }
            return events(orderId, new OrderEvent.OrderResumed(position, historyOperations, asSucceeded, restartKilledJob));
        });
    }

    /** The prefix of the branch path up to its innermost block that holds state (fork, lock, cycle …). */
    private static List<Position.Segment> statefulBlocks(Position position) {
        List<Position.Segment> path = position.branchPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            BranchId b = path.get(i).branchId();
            if (b.isFork() || b.isCycle() || b.equals(BranchId.LOCK) || b.equals(BranchId.CONSUME_NOTICES)
                    || b.equals(BranchId.STICKY_SUBAGENT)) {
                return path.subList(0, i + 1);
            }
        }
        return List.of();
    }

    Checked<List<KeyedEvent<OrderEvent>>> go(OrderId orderId, Position position) {
        return liveOrder(orderId).flatMap(order -> {
            if (!order.position().equals(position)) {
                return Checked.fail(Problem.of("GoOrderInapplicable", "Order '" + orderId + "' is not at position " + position));
            }
            if (attachedElsewhere(order)) { // the Agent holding it lets it go (OrderEventSource applies the mark)
                return events(orderId, new OrderEvent.OrderGoMarked(position));
            }
            return goEvents(order).map(list -> list.stream().map(e -> MotorContext.keyed(orderId, e)).toList());
        });
    }

    /** What lets a waiting order go on here; a problem when it does not wait for anything go ends. */
    Checked<List<OrderEvent>> goEvents(Order order) {
        OrderId orderId = order.id();
        Position position = order.position();
        Workflow workflow = ctx.state().workflowOf(order).orThrow();
        Step step = new Step(ctx, source.mover(), order, workflow);
        List<OrderEvent> list = new ArrayList<>();
        switch (order.state().kind()) {
            case FRESH -> list.add(new OrderEvent.OrderStarted());
            // sleeping or delayed for a retry, it is due at once and wakes as when its time comes (as JS7)
            case DELAYING_RETRY, DELAYED_AFTER_ERROR, SLEEPING -> list.add(new OrderEvent.OrderGoes());
            case PROMPTING -> {
                list.add(new OrderEvent.OrderGoes());
                list.addAll(step.moveOn());
            }
            case EXPECTING_NOTICES -> {
                if (!(workflow.instruction(position).orThrow() instanceof Instruction.ConsumeNotices)) {
                    return Checked.fail(goInapplicable(orderId)); // as JS7 (recorded): ExpectNotices is not gone past
                }
                list.add(new OrderEvent.OrderGoes());
                list.add(new OrderEvent.OrderNoticesConsumptionStarted(List.of()));
            }
            case WAITING_FOR_ADMISSION -> {
                list.add(new OrderEvent.OrderGoes());
                list.add(new OrderEvent.OrderMoved(position.enter(BranchId.ADMISSION_TIME), Optional.empty()));
            }
            case BETWEEN_CYCLES -> {
                if (((OrderState.BetweenCycles) order.state()).cycleState().isEmpty()) { // the Cycle has ended
                    return Checked.fail(goInapplicable(orderId));
                }
                list.add(new OrderEvent.OrderCycleStarted());
            }
            default -> {
                return Checked.fail(goInapplicable(orderId));
            }
        }
        return Checked.ok(list);
    }

    /** JS7's words. */
    private static Problem goInapplicable(OrderId orderId) {
        return Problem.of("GoOrderInapplicable", "GoOrder(Order:" + orderId + ") is not applicable at this position or in this state");
    }

    Checked<List<KeyedEvent<OrderEvent>>> answerPrompt(OrderId orderId) {
        return liveOrder(orderId).flatMap(order -> {
            if (!order.isState(OrderState.Kind.PROMPTING)) {
                return Checked.fail(Problem.of("NotPrompting", "Order '" + orderId + "' is not prompting"));
            }
            // as JS7 (recorded): to the next position, a block's end is left by a move of its own
            return events(orderId, new OrderEvent.OrderPromptAnswered(),
                    new OrderEvent.OrderMoved(order.position().increment(), Optional.empty()));
        });
    }

    Checked<List<KeyedEvent<OrderEvent>>> deleteWhenTerminated(OrderId orderId) {
        return ctx.state().order(orderId).flatMap(order -> {
            if (order.parent().isPresent()) {
                return Checked.fail(Problem.of("ChildOrder", "Child order '" + orderId + "' is deleted with its parent's join"));
            }
            if (order.state().isTerminated() && order.attachedState().isEmpty()) {
                return events(orderId, new OrderEvent.OrderDeletionMarked(), new OrderEvent.OrderDeleted());
            }
            return events(orderId, new OrderEvent.OrderDeletionMarked());
        });
    }

    Checked<List<KeyedEvent<OrderEvent>>> changePriority(OrderId orderId, BigDecimal priority) {
        return liveOrder(orderId).flatMap(order -> events(orderId, new OrderEvent.OrderPriorityChanged(priority)));
    }

    Checked<List<KeyedEvent<OrderEvent>>> transfer(OrderId orderId, WorkflowId workflowId) {
        return liveOrder(orderId).flatMap(order -> ctx.state().workflow(workflowId).flatMap(workflow -> {
            if (!workflow.path().equals(order.workflowId().path())) {
                return Checked.fail(Problem.of("TransferToOtherWorkflow", "Order '" + orderId + "' can only be transferred to a version of " + order.workflowId().path()));
            }
            if (!workflow.isDefinedAt(order.position())) {
                return Checked.fail(Problem.of("UnknownPosition", "Workflow " + workflowId + " has no position " + order.position(),
                        Map.of("position", order.position().toString())));
            }
            return events(orderId, new OrderEvent.OrderTransferred(new WorkflowPosition(workflowId, order.position())));
        }));
    }
}
