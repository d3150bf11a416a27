package io.jobwerk.cockpit.live;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An order as a row of the Cockpit: what the tables, counts and searches show, computed once per
 * change from the core's order (see {@link OrderRows}).
 *
 * @param step     the instruction the order is at: its label, job name or kind, e.g. {@code say-hello}
 * @param state    the engine's state name with marks, e.g. {@code Processing}, {@code Ready, suspended}
 * @param agent    the Agent the order is at (or going to or leaving), empty at the Controller
 * @param why      the obstacles in words (why a waiting order waits), and for a failed one why it failed
 * @param priority the order's priority (0 unless given or changed; higher goes first)
 */
public record OrderRow(String orderId, String workflowPath, String workflowVersion, String position,
                       String step, String state, StateGroup group, Optional<String> agent,
                       Optional<Instant> scheduledFor, List<String> why, boolean isChild,
                       java.math.BigDecimal priority) {

    public OrderRow {
        why = List.copyOf(why);
    }

    public String agentOrDash() {
        return agent.orElse("—");
    }

    /** The workflow version as JS7 writes it, shortened when long (a deployment's UUID-like id). */
    public String versionLabel() {
        return workflowVersion.length() > 16 ? workflowVersion.substring(0, 16) + "…" : workflowVersion;
    }

    public String whyText() {
        return String.join("; ", why);
    }
}
