package io.jobwerk.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.OrderJson;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.protocol.PathSegment;
import io.jobwerk.http.server.Exchanges;
import io.jobwerk.runtime.EngineKeeper;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The orders resource:
 * <ul>
 *   <li>{@code POST /controller/api/order}: one FreshOrder (201 with its {@code Location}; 409
 *       {@code DuplicateOrder} if the id exists), a JSON array or NDJSON of them (200), for users who
 *       may control orders;</li>
 *   <li>{@code GET /controller/api/order/ID} (ID percent-encoded as one path segment): the order.</li>
 * </ul>
 */
public final class OrderRoute {

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final EngineKeeper keeper;

    public OrderRoute(EngineKeeper keeper) {
        this.keeper = keeper;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes
                .post("/controller/api/order", auth.require(Permission.ControlOrder, (ex, u) -> addOrders(ex)))
                .get("/controller/api/order/{orderId}", auth.require(Permission.ValidUser, (ex, u) -> order(ex)));
    }

    private void addOrders(HttpServerExchange exchange) throws Exception {
        Checked<String> body = Exchanges.readBody(exchange);
        if (body.isFail()) {
            Exchanges.respondProblem(exchange, body.problemOption().orElseThrow());
            return;
        }
        String text = body.orThrow().strip();
        Checked<JsonNode> single = EngineJson.parse(text);
        boolean isSingle = single.isOk() && single.orThrow().isObject();
        Checked<List<JsonNode>> nodes = isSingle ? Checked.ok(List.of(single.orThrow()))
                : single.isOk() && single.orThrow().isArray() ? Checked.ok(elements(single.orThrow()))
                : ndjsonLines(text);
        Checked<List<FreshOrder>> orders = nodes.flatMap(OrderRoute::freshOrders);
        if (orders.isFail()) {
            Exchanges.respondProblem(exchange, orders.problemOption().orElseThrow());
            return;
        }
        List<FreshOrder> fresh = orders.orThrow();
        Command command = isSingle ? new Command.AddOrder(fresh.get(0)) : new Command.AddOrders(fresh);
        Checked<CommandResponse> response = keeper.execute(command).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (response.isFail()) {
            Exchanges.respondProblem(exchange, response.problemOption().orElseThrow());
        } else if (response.orThrow() instanceof CommandResponse.AddOrderResponse r && r.ignoredBecauseDuplicate()) {
            Exchanges.respondProblem(exchange, Problem.of("DuplicateOrder", "Order '" + fresh.get(0).id() + "' already exists"));
        } else if (isSingle) {
            exchange.getResponseHeaders().put(Headers.LOCATION, "/controller/api/order/" + PathSegment.encode(fresh.get(0).id().string()));
            Exchanges.respondJson(exchange, 201, EngineJson.MAPPER.createObjectNode());
        } else {
            Exchanges.respondJson(exchange, 200, CommandJson.encode(CommandResponse.ACCEPTED));
        }
    }

    private static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> nodes = new ArrayList<>();
        array.forEach(nodes::add);
        return nodes;
    }

    /** One JSON object a non-blank line; a line that is no JSON is a problem naming its number. */
    private static Checked<List<JsonNode>> ndjsonLines(String text) {
        List<JsonNode> nodes = new ArrayList<>();
        int line = 0;
        for (String l : text.split("\n")) {
            line++;
            if (l.isBlank()) {
                continue;
            }
            Checked<JsonNode> json = EngineJson.parse(l);
            if (json.isFail()) {
                return Checked.fail(json.problemOption().orElseThrow().withPrefix("Line " + line));
            }
            nodes.add(json.orThrow());
        }
        return Checked.ok(nodes);
    }

    /** The orders decoded; a bad one is a problem naming its place (unless it is the only one). */
    private static Checked<List<FreshOrder>> freshOrders(List<JsonNode> nodes) {
        List<FreshOrder> orders = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Checked<FreshOrder> order = CommandJson.decodeFreshOrder(nodes.get(i));
            if (order.isFail()) {
                Problem p = order.problemOption().orElseThrow();
                return Checked.fail(nodes.size() == 1 ? p : p.withPrefix("Order " + (i + 1)));
            }
            orders.add(order.orThrow());
        }
        return Checked.ok(orders);
    }

    private void order(HttpServerExchange exchange) {
        Checked<OrderId> orderId = Exchanges.pathParameter(exchange, "orderId").flatMap(OrderId::existing);
        if (orderId.isFail()) {
            Exchanges.respondProblem(exchange, orderId.problemOption().orElseThrow());
            return;
        }
        Order order = keeper.state().orders().get(orderId.orThrow());
        if (order == null) {
            Exchanges.respondProblem(exchange, Problem.of("UnknownOrder", "Unknown order '" + orderId.orThrow() + "'"));
            return;
        }
        Exchanges.respondJson(exchange, 200, OrderJson.encode(order));
    }
}
