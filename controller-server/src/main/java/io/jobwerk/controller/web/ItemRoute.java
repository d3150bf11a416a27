package io.jobwerk.controller.web;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.util.List;
import java.util.function.Function;

/** {@code POST /controller/api/item}: an NDJSON stream of item operations, deployed all or nothing, for users who may update items. */
public final class ItemRoute {

    private final Function<List<ItemOperation>, Checked<Boolean>> deploy;

    public ItemRoute(Function<List<ItemOperation>, Checked<Boolean>> deploy) {
        this.deploy = deploy;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.post("/controller/api/item", auth.require(Permission.UpdateItem, (ex, u) -> deploy(ex)));
    }

    private void deploy(HttpServerExchange exchange) {
        Checked<List<ItemOperation>> operations = Exchanges.readBody(exchange).flatMap(ItemOperationJson::decodeNdjson);
        if (operations.isFail()) {
            Exchanges.respondProblem(exchange, operations.problemOption().orElseThrow());
            return;
        }
        Exchanges.respond(exchange, deploy.apply(operations.orThrow()), ok -> CommandJson.encode(CommandResponse.ACCEPTED));
    }
}
