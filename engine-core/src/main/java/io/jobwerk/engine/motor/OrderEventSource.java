package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.HistoryOperation;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderMark;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The order motor: which events move an order one step on, given the engine state and the time.
 * Pure: the same inputs give the same events; nothing is read from a clock or the environment.
 * The caller applies the events ({@link EngineState#applyEvent}) and asks again until nothing comes
 * (the motor loop); it asks again after {@link #nextWakeTime} or when another order's events may
 * have freed something (a lock, a notice, a fork child). Job processes are not started here: see
 * {@link JobQueue}; the job runner emits {@code OrderProcessingStarted} and {@code OrderProcessed}.
 * Here the order's state decides; a Ready order's instruction is carried out by {@link InstructionExecutor}
 * and the executor of its family, and an Agent hands orders to the Controller by {@link DetachRules}.
 *
 * <p>Decisions made where JS7 leaves room or where we were unsure:
 * <ul>
 *   <li>Marks (as JS7, see {@link OrderMarkRules}): cancel and suspend are carried out where the
 *       order is detached; an Agent hands a marked order back once the mark can be carried out.
 *       After a step the order first goes on (moves, or {@code OrderProcessingKilled} when the mark
 *       killed its process); a Forked parent's children go on, the parent is cancelled after the join.
 *   <li>A Processed order with {@code Disrupted(ProcessLost)} gets {@code OrderMoved} to the same
 *       position with reason {@code ProcessLost} so the job restarts (unless {@code isNotRestartable}).
 *   <li>An If predicate that fails to evaluate or is not Boolean fails the order:
 *       {@code OrderOutcomeAdded(Failed(problem))} at the If, then the usual failure handling.
 *   <li>Sleep: when due, {@code OrderAwoke} and {@code OrderMoved} come together.
 *   <li>A suspended workflow path (ControlWorkflowPath) does not start Fresh orders and starts no
 *       job processes ({@link JobQueue}); orders already started still move through other instructions.
 *   <li>{@code Finish} in a fork child moves the child to the end of its branch; {@code End}
 *       behaves like the block's implicit end.
 *   <li>Retry (as JS7 2.9): {@code OrderRetrying} at the Retry instruction, then {@code OrderMoved} to the
 *       start of {@code try+(N+1)} (after the delay: {@code OrderAwoke} first); a Try with
 *       {@code maxTries} does not catch the failure of its last try.
 *   <li>AddOrder: the new order belongs to the adding order's plan unless {@code planId} evaluates to a
 *       two-string list; it has priority 0.
 *   <li>In an Agent placement, an order that would finish, stop, fail (also a fork child) or be
 *       cancelled, or leave a Lock or ConsumeNotices block by a failure, is detached instead, and
 *       the Controller decides again.
 * </ul>
 */
public final class OrderEventSource {

    private final MotorContext ctx;
    private final Mover mover;

    public OrderEventSource(EngineState state, Instant now, Placement placement, MotorEnvironment env) {
        this(new MotorContext(state, now, placement, env));
    }

    private OrderEventSource(MotorContext ctx) {
        this.ctx = ctx;
        this.mover = new Mover(ctx);
    }

    EngineState state() {
        return ctx.state();
    }

    MotorContext context() {
        return ctx;
    }

    Mover mover() {
        return mover;
    }

    /** The events that move this order one step on (possibly with events of other orders); empty when nothing can happen now. */
    public List<KeyedEvent<OrderEvent>> nextEvents(OrderId orderId) {
        Order order = ctx.state().orders().get(orderId);
        if (order == null || !isMine(order)) {
            return List.of();
        }
        Checked<Workflow> workflow = ctx.state().workflowOf(order);
        if (workflow.isFail()) {
            return order.isState(OrderState.Kind.BROKEN) || order.state().isTerminated() ? List.of()
                    : List.of(MotorContext.keyed(orderId, new OrderEvent.OrderBroken(workflow.problemOption())));
        }
        Step step = new Step(ctx, mover, order, workflow.orThrow());
        List<OrderEvent> events = decide(step);
        if (events.isEmpty() && order.parent().isPresent()) {
            Order parent = ctx.state().orders().get(order.parent().get());
            if (parent != null && isMine(parent)) {
                return ForkExecutor.join(ctx, parent, workflow.orThrow());
            }
        }
        events = DetachRules.detachOnAgent(ctx, step, events);
        List<KeyedEvent<OrderEvent>> keyed = new ArrayList<>();
        for (OrderEvent e : events) {
            keyed.add(MotorContext.keyed(orderId, e));
        }
        return keyed;
    }

    /** When a time-based wait of the order ends: scheduledFor, retry delay, sleep, next cycle, admission. */
    public Optional<Instant> nextWakeTime(OrderId orderId) {
        Order order = ctx.state().orders().get(orderId);
        if (order == null || order.isSuspended()) { // a suspended order waits for its resumption, not for a time
            return Optional.empty();
        }
        OrderState s = order.state();
        if (s instanceof OrderState.Fresh) {
            return order.scheduledFor();
        } else if (s instanceof OrderState.DelayingRetry d) {
            return Optional.of(d.until());
        } else if (s instanceof OrderState.DelayedAfterError d) {
            return Optional.of(d.until());
        } else if (s instanceof OrderState.Sleeping d) {
            return Optional.of(d.until());
        } else if (s instanceof OrderState.WaitingForAdmission d) {
            return Optional.of(d.until());
        } else if (s instanceof OrderState.BetweenCycles b) {
            return b.cycleState().map(c -> c.next());
        } else if (s instanceof OrderState.Ready) {
            return new JobQueue(ctx.state(), ctx.now()).admissionWait(orderId);
        }
        return Optional.empty();
    }

    // ---- operator operations, see OrderOperations ----

    public Checked<List<KeyedEvent<OrderEvent>>> cancel(OrderId orderId, CancellationMode mode) {
        return new OrderOperations(this).cancel(orderId, mode);
    }

    public Checked<List<KeyedEvent<OrderEvent>>> suspend(OrderId orderId, SuspensionMode mode) {
        return new OrderOperations(this).suspend(orderId, mode);
    }

    public Checked<List<KeyedEvent<OrderEvent>>> resume(OrderId orderId, Optional<Position> position,
            List<HistoryOperation> historyOperations, boolean asSucceeded, boolean restartKilledJob) {
        return resume(orderId, position, historyOperations, asSucceeded, Optional.of(restartKilledJob));
    }

    /** {@code restartKilledJob} not given: as JS7, when the last outcome is {@code Killed} and the job is restartable. */
    public Checked<List<KeyedEvent<OrderEvent>>> resume(OrderId orderId, Optional<Position> position,
            List<HistoryOperation> historyOperations, boolean asSucceeded, Optional<Boolean> restartKilledJob) {
        return new OrderOperations(this).resume(orderId, position, historyOperations, asSucceeded, restartKilledJob);
    }

    public Checked<List<KeyedEvent<OrderEvent>>> go(OrderId orderId, Position position) {
        return new OrderOperations(this).go(orderId, position);
    }

    public Checked<List<KeyedEvent<OrderEvent>>> answerPrompt(OrderId orderId) {
        return new OrderOperations(this).answerPrompt(orderId);
    }

    public Checked<List<KeyedEvent<OrderEvent>>> deleteWhenTerminated(OrderId orderId) {
        return new OrderOperations(this).deleteWhenTerminated(orderId);
    }

    public Checked<List<KeyedEvent<OrderEvent>>> changePriority(OrderId orderId, BigDecimal priority) {
        return new OrderOperations(this).changePriority(orderId, priority);
    }

    public Checked<List<KeyedEvent<OrderEvent>>> transfer(OrderId orderId, WorkflowId workflowId) {
        return new OrderOperations(this).transfer(orderId, workflowId);
    }

    /**
     * An Agent's events for the Controller's {@code MarkOrder} (as JS7): none for an order it is handing
     * back (the Controller holds the mark) or that has the mark already; {@code OrderDetachable} for a
     * cancel or suspend that can be carried out at once (the Controller does, so the mark is not
     * written here and not reported back as {@code …MarkedOnAgent}); else the mark's event.
     */
    public static List<OrderEvent> markOnAgent(EngineState state, Order order, OrderMark mark) {
        if (!(order.attachedState().orElse(null) instanceof AttachedState.Attached) || order.mark().equals(Optional.of(mark))) {
            return List.of();
        }
        OrderEvent event = switch (mark.kind()) {
            case CANCELLING -> new OrderEvent.OrderCancellationMarked(((OrderMark.Cancelling) mark).mode());
            case SUSPENDING -> new OrderEvent.OrderSuspensionMarked(((OrderMark.Suspending) mark).mode());
            case RESUMING -> {
                var r = (OrderMark.Resuming) mark;
                yield new OrderEvent.OrderResumptionMarked(r.position(), r.historyOperations(), r.asSucceeded(), r.restartKilledJob());
            }
            case GO -> new OrderEvent.OrderGoMarked(((OrderMark.Go) mark).position());
        };
        if (mark.kind() == OrderMark.Kind.CANCELLING || mark.kind() == OrderMark.Kind.SUSPENDING) {
            Optional<Order> marked = order.applyEvent(event).toOptional();
            Optional<Workflow> workflow = state.workflowOf(order).toOptional();
            if (marked.isPresent() && workflow.isPresent() && OrderMarkRules.carriedOut(marked.get(), workflow.get()).isPresent()) {
                return List.of(new OrderEvent.OrderDetachable());
            }
        }
        return List.of(event);
    }

    /**
     * The kill the job runner is to perform for a Processing order marked to be cancelled or
     * suspended with {@code kill}; empty when its process is to run on.
     */
    public static Optional<CancellationMode.Kill> killRequested(Order order) {
        if (!order.isState(OrderState.Kind.PROCESSING)) {
            return Optional.empty();
        }
        Optional<CancellationMode.Kill> kill = order.mark().flatMap(m -> m instanceof OrderMark.Cancelling c ? c.mode().killOption()
                : m instanceof OrderMark.Suspending s ? s.mode().kill() : Optional.empty());
        return kill.filter(k -> k.workflowPosition().isEmpty()
                || k.workflowPosition().get().equals(order.workflowPosition()));
    }

    // ---- the decision ----

    boolean isMine(Order order) {
        Placement placement = ctx.placement();
        if (placement instanceof Placement.Standalone) {
            return true;
        } else if (placement instanceof Placement.Controller) {
            return order.attachedState().isEmpty();
        }
        AgentPath agent = ((Placement.Agent) placement).agentPath();
        return order.attachedState().equals(Optional.of(new AttachedState.Attached(agent)));
    }

    private List<OrderEvent> decide(Step step) {
        Order order = step.order();
        if (order.state().isTerminated()) {
            boolean delete = order.deleteWhenTerminated() && order.parent().isEmpty()
                    && !order.isState(OrderState.Kind.DELETED) && order.attachedState().isEmpty();
            return delete ? List.of(new OrderEvent.OrderDeleted()) : List.of();
        }
        Optional<List<OrderEvent>> byMark = applyMark(order, step.workflow());
        if (byMark.isPresent()) {
            return byMark.get();
        }
        if (order.isSuspended()) {
            return List.of();
        }
        OrderState state = order.state();
        switch (state.kind()) {
            case FRESH:
                return fresh(step);
            case READY:
                return ready(step);
            case PROCESSED:
                return processed(step);
            case PROCESSING_KILLED: // without a mark that takes it (e.g. resumed before the kill ended the step): a failure
                return FailureHandler.fail(order, step.workflow(), step.position(), order.lastOutcome().orElse(Outcome.failed()));
            case DELAYING_RETRY: {
                if (((OrderState.DelayingRetry) state).until().isAfter(ctx.now())) {
                    return List.of();
                }
                List<OrderEvent> events = new ArrayList<>();
                events.add(new OrderEvent.OrderAwoke());
                events.addAll(RetryExecutor.nextTry(step));
                return events;
            }
            case DELAYED_AFTER_ERROR:
                return awake(((OrderState.DelayedAfterError) state).until());
            case WAITING_FOR_ADMISSION:
                return awake(((OrderState.WaitingForAdmission) state).until());
            case SLEEPING: {
                Instant until = ((OrderState.Sleeping) state).until();
                if (until.isAfter(ctx.now())) {
                    return List.of();
                }
                List<OrderEvent> moved = step.moveOn();
                if (!until.equals(Instant.EPOCH) && !moved.isEmpty() && moved.get(0) instanceof OrderEvent.OrderMoved) {
                    return moved; // as JS7: a sleep ends with the move; after go (or a failing move), OrderAwoke first
                }
                List<OrderEvent> events = new ArrayList<>();
                events.add(new OrderEvent.OrderAwoke());
                events.addAll(moved);
                return events;
            }
            case FORKED:
                return ForkExecutor.join(ctx, order, step.workflow()).stream().map(KeyedEvent::event).toList();
            case WAITING_FOR_LOCK:
                return Anticipation.checked(step, instruction(step).flatMap(LockExecutor::asLock)
                        .map(l -> LockExecutor.acquireOrQueue(step, l)).orElse(List.of()));
            case EXPECTING_NOTICES: {
                Instruction i = instruction(step).orElse(null);
                return Anticipation.checked(step, i instanceof Instruction.ExpectNotices e ? NoticeExecutor.expect(step, e)
                        : i instanceof Instruction.ConsumeNotices c ? NoticeExecutor.consume(step, c) : List.of());
            }
            case BETWEEN_CYCLES:
                return Anticipation.checked(step, CycleExecutor.startWhenDue(step));
            case PROCESSING:
            case PROMPTING:
            case BROKEN:
            case FAILED:
            case FAILED_WHILE_FRESH:
            case FAILED_IN_FORK:
            case STOPPED:
            case STOPPED_WHILE_FRESH:
            case FINISHED:
            case CANCELLED:
            case DELETED:
                return List.of();
        }
        throw new AssertionError(state.kind());
    }

    private Optional<List<OrderEvent>> applyMark(Order order, Workflow workflow) {
        if (order.mark().isEmpty()) {
            return Optional.empty();
        }
        OrderMark mark = order.mark().get();
        switch (mark.kind()) {
            case CANCELLING:
            case SUSPENDING:
                // at an Agent, detachOnAgent hands the order to the Controller, which carries the mark out
                return OrderMarkRules.carriedOut(order, workflow);
            case RESUMING:
                if (order.isSuspended() || order.isState(OrderState.Kind.BROKEN)) {
                    var r = (OrderMark.Resuming) mark;
                    return Optional.of(List.of(new OrderEvent.OrderResumed(r.position(), r.historyOperations(), r.asSucceeded(),
                            r.restartKilledJob())));
                }
                return Optional.empty();
            case GO: {
                // Set by the Controller for an order held here: let it go once it waits at that position.
                if (!order.position().equals(((OrderMark.Go) mark).position()) || order.isSuspended()) {
                    return Optional.empty();
                }
                return new OrderOperations(this).goEvents(order).toOptional();
            }
        }
        throw new AssertionError(mark.kind());
    }

    private List<OrderEvent> awake(Instant until) {
        return until.isAfter(ctx.now()) ? List.of() : List.of(new OrderEvent.OrderAwoke());
    }

    private static Optional<Instruction> instruction(Step step) {
        return step.workflow().instruction(step.position()).toOptional();
    }

    private List<OrderEvent> fresh(Step step) {
        Order order = step.order();
        if (ctx.isWorkflowSuspended(step.workflow())) {
            return List.of();
        }
        boolean scheduledForLater = order.scheduledFor().filter(t -> t.isAfter(ctx.now())).isPresent();
        if (!(ctx.placement() instanceof Placement.Agent)) {
            // As JS7 (recorded): a fresh order first enters the blocks it starts in (Try, If, Options,
            // StickySubagent), then is attached to the Agent of its first job or starts here. Also one
            // scheduled for later: it waits for its time at that Agent.
            Checked<Position> first = mover.settle(order, step.workflow(), order.position());
            if (first.isFail()) {
                return step.failWith(disrupted(first.problemOption().orElseThrow()));
            }
            if (!first.orThrow().equals(order.position())) {
                return List.of(new OrderEvent.OrderMoved(first.orThrow(), Optional.empty()));
            }
            Optional<AgentPath> agent = step.workflow().job(first.orThrow()).toOptional().map(WorkflowJob::agentPath);
            if (agent.isPresent() && ctx.placement() instanceof Placement.Controller) {
                return List.of(new OrderEvent.OrderAttachable(agent.get()));
            }
            if (scheduledForLater) {
                return List.of();
            }
            Instruction instruction = step.workflow().instruction(first.orThrow()).orThrow();
            if (instruction instanceof Instruction.StickySubagent sticky) {
                return Anticipation.checked(step, StickySubagentExecutor.enter(step, sticky));
            }
            if (MotorContext.isEnd(step.workflow(), first.orThrow())
                    && first.orThrow().lastBranchId().filter(BranchId.STICKY_SUBAGENT::equals).isPresent()) {
                // As JS7 (recorded: random-787, random-942): a StickySubagent block without a job is left while fresh.
                return List.of(new OrderEvent.OrderStickySubagentLeaved());
            }
            Optional<OrderEvent> attaching = ForkPlacement.attachingFresh(step, instruction);
            if (attaching.isPresent()) {
                return List.of(attaching.get());
            }
            if (agent.isEmpty()) {
                return startedAnticipating(step);
            }
        }
        return scheduledForLater ? List.of() : List.of(new OrderEvent.OrderStarted());
    }

    /**
     * As JS7, an instruction starts a fresh order as its first event, in the same step: when the moves
     * after the instruction's own events cannot be made, the order fails while fresh (see
     * {@link Anticipation}). Here the start is a decision of its own, so it looks ahead one.
     */
    private List<OrderEvent> startedAnticipating(Step step) {
        List<OrderEvent> started = List.of(new OrderEvent.OrderStarted());
        Checked<EngineState> state = ctx.state().applyEvent(MotorContext.keyed(step.order().id(), started.get(0)));
        Order order = state.isOk() ? state.orThrow().orders().get(step.order().id()) : null;
        Instruction instruction = step.workflow().instruction(step.position()).toOptional().orElse(null);
        if (order == null || instruction == null || MotorContext.isEnd(step.workflow(), step.position())) {
            return started;
        }
        MotorContext next = ctx.withState(state.orThrow());
        Step startedStep = new Step(next, new Mover(next), order, step.workflow());
        Optional<Problem> problem = Anticipation.problem(startedStep, InstructionExecutor.execute(startedStep, instruction));
        return problem.map(p -> Anticipation.failOrBreak(step, p)).orElse(started);
    }

    /**
     * As JS7 (recorded): a Ready order whose last outcome failed goes on failing — after an Agent handed
     * the failure to the Controller with its outcome ({@code OrderOutcomeAdded}, {@code OrderDetachable}),
     * and after an operator resumed a failed or stopped order without rewriting that outcome
     * ({@code asSucceeded} or history operations): it fails (or stops) again where it is. A caught
     * failure is followed by {@code Caught}; a lost process restarts its job. An order whose job an
     * operator killed runs it again when resumed with {@code restartKilledJob} (JS7's default, which
     * drops the {@code Killed} outcome), and fails without it.
     */
    private static boolean hasPendingFailure(Order order) {
        if (order.historicOutcomes().isEmpty()) {
            return false;
        }
        Outcome last = order.historicOutcomes().get(order.historicOutcomes().size() - 1).outcome();
        boolean lostProcess = last instanceof Outcome.Disrupted d && d.reason() instanceof Outcome.ProcessLost;
        return !last.isSucceeded() && !lostProcess;
    }

    /** A move that cannot be made (an If whose predicate fails to evaluate): JS7's {@code Disrupted(Other(problem))}. */
    static Outcome disrupted(Problem problem) {
        return new Outcome.Disrupted(new Outcome.OtherProblem(problem), false);
    }

    private List<OrderEvent> processed(Step step) {
        Order order = step.order();
        Outcome outcome = order.lastOutcome().orElse(Outcome.succeeded());
        if (outcome.isSucceeded()) {
            return step.moveOn();
        }
        if (outcome instanceof Outcome.Killed) {
            return List.of(new OrderEvent.OrderProcessingKilled()); // as JS7 (recorded): it waits there for its mark
        }
        if (outcome instanceof Outcome.Disrupted d && d.reason() instanceof Outcome.ProcessLost
                && !step.workflow().job(step.position()).map(WorkflowJob::isNotRestartable).orElse(false)) {
            return List.of(new OrderEvent.OrderMoved(step.position(), Optional.of("ProcessLost")));
        }
        return FailureHandler.fail(order, step.workflow(), step.position(), outcome);
    }

    private List<OrderEvent> ready(Step step) {
        Order order = step.order();
        Workflow workflow = step.workflow();
        Position p = step.position();
        if (hasPendingFailure(order)) {
            return FailureHandler.fail(order, workflow, p, order.lastOutcome().orElseThrow());
        }
        Checked<Position> settled = mover.settle(order, workflow, p);
        if (settled.isFail()) {
            return step.failWith(disrupted(settled.problemOption().orElseThrow()));
        }
        if (!settled.orThrow().equals(p)) {
            return List.of(new OrderEvent.OrderMoved(settled.orThrow(), Optional.empty()));
        }
        if (ctx.placement() instanceof Placement.Agent agent && DetachRules.needsController(ctx.state(), order, workflow, p, agent.agentPath())) {
            return List.of(new OrderEvent.OrderDetachable());
        }
        if (ctx.isStopPosition(order, workflow, p)) {
            return EndExecutor.finish(step, Optional.empty());
        }
        Instruction instruction = workflow.instruction(p).orThrow();
        if (!MotorContext.isEnd(workflow, p) && ctx.isBreakpoint(order, p)) {
            return List.of(new OrderEvent.OrderStopped());
        }
        return ForkPlacement.place(step, Anticipation.checked(step, InstructionExecutor.execute(step, instruction)));
    }
}
