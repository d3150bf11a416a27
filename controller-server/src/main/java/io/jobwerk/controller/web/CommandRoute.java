package io.jobwerk.controller.web;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.CommandPermissions;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.util.Optional;

/**
 * {@code POST /controller/api/command}: a JS7 command as JSON, answered with its response. The user
 * needs the permission the command asks for ({@link CommandPermissions}); a lone {@code ShutDown} or
 * {@code EmergencyStop} is answered {@code Accepted} first, then the Controller stops.
 */
public final class CommandRoute {

    /** Carries out a command other than a lone {@code ShutDown}/{@code EmergencyStop}. */
    @FunctionalInterface
    public interface Executor {
        Checked<CommandResponse> execute(Command command) throws Exception;
    }

    private final Executor executor;
    private final Runnable shutDown;

    /** @param shutDown starts stopping the Controller, returning at once (the answer is sent before) */
    public CommandRoute(Executor executor, Runnable shutDown) {
        this.executor = executor;
        this.shutDown = shutDown;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.post("/controller/api/command", auth.require(Permission.ValidUser, this::command));
    }

    private void command(HttpServerExchange exchange, UserAccount user) throws Exception {
        Checked<Command> command = Exchanges.readJson(exchange).flatMap(CommandJson::decode);
        if (command.isFail()) {
            Exchanges.respondProblem(exchange, command.problemOption().orElseThrow());
            return;
        }
        Command c = command.orThrow();
        Optional<Permission> missing = CommandPermissions.missing(user, c);
        if (missing.isPresent()) {
            Exchanges.respondProblem(exchange, Authentication.forbidden(user, missing.get()).withPrefix(c.typeName()));
            return;
        }
        if (c.kind() == Command.Kind.SHUT_DOWN || c.kind() == Command.Kind.EMERGENCY_STOP) {
            Exchanges.respondJson(exchange, 200, CommandJson.encode(CommandResponse.ACCEPTED));
            shutDown.run();
            return;
        }
        Exchanges.respond(exchange, executor.execute(c), CommandJson::encode);
    }
}
