package io.jobwerk.cockpit.live;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.CouplingState;
import io.jobwerk.engine.state.EngineState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The Agents of a state, each followed by its Subagents (directors first), with coupling and running jobs. */
public final class AgentRows {
    private AgentRows() {}

    public static List<AgentRow> of(EngineState state) {
        Map<String, Integer> runningPerSubagent = new HashMap<>();
        Map<String, Integer> runningPerAgent = new HashMap<>();
        for (Order order : state.orders().values()) {
            if (order.state() instanceof OrderState.Processing p) {
                runningPerSubagent.merge(p.subagentId().string(), 1, Integer::sum);
                order.attachedState().ifPresent(a -> runningPerAgent.merge(a.agentPath().string(), 1, Integer::sum));
            }
        }
        List<Item.AgentRef> agents = new ArrayList<>();
        List<Item.SubagentItem> subagents = new ArrayList<>();
        for (Item item : state.items().values()) {
            if (item instanceof Item.AgentRef a) {
                agents.add(a);
            } else if (item instanceof Item.SubagentItem s) {
                subagents.add(s);
            }
        }
        agents.sort(Comparator.comparing(a -> a.path().string()));
        List<AgentRow> rows = new ArrayList<>();
        for (Item.AgentRef agent : agents) {
            String path = agent.path().string();
            Optional<CouplingState> coupling = state.coupling(agent.key());
            String uri = subagents.stream().filter(s -> agent.directors().contains(s.id())).map(Item.SubagentItem::uri).findFirst().orElse("");
            rows.add(new AgentRow(AgentRow.Kind.AGENT, path, path, uri, coupling(coupling), coupling.flatMap(CouplingState::since),
                    coupling.flatMap(CouplingState::problem).map(p -> p.message()), runningPerAgent.getOrDefault(path, 0), false, false));
            subagents.stream().filter(s -> s.agentPath().equals(agent.path()))
                    .sorted(Comparator.comparing((Item.SubagentItem s) -> !agent.directors().contains(s.id())).thenComparing(s -> s.id().string()))
                    .forEach(s -> {
                        Optional<CouplingState> c = state.coupling(s.key());
                        rows.add(new AgentRow(AgentRow.Kind.SUBAGENT, s.id().string(), path, s.uri(), coupling(c), c.flatMap(CouplingState::since),
                                c.flatMap(CouplingState::problem).map(p -> p.message()), runningPerSubagent.getOrDefault(s.id().string(), 0),
                                s.disabled(), agent.directors().contains(s.id())));
                    });
        }
        return rows;
    }

    private static AgentRow.Coupling coupling(Optional<CouplingState> state) {
        return state.map(c -> c.isCoupled() ? AgentRow.Coupling.COUPLED : AgentRow.Coupling.COUPLING_FAILED)
                .orElse(AgentRow.Coupling.UNKNOWN);
    }
}
