package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.AgentPath;
import io.jobwerk.engine.item.SubagentBundleId;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.HistoricOutcome;
import io.jobwerk.engine.order.HistoryOperation;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderMark;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.Outcome;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.Expr;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The order motor: which events move an order one step on, given the engine state and the time.
 * Pure: the same inputs give the same events; nothing is read from a clock or the environment.
 * The caller applies the events ({@link EngineState#applyEvent}) and asks again until nothing comes
 * (the motor loop); it asks again after {@link #nextWakeTime} or when another order's events may
 * have freed something (a lock, a notice, a fork child). Job processes are not started here: see
 * {@link JobQueue}; the job runner emits {@code OrderProcessingStarted} and {@code OrderProcessed}.
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
        events = detachOnAgent(step, events);
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
                events.addAll(nextTry(step));
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
            if (step.workflow().instruction(first.orThrow()).orThrow() instanceof Instruction.StickySubagent sticky) {
                return Anticipation.checked(step, enterStickySubagent(step, sticky));
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
        MotorContext next = new MotorContext(state.orThrow(), ctx.now(), ctx.placement(), ctx.env());
        Step startedStep = new Step(next, new Mover(next), order, step.workflow());
        Optional<Problem> problem = Anticipation.problem(startedStep, new OrderEventSource(next).execute(startedStep, instruction));
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
        if (ctx.placement() instanceof Placement.Agent agent && needsController(ctx.state(), order, workflow, p, agent.agentPath())) {
            return List.of(new OrderEvent.OrderDetachable());
        }
        if (ctx.isStopPosition(order, workflow, p)) {
            return finish(step, Optional.empty());
        }
        Instruction instruction = workflow.instruction(p).orThrow();
        if (!MotorContext.isEnd(workflow, p) && ctx.isBreakpoint(order, p)) {
            return List.of(new OrderEvent.OrderStopped());
        }
        return Anticipation.checked(step, execute(step, instruction));
    }

    /** The events of the instruction the Ready order is at (without the moves they lead to). */
    private List<OrderEvent> execute(Step step, Instruction instruction) {
        Order order = step.order();
        Workflow workflow = step.workflow();
        Position p = step.position();
        switch (instruction.kind()) {
            case EXECUTE_NAMED:
            case EXECUTE_ANONYMOUS:
                return attachToTheJobsAgent(step);
            case IF:
                return step.orFail(mover.ifBranch(order, workflow, p, (Instruction.If) instruction).map(b -> step.moveOn(p)));
            case TRY:
            case OPTIONS:
                return step.moveOn(p);
            case FORK:
                return ForkExecutor.fork(step, (Instruction.Fork) instruction);
            case FORK_LIST:
                return ForkExecutor.forkList(step, (Instruction.ForkList) instruction);
            case RETRY:
                return retry(step);
            case LOCK:
                return LockExecutor.acquireOrQueue(step, (Instruction.Lock) instruction);
            case PROMPT:
                return step.orFail(((Instruction.Prompt) instruction).question().evaluate(step.scope())
                        .map(q -> List.of(new OrderEvent.OrderPrompted(q))));
            case FINISH:
                return finish(step, ((Instruction.Finish) instruction).outcome());
            case FAIL:
                return fail(step, (Instruction.Fail) instruction);
            case POST_NOTICES:
                return NoticeExecutor.post(step, (Instruction.PostNotices) instruction);
            case EXPECT_NOTICES:
                return NoticeExecutor.expect(step, (Instruction.ExpectNotices) instruction);
            case CONSUME_NOTICES:
                return NoticeExecutor.consume(step, (Instruction.ConsumeNotices) instruction);
            case CYCLE:
                return CycleExecutor.prepare(step, (Instruction.Cycle) instruction);
            case BREAK:
                return CycleExecutor.breakCycle(step);
            case ADD_ORDER:
                return step.orFail(addOrder(step, (Instruction.AddOrder) instruction));
            case STICKY_SUBAGENT:
                return enterStickySubagent(step, (Instruction.StickySubagent) instruction);
            case SLEEP:
                return step.orFail(sleep(step, (Instruction.Sleep) instruction));
            case ADMISSION_TIME:
                return AdmissionTimeExecutor.execute(step, (Instruction.AdmissionTime) instruction);
            case STOP:
                return List.of(new OrderEvent.OrderStopped());
            case END:
            case IMPLICIT_END:
                return blockEnd(step);
        }
        throw new AssertionError(instruction.kind());
    }

    /** A Ready order at a job waits for the job runner; the Controller first attaches it to the job's Agent. */
    private List<OrderEvent> attachToTheJobsAgent(Step step) {
        if (ctx.placement() instanceof Placement.Controller) {
            Optional<AgentPath> agent = step.workflow().job(step.position()).toOptional().map(WorkflowJob::agentPath);
            if (agent.isPresent() && step.order().attachedState().isEmpty()) {
                return List.of(new OrderEvent.OrderAttachable(agent.get()));
            }
        }
        return List.of();
    }

    private List<OrderEvent> blockEnd(Step step) {
        Position p = step.position();
        if (p.isTopLevel()) {
            return finish(step, Optional.empty());
        }
        BranchId branch = p.lastBranchId().orElseThrow();
        Position owner = p.parent().orElseThrow();
        Instruction ownerInstruction = step.workflow().instruction(owner).orThrow();
        if (branch.isFork()) {
            return List.of();
        } else if (branch.equals(BranchId.LOCK)) {
            return LockExecutor.release((Instruction.Lock) ownerInstruction);
        } else if (branch.equals(BranchId.CONSUME_NOTICES)) {
            return List.of(new OrderEvent.OrderNoticesConsumed(false));
        } else if (branch.equals(BranchId.STICKY_SUBAGENT)) {
            return List.of(new OrderEvent.OrderStickySubagentLeaved());
        } else if (branch.isCycle()) {
            return CycleExecutor.finish(step, owner, (Instruction.Cycle) ownerInstruction);
        }
        return Mover.leaveBlock(step.workflow(), p).map(step::moveOn).orElse(List.of());
    }

    /**
     * As JS7 (recorded): Finish first leaves the Lock, ConsumeNotices and StickySubagent blocks it is
     * in, innermost first, up to its fork branch if any. Outside a fork the order finishes. In a fork
     * branch the child records Finish's outcome and moves to the branch's end; a failed outcome makes
     * it fail from where it is then, in its next step, as any failure.
     */
    private List<OrderEvent> finish(Step step, Optional<Outcome.Completed> outcome) {
        List<Position.Segment> path = step.position().branchPath();
        int fork = path.size() - 1;
        while (fork >= 0 && !path.get(fork).branchId().isFork()) {
            fork--;
        }
        List<OrderEvent> events = new ArrayList<>();
        for (int i = path.size() - 1; i > fork; i--) {
            FailureHandler.leaveEarly(path.get(i).branchId(), step.workflow().instruction(MotorContext.owner(path, i)).orThrow())
                    .ifPresent(events::add);
        }
        if (fork < 0) {
            events.add(new OrderEvent.OrderFinished(outcome));
            return events;
        }
        outcome.ifPresent(o -> events.add(new OrderEvent.OrderOutcomeAdded(o)));
        List<Position.Segment> branchPath = path.subList(0, fork + 1);
        Position end = new Position(branchPath, step.workflow().block(branchPath).orElseThrow().instructions().size());
        if (outcome.map(Outcome::isSucceeded).orElse(true) && !end.equals(step.position())) {
            events.add(new OrderEvent.OrderMoved(end, Optional.empty()));
        }
        return events;
    }

    private List<OrderEvent> fail(Step step, Instruction.Fail fail) {
        Checked<Optional<String>> message = fail.message().isEmpty() ? Checked.ok(Optional.empty())
                : fail.message().get().evaluate(step.scope()).flatMap(ValueConversions::convertToString).map(Optional::of);
        if (message.isFail()) {
            return step.failWith(message.problemOption().orElseThrow());
        }
        return step.failWith(new Outcome.Failed(message.orThrow(), fail.namedValues(), fail.uncatchable()));
    }

    private List<OrderEvent> retry(Step step) {
        List<Position.Segment> path = step.position().branchPath();
        OptionalInt i = innermostCatch(path);
        if (i.isEmpty()) {
            return List.of(new OrderEvent.OrderBroken(Optional.of(Problem.of("MisplacedRetry", "Retry outside a catch block"))));
        }
        var tryInstruction = (Instruction.Try) step.workflow().instruction(MotorContext.owner(path, i.getAsInt())).orThrow();
        int retry = path.get(i.getAsInt()).branchId().catchRetry().orElse(0) + 1;
        if (tryInstruction.maxTries().isEmpty() || retry < tryInstruction.maxTries().get()) {
            long delayMillis = tryInstruction.retryDelay(retry).movePointRight(3).longValue();
            if (delayMillis > 0) {
                return List.of(new OrderEvent.OrderRetrying(Optional.of(ctx.now().plusMillis(delayMillis))));
            }
            // as JS7 (recorded): without a delay the move into the next try goes on through the moves
            // after it (a Try there is entered in the same move); after a delay it does not
            List<OrderEvent> events = new ArrayList<>();
            events.add(new OrderEvent.OrderRetrying(Optional.empty()));
            for (OrderEvent e : nextTry(step)) {
                Checked<Position> to = mover.settle(step.order(), step.workflow(), ((OrderEvent.OrderMoved) e).to());
                if (to.isFail()) {
                    return Anticipation.failOrBreak(step, to.problemOption().orElseThrow());
                }
                events.add(new OrderEvent.OrderMoved(to.orThrow(), Optional.empty()));
            }
            return events;
        }
        Outcome lastFailure = step.order().historicOutcomes().stream().map(HistoricOutcome::outcome)
                .filter(o -> !o.isSucceeded()).reduce((a, b) -> b).orElse(Outcome.failed());
        return FailureHandler.fail(step.order(), step.workflow(), step.position(), lastFailure);
    }

    /** At a Retry instruction in {@code catch+N}: the move to the start of {@code try+(N+1)}. */
    static List<OrderEvent> nextTry(Step step) {
        List<Position.Segment> path = step.position().branchPath();
        OptionalInt i = innermostCatch(path);
        if (i.isEmpty()) {
            return List.of();
        }
        int retry = path.get(i.getAsInt()).branchId().catchRetry().orElse(0) + 1;
        return List.of(new OrderEvent.OrderMoved(MotorContext.owner(path, i.getAsInt()).enter(BranchId.tryBranch(retry), 0),
                Optional.empty()));
    }

    private static OptionalInt innermostCatch(List<Position.Segment> path) {
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).branchId().isCatch()) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    private Checked<List<OrderEvent>> addOrder(Step step, Instruction.AddOrder add) {
        OrderScope scope = step.scope();
        Checked<OrderId> orderId = add.orderId().evaluate(scope).flatMap(ValueConversions::convertToString).flatMap(OrderId::checked);
        if (orderId.isFail()) {
            return Checked.fail(orderId.problemOption().orElseThrow());
        }
        if (ctx.state().orders().containsKey(orderId.orThrow())) {
            return Checked.fail(Problem.of("DuplicateOrder", "DuplicateKey: Duplicate OrderId 'Order:" + orderId.orThrow() + "'")); // JS7's message
        }
        Checked<Workflow> workflow = ctx.state().currentWorkflow(add.workflowPath());
        if (workflow.isFail()) {
            return Checked.fail(workflow.problemOption().orElseThrow());
        }
        Map<String, Value> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, Expr> e : add.arguments().entrySet()) {
            Checked<Value> v = e.getValue().evaluate(scope);
            if (v.isFail()) {
                return Checked.fail(v.problemOption().orElseThrow());
            }
            arguments.put(e.getKey(), v.orThrow());
        }
        PlanId planId = step.order().planId();
        if (add.planId().isPresent()) {
            Checked<Value> v = add.planId().get().evaluate(scope);
            if (v.isFail()) {
                return Checked.fail(v.problemOption().orElseThrow());
            }
            if (v.orThrow() instanceof Value.ListValue l && l.elements().size() == 2) {
                planId = new PlanId(ValueConversions.toStringValue(l.elements().get(0)), ValueConversions.toStringValue(l.elements().get(1)));
            } else if (v.orThrow() instanceof Value.ListValue l && l.elements().isEmpty()) {
                planId = PlanId.GLOBAL;
            }
        }
        List<OrderEvent> events = new ArrayList<>();
        events.add(new OrderEvent.OrderOrderAdded(orderId.orThrow(), workflow.orThrow().id(), arguments, planId, add.innerBlock(),
                add.startPosition(), add.stopPositions(), add.deleteWhenTerminated(), add.forceAdmission(), BigDecimal.ZERO));
        events.addAll(step.moveOn());
        return Checked.ok(events);
    }

    /** As JS7, a problem here is the order's Disrupted outcome (not a Failed one), a nested block one of them (recorded). */
    private List<OrderEvent> enterStickySubagent(Step step, Instruction.StickySubagent sticky) {
        Checked<List<OrderEvent>> entered = stickySubagent(step, sticky);
        return entered.isOk() ? entered.orThrow() : Anticipation.failOrBreak(step, entered.problemOption().orElseThrow());
    }

    private Checked<List<OrderEvent>> stickySubagent(Step step, Instruction.StickySubagent sticky) {
        if (!step.order().stickySubagents().isEmpty()) {
            return MotorContext.problem("NestedStickySubagent", "StickySubagent instruction must not be nested");
        }
        if (sticky.subagentBundleIdExpr().isEmpty()) {
            return Checked.ok(List.of(new OrderEvent.OrderStickySubagentEntered(sticky.agentPath(), Optional.empty())));
        }
        return sticky.subagentBundleIdExpr().get().evaluate(step.scope()).flatMap(ValueConversions::convertToString)
                .flatMap(SubagentBundleId::checked)
                .map(id -> List.of(new OrderEvent.OrderStickySubagentEntered(sticky.agentPath(), Optional.of(id))));
    }

    private Checked<List<OrderEvent>> sleep(Step step, Instruction.Sleep sleep) {
        return sleep.duration().evaluate(step.scope()).flatMap(ValueConversions::asNumber).map(seconds -> {
            long millis = seconds.movePointRight(3).longValue();
            return millis <= 0 ? step.moveOn() : List.of(new OrderEvent.OrderSleeping(ctx.now().plusMillis(millis)));
        });
    }

    /** In an Agent placement: the instructions an attached order must leave the Agent for. */
    static boolean needsController(EngineState state, Order order, Workflow workflow, Position p, AgentPath agent) {
        Instruction instruction = workflow.instruction(p).toOptional().orElse(null);
        if (instruction == null) {
            return false;
        }
        switch (instruction.kind()) {
            case LOCK:
            case PROMPT:
            case POST_NOTICES:
            case EXPECT_NOTICES:
            case CONSUME_NOTICES:
            case ADD_ORDER:
            case FINISH:
            case STOP:
                return true;
            case FORK:
            case FORK_LIST: {
                Optional<AgentPath> named = instruction instanceof Instruction.Fork f ? f.agentPath() : ((Instruction.ForkList) instruction).agentPath();
                return named.isEmpty() && !instruction.branches().stream()
                        .allMatch(b -> firstJobAgent(workflow, p, b.id()).filter(agent::equals).isPresent());
            }
            case EXECUTE_NAMED:
            case EXECUTE_ANONYMOUS:
                return !workflow.job(p).map(j -> j.agentPath().equals(agent)).orElse(true);
            case END:
            case IMPLICIT_END:
                return p.isTopLevel() && order.parent().isEmpty()
                        || order.innerBlock().filter(p.branchPath()::equals).isPresent()
                        || isForkBranchEndOfAParentElsewhere(state, order, p, agent)
                        || p.lastBranchId().filter(b -> b.equals(BranchId.LOCK) || b.equals(BranchId.CONSUME_NOTICES)).isPresent();
            default:
                return false;
        }
    }

    /**
     * The Agent of a block's first job, in instruction order through its nested blocks. As JS7
     * (recorded), an Agent forks only when every branch's first job is its own (its children start
     * there); otherwise the parent goes to the Controller first.
     */
    private static Optional<AgentPath> firstJobAgent(Workflow workflow, Position fork, BranchId branch) {
        List<Position.Segment> prefix = new ArrayList<>(fork.branchPath());
        prefix.add(new Position.Segment(fork.nr(), branch));
        for (Position q : workflow.positions()) {
            boolean inBranch = q.branchPath().size() >= prefix.size() && q.branchPath().subList(0, prefix.size()).equals(prefix);
            if (inBranch && workflow.instruction(q).toOptional().filter(i -> i.kind() == Instruction.Kind.EXECUTE_NAMED
                    || i.kind() == Instruction.Kind.EXECUTE_ANONYMOUS).isPresent()) {
                return workflow.job(q).toOptional().map(WorkflowJob::agentPath);
            }
        }
        return Optional.empty();
    }

    private static boolean isDecidedByTheController(OrderEvent e) {
        return e instanceof OrderEvent.OrderFailed || e instanceof OrderEvent.OrderFailedInFork
                || e instanceof OrderEvent.OrderFinished || e instanceof OrderEvent.OrderStopped
                || e instanceof OrderEvent.OrderCancelled || e instanceof OrderEvent.OrderSuspended || e instanceof OrderEvent.OrderLocksReleased
                || e instanceof OrderEvent.OrderNoticesConsumed;
    }

    /** A fork child at the end of its branch joins where its parent is: it leaves an Agent its parent is not attached to. */
    private static boolean isForkBranchEndOfAParentElsewhere(EngineState state, Order child, Position p, AgentPath agent) {
        return p.lastBranchId().map(BranchId::isFork).orElse(false) && isChildOfAParentElsewhere(state, child, agent);
    }

    private static boolean isChildOfAParentElsewhere(EngineState state, Order child, AgentPath agent) {
        if (child.parent().isEmpty()) {
            return false;
        }
        Order parent = state.orders().get(child.parent().get());
        return parent == null || !parent.attachedState().equals(Optional.of(new AttachedState.Attached(agent)));
    }

    /** On an Agent, events that end, stop or fail the order are left to the Controller; a move to what needs it detaches. */
    private List<OrderEvent> detachOnAgent(Step step, List<OrderEvent> events) {
        if (!(ctx.placement() instanceof Placement.Agent agent) || events.isEmpty()) {
            return events;
        }
        Order order = step.order();
        if (events.stream().anyMatch(OrderEventSource::isDecidedByTheController)) {
            // A failure the order's own blocks do not catch, and what releases the Controller's locks and
            // notices, is decided again by the Controller after the detach. As JS7, the outcome recorded
            // before and the StickySubagent block left stay here (the Controller goes on failing:
            // hasPendingFailure).
            List<OrderEvent> kept = new ArrayList<>();
            for (OrderEvent e : events) {
                boolean keeps = e instanceof OrderEvent.OrderOutcomeAdded || e instanceof OrderEvent.OrderStickySubagentLeaved;
                if (!keeps) {
                    break;
                }
                kept.add(e);
            }
            kept.add(new OrderEvent.OrderDetachable());
            return kept;
        }
        Order after = order;
        for (OrderEvent e : events) {
            Checked<Order> next = after.applyEvent(e);
            if (next.isFail()) {
                return events;
            }
            after = next.orThrow();
        }
        boolean forkedHere = after.state() instanceof OrderState.Forked && step.workflow().instruction(after.position()).toOptional()
                .map(i -> i instanceof Instruction.Fork f ? f.agentPath().isEmpty() : i instanceof Instruction.ForkList fl && fl.agentPath().isEmpty())
                .orElse(false);
        if (forkedHere && after.isAttached()) {
            // As JS7: the children go on here, the parent joins them at the Controller.
            List<OrderEvent> withDetach = new ArrayList<>(events);
            withDetach.add(new OrderEvent.OrderDetachable());
            return withDetach;
        }
        if (after.isState(OrderState.Kind.READY) && after.isAttached()
                && needsController(ctx.state(), after, step.workflow(), after.position(), agent.agentPath())) {
            List<OrderEvent> withDetach = new ArrayList<>(events);
            withDetach.add(new OrderEvent.OrderDetachable());
            return withDetach;
        }
        return events;
    }
}
