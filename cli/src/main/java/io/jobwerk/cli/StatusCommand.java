package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.client.EngineClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jobwerk status}: the Controller's overview, its Agents and its orders counted by state. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the Controller, its Agents and the orders by state.")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    ControllerOptions controller;

    @Override
    public Integer call() {
        Checked<JsonNode> overview;
        try (EngineClient client = controller.client()) {
            overview = client.get("");
        }
        if (overview.isFail()) {
            return controller.problem(overview.problemOption().orElseThrow());
        }
        Checked<EngineState> state = OrdersCommand.readState(controller);
        if (state.isFail()) {
            return controller.problem(state.problemOption().orElseThrow());
        }
        JsonNode o = overview.orThrow();
        EngineState s = state.orThrow();
        PrintWriter out = controller.out();
        out.println("Controller " + o.path("id").asText() + "  version " + o.path("version").asText()
                + "  started " + Instant.ofEpochMilli(o.path("startedAt").asLong()) + "  last event " + o.path("lastEventId").asLong());
        out.println("Agents:");
        s.items().values().stream().filter(i -> i instanceof Item.AgentRef).map(i -> (Item.AgentRef) i).forEach(a ->
                out.println("  " + a.path().string() + "  " + a.directors().stream()
                        .map(d -> d.string() + " " + s.subagent(d).map(Item.SubagentItem::uri).orElse("(unknown Subagent)"))
                        .collect(Collectors.joining(", "))));
        out.println("Workflows: " + s.currentVersions().size() + " (" + s.workflows().size() + " versions)");
        Map<OrderState.Kind, Integer> byState = new EnumMap<>(OrderState.Kind.class);
        long suspended = 0;
        for (Order order : s.orders().values()) {
            byState.merge(order.state().kind(), 1, Integer::sum);
            suspended += order.isSuspended() ? 1 : 0;
        }
        out.println("Orders: " + s.orders().size() + (byState.isEmpty() ? "" : "  " + byState.entrySet().stream()
                .map(e -> e.getKey().typeName() + " " + e.getValue()).collect(Collectors.joining(", ")))
                + (suspended > 0 ? "  (suspended " + suspended + ")" : ""));
        out.flush();
        return 0;
    }
}
