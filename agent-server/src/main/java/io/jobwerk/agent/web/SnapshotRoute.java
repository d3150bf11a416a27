package io.jobwerk.agent.web;

import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.jobwerk.runtime.EngineKeeper;
import io.undertow.server.RoutingHandler;

/** {@code GET /agent/api/snapshot}: the Agent's state as NDJSON snapshot objects (as the Controller's). */
public final class SnapshotRoute {

    private final EngineKeeper keeper;

    public SnapshotRoute(EngineKeeper keeper) {
        this.keeper = keeper;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.get("/agent/api/snapshot", auth.require(Permission.ValidUser,
                (ex, user) -> Exchanges.respond(ex, 200, Exchanges.NDJSON, EngineStateJson.snapshotNdjson(keeper.state()))));
    }
}
