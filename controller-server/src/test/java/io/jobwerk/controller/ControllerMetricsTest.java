package io.jobwerk.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.command.CommandExecutor;
import io.jobwerk.engine.command.ItemOperationExecutor;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.EngineState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** /metrics from the committed events: the names and values the endpoint had, no scan of the orders per scrape. */
class ControllerMetricsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final AtomicReference<EngineState> state = new AtomicReference<>(EngineState.EMPTY);
    private long lastEventId = 1000;

    @Test
    void emptyStateHasEveryOrderStateAtZero() {
        ControllerMetrics metrics = new ControllerMetrics(EngineState.EMPTY, () -> lastEventId, state::get);
        String text = metrics.text();
        assertThat(text).contains("# HELP jobwerk_orders Orders by state.\n# TYPE jobwerk_orders gauge\n",
                "# HELP jobwerk_last_event_id The id of the newest committed event.\n# TYPE jobwerk_last_event_id gauge\n",
                "# HELP jobwerk_workflows Deployed workflow versions.\n# TYPE jobwerk_workflows gauge\n");
        for (OrderState.Kind kind : OrderState.Kind.values()) {
            assertThat(value(text, "jobwerk_orders{state=\"" + kind.typeName() + "\"}")).isZero();
        }
        assertThat(value(text, "jobwerk_last_event_id")).isEqualTo(1000);
        assertThat(value(text, "jobwerk_workflows")).isZero();
    }

    @Test
    void countsFollowTheCommittedEvents() {
        ControllerMetrics metrics = new ControllerMetrics(EngineState.EMPTY, () -> lastEventId, state::get);
        commit(metrics, ItemOperationExecutor.execute(state.get(), ItemOperationJson.decodeNdjson(
                "{\"TYPE\":\"AddVersion\",\"versionId\":\"1\"}\n"
                + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":[]}}\n")
                .orThrow(), ItemJson::decodeSignedWorkflow).orThrow());
        for (String id : List.of("A", "B", "C")) {
            commit(metrics, CommandExecutor.execute(state.get(), CommandJson.decode(EngineJson.parse(
                    "{\"TYPE\":\"AddOrder\",\"order\":{\"id\":\"" + id + "\",\"workflowPath\":\"W\"}}").orThrow()).orThrow(), NOW)
                    .orThrow().events());
        }
        assertThat(value(metrics.text(), "jobwerk_orders{state=\"Fresh\"}")).isEqualTo(3);
        assertThat(value(metrics.text(), "jobwerk_workflows")).isEqualTo(1);

        commit(metrics, List.of(KeyedEvent.of(new OrderId("A"), new OrderEvent.OrderStarted())));
        String text = metrics.text();
        assertThat(value(text, "jobwerk_orders{state=\"Fresh\"}")).isEqualTo(2);
        assertThat(value(text, "jobwerk_orders{state=\"Ready\"}")).isEqualTo(1);
        lastEventId = 2000;
        assertThat(value(metrics.text(), "jobwerk_last_event_id")).isEqualTo(2000);
    }

    @Test
    void recoveredOrdersAreCountedAtStart() {
        ControllerMetrics first = new ControllerMetrics(EngineState.EMPTY, () -> lastEventId, state::get);
        commit(first, ItemOperationExecutor.execute(state.get(), ItemOperationJson.decodeNdjson(
                "{\"TYPE\":\"AddVersion\",\"versionId\":\"1\"}\n"
                + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"W\",\"versionId\":\"1\",\"instructions\":[]}}\n")
                .orThrow(), ItemJson::decodeSignedWorkflow).orThrow());
        commit(first, CommandExecutor.execute(state.get(), CommandJson.decode(EngineJson.parse(
                "{\"TYPE\":\"AddOrder\",\"order\":{\"id\":\"A\",\"workflowPath\":\"W\"}}").orThrow()).orThrow(), NOW).orThrow().events());
        ControllerMetrics recovered = new ControllerMetrics(state.get(), () -> lastEventId, state::get);
        assertThat(value(recovered.text(), "jobwerk_orders{state=\"Fresh\"}")).isEqualTo(1);
    }

    private void commit(ControllerMetrics metrics, List<? extends KeyedEvent<? extends Event>> events) {
        EngineState s = state.get();
        List<Stamped<? extends Event>> stamped = new ArrayList<>();
        for (KeyedEvent<? extends Event> e : events) {
            s = s.applyEvent(e).orThrow();
            stamped.add(new Stamped<>(++lastEventId, Optional.empty(), e));
        }
        state.set(s);
        metrics.committed(stamped, s);
    }

    /** The sample's value; Prometheus reads 3 and 3.0 alike. */
    private static double value(String text, String sample) {
        return text.lines().filter(l -> l.startsWith(sample + " ")).map(l -> Double.parseDouble(l.substring(sample.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError(sample + " not in\n" + text));
    }
}
