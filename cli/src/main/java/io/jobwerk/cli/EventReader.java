package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.http.client.EngineClient;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Reads a Controller's event stream for the client commands: from {@code after}, or from the oldest
 * kept event when those are released ({@code EventSeqTorn}); to the current end, or on and on with
 * {@code follow}, until {@code onEvent} returns false.
 */
final class EventReader {
    private EventReader() {}

    private static final Duration FOLLOW_POLL = Duration.ofSeconds(50);

    static Checked<Long> read(EngineClient client, long after, boolean follow, Predicate<JsonNode> onEvent) {
        long last = after;
        boolean[] stopped = {false};
        while (true) {
            long before = last;
            Checked<Long> read = client.readEvents(last, follow ? FOLLOW_POLL : Duration.ZERO, e -> {
                stopped[0] = !onEvent.test(e);
                return !stopped[0];
            });
            if (read.isFail()) {
                Problem p = read.problemOption().orElseThrow();
                String oldest = p.arguments().get("oldestAfter");
                if (p.code().equals("EventSeqTorn") && oldest != null && Long.parseLong(oldest) > last) {
                    last = Long.parseLong(oldest);
                    continue;
                }
                return Checked.fail(p);
            }
            last = read.orThrow();
            if (stopped[0] || (!follow && last == before)) {
                return Checked.ok(last);
            }
        }
    }
}
