package io.jobwerk.cockpit.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.orders.OrdersViewModel;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The live model keeps its rows, counts, workflows and the Orders screen's filtered, sorted view
 * incrementally (one change per update, tallies instead of walks): after any sequence of updates
 * they equal what a model shown the last state afresh computes.
 */
class LiveModelPropertiesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private static final List<String> WORKFLOWS = List.of("W", "V");
    /** State JSON and position: pending, scheduled, suspended, prompting, in progress or waiting (Ready at a job of limit 1), running, failed, finished. */
    private static final List<String[]> KINDS = List.of(
            new String[] {"{\"TYPE\":\"Fresh\"}", "0", ""},
            new String[] {"{\"TYPE\":\"Fresh\"}", "0", ",\"scheduledFor\":" + Instant.parse("2026-12-08T00:00:00Z").toEpochMilli()},
            new String[] {"{\"TYPE\":\"Fresh\"}", "0", ",\"isSuspended\":true"},
            new String[] {"{\"TYPE\":\"Prompting\",\"question\":\"Go on?\"}", "0", ""},
            new String[] {"{\"TYPE\":\"Ready\"}", "1", ""},
            new String[] {"{\"TYPE\":\"Processing\",\"subagentId\":\"A-1\"}", "1", ""},
            new String[] {"{\"TYPE\":\"Failed\"}", "1", ""},
            new String[] {"{\"TYPE\":\"Finished\"}", "2", ""});

    /** One state: order number → (workflow index, kind index); orders not in it do not exist. */
    record Spec(int workflow, int kind) {}

    @Provide
    Arbitrary<List<Map<Integer, Spec>>> histories() {
        Arbitrary<Spec> spec = Arbitraries.integers().between(0, WORKFLOWS.size() - 1)
                .flatMap(w -> Arbitraries.integers().between(0, KINDS.size() - 1).map(k -> new Spec(w, k)));
        Arbitrary<Map<Integer, Spec>> state = Arbitraries.maps(Arbitraries.integers().between(0, 24), spec).ofMaxSize(25);
        return state.list().ofMinSize(1).ofMaxSize(12);
    }

    @Property(tries = 300)
    void incrementalRowsCountsAndSortedViewEqualAFullRecompute(@ForAll("histories") List<Map<Integer, Spec>> history,
                                                              @ForAll("filters") String filter) {
        LiveModel live = new LiveModel(CLOCK, ZoneId.of("UTC"));
        OrdersViewModel orders = viewModel(live, filter);
        Map<Integer, Spec> before = Map.of();
        live.apply(new LiveUpdate(state(before), 1, true, Set.of(), true, List.of()));
        long eventId = 2;
        for (Map<Integer, Spec> next : history) {
            Set<OrderId> changed = new HashSet<>();
            for (int n = 0; n < 25; n++) {
                if (!Objects.equals(before.get(n), next.get(n))) {
                    changed.add(new OrderId("o" + n));
                }
            }
            live.apply(new LiveUpdate(state(next), eventId++, false, changed, false, List.of()));
            before = next;

            LiveModel fresh = new LiveModel(CLOCK, ZoneId.of("UTC"));
            OrdersViewModel freshOrders = viewModel(fresh, filter);
            fresh.apply(new LiveUpdate(state(next), eventId, true, Set.of(), true, List.of()));
            assertThat(byId(live.orders())).isEqualTo(byId(fresh.orders()));
            assertThat(live.countsProperty().get()).isEqualTo(fresh.countsProperty().get())
                    .isEqualTo(GroupCounts.of(live.orders()));
            assertThat(live.workflows()).isEqualTo(fresh.workflows());
            for (OrderRow row : live.orders()) {
                assertThat(live.row(row.orderId())).contains(row);
            }
            assertThat(orders.rows()).isEqualTo(freshOrders.rows());
            assertThat(orders.summaryProperty().get()).isEqualTo(freshOrders.summaryProperty().get());
        }
    }

    @Provide
    Arbitrary<String> filters() {
        return Arbitraries.of("", "o1", "prompt", "ready", "W", "limit");
    }

    private static OrdersViewModel viewModel(LiveModel live, String filter) {
        OrdersViewModel vm = new OrdersViewModel(live,
                c -> CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED)), UiThread.direct());
        vm.textProperty().set(filter);
        vm.rows().setComparator(Comparator.comparing(OrderRow::state).thenComparing(OrderRow::orderId));
        return vm;
    }

    private static Map<String, OrderRow> byId(List<OrderRow> rows) {
        Map<String, OrderRow> map = new TreeMap<>();
        rows.forEach(r -> assertThat(map.put(r.orderId(), r)).as("one row per order").isNull());
        return map;
    }

    private static EngineState state(Map<Integer, Spec> orders) {
        List<String> lines = new ArrayList<>(List.of(
                "{\"TYPE\":\"AgentRef\",\"path\":\"A\",\"directors\":[\"A-1\"]}",
                "{\"TYPE\":\"SubagentItem\",\"id\":\"A-1\",\"agentPath\":\"A\",\"uri\":\"http://127.0.0.1:1\"}"));
        for (String w : WORKFLOWS) {
            lines.add(Snapshots.WORKFLOW.replace("\"path\":\"W\"", "\"path\":\"" + w + "\""));
            lines.add("{\"TYPE\":\"CurrentWorkflowVersion\",\"workflowId\":{\"path\":\"" + w + "\",\"versionId\":\"1\"}}");
        }
        orders.forEach((n, spec) -> {
            String[] kind = KINDS.get(spec.kind());
            lines.add(Snapshots.order("o" + n, Integer.parseInt(kind[1]), kind[0], kind[2])
                    .replace("\"path\":\"W\"", "\"path\":\"" + WORKFLOWS.get(spec.workflow()) + "\""));
        });
        return EngineStateJson.fromSnapshotObjects(lines.stream().map(l -> EngineJson.parse(l).orThrow()).toList()).orThrow();
    }
}
