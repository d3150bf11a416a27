package io.jobwerk.cockpit.orders;

import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The Orders view's filter: a state group (null for all), a workflow path and an Agent (empty for
 * all) and a text found in the id, workflow, step, state or reason, ignoring case.
 */
public record OrderFilter(StateGroup group, String workflow, String agent, String text) implements Predicate<OrderRow> {

    public OrderFilter {
        workflow = workflow == null ? "" : workflow;
        agent = agent == null ? "" : agent;
        text = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean test(OrderRow row) {
        return (group == null || row.group() == group)
                && (workflow.isEmpty() || row.workflowPath().equals(workflow))
                && (agent.isEmpty() || row.agent().filter(agent::equals).isPresent())
                && (text.isEmpty() || matches(row, text));
    }

    /** Whether the (lower-case) text is in the row's id, workflow, step, state or reason. */
    public static boolean matches(OrderRow row, String lowerText) {
        return row.orderId().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.workflowPath().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.step().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.state().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.whyText().toLowerCase(Locale.ROOT).contains(lowerText);
    }
}
