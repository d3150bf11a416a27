package io.jobwerk.agent.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.RoutingHandler;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET /agent/api}: who the Agent is and how far it got: {@code {"id", "version", "startedAt",
 * "orderCount", "processCount", "subagents": {id: available}, "lastEventId", "releasedEventId", "java"}}.
 */
public final class OverviewRoute {

    /** @param subagents whether each Subagent is available, in the Director's order */
    public record Overview(String id, String version, Instant startedAt, int orderCount, int processCount, Map<String, Boolean> subagents,
            long lastEventId, long releasedEventId) {}

    private final Supplier<Overview> overview;

    public OverviewRoute(Supplier<Overview> overview) {
        this.overview = overview;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.get("/agent/api", auth.require(Permission.ValidUser, (ex, user) -> Exchanges.respondJson(ex, 200, encode(overview.get()))));
    }

    static ObjectNode encode(Overview overview) {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("id", overview.id());
        o.put("version", overview.version());
        o.put("startedAt", overview.startedAt().toEpochMilli());
        o.put("orderCount", overview.orderCount());
        o.put("processCount", overview.processCount());
        ObjectNode available = o.putObject("subagents");
        overview.subagents().forEach(available::put);
        o.put("lastEventId", overview.lastEventId());
        o.put("releasedEventId", overview.releasedEventId());
        o.put("java", System.getProperty("java.version"));
        return o;
    }
}
