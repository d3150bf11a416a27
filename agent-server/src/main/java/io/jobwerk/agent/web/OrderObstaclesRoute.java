package io.jobwerk.agent.web;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.OrderObstacleJson;
import io.jobwerk.engine.motor.OrderObstacle;
import io.jobwerk.engine.motor.OrderObstacleCalculator;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.server.Exchanges;
import io.jobwerk.runtime.EngineKeeper;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * {@code GET /agent/api/order/ORDER/obstacles}: why the order does not move on (the core's
 * {@link OrderObstacleCalculator}), and {@code NoSubagentAvailable}, which only the Director knows.
 */
public final class OrderObstaclesRoute {

    private final AgentPath agentPath;
    private final EngineKeeper keeper;
    private final BiFunction<EngineState, OrderId, Optional<OrderObstacle>> subagentObstacle;
    private final Clock clock;

    public OrderObstaclesRoute(AgentPath agentPath, EngineKeeper keeper, BiFunction<EngineState, OrderId, Optional<OrderObstacle>> subagentObstacle,
            Clock clock) {
        this.agentPath = agentPath;
        this.keeper = keeper;
        this.subagentObstacle = subagentObstacle;
        this.clock = clock;
    }

    public RoutingHandler addTo(RoutingHandler routes, Authentication auth) {
        return routes.get("/agent/api/order/{orderId}/obstacles", auth.require(Permission.ValidUser, (ex, user) -> obstacles(ex)));
    }

    private void obstacles(HttpServerExchange exchange) {
        Checked<OrderId> orderId = Exchanges.pathParameter(exchange, "orderId").flatMap(OrderId::existing);
        EngineState state = keeper.state();
        if (orderId.isOk() && !state.orders().containsKey(orderId.orThrow())) {
            orderId = Checked.fail(Problem.of("UnknownOrder", "No order " + orderId.orThrow() + " on Agent " + agentPath));
        }
        Exchanges.respond(exchange, orderId, id -> {
            List<OrderObstacle> list = new ArrayList<>(new OrderObstacleCalculator(state, clock.instant()).obstacles(state.orders().get(id)));
            subagentObstacle.apply(state, id).ifPresent(list::add);
            return OrderObstacleJson.encode(list);
        });
    }
}
