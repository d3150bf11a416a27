package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.lock.LockState;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.state.BoardState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.state.WorkflowPathControl;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Why an order does not move on: the one place that knows every reason (JS7's
 * {@code OrderObstacleCalculator}), over an {@link EngineState} and the time {@code now}, used by the
 * Controller's and the Agent's obstacles routes and by {@code jobwerk orders}.
 *
 * <p>Per state: Fresh with a future {@code scheduledFor} → {@link OrderObstacle.WaitingForOtherTime}, in a
 * suspended workflow path → {@link OrderObstacle.WorkflowSuspended}; Ready at a job → the
 * {@link JobQueue}'s limits and admission; DelayingRetry, DelayedAfterError, Sleeping, BetweenCycles →
 * WaitingForOtherTime (until the time, while it is ahead); WaitingForAdmission → WaitingForAdmission;
 * WaitingForLock → {@link OrderObstacle.WaitingForLock} per lock it cannot take; ExpectingNotices →
 * {@link OrderObstacle.WaitingForNotices}; Forked → {@link OrderObstacle.WaitingForChildren} (children
 * not yet ended); Prompting, Failed, FailedWhileFresh, Broken, Stopped, StoppedWhileFresh,
 * ProcessingKilled and every suspended order → {@link OrderObstacle.WaitingForCommand} with a reason.
 * An order at, or moving to or from, an Agent the state records as not coupled also gets
 * {@link OrderObstacle.AgentNotCoupled}. Processing, Processed, FailedInFork (its parent joins it) and
 * ended orders have none. The Director adds {@link OrderObstacle.NoSubagentAvailable}, which only it knows.
 */
public final class OrderObstacleCalculator {

    private final EngineState state;
    private final Instant now;
    private final JobQueue jobQueue;

    public OrderObstacleCalculator(EngineState state, Instant now) {
        this.state = Objects.requireNonNull(state, "state");
        this.now = Objects.requireNonNull(now, "now");
        this.jobQueue = new JobQueue(state, now);
    }

    /** The obstacles of the order; {@code UnknownOrder} when there is none of that id. */
    public Checked<List<OrderObstacle>> obstacles(OrderId orderId) {
        return state.order(orderId).map(this::obstacles);
    }

    /** The obstacles of an order of the state, most important first; empty when it moves or has ended. */
    public List<OrderObstacle> obstacles(Order order) {
        List<OrderObstacle> list = new ArrayList<>();
        if (order.state().isTerminated()) {
            return list;
        }
        order.attachedState().map(AttachedState::agentPath).ifPresent(agent ->
                state.coupling("Agent:" + agent).filter(c -> !c.isCoupled())
                        .ifPresent(c -> list.add(new OrderObstacle.AgentNotCoupled(agent, c.problem()))));
        if (order.isSuspended()) {
            list.add(new OrderObstacle.WaitingForCommand("suspended"));
        } else {
            addStateObstacles(order, list);
        }
        return list;
    }

    private void addStateObstacles(Order order, List<OrderObstacle> list) {
        OrderState s = order.state();
        switch (s.kind()) {
            case FRESH -> {
                order.scheduledFor().filter(now::isBefore).ifPresent(t -> list.add(new OrderObstacle.WaitingForOtherTime(t)));
                if (state.pathControl(order.workflowId().path()).map(WorkflowPathControl::suspended).orElse(false)) {
                    list.add(new OrderObstacle.WorkflowSuspended());
                }
            }
            case READY -> list.addAll(jobQueue.obstacles(order.id()));
            case PROCESSING, PROCESSED, FAILED_IN_FORK, FINISHED, CANCELLED, DELETED -> { }
            case DELAYING_RETRY -> otherTime(((OrderState.DelayingRetry) s).until(), list);
            case DELAYED_AFTER_ERROR -> otherTime(((OrderState.DelayedAfterError) s).until(), list);
            case SLEEPING -> otherTime(((OrderState.Sleeping) s).until(), list);
            case BETWEEN_CYCLES -> ((OrderState.BetweenCycles) s).cycleState().ifPresent(c -> otherTime(c.next(), list));
            case WAITING_FOR_ADMISSION -> list.add(new OrderObstacle.WaitingForAdmission(((OrderState.WaitingForAdmission) s).until()));
            case FORKED -> list.add(new OrderObstacle.WaitingForChildren(state.children(order).stream()
                    .filter(c -> !hasEndedInFork(order, c)).map(Order::id).toList()));
            case WAITING_FOR_LOCK -> addLockObstacles(order, list);
            case EXPECTING_NOTICES -> list.add(noticeObstacle(order, ((OrderState.ExpectingNotices) s).boardPaths()));
            case PROMPTING -> list.add(new OrderObstacle.WaitingForCommand(
                    "prompting: " + ValueConversions.toStringValue(((OrderState.Prompting) s).question())));
            case BROKEN -> list.add(new OrderObstacle.WaitingForCommand(((OrderState.Broken) s).problem()
                    .map(p -> "broken: " + p.message()).or(() -> failureReason(order).map(r -> "broken: " + r)).orElse("broken")));
            case FAILED, FAILED_WHILE_FRESH -> list.add(new OrderObstacle.WaitingForCommand(
                    failureReason(order).map(r -> "failed: " + r).orElse("failed")));
            case STOPPED, STOPPED_WHILE_FRESH -> list.add(new OrderObstacle.WaitingForCommand("stopped"));
            case PROCESSING_KILLED -> list.add(new OrderObstacle.WaitingForCommand("killed"));
        }
    }

    /** Whether the child is done in its branch: failed there (to be joined), or Ready at the branch's end. */
    private boolean hasEndedInFork(Order parent, Order child) {
        if (child.state().isTerminated() || child.isState(OrderState.Kind.FAILED_IN_FORK)) {
            return true;
        }
        if (!child.isState(OrderState.Kind.READY) || child.position().branchPath().size() != parent.position().branchPath().size() + 1) {
            return false;
        }
        Workflow workflow = state.workflows().get(child.workflowId());
        return workflow != null && workflow.instruction(child.position()).toOptional()
                .filter(i -> i instanceof Instruction.ImplicitEnd || i instanceof Instruction.End).isPresent();
    }

    private void otherTime(Instant until, List<OrderObstacle> list) {
        if (now.isBefore(until)) {
            list.add(new OrderObstacle.WaitingForOtherTime(until));
        }
    }

    private void addLockObstacles(Order order, List<OrderObstacle> list) {
        Workflow workflow = state.workflows().get(order.workflowId());
        Instruction instruction = workflow == null ? null : workflow.instruction(order.position()).toOptional().orElse(null);
        if (!(instruction instanceof Instruction.Lock lock)) {
            return;
        }
        for (Instruction.LockDemand demand : lock.demands()) {
            LockState lockState = state.locks().get(demand.lockPath());
            if (lockState == null || lockState.holders().containsKey(order.id())
                    || lockState.obstacle(order.id(), demand.count()).isEmpty()) {
                continue;
            }
            List<OrderId> holders = lockState.holders().keySet().stream().sorted().toList();
            int index = lockState.queue().indexOf(order.id());
            List<OrderId> before = index < 0 ? List.copyOf(lockState.queue()) : List.copyOf(lockState.queue().subList(0, index));
            list.add(new OrderObstacle.WaitingForLock(demand.lockPath(), holders, before));
        }
    }

    private OrderObstacle noticeObstacle(Order order, List<BoardPath> boardPaths) {
        List<NoticeId> noticeIds = new ArrayList<>();
        for (BoardPath path : boardPaths) {
            BoardState board = state.boards().get(path);
            if (board != null) {
                board.expectingOrders().entrySet().stream()
                        .filter(e -> e.getValue().contains(order.id()))
                        .map(Map.Entry::getKey).sorted()
                        .forEach(key -> noticeIds.add(new NoticeId(path, key)));
            }
        }
        return new OrderObstacle.WaitingForNotices(boardPaths, noticeIds);
    }

    /**
     * Why the order failed, from its last outcome: the failure's message, else its return code
     * ({@code returnCode 1}); {@code timed out: …}, {@code killed: …}, {@code process lost: …}.
     */
    public static Optional<String> failureReason(Order order) {
        return order.lastOutcome().flatMap(OrderObstacleCalculator::reason);
    }

    private static Optional<String> reason(Outcome outcome) {
        switch (outcome.kind()) {
            case SUCCEEDED, CAUGHT -> {
                return Optional.empty();
            }
            case FAILED -> {
                Outcome.Failed f = (Outcome.Failed) outcome;
                Optional<String> rc = Optional.ofNullable(f.namedValues().get("returnCode"))
                        .map(v -> "returnCode " + ValueConversions.toStringValue(v));
                if (f.message().isPresent() && !f.message().get().isBlank()) {
                    return Optional.of(f.message().get() + rc.map(r -> " (" + r + ")").orElse(""));
                }
                return rc;
            }
            case TIMED_OUT -> {
                return Optional.of("timed out" + reason(((Outcome.TimedOut) outcome).outcome()).map(r -> ": " + r).orElse(""));
            }
            case KILLED -> {
                return Optional.of("killed" + reason(((Outcome.Killed) outcome).outcome()).map(r -> ": " + r).orElse(""));
            }
            case DISRUPTED -> {
                Outcome.DisruptedReason r = ((Outcome.Disrupted) outcome).reason();
                return Optional.of(r instanceof Outcome.ProcessLost lost
                        ? "process lost" + lost.problem().map(p -> ": " + p.message()).orElse("")
                        : ((Outcome.OtherProblem) r).problem().message());
            }
        }
        throw new AssertionError(outcome.kind());
    }
}
