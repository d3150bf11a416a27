package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * One stamped event as a human-readable line:
 * {@code 2026-11-22T17:05:01.123Z  demo-hello  OrderProcessingStarted  subagentId=agent-1}; a keyless
 * event has {@code -} as key, long values are cut at 160 characters ({@code --json} shows them whole).
 */
final class EventLine {
    private EventLine() {}

    private static final int MAX_VALUE = 160;
    private static final Set<String> STAMP = Set.of("eventId", "timestamp", "Key", "TYPE");

    static String format(JsonNode event) {
        StringBuilder sb = new StringBuilder();
        // An event id is epoch milliseconds × 1000 + a counter: it tells the time when no timestamp is given.
        JsonNode ts = event.get("timestamp");
        long millis = ts != null && ts.canConvertToLong() ? ts.asLong() : event.path("eventId").asLong() / 1000;
        sb.append(Instant.ofEpochMilli(millis)).append("  ");
        return sb.append(formatUnstamped(event)).toString();
    }

    /** The line without its time: {@code KEY  TYPE  field=value …}. */
    static String formatUnstamped(JsonNode event) {
        StringBuilder sb = new StringBuilder();
        sb.append(event.path("Key").asText("-"));
        sb.append("  ").append(event.path("TYPE").asText("?"));
        for (Iterator<Map.Entry<String, JsonNode>> it = event.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!STAMP.contains(f.getKey())) {
                JsonNode v = f.getValue();
                String text = v.isTextual() && isPlain(v.asText()) ? v.asText() : v.toString();
                sb.append("  ").append(f.getKey()).append('=').append(text.length() > MAX_VALUE ? text.substring(0, MAX_VALUE) + "…" : text);
            }
        }
        return sb.toString();
    }

    private static boolean isPlain(String s) {
        return !s.isEmpty() && s.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c) || c == '"');
    }
}
