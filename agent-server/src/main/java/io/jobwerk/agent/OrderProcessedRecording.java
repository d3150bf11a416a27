package io.jobwerk.agent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineKeeper;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** How a process's outcome becomes {@code OrderProcessed}, wherever the process ran. */
final class OrderProcessedRecording {

    private OrderProcessedRecording() {
    }

    /**
     * Records {@code OrderProcessed(outcome)}, retrying until it is durable (an outcome must not get
     * lost; {@code what} names it in a log line, made only then), if the order is still processing this process as {@code current} tells on the state
     * the event would apply to; else nothing.
     */
    static CompletableFuture<Checked<Boolean>> record(EngineKeeper keeper, Supplier<String> what, OrderId orderId, Outcome outcome,
                                                     Predicate<EngineState> current) {
        KeyedEvent<OrderEvent> processed = KeyedEvent.of(orderId, new OrderEvent.OrderProcessed(outcome));
        return keeper.transactRetrying(what, state -> Checked.ok(Decision.of(current.test(state) ? List.of(processed) : List.of(), Boolean.TRUE)));
    }

    /** Whether the order is processing (on any Subagent). */
    static boolean isProcessing(EngineState state, OrderId orderId) {
        Order order = state.orders().get(orderId);
        return order != null && order.isState(OrderState.Kind.PROCESSING);
    }
}
