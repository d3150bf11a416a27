package io.jobwerk.controller.web;

import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.jobwerk.journal.Journal;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;

/** {@code GET /controller/api/snapshot}: the Controller's state with its event id, as NDJSON snapshot objects. */
public final class SnapshotRoute {

    private final Journal<EngineState> journal;

    public SnapshotRoute(Journal<EngineState> journal) {
        this.journal = journal;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.get("/controller/api/snapshot", auth.require(Permission.ValidUser, (ex, u) -> snapshot(ex)));
    }

    private void snapshot(HttpServerExchange exchange) {
        var at = journal.currentStateAt();
        Exchanges.respond(exchange, 200, Exchanges.NDJSON, EngineStateJson.snapshotNdjson(at.state(), at.eventId()));
    }
}
