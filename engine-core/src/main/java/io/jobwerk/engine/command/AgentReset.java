package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Controller records when an Agent was reset (JS7 {@code ResetAgent}): the Agent forgot its
 * orders, so each order there (attaching, attached, detaching) comes back to the Controller — a
 * running step as {@code OrderProcessed(Disrupted(ProcessLost))}, which the motor starts again — with
 * {@code OrderDetached}; the motor then attaches it to the fresh Agent anew.
 */
public final class AgentReset {
    private AgentReset() {}

    /** The events taking every order of {@code agentPath} back, ordered by OrderId. */
    public static List<KeyedEvent<? extends Event>> orderEvents(EngineState state, AgentPath agentPath) {
        Problem problem = Problem.of("AgentReset", "Agent '" + agentPath + "' has been reset", Map.of("agentPath", agentPath.string()));
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        state.orders().values().stream()
                .filter(o -> o.attachedState().map(a -> a.agentPath().equals(agentPath)).orElse(false))
                .sorted(Comparator.comparing(Order::id))
                .forEach(order -> {
                    if (order.state() instanceof OrderState.Processing) {
                        events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderProcessed(
                                new Outcome.Disrupted(new Outcome.ProcessLost(Optional.of(problem)), false))));
                    }
                    events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderDetached()));
                });
        return events;
    }
}
