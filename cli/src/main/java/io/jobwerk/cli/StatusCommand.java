package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.CouplingState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.client.EngineClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code jobwerk status}: the Controller's overview, its Agents and their Subagents each with its
 * coupling (connected or not, since when, why not; from the Controller's snapshot, which mirrors the
 * Subagent couplings from the Agents' events), and its orders counted by state.
 */
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
        s.items().values().stream().filter(i -> i instanceof Item.AgentRef).map(i -> (Item.AgentRef) i)
                .sorted(java.util.Comparator.comparing(Item.AgentRef::path)).forEach(a -> {
                    Optional<CouplingState> agentCoupling = s.coupling(a.key());
                    // The Controller knows the Subagents' couplings from the Agent's events: old news while it is away.
                    String reported = agentCoupling.filter(CouplingState::isCoupled).isPresent() ? "" : " (last reported by the Agent)";
                    out.println("  " + a.path().string() + "  " + coupling(agentCoupling));
                    s.items().values().stream().filter(i -> i instanceof Item.SubagentItem sub && sub.agentPath().equals(a.path()))
                            .map(i -> (Item.SubagentItem) i).sorted(java.util.Comparator.comparing(sub -> sub.id().string()))
                            .forEach(sub -> out.println("    Subagent " + sub.id().string() + " " + sub.uri()
                                    + (a.directors().contains(sub.id()) ? " (director)" : "")
                                    + (sub.disabled() ? " (disabled)" : "") + "  " + coupling(s.coupling(sub.key()))
                                    + (s.coupling(sub.key()).isPresent() ? reported : "")));
                });
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

    /**
     * {@code coupled since T}, {@code not coupled since T: PROBLEM}, or {@code not coupled yet} for a
     * peer no coupling event has been recorded for (a Subagent's as the Controller mirrors it from its Agent).
     */
    static String coupling(Optional<CouplingState> coupling) {
        if (coupling.isEmpty()) {
            return "not coupled yet";
        }
        CouplingState c = coupling.get();
        String since = c.since().map(t -> " since " + t).orElse("");
        return c.isCoupled() ? "coupled" + since
                : "not coupled" + since + c.problem().map(p -> ": " + p.message()).orElse("");
    }
}
