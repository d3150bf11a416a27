package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One decision for one order: the context, the order and its workflow, and the usual outcomes. */
record Step(MotorContext ctx, Mover mover, Order order, Workflow workflow) {

    Position position() {
        return order.position();
    }

    OrderScope scope() {
        return ctx.scope(order, workflow);
    }

    /** {@code OrderMoved} to the first position from {@code from} where something happens. */
    List<OrderEvent> moveOn(Position from) {
        Checked<Position> to = mover.settle(order, workflow, from);
        if (to.isFail()) { // as JS7: the order fails where it is, its outcome Disrupted by the problem
            return failWith(OrderEventSource.disrupted(to.problemOption().orElseThrow()));
        }
        return to.orThrow().equals(order.position()) ? List.of() : List.of(new OrderEvent.OrderMoved(to.orThrow(), Optional.empty()));
    }

    /** Moves past the current instruction. */
    List<OrderEvent> moveOn() {
        return moveOn(position().increment());
    }

    /** The instruction failed with this problem: the outcome is recorded, then the failure is handled. */
    List<OrderEvent> failWith(Problem problem) {
        return failWith(new Outcome.Failed(Optional.of(problem.message()), Map.of()));
    }

    List<OrderEvent> failWith(Outcome outcome) {
        List<OrderEvent> events = new ArrayList<>();
        events.add(new OrderEvent.OrderOutcomeAdded(outcome));
        events.addAll(FailureHandler.fail(order, workflow, position(), outcome));
        return events;
    }

    /** The events, or the problem handled as a failure of the instruction. */
    List<OrderEvent> orFail(Checked<List<OrderEvent>> events) {
        return events.isOk() ? events.orThrow() : failWith(events.problemOption().orElseThrow());
    }
}
