package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.motor.OrderObstacle;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import java.util.List;

/**
 * JSON of {@link OrderObstacle}s. JS7's kinds as JS7 writes them: {@code {"TYPE":"JobProcessLimitReached"}},
 * {@code {"TYPE":"AgentProcessLimitReached"}}, {@code {"TYPE":"WorkflowSuspended"}},
 * {@code {"TYPE":"WaitingForAdmission","until":1700000000000}}, {@code {"TYPE":"WaitingForOtherTime","until":…}},
 * {@code {"TYPE":"WaitingForCommand"}} — with Jobwerk's {@code "reason"} when known. Jobwerk's own:
 * {@code {"TYPE":"WaitingForLock","lockPath":…,"holders":[orderId…],"queuedBefore":[orderId…]}},
 * {@code {"TYPE":"WaitingForNotices","boardPaths":[…],"noticeIds":[{"boardPath":…,"noticeKey":…}…]}},
 * {@code {"TYPE":"WaitingForChildren","children":[orderId…]}},
 * {@code {"TYPE":"AgentNotCoupled","agentPath":…,"problem":{problem}?}},
 * {@code {"TYPE":"NoSubagentAvailable","reason":"SubagentBundle BUNDLE: no member is available …"}}.
 */
public final class OrderObstacleJson {
    private OrderObstacleJson() {}

    public static ObjectNode encode(OrderObstacle obstacle) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", obstacle.getClass().getSimpleName());
        if (obstacle instanceof OrderObstacle.WaitingForAdmission w) {
            o.put("until", w.until().toEpochMilli());
        } else if (obstacle instanceof OrderObstacle.WaitingForOtherTime w) {
            o.put("until", w.until().toEpochMilli());
        } else if (obstacle instanceof OrderObstacle.WaitingForCommand w) {
            w.reason().ifPresent(r -> o.put("reason", r));
        } else if (obstacle instanceof OrderObstacle.NoSubagentAvailable n) {
            o.put("reason", n.reason());
        } else if (obstacle instanceof OrderObstacle.WaitingForLock w) {
            o.put("lockPath", w.lockPath().string());
            o.set("holders", orderIds(w.holders()));
            o.set("queuedBefore", orderIds(w.queuedBefore()));
        } else if (obstacle instanceof OrderObstacle.WaitingForNotices w) {
            ArrayNode boards = o.putArray("boardPaths");
            w.boardPaths().forEach(b -> boards.add(b.string()));
            ArrayNode ids = o.putArray("noticeIds");
            w.noticeIds().forEach(id -> ids.add(OrderJson.encode(id)));
        } else if (obstacle instanceof OrderObstacle.WaitingForChildren w) {
            o.set("children", orderIds(w.children()));
        } else if (obstacle instanceof OrderObstacle.AgentNotCoupled a) {
            o.put("agentPath", a.agentPath().string());
            a.problem().ifPresent(p -> o.set("problem", ProblemJson.encode(p)));
        }
        return o;
    }

    public static ArrayNode encode(List<? extends OrderObstacle> obstacles) {
        ArrayNode a = EngineJson.array();
        obstacles.forEach(o -> a.add(encode(o)));
        return a;
    }

    /** An array of obstacles, as {@link #encode(List)} writes it; a problem naming the place of bad input. */
    public static Checked<List<OrderObstacle>> decodeList(JsonNode json) {
        return JsonCursor.decode(json, c -> {
            if (!c.node().isArray()) {
                throw c.fail("an array of obstacles expected");
            }
            return c.elements().stream().map(OrderObstacleJson::obstacle).toList();
        });
    }

    public static Checked<OrderObstacle> decode(JsonNode json) {
        return JsonCursor.decode(json, OrderObstacleJson::obstacle);
    }

    private static OrderObstacle obstacle(JsonCursor c) {
        String type = c.type();
        return switch (type) {
            case "JobProcessLimitReached" -> new OrderObstacle.JobProcessLimitReached();
            case "AgentProcessLimitReached" -> new OrderObstacle.AgentProcessLimitReached();
            case "WorkflowSuspended" -> new OrderObstacle.WorkflowSuspended();
            case "WaitingForAdmission" -> new OrderObstacle.WaitingForAdmission(c.required("until").instant());
            case "WaitingForOtherTime" -> new OrderObstacle.WaitingForOtherTime(c.required("until").instant());
            case "WaitingForCommand" -> new OrderObstacle.WaitingForCommand(c.optionalString("reason"));
            case "NoSubagentAvailable" -> new OrderObstacle.NoSubagentAvailable(c.requiredString("reason"));
            case "WaitingForLock" -> new OrderObstacle.WaitingForLock(c.required("lockPath").as(LockPath::checked),
                    orderIds(c.required("holders")), orderIds(c.required("queuedBefore")));
            case "WaitingForNotices" -> new OrderObstacle.WaitingForNotices(
                    c.required("boardPaths").elements().stream().map(b -> b.as(BoardPath::checked)).toList(),
                    c.required("noticeIds").elements().stream().map(OrderJson::noticeId).toList());
            case "WaitingForChildren" -> new OrderObstacle.WaitingForChildren(orderIds(c.required("children")));
            case "AgentNotCoupled" -> new OrderObstacle.AgentNotCoupled(c.required("agentPath").as(AgentPath::checked),
                    c.optional("problem").map(ProblemJson::decode));
            default -> throw c.child("TYPE").fail("unknown obstacle TYPE '" + type + "'");
        };
    }

    private static ArrayNode orderIds(List<OrderId> ids) {
        ArrayNode a = EngineJson.array();
        ids.forEach(id -> a.add(id.string()));
        return a;
    }

    private static List<OrderId> orderIds(JsonCursor c) {
        return c.elements().stream().map(e -> e.as(OrderId::existing)).toList();
    }
}
