package io.jobwerk.engine.motor;

import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a failure leads: walking outwards from the failed position, the innermost {@code try+N}
 * catches it ({@code OrderCaught} into {@code catch+N}) unless it is uncatchable or its last try; an
 * enclosing {@code Options{stopOnFailure}} (the innermost that sets it) stops the order where it
 * failed before any Try catches ({@code OrderStopped}, keeping its locks so a resumption can retry); the boundary of a fork branch yields
 * {@code OrderFailedInFork} when the fork joins failed children, else {@code OrderFailed}; the top
 * level yields {@code OrderFailed}.
 *
 * <p>Lock, ConsumeNotices and StickySubagent blocks left on the way are left by events before the
 * final one ({@code OrderLocksReleased}, {@code OrderNoticesConsumed(failed)},
 * {@code OrderStickySubagentLeaved}); a Cycle is not left (as JS7). An order that fails without
 * being caught stays at the instruction of the outermost block it left (so resuming it re-enters
 * that block, e.g. acquires the lock again), or at the failed position if it left none. (At an Agent
 * the StickySubagent block is left there, which moves the order past it, and the Controller fails
 * it from that position, as JS7.)
 */
final class FailureHandler {
    private FailureHandler() {}

    static boolean isUncatchable(Outcome outcome) {
        return outcome instanceof Outcome.Failed f && f.uncatchable()
                || outcome instanceof Outcome.Disrupted d && d.uncatchable();
    }

    static List<OrderEvent> fail(Order order, Workflow workflow, Position position, Outcome failure) {
        boolean uncatchable = isUncatchable(failure);
        if (stopsOnFailure(workflow, position)) {
            return List.of(new OrderEvent.OrderStopped());
        }
        List<OrderEvent> leave = new ArrayList<>();
        Position movedTo = position;
        List<Position.Segment> path = position.branchPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            BranchId branch = path.get(i).branchId();
            Position owner = MotorContext.owner(path, i);
            Optional<Instruction> instruction = workflow.instruction(owner).toOptional();
            if (branch.isTry() && !uncatchable && !isLastTry(instruction, branch)) {
                leave.add(new OrderEvent.OrderCaught(owner.enter(BranchId.catchBranch(branch.tryRetry().orElse(0)), 0)));
                return leave;
            }
            if (branch.isFork()) {
                boolean joinIfFailed = instruction.map(FailureHandler::joinIfFailed).orElse(false);
                leave.add(joinIfFailed ? new OrderEvent.OrderFailedInFork(movedTo) : new OrderEvent.OrderFailed(movedTo));
                return leave;
            }
            Optional<OrderEvent> left = instruction.flatMap(owned -> leaveEarly(branch, owned));
            if (left.isPresent()) {
                leave.add(left.get());
                movedTo = owner;
            }
            // a Cycle is not left: as JS7, the order fails where it failed inside it
        }
        leave.add(new OrderEvent.OrderFailed(movedTo));
        return leave;
    }

    /**
     * The event that leaves a Lock, ConsumeNotices or StickySubagent block before its end (a failure,
     * a Finish): the locks released, the notices kept ({@code failed}), the Subagent no longer stuck.
     */
    static Optional<OrderEvent> leaveEarly(BranchId branch, Instruction owner) {
        if (branch.equals(BranchId.LOCK)) {
            return Optional.of(new OrderEvent.OrderLocksReleased(((Instruction.Lock) owner).demands().stream()
                    .map(Instruction.LockDemand::lockPath).toList()));
        } else if (branch.equals(BranchId.CONSUME_NOTICES)) {
            return Optional.of(new OrderEvent.OrderNoticesConsumed(true));
        } else if (branch.equals(BranchId.STICKY_SUBAGENT)) {
            return Optional.of(new OrderEvent.OrderStickySubagentLeaved());
        }
        return Optional.empty();
    }

    /**
     * As JS7 (recorded): the innermost Options that sets {@code stopOnFailure} decides, before any Try
     * inside it catches, also across a fork into its children.
     */
    private static boolean stopsOnFailure(Workflow workflow, Position position) {
        // an order at the Options instruction itself fails there only when entering it cannot be
        // made (an If inside): as JS7 (recorded), its stopOnFailure counts
        if (workflow.instruction(position).toOptional().orElse(null) instanceof Instruction.Options o && o.stopOnFailure().isPresent()) {
            return o.stopOnFailure().get();
        }
        List<Position.Segment> path = position.branchPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            if (path.get(i).branchId().equals(BranchId.OPTIONS)
                    && workflow.instruction(MotorContext.owner(path, i)).toOptional().orElse(null) instanceof Instruction.Options o
                    && o.stopOnFailure().isPresent()) {
                return o.stopOnFailure().get();
            }
        }
        return false;
    }

    /** As JS7: a Try with maxTries does not catch the failure of its last try (nothing is left to retry). */
    private static boolean isLastTry(Optional<Instruction> instruction, BranchId branch) {
        return instruction.orElse(null) instanceof Instruction.Try t && t.maxTries().isPresent()
                && branch.tryRetry().orElse(0) + 1 >= t.maxTries().get();
    }

    private static boolean joinIfFailed(Instruction instruction) {
        return instruction instanceof Instruction.Fork f ? f.joinIfFailed()
                : instruction instanceof Instruction.ForkList fl && fl.joinIfFailed();
    }
}
