package io.jobwerk.runtime;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.journal.StateFolder;
import java.util.Optional;

/**
 * Folds events into the {@link EngineState} with {@link EngineState#applyEvent}. On an Agent
 * Director an order leaves the state once detached: it belongs to the Controller again; a workflow
 * version or an item leaves it with the Director's {@code ItemDetached}.
 */
public final class EngineFolder implements StateFolder<EngineState> {

    private final boolean forgetDetachedOrders;

    private EngineFolder(boolean forgetDetachedOrders) {
        this.forgetDetachedOrders = forgetDetachedOrders;
    }

    public static EngineFolder controller() {
        return new EngineFolder(false);
    }

    public static EngineFolder agent() {
        return new EngineFolder(true);
    }

    /** Whether folding an event is {@link EngineState#applyEvent} and nothing else (on a Controller). */
    public boolean isApplyEventAlone() {
        return !forgetDetachedOrders;
    }

    /**
     * When the event happened, for the coupling times in the state: its explicit timestamp, else the
     * time of its event id; none for an event not yet stamped (id 0, as the keeper folds a round).
     */
    static Optional<java.time.Instant> time(Stamped<? extends Event> stamped) {
        return stamped.timestampMillis().or(() -> stamped.eventId() > 0 ? Optional.of(stamped.eventId() / 1000) : Optional.empty())
                .map(java.time.Instant::ofEpochMilli);
    }

    @Override
    public EngineState empty() {
        return EngineState.EMPTY;
    }

    @Override
    public Checked<EngineState> apply(EngineState state, Stamped<? extends Event> stamped) {
        Checked<EngineState> next = state.applyEvent(stamped.keyedEvent(), time(stamped));
        if (forgetDetachedOrders && next.isOk() && stamped.keyedEvent().event() instanceof OrderEvent.OrderDetached) {
            OrderId id = new OrderId(stamped.keyedEvent().key().orElseThrow());
            return next.map(s -> s.withoutOrder(id));
        }
        if (forgetDetachedOrders && next.isOk() && stamped.keyedEvent().event() instanceof SystemEvent.ItemDetached detached) {
            // The Agent's own ItemDetached (UnusedWorkflowVersions): the version leaves it. A Controller keeps it.
            Optional<WorkflowId> id = WorkflowId.fromItemKey(detached.key());
            if (id.isPresent()) {
                return next.flatMap(s -> s.withoutWorkflowVersion(id.get()));
            }
            // A simple item the Controller deleted (DetachItem).
            return next.flatMap(s -> s.applyEvent(KeyedEvent.keyless(new ItemEvent.ItemDeleted(detached.key()))));
        }
        return next;
    }
}
