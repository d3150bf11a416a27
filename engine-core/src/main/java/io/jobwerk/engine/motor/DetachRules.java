package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where an order is moved, Controller or Agent (as JS7 2.9, recorded): in an Agent placement, the
 * instructions an attached order must leave the Agent for ({@link #needsController}), and the events
 * the Agent leaves to the Controller, handing the order back with {@code OrderDetachable} instead
 * ({@link #detachOnAgent}).
 */
final class DetachRules {
    private DetachRules() {}

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
                // As JS7: an Agent does not see a Fork without a job of its own inside; where one it sees
                // is forked is decided with its children (ForkPlacement).
                Optional<AgentPath> named = instruction instanceof Instruction.Fork f ? f.agentPath() : ((Instruction.ForkList) instruction).agentPath();
                return named.isEmpty() && !containsJobOf(workflow, p, agent);
            }
            case CYCLE:
            case ADMISSION_TIME:
                // As JS7 (recorded, random-261): an Agent does not see these blocks without a job of its own inside.
                return !containsJobOf(workflow, p, agent);
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
     * Whether a job of {@code agent} is anywhere inside the block instruction at {@code block} (JS7's
     * {@code isVisibleForAgent}). The positions are made from {@code block}, so a retry's or a
     * cycle's branch ids in it are kept.
     */
    private static boolean containsJobOf(Workflow workflow, Position block, AgentPath agent) {
        Instruction instruction = workflow.instruction(block).toOptional().orElse(null);
        if (instruction == null) {
            return false;
        }
        for (Instruction.Branch branch : instruction.branches()) {
            List<Instruction> inner = branch.block().instructions();
            for (int nr = 0; nr < inner.size(); nr++) {
                Position q = block.enter(branch.id(), nr);
                Instruction.Kind kind = inner.get(nr).kind();
                boolean found = kind == Instruction.Kind.EXECUTE_NAMED || kind == Instruction.Kind.EXECUTE_ANONYMOUS
                        ? workflow.job(q).toOptional().filter(j -> j.agentPath().equals(agent)).isPresent()
                        : containsJobOf(workflow, q, agent);
                if (found) {
                    return true;
                }
            }
        }
        return false;
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
    static List<OrderEvent> detachOnAgent(MotorContext ctx, Step step, List<OrderEvent> events) {
        if (!(ctx.placement() instanceof Placement.Agent agent) || events.isEmpty()) {
            return events;
        }
        Order order = step.order();
        if (events.stream().anyMatch(DetachRules::isDecidedByTheController)) {
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
                .map(ForkPlacement::isForkWithoutAgent).orElse(false);
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
