package io.jobwerk.subagent.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.RoutingHandler;
import java.util.function.Function;

/** {@code POST /subagent/api/command}: a Subagent command as JSON, for the Director (permission {@code AgentDirector}). */
public final class CommandRoute {

    private final Function<Checked<JsonNode>, Checked<JsonNode>> executor;

    /** @param executor decodes and carries out the request's JSON, answering the response's JSON */
    public CommandRoute(Function<Checked<JsonNode>, Checked<JsonNode>> executor) {
        this.executor = executor;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.post("/subagent/api/command", auth.require(Permission.AgentDirector,
                (ex, user) -> Exchanges.respond(ex, executor.apply(Exchanges.readJson(ex)), json -> json)));
    }
}
