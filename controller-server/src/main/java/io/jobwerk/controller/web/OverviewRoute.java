package io.jobwerk.controller.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.RoutingHandler;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * {@code GET /controller/api}: who the Controller is and how far it got: {@code {"id", "version",
 * "startedAt", "orderCount", "agents", "lastEventId", "journalId", "historyEventId",
 * "publishedEventId"?, "java"}}.
 */
public final class OverviewRoute {

    /**
     * @param agents           the Agents the Controller has a driver for, sorted
     * @param publishedEventId the last event the event broker published, when one is configured
     */
    public record Overview(String id, String version, Instant startedAt, int orderCount, List<String> agents, long lastEventId,
            String journalId, long historyEventId, OptionalLong publishedEventId) {}

    private final Supplier<Overview> overview;

    public OverviewRoute(Supplier<Overview> overview) {
        this.overview = overview;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.get("/controller/api", auth.require(Permission.ValidUser, (ex, u) -> Exchanges.respondJson(ex, 200, encode(overview.get()))));
    }

    static ObjectNode encode(Overview overview) {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("id", overview.id());
        o.put("version", overview.version());
        o.put("startedAt", overview.startedAt().toEpochMilli());
        o.put("orderCount", overview.orderCount());
        var agents = o.putArray("agents");
        overview.agents().forEach(agents::add);
        o.put("lastEventId", overview.lastEventId());
        o.put("journalId", overview.journalId());
        o.put("historyEventId", overview.historyEventId());
        overview.publishedEventId().ifPresent(id -> o.put("publishedEventId", id));
        o.put("java", System.getProperty("java.version"));
        return o;
    }
}
