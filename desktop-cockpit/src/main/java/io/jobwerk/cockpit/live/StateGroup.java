package io.jobwerk.cockpit.live;

import io.jobwerk.engine.motor.OrderObstacle;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderState;
import java.time.Instant;
import java.util.List;

/**
 * The state groups operators see (JOC's buckets over the engine's finer order states), each with a
 * label, an icon (so colour is never the only sign) and a style class for its colour.
 */
public enum StateGroup {
    PENDING("Pending", "mdoal-hourglass_empty"),
    SCHEDULED("Scheduled", "mdoal-event"),
    IN_PROGRESS("In progress", "mdoal-autorenew"),
    RUNNING("Running", "mdmz-play_circle_outline"),
    WAITING("Waiting", "mdmz-pause_circle_outline"),
    SUSPENDED("Suspended", "mdmz-pan_tool"),
    PROMPTING("Prompting", "mdoal-help_outline"),
    BLOCKED("Blocked", "mdoal-block"),
    FAILED("Failed", "mdoal-error_outline"),
    FINISHED("Finished", "mdoal-check_circle_outline");

    private final String label;
    private final String icon;

    StateGroup(String label, String icon) {
        this.label = label;
        this.icon = icon;
    }

    public String label() {
        return label;
    }

    /** An Ikonli literal (Material Design 2 outlined pack). */
    public String icon() {
        return icon;
    }

    /** e.g. {@code state-in-progress}: the colour in the stylesheet. */
    public String styleClass() {
        return "state-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    /**
     * The group of an order: ended orders are finished or failed; then suspension and prompting
     * win; an order that cannot go on because its Agent or Subagent is missing or its workflow is
     * suspended is blocked; a fresh order waiting for its time is scheduled, else pending.
     */
    public static StateGroup of(Order order, List<OrderObstacle> obstacles, Instant now) {
        OrderState.Kind kind = order.state().kind();
        if (order.state().isTerminated()) {
            return FINISHED;
        }
        if (order.state().isFailedOrStopped()) {
            return FAILED;
        }
        if (order.isSuspended()) {
            return SUSPENDED;
        }
        if (kind == OrderState.Kind.PROMPTING) {
            return PROMPTING;
        }
        if (kind != OrderState.Kind.PROCESSING && obstacles.stream().anyMatch(StateGroup::blocks)) {
            return BLOCKED;
        }
        return switch (kind) {
            case FRESH -> order.scheduledFor().filter(t -> t.isAfter(now)).isPresent() ? SCHEDULED : PENDING;
            case PROCESSING -> RUNNING;
            case READY, PROCESSED -> IN_PROGRESS;
            case DELAYING_RETRY, DELAYED_AFTER_ERROR, FORKED, WAITING_FOR_LOCK, EXPECTING_NOTICES, BETWEEN_CYCLES,
                    SLEEPING, WAITING_FOR_ADMISSION -> WAITING;
            case PROMPTING -> PROMPTING;
            case BROKEN, FAILED, FAILED_WHILE_FRESH, FAILED_IN_FORK, STOPPED, STOPPED_WHILE_FRESH, PROCESSING_KILLED -> FAILED;
            case FINISHED, CANCELLED, DELETED -> FINISHED;
        };
    }

    private static boolean blocks(OrderObstacle obstacle) {
        return obstacle instanceof OrderObstacle.AgentNotCoupled
                || obstacle instanceof OrderObstacle.NoSubagentAvailable
                || obstacle instanceof OrderObstacle.WorkflowSuspended;
    }
}
