package io.jobwerk.system;

import io.jobwerk.testing.Await;
import io.jobwerk.testing.CloseAfterEach;
import io.jobwerk.testing.NatsServer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Order events published to NATS JetStream by a real Controller process (jobwerk controller
 * --event-broker), which is killed with SIGKILL while orders run: after its restart the stream
 * holds every order's events once, in the order they happened.
 */
class EventBrokerSystemTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int ORDERS = 30;
    private static final String TWO_STEPS = """
            {"path":"test/two-steps","instructions":[
              {"TYPE":"Execute.Named","jobName":"first"},
              {"TYPE":"Execute.Named","jobName":"second"}],
             "jobs":{
              "first":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable",
                       "script":"#!/bin/sh\\necho first\\nsleep 0.3\\n"}},
              "second":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable",
                       "script":"#!/bin/sh\\necho second\\n"}}}}
            """;
    private static final List<String> EVENTS_OF_AN_ORDER = List.of("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted",
            "OrderProcessingStarted", "OrderProcessed", "OrderMoved", "OrderProcessingStarted", "OrderProcessed", "OrderMoved",
            "OrderDetachable", "OrderDetached", "OrderFinished");

    @TempDir
    Path dir;
    private TestSystem system;
    private NatsServer nats;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    @Test
    void everyOrderEventIsPublishedOnceAndInOrderThoughTheControllerWasKilled() throws Exception {
        assumeTrue(NatsServer.isInstalled(), "nats-server is not installed (apt-get install nats-server); .ci/run installs it");
        nats = closing.add(NatsServer.start(dir.resolve("nats")));
        system = closing.add(TestSystem.separate(dir, List.of("--event-broker", nats.url(), "--event-subject", "jobwerk.test")));
        system.deployWorkflows(TWO_STEPS);
        List<String> ids = IntStream.rangeClosed(1, ORDERS).mapToObj(i -> "order-" + i).toList();
        system.addOrders("test/two-steps", ids.subList(0, ORDERS / 2));
        await(() -> finishedOrders() >= 3, "some orders published as finished");
        system.addOrders("test/two-steps", ids.subList(ORDERS / 2, ORDERS));
        system.controller.kill9();
        system.startController();

        await(() -> finishedOrders() == ORDERS, "every order published as finished");
        Map<String, List<String>> byOrder = new LinkedHashMap<>();
        long lastEventId = 0;
        for (String[] m : nats.messages("JOBWERK_TEST")) {
            JsonNode json = EngineJson.parse(m[1]).orThrow();
            assertThat(json.path("eventId").asLong()).as("event ids increase: nothing twice, nothing out of order").isGreaterThan(lastEventId);
            lastEventId = json.path("eventId").asLong();
            assertThat(m[0]).isEqualTo("jobwerk.test.order." + json.path("eventType").asText());
            byOrder.computeIfAbsent(json.path("orderId").asText(), k -> new ArrayList<>()).add(json.path("eventType").asText());
        }
        assertThat(byOrder.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(byOrder).allSatisfy((id, events) -> assertThat(events).as(id).isEqualTo(EVENTS_OF_AN_ORDER));
        JsonNode overview = system.client().get("").orThrow();
        assertThat(overview.path("publishedEventId").asLong()).isEqualTo(lastEventId);
    }

    private long finishedOrders() {
        try {
            return nats.messages("JOBWERK_TEST").stream().filter(m -> m[0].endsWith(".OrderFinished")).count();
        } catch (Exception e) { // the stream is not there yet
            return -1;
        }
    }

    private static void await(BooleanSupplier done, String what) {
        Await.until(what, TIMEOUT, done);
    }
}
