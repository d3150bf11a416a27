package io.jobwerk.engine.order;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Renders {@link OrderTransitions} as the Markdown page {@code docs/order-states.md}. Pure: the same
 * table always gives the same text; a test compares the committed page with it.
 */
public final class OrderTransitionsDoc {
    private OrderTransitionsDoc() {}

    public static String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Order states\n\n")
                .append("<!-- Generated from io.jobwerk.engine.order.OrderTransitions by OrderTransitionsDoc; do not edit.\n")
                .append("     Regenerate: mvn -pl engine-core test -Dtest=OrderStatesDocTest -Djobwerk.regenerateDocs=true -->\n\n")
                .append("An order moves through these states by its events (`Order.applyEvent`). The table lists, for each state,\n")
                .append("the events that may be applied and the state they lead to; any other event is rejected with the\n")
                .append("problem `UnexpectedOrderEvent`. Where an event has two targets, the event's content decides\n")
                .append("(e.g. `OrderProcessed` with a `Killed` outcome leads to `ProcessingKilled`).\n\n");

        sb.append("## Transitions\n\n| State | Event | Next state |\n|---|---|---|\n");
        for (OrderState.Kind from : OrderState.Kind.values()) {
            for (OrderEvent.Kind event : OrderEvent.Kind.values()) {
                List<String> targets = new ArrayList<>();
                for (OrderTransitions.Transition t : OrderTransitions.transitions()) {
                    if (t.from() == from && t.event() == event) {
                        targets.add(t.to().typeName());
                    }
                }
                if (!targets.isEmpty()) {
                    sb.append("| ").append(from.typeName()).append(" | ").append(event.typeName()).append(" | ")
                            .append(String.join(" or ", targets)).append(" |\n");
                }
            }
        }

        sb.append("\n## Orthogonal events\n\n")
                .append("These events leave the state as it is (they change attachment, marks, priority …) and are allowed\n")
                .append("in the states listed.\n\n| Event | Allowed in |\n|---|---|\n");
        for (Map.Entry<OrderEvent.Kind, Set<OrderState.Kind>> e : OrderTransitions.orthogonalEvents().entrySet()) {
            sb.append("| ").append(e.getKey().typeName()).append(" | ").append(states(e.getValue())).append(" |\n");
        }

        sb.append("\n## Creating events\n\n")
                .append("These events create an order and are never applied to an existing one (problem `OrderExists`): ")
                .append(OrderTransitions.creatingEvents().stream().map(k -> "`" + k.typeName() + "`")
                        .collect(Collectors.joining(", ")))
                .append(".\n");
        return sb.toString();
    }

    private static String states(Set<OrderState.Kind> states) {
        Set<OrderState.Kind> missing = EnumSet.complementOf(EnumSet.copyOf(states));
        if (missing.isEmpty()) {
            return "every state";
        }
        if (missing.size() <= 3) {
            return "every state but " + missing.stream().map(OrderState.Kind::typeName).collect(Collectors.joining(", "));
        }
        return states.stream().sorted().map(OrderState.Kind::typeName).collect(Collectors.joining(", "));
    }
}
