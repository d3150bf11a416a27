package io.jobwerk.engine.motor;

import io.jobwerk.engine.order.CycleState;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code Cycle} and {@code Break}: prepare ({@code OrderCyclingPrepared} → BetweenCycles), start when
 * due ({@code OrderCycleStarted} enters {@code cycle+…}), finish at the block's end
 * ({@code OrderCycleFinished} with the next cycle, or none: then, as JS7, {@code OrderMoved} past the Cycle). {@code Break} finishes
 * with none. A schedule without any cycle moves on at once. Times come from {@link CycleCalculator}.
 */
final class CycleExecutor {
    private CycleExecutor() {}

    static List<OrderEvent> prepare(Step step, Instruction.Cycle cycle) {
        Optional<CycleState> first = CycleCalculator.first(cycle.schedule(), step.ctx().now(), step.workflow().timeZone());
        return first.<List<OrderEvent>>map(cs -> List.of(new OrderEvent.OrderCyclingPrepared(cs))).orElseGet(step::moveOn);
    }

    static List<OrderEvent> startWhenDue(Step step) {
        if (step.order().state() instanceof OrderState.BetweenCycles between && between.cycleState().isEmpty()) {
            // the Cycle has ended; a move that fails further on fails there, from Ready
            List<OrderEvent> moved = step.moveOn();
            return !moved.isEmpty() && moved.get(0) instanceof OrderEvent.OrderMoved ? moved
                    : List.of(new OrderEvent.OrderMoved(step.position().increment(), Optional.empty()));
        }
        if (step.order().state() instanceof OrderState.BetweenCycles between && between.cycleState().isPresent()
                && !between.cycleState().get().next().isAfter(step.ctx().now())) {
            return List.of(new OrderEvent.OrderCycleStarted());
        }
        return List.of();
    }

    /** At the end of the cycle block {@code [cyclePosition, "cycle+…", n]}. */
    static List<OrderEvent> finish(Step step, Position cyclePosition, Instruction.Cycle cycle) {
        CycleState current = step.position().lastBranchId().flatMap(b -> b.cycleState())
                .map(CycleState::fromBranchSuffix).orElse(null);
        Optional<CycleState> next = current == null ? Optional.empty()
                : CycleCalculator.next(cycle.schedule(), current, step.ctx().now(), step.workflow().timeZone(), cycle.onlyOnePeriod());
        return List.of(new OrderEvent.OrderCycleFinished(next));
    }

    /**
     * As JS7 (recorded; JS7's leaving of blocks up to the cycle): Break leaves the blocks inside the
     * cycle block (a Lock, ConsumeNotices or StickySubagent by its event), moves to the position of
     * the cycle block whose number is the Cycle instruction's own number + 1 (so its last instruction
     * in most shapes, the next position in others, and beyond the block's end in some — JS7 counts
     * it so), and finishes the Cycle. A Break outside a cycle finishes the order, as JS7.
     */
    static List<OrderEvent> breakCycle(Step step) {
        List<Position.Segment> path = step.position().branchPath();
        List<OrderEvent> events = new ArrayList<>();
        for (int i = path.size() - 1; i >= 0; i--) {
            Position.Segment segment = path.get(i);
            if (segment.branchId().isCycle()) {
                events.add(new OrderEvent.OrderMoved(new Position(path.subList(0, i + 1), segment.nr() + 1), Optional.empty()));
                events.add(new OrderEvent.OrderCycleFinished(Optional.empty()));
                return events;
            }
            if (segment.branchId().isFork()) {
                break;
            }
            FailureHandler.leaveEarly(segment.branchId(), step.workflow().instruction(MotorContext.owner(path, i)).orThrow())
                    .ifPresent(events::add);
        }
        events.add(new OrderEvent.OrderFinished(Optional.empty()));
        return events;
    }
}
