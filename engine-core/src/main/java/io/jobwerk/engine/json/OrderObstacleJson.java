package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.motor.OrderObstacle;
import java.util.List;

/**
 * JSON of {@link OrderObstacle}s as JS7 names them, e.g. {@code {"TYPE":"JobProcessLimitReached"}},
 * {@code {"TYPE":"WaitingForAdmission","until":1700000000000}},
 * {@code {"TYPE":"NoSubagentAvailable","reason":"SubagentBundle BUNDLE: no member is available …"}}.
 */
public final class OrderObstacleJson {
    private OrderObstacleJson() {}

    public static ObjectNode encode(OrderObstacle obstacle) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", obstacle.getClass().getSimpleName());
        if (obstacle instanceof OrderObstacle.WaitingForAdmission w) {
            o.put("until", w.until().toEpochMilli());
        } else if (obstacle instanceof OrderObstacle.NoSubagentAvailable n) {
            o.put("reason", n.reason());
        }
        return o;
    }

    public static ArrayNode encode(List<? extends OrderObstacle> obstacles) {
        ArrayNode a = EngineJson.array();
        obstacles.forEach(o -> a.add(encode(o)));
        return a;
    }
}
