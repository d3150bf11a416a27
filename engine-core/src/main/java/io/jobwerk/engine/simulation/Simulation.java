package io.jobwerk.engine.simulation;

import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.workflow.Position;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a simulated order did: its events (and its children's) with their virtual times, how long
 * it took, and how it ended.
 */
public record Simulation(List<SimulatedEvent> events, Duration elapsed, Ending ending) {

    public Simulation {
        events = List.copyOf(events);
    }

    /** An order event at a virtual time, with the position the order had before it (where it happened). */
    public record SimulatedEvent(Instant at, Duration elapsed, OrderId orderId, Position position, OrderEvent event) {}

    /** How the simulation ended. */
    public enum Outcome {
        /** The order finished. */
        FINISHED,
        /** The order failed (and stays failed, as in a Controller). */
        FAILED,
        /** The order was stopped (a Stop instruction or a failure under stopOnFailure). */
        STOPPED,
        /** Nothing more can happen: the order waits for something that does not come (a prompt, a notice, a lock). */
        WAITING,
        /** The time or event limit was reached. */
        LIMIT_REACHED
    }

    /** The outcome, the order's last state and position, and a sentence for a person. */
    public record Ending(Outcome outcome, OrderState.Kind state, Position position, String description) {}

    /** The positions the order (and its children) passed, in order, for drawing its path. */
    public List<Position> path() {
        return events.stream().map(SimulatedEvent::position).distinct().toList();
    }

    public Optional<SimulatedEvent> last() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(events.size() - 1));
    }
}
