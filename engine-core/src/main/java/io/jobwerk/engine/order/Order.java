package io.jobwerk.engine.order;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPosition;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An order: a run of a workflow with its arguments, moving from position to position.
 * Immutable; {@link #applyEvent} returns the next value or a problem when the event does not fit
 * the order's state ({@link OrderTransitions} is the table of what fits).
 *
 * @param parent the forking order, for a child order of a Fork or ForkList
 * @param innerBlock the block the order is confined to ({@code AddOrder.innerBlock}); it finishes at its end
 * @param stopPositions positions at which the order stops (finishes) instead of executing the instruction
 */
public record Order(
        OrderId id,
        WorkflowPosition workflowPosition,
        OrderState state,
        Map<String, Value> arguments,
        Optional<Instant> scheduledFor,
        Optional<ExternalOrderLink> externalOrder,
        List<HistoricOutcome> historicOutcomes,
        Optional<AttachedState> attachedState,
        Optional<OrderId> parent,
        Optional<OrderMark> mark,
        boolean isSuspended,
        boolean isResumed,
        boolean deleteWhenTerminated,
        boolean forceAdmission,
        List<StickySubagentEntry> stickySubagents,
        Optional<List<Position.Segment>> innerBlock,
        List<PositionOrLabel> stopPositions,
        BigDecimal priority,
        PlanId planId) {

    public Order {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workflowPosition, "workflowPosition");
        Objects.requireNonNull(state, "state");
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        Objects.requireNonNull(externalOrder, "externalOrder");
        historicOutcomes = List.copyOf(historicOutcomes);
        Objects.requireNonNull(attachedState, "attachedState");
        Objects.requireNonNull(parent, "parent");
        Objects.requireNonNull(mark, "mark");
        stickySubagents = List.copyOf(stickySubagents);
        innerBlock = innerBlock.map(List::copyOf);
        stopPositions = List.copyOf(stopPositions);
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(planId, "planId");
    }

    /** A fresh order as {@link OrderEvent.OrderAdded} creates it. */
    public static Order fromOrderAdded(OrderId id, OrderEvent.OrderAdded e) {
        Position start = e.startPosition().orElseGet(() -> e.innerBlock().map(b -> new Position(b, 0)).orElse(Position.FIRST));
        return new Order(id, new WorkflowPosition(e.workflowId(), start), OrderState.FRESH, e.arguments(),
                e.scheduledFor(), e.externalOrder(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                false, false, e.deleteWhenTerminated(), e.forceAdmission(), List.of(), e.innerBlock(), e.stopPositions(),
                e.priority(), e.planId());
    }

    /** The order an {@link OrderEvent.OrderOrderAdded} adds. */
    public static Order fromOrderOrderAdded(OrderEvent.OrderOrderAdded e) {
        return fromOrderAdded(e.orderId(), new OrderEvent.OrderAdded(e.workflowId(), e.arguments(), Optional.empty(),
                e.planId(), Optional.empty(), e.deleteWhenTerminated(), e.forceAdmission(), e.innerBlock(),
                e.startPosition(), e.stopPositions(), e.priority()));
    }

    /** A child order of a fork, starting at the first instruction of its branch. */
    public Order forkChild(OrderEvent.ForkedChild child, BranchId branchId) {
        Map<String, Value> args = new LinkedHashMap<>(arguments);
        args.putAll(child.arguments());
        return new Order(child.orderId(), new WorkflowPosition(workflowId(), position().enter(branchId)), OrderState.READY,
                args, Optional.empty(), Optional.empty(), historicOutcomes, attachedState, Optional.of(id), Optional.empty(),
                false, false, false, forceAdmission, stickySubagents, Optional.empty(), List.of(), priority, planId);
    }

    public WorkflowId workflowId() {
        return workflowPosition.workflowId();
    }

    public Position position() {
        return workflowPosition.position();
    }

    public boolean isState(OrderState.Kind kind) {
        return state.kind() == kind;
    }

    public boolean isAttached() {
        return attachedState.orElse(null) instanceof AttachedState.Attached;
    }

    public boolean isDetached() {
        return attachedState.isEmpty();
    }

    /** The outcome of the last step, if any. */
    public Optional<Outcome> lastOutcome() {
        return historicOutcomes.isEmpty() ? Optional.empty()
                : Optional.of(historicOutcomes.get(historicOutcomes.size() - 1).outcome());
    }

    /** Whether the order, once ended, is to be removed (not kept for display). */
    public boolean isDeletable() {
        return deleteWhenTerminated && state.isTerminated() && parent.isEmpty();
    }

    /** The next order, or a problem naming the event that does not fit the state. */
    public Checked<Order> applyEvent(OrderEvent event) {
        Optional<Problem> misfit = OrderTransitions.check(this, event);
        if (misfit.isPresent()) {
            return Checked.fail(misfit.get());
        }
        Builder b = new Builder(this);
        switch (event.kind()) {
            case ADDED, ATTACHED_TO_AGENT -> {
                return Checked.fail(Problem.of("OrderExists", "Order " + id + " already exists"));
            }
            case ORDER_ADDED, STDOUT_WRITTEN, STDERR_WRITTEN, NOTICE_POSTED, CANCELLATION_MARKED_ON_AGENT, SUSPENSION_MARKED_ON_AGENT -> { }
            case ATTACHABLE -> b.attachedState = Optional.of(new AttachedState.Attaching(((OrderEvent.OrderAttachable) event).agentPath()));
            case ATTACHED -> b.attachedState = Optional.of(new AttachedState.Attached(((OrderEvent.OrderAttached) event).agentPath()));
            case DETACHABLE -> b.attachedState = attachedState.map(a -> new AttachedState.Detaching(a.agentPath()));
            case DETACHED -> b.attachedState = Optional.empty();
            case STARTED -> {
                b.state = OrderState.READY;
                b.mark = b.mark.filter(m -> !(m instanceof OrderMark.Go)); // go's event for a Fresh order
            }
            case PROCESSING_STARTED -> {
                var e = (OrderEvent.OrderProcessingStarted) event;
                b.state = new OrderState.Processing(e.subagentId());
                if (e.stick() && !stickySubagents.isEmpty()) {
                    StickySubagentEntry head = stickySubagents.get(0);
                    b.stickySubagents.set(0, new StickySubagentEntry(head.agentPath(), head.subagentBundleId(), Optional.of(e.subagentId())));
                }
            }
            case PROCESSED -> {
                Outcome outcome = ((OrderEvent.OrderProcessed) event).outcome();
                b.state = OrderState.PROCESSED; // a Killed outcome: the motor's OrderProcessingKilled follows (as JS7)
                b.historicOutcomes.add(new HistoricOutcome(position(), outcome));
            }
            case MOVED -> {
                b.state = isState(OrderState.Kind.FRESH) ? state : OrderState.READY;
                b.position = ((OrderEvent.OrderMoved) event).to();
            }
            case OUTCOME_ADDED -> b.historicOutcomes.add(new HistoricOutcome(position(), ((OrderEvent.OrderOutcomeAdded) event).outcome()));
            case FAILED -> {
                b.state = isState(OrderState.Kind.FRESH) ? OrderState.FAILED_WHILE_FRESH : OrderState.FAILED;
                b.mark = b.mark.filter(m -> !(m instanceof OrderMark.Suspending)); // as JS7: a failed order is not suspended
                b.position = ((OrderEvent.OrderFailed) event).movedTo();
            }
            case FAILED_IN_FORK -> {
                b.state = OrderState.FAILED_IN_FORK;
                b.position = ((OrderEvent.OrderFailedInFork) event).movedTo();
            }
            case CAUGHT -> {
                b.state = OrderState.READY;
                b.position = ((OrderEvent.OrderCaught) event).movedTo();
                // the failure is handled: a Ready order whose last outcome failed goes on failing (as JS7)
                b.historicOutcomes.add(new HistoricOutcome(b.position, Outcome.caught()));
            }
            case RETRYING -> {
                // as JS7 2.9: stays at the Retry instruction; OrderMoved (after OrderAwoke) enters the next try
                var e = (OrderEvent.OrderRetrying) event;
                b.state = e.delayedUntil().<OrderState>map(OrderState.DelayingRetry::new).orElse(OrderState.READY);
            }
            case PROCESSING_KILLED -> b.state = OrderState.PROCESSING_KILLED;
            case AWOKE -> b.state = OrderState.READY;
            case GOES -> {
                // as JS7: a sleeping or retry-delayed order is due now and wakes (OrderAwoke) as when its time comes
                b.state = state instanceof OrderState.Sleeping ? new OrderState.Sleeping(Instant.EPOCH)
                        : state instanceof OrderState.DelayingRetry ? new OrderState.DelayingRetry(Instant.EPOCH) : OrderState.READY;
                b.mark = b.mark.filter(m -> !(m instanceof OrderMark.Go));
            }
            case FORKED -> b.state = new OrderState.Forked(((OrderEvent.OrderForked) event).children().stream()
                    .map(c -> new OrderState.Child(c.orderId(), c.branchId(), c.arguments())).toList());
            case JOINED -> {
                b.state = OrderState.PROCESSED;
                b.historicOutcomes.add(new HistoricOutcome(position(), ((OrderEvent.OrderJoined) event).outcome()));
            }
            case FINISHED -> {
                b.state = OrderState.FINISHED;
                ((OrderEvent.OrderFinished) event).outcome().ifPresent(o -> b.historicOutcomes.add(new HistoricOutcome(position(), o)));
                b.mark = Optional.empty();
            }
            case CANCELLED -> {
                // as JS7: a cancelled order is terminal, neither suspended nor resumed any more
                b.state = OrderState.CANCELLED;
                b.mark = Optional.empty();
                b.isSuspended = false;
                b.isResumed = false;
            }
            case DELETION_MARKED -> b.deleteWhenTerminated = true;
            case DELETED -> b.state = OrderState.DELETED;
            case LOCKS_QUEUED -> b.state = OrderState.WAITING_FOR_LOCK;
            case LOCKS_ACQUIRED -> {
                b.state = OrderState.READY;
                b.position = position().enter(BranchId.LOCK);
            }
            case LOCKS_RELEASED, NOTICES_CONSUMED, STICKY_SUBAGENT_LEAVED -> {
                java.util.function.Predicate<BranchId> block = switch (event.kind()) {
                    case LOCKS_RELEASED -> BranchId.LOCK::equals;
                    case NOTICES_CONSUMED -> BranchId.CONSUME_NOTICES::equals;
                    default -> BranchId.STICKY_SUBAGENT::equals;
                };
                // as JS7, also a failed consumption moves past the block (a failure then moves where it fails)
                b.position = enclosingInstruction(block).orElse(position()).increment();
                if (event.kind() == OrderEvent.Kind.STICKY_SUBAGENT_LEAVED && !b.stickySubagents.isEmpty()) {
                    b.stickySubagents.remove(0);
                }
            }
            case LOCKS_DEQUEUED, NOTICES_READ, PROMPT_ANSWERED, STATE_RESET -> b.state = OrderState.READY;
            case NOTICES_EXPECTED -> b.state = new OrderState.ExpectingNotices(((OrderEvent.OrderNoticesExpected) event).expected());
            case NOTICES_CONSUMPTION_STARTED -> {
                b.state = OrderState.READY;
                b.position = position().enter(BranchId.CONSUME_NOTICES);
            }
            case PROMPTED -> b.state = new OrderState.Prompting(((OrderEvent.OrderPrompted) event).question());
            case CYCLING_PREPARED -> b.state = new OrderState.BetweenCycles(Optional.of(((OrderEvent.OrderCyclingPrepared) event).cycleState()));
            case CYCLE_STARTED -> {
                Optional<CycleState> prepared = ((OrderState.BetweenCycles) state).cycleState();
                if (prepared.isEmpty()) {
                    return Checked.fail(Problem.of("UnexpectedOrderEvent", "Event " + event.typeName()
                            + " does not fit order " + id + ": the cycle has not been prepared",
                            Map.of("orderId", id.string(), "event", event.typeName(), "state", state.kind().typeName())));
                }
                CycleState cs = prepared.get();
                b.mark = b.mark.filter(m -> !(m instanceof OrderMark.Go)); // go's event between cycles
                b.state = OrderState.READY;
                b.position = position().enter(BranchId.cycle(cs.toBranchSuffix()));
            }
            case CYCLE_FINISHED -> {
                Optional<CycleState> next = ((OrderEvent.OrderCycleFinished) event).cycleState();
                Position cycle = enclosingInstruction(BranchId::isCycle).orElse(position());
                // as JS7: back at the Cycle, BetweenCycles without a next cycle when it has ended (then OrderMoved)
                b.state = new OrderState.BetweenCycles(next);
                b.position = cycle;
            }
            case SLEEPING -> b.state = new OrderState.Sleeping(((OrderEvent.OrderSleeping) event).until());
            case WAITING_FOR_ADMISSION -> b.state = new OrderState.WaitingForAdmission(((OrderEvent.OrderWaitingForAdmission) event).until());
            case SUSPENSION_MARKED -> b.mark = Optional.of(new OrderMark.Suspending(((OrderEvent.OrderSuspensionMarked) event).mode()));
            case SUSPENDED -> {
                b.isSuspended = true;
                b.isResumed = false;
                b.mark = Optional.empty();
                if (isState(OrderState.Kind.PROCESSED) || isState(OrderState.Kind.PROCESSING_KILLED)) {
                    b.state = OrderState.READY;
                }
            }
            case RESUMPTION_MARKED -> {
                var e = (OrderEvent.OrderResumptionMarked) event;
                b.mark = Optional.of(new OrderMark.Resuming(e.position(), e.historyOperations(), e.asSucceeded(), e.restartKilledJob()));
            }
            case RESUMED -> applyResumed(b, (OrderEvent.OrderResumed) event);
            case CANCELLATION_MARKED -> b.mark = Optional.of(new OrderMark.Cancelling(((OrderEvent.OrderCancellationMarked) event).mode()));
            case OPERATION_CANCELLED -> b.mark = Optional.empty();
            case GO_MARKED -> b.mark = Optional.of(new OrderMark.Go(((OrderEvent.OrderGoMarked) event).position()));
            case STOPPED -> b.state = isState(OrderState.Kind.FRESH) ? OrderState.STOPPED_WHILE_FRESH : OrderState.STOPPED;
            case BROKEN -> b.state = new OrderState.Broken(((OrderEvent.OrderBroken) event).problem());
            case TRANSFERRED -> {
                b.workflowId = ((OrderEvent.OrderTransferred) event).workflowPosition().workflowId();
                b.position = ((OrderEvent.OrderTransferred) event).workflowPosition().position();
            }
            case PRIORITY_CHANGED -> b.priority = ((OrderEvent.OrderPriorityChanged) event).priority();
            case STICKY_SUBAGENT_ENTERED -> {
                var e = (OrderEvent.OrderStickySubagentEntered) event;
                b.stickySubagents.add(0, new StickySubagentEntry(e.agentPath(), e.subagentBundleId(), Optional.empty()));
                b.position = position().enter(BranchId.STICKY_SUBAGENT);
            }
            case EXTERNAL_VANISHED -> b.externalOrder = externalOrder.map(x -> new ExternalOrderLink(x.fileWatchPath(), x.name(), true));
            case PLAN_ATTACHED -> b.planId = ((OrderEvent.OrderPlanAttached) event).planId();
        }
        if (event.kind() != OrderEvent.Kind.RESUMED && !b.position.equals(position())) {
            // a resumption lets the order pass a breakpoint once, at the position it was resumed at; as JS7
            // (recorded) it stays resumed while it is there, also through a job that fails again
            b.isResumed = false;
        }
        return Checked.ok(b.build());
    }

    /** The position of the instruction owning the innermost enclosing block whose branch id matches. */
    private Optional<Position> enclosingInstruction(java.util.function.Predicate<BranchId> block) {
        List<Position.Segment> path = position().branchPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (block.test(path.get(i).branchId())) {
                return Optional.of(new Position(path.subList(0, i), path.get(i).nr()));
            }
        }
        return Optional.empty();
    }

    private void applyResumed(Builder b, OrderEvent.OrderResumed e) {
        b.isSuspended = false;
        b.isResumed = true;
        b.mark = Optional.empty();
        List<HistoricOutcome> outcomes = historicOutcomes;
        if (e.restartKilledJob() && lastOutcome().orElse(null) instanceof Outcome.Killed) {
            outcomes = outcomes.subList(0, outcomes.size() - 1); // as JS7: the killed job runs again
        }
        b.historicOutcomes.clear();
        b.historicOutcomes.addAll(HistoryOperations.apply(outcomes, e.historyOperations()));
        if (e.asSucceeded() && !b.historicOutcomes.isEmpty()) {
            int last = b.historicOutcomes.size() - 1;
            HistoricOutcome h = b.historicOutcomes.get(last);
            if (!h.outcome().isSucceeded()) {
                b.historicOutcomes.set(last, new HistoricOutcome(h.position(), new Outcome.Succeeded(h.outcome().namedValues())));
            }
        }
        switch (state.kind()) {
            case FAILED_WHILE_FRESH, STOPPED_WHILE_FRESH -> b.state = OrderState.FRESH;
            case FAILED, STOPPED, BROKEN, PROCESSING_KILLED, PROCESSED -> b.state = OrderState.READY;
            default -> { }
        }
        // as JS7 (recorded): asSucceeded rewrites the last outcome; the order goes on where it is (a job runs again)
        e.position().ifPresent(p -> b.position = p);
    }

    /** Mutable copy used only inside {@link #applyEvent}. */
    private static final class Builder {
        private final Order o;
        WorkflowId workflowId;
        Position position;
        OrderState state;
        Optional<ExternalOrderLink> externalOrder;
        final List<HistoricOutcome> historicOutcomes;
        Optional<AttachedState> attachedState;
        Optional<OrderMark> mark;
        boolean isSuspended;
        boolean isResumed;
        boolean deleteWhenTerminated;
        final List<StickySubagentEntry> stickySubagents;
        BigDecimal priority;
        PlanId planId;

        Builder(Order o) {
            this.o = o;
            workflowId = o.workflowId();
            position = o.position();
            state = o.state;
            externalOrder = o.externalOrder;
            historicOutcomes = new ArrayList<>(o.historicOutcomes);
            attachedState = o.attachedState;
            mark = o.mark;
            isSuspended = o.isSuspended;
            isResumed = o.isResumed;
            deleteWhenTerminated = o.deleteWhenTerminated;
            stickySubagents = new ArrayList<>(o.stickySubagents);
            priority = o.priority;
            planId = o.planId;
        }

        Order build() {
            return new Order(o.id, new WorkflowPosition(workflowId, position), state, o.arguments, o.scheduledFor,
                    externalOrder, historicOutcomes, attachedState, o.parent, mark, isSuspended, isResumed,
                    deleteWhenTerminated, o.forceAdmission, stickySubagents, o.innerBlock, o.stopPositions, priority, planId);
        }
    }

    /** The bundle of the innermost StickySubagent block, if the order is in one. */
    public Optional<SubagentBundleId> stickySubagentBundle() {
        return stickySubagents.isEmpty() ? Optional.empty() : stickySubagents.get(0).subagentBundleId();
    }
}
