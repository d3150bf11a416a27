package io.jobwerk.runtime;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.StateFolder;

/**
 * Folds events into the {@link EngineState} with {@link EngineState#applyEvent}. On an Agent
 * Director an order leaves the state once detached: it belongs to the Controller again.
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

    @Override
    public EngineState empty() {
        return EngineState.EMPTY;
    }

    @Override
    public Checked<EngineState> apply(EngineState state, Stamped<? extends Event> stamped) {
        Checked<EngineState> next = state.applyEvent(stamped.keyedEvent());
        if (forgetDetachedOrders && next.isOk() && stamped.keyedEvent().event() instanceof OrderEvent.OrderDetached) {
            OrderId id = new OrderId(stamped.keyedEvent().key().orElseThrow());
            return next.map(s -> s.withoutOrder(id));
        }
        return next;
    }
}
