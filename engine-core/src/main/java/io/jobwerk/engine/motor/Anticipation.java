package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Position;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * As JS7 (recorded, the {@code if-bad-predicate} cases; JS7's {@code anticipateNextOrderMoved}): an
 * instruction's events and the pure moves that follow them (an If, a Try, the end of a block left)
 * are one step. When such a move cannot be made — an If whose predicate cannot be evaluated at the
 * start of the block just entered (a Lock's, a ConsumeNotices', a StickySubagent's, a cycle's) or of a
 * fork child's branch (a Fork that names no Agent) — the whole step is dropped and the order fails
 * where it was before it, with {@code Disrupted(Other(problem))}: a fresh order fails while fresh,
 * one at the Lock fails at the Lock without acquiring it. An order that cannot fail in its state
 * (waiting for a lock, a notice or the next cycle) is broken instead.
 */
final class Anticipation {
    private Anticipation() {}

    /** The events, or the failure of the step when the moves they lead to cannot be made. */
    static List<OrderEvent> checked(Step step, List<OrderEvent> events) {
        return problem(step, events).map(p -> failOrBreak(step, p)).orElse(events);
    }

    /** The problem of the moves the events lead to, empty when they can be made (or lead to none). */
    static Optional<Problem> problem(Step step, List<OrderEvent> events) {
        if (events.isEmpty()) {
            return Optional.empty();
        }
        List<KeyedEvent<OrderEvent>> keyed = events.stream().map(e -> MotorContext.keyed(step.order().id(), e)).toList();
        Checked<EngineState> next = step.ctx().state().applyEvents(keyed);
        if (next.isFail()) {
            return Optional.empty();
        }
        EngineState state = next.orThrow();
        Order after = state.orders().get(step.order().id());
        if (after == null || after.state().isTerminated()) {
            return Optional.empty();
        }
        Mover mover = new Mover(step.ctx().withState(state));
        Optional<Problem> own = mover.anticipate(after, step.workflow()).problemOption();
        if (own.isPresent() || !(after.state() instanceof OrderState.Forked) || !forksWithoutAgent(step, after.position())) {
            return own;
        }
        // as JS7: a Fork that names no Agent first predicts where its children go, so a child's
        // move that cannot be made fails the parent
        for (Order child : state.children(after)) {
            Optional<Problem> problem = mover.anticipate(child, step.workflow()).problemOption();
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    /** JS7's {@code failOrBreak}: the order fails with the problem as a Disrupted outcome, or breaks when it cannot fail now. */
    static List<OrderEvent> failOrBreak(Step step, Problem problem) {
        Outcome outcome = OrderEventSource.disrupted(problem);
        if (isFailable(step.order())) {
            return step.failWith(outcome);
        }
        List<OrderEvent> events = new ArrayList<>();
        events.add(new OrderEvent.OrderOutcomeAdded(outcome));
        events.add(new OrderEvent.OrderBroken(Optional.empty()));
        return events;
    }

    private static boolean isFailable(Order order) {
        boolean placed = order.attachedState().isEmpty() || order.attachedState().get() instanceof AttachedState.Attached;
        return !order.isSuspended() && placed && switch (order.state().kind()) {
            case FRESH, READY, PROCESSED, PROCESSING_KILLED, BROKEN -> true;
            default -> false;
        };
    }

    private static boolean forksWithoutAgent(Step step, Position position) {
        return step.workflow().instruction(position).toOptional().filter(ForkPlacement::isForkWithoutAgent).isPresent();
    }
}
