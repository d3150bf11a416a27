package io.jobwerk.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.OrderObstacleJson;
import io.jobwerk.engine.motor.OrderObstacleCalculator;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.jobwerk.runtime.EngineKeeper;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code GET /controller/api/order/ID/obstacles}: why the order does not move on. An order attached
 * to an Agent is asked there (the Agent knows its Subagents and its own job counts); else, or when the
 * Agent cannot answer, the core's {@link OrderObstacleCalculator} on the Controller's state (which
 * knows whether the Agent is coupled).
 */
public final class OrderObstaclesRoute {

    private final EngineKeeper keeper;
    private final Function<Order, Optional<JsonNode>> fromAgent;
    private final Clock clock;

    /** @param fromAgent the obstacles as the order's Agent says, empty when it is not attached or its Agent cannot answer */
    public OrderObstaclesRoute(EngineKeeper keeper, Function<Order, Optional<JsonNode>> fromAgent, Clock clock) {
        this.keeper = keeper;
        this.fromAgent = fromAgent;
        this.clock = clock;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.get("/controller/api/order/{orderId}/obstacles", auth.require(Permission.ValidUser, (ex, u) -> obstacles(ex)));
    }

    private void obstacles(HttpServerExchange exchange) {
        Checked<OrderId> id = Exchanges.pathParameter(exchange, "orderId").flatMap(OrderId::existing);
        EngineState state = keeper.state();
        Order order = id.toOptional().map(i -> state.orders().get(i)).orElse(null);
        if (order == null) {
            Exchanges.respondProblem(exchange, id.isFail() ? id.problemOption().orElseThrow()
                    : Problem.of("UnknownOrder", "Unknown order '" + id.orThrow() + "'"));
            return;
        }
        Optional<JsonNode> agentSays = fromAgent.apply(order);
        Exchanges.respondJson(exchange, 200, agentSays.orElseGet(() -> OrderObstacleJson.encode(
                new OrderObstacleCalculator(state, clock.instant()).obstacles(order))));
    }
}
