package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.board.NoticeEvent;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.workflow.WorkflowControlEvent;
import java.util.Optional;

/**
 * Any event Jobwerk knows, dispatched by its {@code TYPE}: order events ({@link OrderEventJson}),
 * item events ({@link ItemEventJson}), notice events ({@link NoticeEventJson}), workflow controls
 * ({@link WorkflowControlEventJson}) and servers' bookkeeping ({@link SystemEventJson}). This is the
 * codec of the event stream ({@code GET …/api/event}) and of the journal's event lines:
 * {@code {"eventId":…,"timestamp":…?,"Key":"…"?,"TYPE":…, fields…}}.
 *
 * <p>Order events need their {@code Key} (the OrderId, validated like any existing order's id); for
 * all other events the key is optional and kept as the string it is (a board path, an Agent path …).
 * An unknown {@code TYPE} is a problem at {@code $.TYPE} naming it.
 */
public final class EventJson {
    private EventJson() {}

    /** Decodes an unstamped, unkeyed event {@code {"TYPE":…, fields…}}. */
    public static Checked<Event> decode(JsonNode json) {
        return JsonCursor.decode(json, EventJson::event);
    }

    /** {@code {"TYPE":…, fields…}}; throws {@link IllegalArgumentException} for an event type without JSON form. */
    public static ObjectNode encode(Event event) {
        if (event instanceof OrderEvent e) {
            return OrderEventJson.encode(e);
        } else if (event instanceof ItemEvent e) {
            return ItemEventJson.encode(e);
        } else if (event instanceof NoticeEvent e) {
            return NoticeEventJson.encode(e);
        } else if (event instanceof WorkflowControlEvent e) {
            return WorkflowControlEventJson.encode(e);
        } else if (event instanceof SystemEvent e) {
            return SystemEventJson.encode(e);
        }
        throw new IllegalArgumentException("No JSON form for event " + event.getClass().getName());
    }

    /** A line of the event stream or journal. */
    public static Checked<Stamped<Event>> decodeStamped(JsonNode json) {
        return JsonCursor.decode(json, c -> {
            long eventId = c.required("eventId").longValue();
            if (eventId < 0) {
                throw c.child("eventId").fail("eventId must not be negative, found " + eventId);
            }
            Optional<Long> timestamp = c.optional("timestamp").map(JsonCursor::longValue);
            Event event = event(c);
            Optional<String> key;
            if (event instanceof OrderEvent) {
                key = Optional.of(OrderJson.anyOrderId(c.required("Key")).string());
            } else {
                key = c.optional("Key").map(JsonCursor::string);
            }
            return new Stamped<>(eventId, timestamp, new KeyedEvent<>(key, event));
        });
    }

    /** {@code eventId}, {@code timestamp} if any, {@code Key} if any, then the event's fields. */
    public static ObjectNode encodeStamped(Stamped<? extends Event> stamped) {
        ObjectNode o = EngineJson.object();
        o.put("eventId", stamped.eventId());
        stamped.timestampMillis().ifPresent(t -> o.put("timestamp", t));
        stamped.keyedEvent().key().ifPresent(k -> o.put("Key", k));
        o.setAll(encode(stamped.keyedEvent().event()));
        return o;
    }

    static Event event(JsonCursor c) {
        String type = c.type();
        if (OrderEventJson.isType(type)) {
            return OrderEventJson.event(c);
        } else if (ItemEventJson.isType(type)) {
            return ItemEventJson.event(c);
        } else if (NoticeEventJson.isType(type)) {
            return NoticeEventJson.event(c);
        } else if (WorkflowControlEventJson.isType(type)) {
            return WorkflowControlEventJson.event(c);
        } else if (SystemEventJson.isType(type)) {
            return SystemEventJson.event(c);
        }
        throw c.child("TYPE").fail("unknown event TYPE '" + type + "'");
    }
}
