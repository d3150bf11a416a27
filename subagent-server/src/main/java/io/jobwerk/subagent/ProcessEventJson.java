package io.jobwerk.subagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.engine.order.OrderEvent;

/**
 * A Subagent's event stream line: the stamped order event as JS7 writes it, plus {@code taskId}, e.g.
 * {@code {"eventId":1700000000000001,"Key":"ORDER","TYPE":"OrderProcessed","outcome":{"TYPE":"Succeeded"},"taskId":"task-1"}}.
 */
public final class ProcessEventJson {
    private ProcessEventJson() {}

    public static ObjectNode encode(Stamped<? extends Event> stamped) {
        if (!(stamped.keyedEvent().event() instanceof ProcessEvent e)) {
            return EventJson.encodeStamped(stamped);
        }
        ObjectNode json = EventJson.encodeStamped(new Stamped<>(stamped.eventId(), stamped.timestampMillis(),
                new KeyedEvent<>(stamped.keyedEvent().key(), e.orderEvent())));
        json.put("taskId", e.taskId());
        return json;
    }

    public static Checked<Stamped<ProcessEvent>> decode(JsonNode json) {
        if (!json.path("taskId").isTextual()) {
            return Checked.fail(Problem.of("BadResponse", "A Subagent event needs the string 'taskId': " + json));
        }
        // taskId is one more field of the order event's JSON, which the event decoder does not look at
        return EventJson.decodeStamped(json).flatMap(s -> s.keyedEvent().event() instanceof OrderEvent e
                ? Checked.ok(new Stamped<>(s.eventId(), s.timestampMillis(),
                        new KeyedEvent<>(s.keyedEvent().key(), new ProcessEvent(json.get("taskId").asText(), e))))
                : Checked.fail(Problem.of("BadResponse", "A Subagent event must be an order event: " + json)));
    }
}
