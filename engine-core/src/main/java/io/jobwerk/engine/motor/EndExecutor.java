package io.jobwerk.engine.motor;

import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code End} (and a block's implicit end) and {@code Finish}: at a block's end the order leaves the
 * block by the block's own event (locks released, notices consumed, Subagent no longer stuck, the
 * cycle finished, a fork child waits for its join) or moves past its instruction; at the top level
 * it finishes.
 */
final class EndExecutor {
    private EndExecutor() {}

    static List<OrderEvent> blockEnd(Step step) {
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
    static List<OrderEvent> finish(Step step, Optional<Outcome.Completed> outcome) {
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
}
