package io.jobwerk.agent.web;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.protocol.AgentCommand;
import io.jobwerk.http.protocol.AgentCommandJson;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;

/** {@code POST /agent/api/command}: an Agent command (or a Batch of them) as JSON, for users who may update items (the Controller). */
public final class CommandRoute {

    @FunctionalInterface
    public interface Executor {
        Checked<CommandResponse> execute(AgentCommand command) throws Exception;
    }

    private final Executor executor;

    public CommandRoute(Executor executor) {
        this.executor = executor;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.post("/agent/api/command", auth.require(Permission.UpdateItem, (ex, user) -> command(ex)));
    }

    private void command(HttpServerExchange exchange) throws Exception {
        Checked<AgentCommand> command = Exchanges.readJson(exchange).flatMap(AgentCommandJson::decode);
        if (command.isFail()) {
            Exchanges.respondProblem(exchange, command.problemOption().orElseThrow());
            return;
        }
        Exchanges.respond(exchange, executor.execute(command.orThrow()), CommandJson::encode);
    }
}
