package io.jobwerk.subagent.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.RoutingHandler;
import java.util.function.Supplier;

/**
 * {@code GET /subagent/api}: the overview {@code {version, runId, startedAt, processCount, lastEventId,
 * directorTimeout, cpuLoad, freeMemorySize, totalMemorySize, committedVirtualMemorySize}} for any valid
 * user; a request of the Director counts as its sign of life.
 */
public final class OverviewRoute {

    private final Supplier<JsonNode> overview;
    private final DirectorContact contact;

    public OverviewRoute(Supplier<JsonNode> overview, DirectorContact contact) {
        this.overview = overview;
        this.contact = contact;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.get("/subagent/api", auth.require(Permission.ValidUser, contact.counting((ex, user) -> Exchanges.respondJson(ex, 200, overview.get()))));
    }
}
