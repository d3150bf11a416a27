package io.jobwerk.cockpit.live;

import io.jobwerk.engine.motor.OrderObstacle;
import io.jobwerk.engine.order.OrderId;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Collectors;

/** An order obstacle (the core's {@link OrderObstacle}) said in words for the operator. */
public final class ObstacleText {
    private ObstacleText() {}

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    public static String of(OrderObstacle o, ZoneId zone) {
        if (o instanceof OrderObstacle.WaitingForAdmission w) {
            return "Waits for its admission time from " + time(w.until(), zone);
        } else if (o instanceof OrderObstacle.WaitingForOtherTime w) {
            return "Waits until " + time(w.until(), zone);
        } else if (o instanceof OrderObstacle.WaitingForCommand w) {
            return w.reason().map(r -> "Waits for an operator: " + r).orElse("Waits for an operator's command");
        } else if (o instanceof OrderObstacle.WaitingForLock w) {
            return "Waits for lock " + w.lockPath()
                    + (w.holders().isEmpty() ? "" : ", held by " + ids(w.holders()))
                    + (w.queuedBefore().isEmpty() ? "" : ", queued after " + ids(w.queuedBefore()));
        } else if (o instanceof OrderObstacle.WaitingForNotices w) {
            return "Waits for notices " + (w.noticeIds().isEmpty()
                    ? w.boardPaths().stream().map(Object::toString).collect(Collectors.joining(", "))
                    : w.noticeIds().stream().map(n -> n.boardPath() + ":" + n.noticeKey()).collect(Collectors.joining(", ")));
        } else if (o instanceof OrderObstacle.WaitingForChildren w) {
            return "Waits for its children " + ids(w.children());
        } else if (o instanceof OrderObstacle.AgentNotCoupled a) {
            return "Agent " + a.agentPath() + " is not coupled" + a.problem().map(p -> ": " + p.message()).orElse("");
        } else if (o instanceof OrderObstacle.NoSubagentAvailable n) {
            return "No Subagent available: " + n.reason();
        } else if (o instanceof OrderObstacle.WorkflowSuspended) {
            return "Its workflow is suspended";
        } else if (o instanceof OrderObstacle.JobProcessLimitReached) {
            return "The job's process limit is reached";
        } else if (o instanceof OrderObstacle.AgentProcessLimitReached) {
            return "The Agent's process limit is reached";
        }
        return o.getClass().getSimpleName();
    }

    static String time(Instant instant, ZoneId zone) {
        return TIME.format(instant.atZone(zone));
    }

    private static String ids(List<OrderId> ids) {
        return ids.stream().map(OrderId::string).collect(Collectors.joining(", "));
    }
}
