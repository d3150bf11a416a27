package io.jobwerk.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.history.broker.EventBrokerConf;
import io.jobwerk.history.broker.NatsEventPublisher;
import io.jobwerk.testing.NatsServer;
import io.nats.client.Options;
import java.nio.file.Files;
import java.nio.file.Path;
import io.jobwerk.scheduler.RealScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Order events published to a real NATS JetStream server (Debian's nats-server, a process of the test's own). */
class EventBrokerServiceTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> GOOD_ORDER = List.of("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted",
            "OrderProcessingStarted", "OrderProcessed", "OrderMoved", "OrderDetachable", "OrderDetached", "OrderFinished");
    private static final List<String> FAILING_ORDER = List.of("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted",
            "OrderProcessingStarted", "OrderProcessed", "OrderDetachable", "OrderDetached", "OrderFailed");

    @TempDir
    Path dir;

    @BeforeAll
    static void natsServerIsInstalled() {
        assumeTrue(NatsServer.isInstalled(), "nats-server is not installed (apt-get install nats-server); .ci/run installs it");
    }

    private HistoryService startHistory(TestJournal journal) {
        return HistoryService.start(HistoryConf.sqlite(dir).withEventOutbox(true), journal.source(), id -> Optional.empty(), RealScheduler.instance());
    }

    private static EventBrokerConf brokerConf(NatsServer nats) {
        return EventBrokerConf.nats(nats.url(), "test.events", Optional.empty(), Map.of()).orThrow();
    }

    private static void awaitPublished(EventBrokerService broker, long eventId) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (broker.publishedEventId() < eventId && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(broker.publishedEventId()).as("published event id (problem: %s)", broker.problem()).isEqualTo(eventId);
    }

    /** The event types per order, in the stream's order; and that event ids increase over the whole stream (no duplicate, no reordering). */
    private static Map<String, List<String>> eventTypesByOrder(List<String[]> messages) {
        Map<String, List<String>> byOrder = new LinkedHashMap<>();
        long lastEventId = 0;
        for (String[] m : messages) {
            JsonNode json = EngineJson.parse(m[1]).orThrow();
            assertThat(m[0]).isEqualTo("test.events.order." + json.get("eventType").asText());
            assertThat(json.get("eventId").asLong()).isGreaterThan(lastEventId);
            lastEventId = json.get("eventId").asLong();
            byOrder.computeIfAbsent(json.get("orderId").asText(), k -> new ArrayList<>()).add(json.get("eventType").asText());
        }
        return byOrder;
    }

    @Test
    void everyOrderEventArrivesInOrderWithTheOrderAndItsTask() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal")); NatsServer nats = NatsServer.start(dir.resolve("nats"))) {
            journal.deploy("1", TestJournal.HELLO);
            journal.runHello("good", "hello\n", "", 0);
            long last = journal.runHello("bad", "trying\n", "broken\n", 3);
            try (HistoryService history = startHistory(journal);
                 EventBrokerService broker = EventBrokerService.start(history, new NatsEventPublisher(brokerConf(nats)), RealScheduler.instance())) {
                awaitPublished(broker, last);
                assertThat(broker.pendingCount()).isZero();
            }
            List<String[]> messages = nats.messages("TEST_EVENTS");
            assertThat(eventTypesByOrder(messages)).containsExactly(Map.entry("good", GOOD_ORDER), Map.entry("bad", FAILING_ORDER));

            JsonNode processed = messages.stream().map(m -> EngineJson.parse(m[1]).orThrow())
                    .filter(j -> j.get("orderId").asText().equals("bad") && j.get("eventType").asText().equals("OrderProcessed"))
                    .findFirst().orElseThrow();
            assertThat(processed.get("workflowPath").asText()).isEqualTo("hello");
            assertThat(processed.get("versionId").asText()).isEqualTo("1");
            assertThat(processed.get("state").asText()).isEqualTo("Processed");
            assertThat(processed.get("position").toString()).isEqualTo("[0]");
            assertThat(processed.get("timestamp").asText()).endsWith("Z");
            JsonNode task = processed.get("task");
            assertThat(task.get("jobName").asText()).isEqualTo("greet");
            assertThat(task.get("agentPath").asText()).isEqualTo("agent");
            assertThat(task.get("subagentId").asText()).isEqualTo("sub");
            assertThat(task.get("returnCode").asInt()).isEqualTo(3);
            assertThat(task.get("outcome").asText()).isEqualTo("Failed");
            assertThat(task.has("endedAt")).isTrue();

            JsonNode failed = EngineJson.parse(messages.get(messages.size() - 1)[1]).orThrow();
            assertThat(failed.get("state").asText()).isEqualTo("OrderFailed");
            assertThat(failed.has("endedAt")).isTrue();
            assertThat(failed.has("task")).isFalse();
        }
    }

    @Test
    void aBrokerStoppedMidStreamLosesNothingAndKeepsTheOrder() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal")); NatsServer nats = NatsServer.start(dir.resolve("nats"))) {
            journal.deploy("1", TestJournal.HELLO);
            long first = journal.runHello("before", "1\n", "", 0);
            try (HistoryService history = startHistory(journal);
                 EventBrokerService broker = EventBrokerService.start(history, new NatsEventPublisher(brokerConf(nats)), RealScheduler.instance())) {
                awaitPublished(broker, first);
                nats.stop();
                // half an order while the broker is away, the rest after it is back
                journal.persist("during \"TYPE\":\"OrderAdded\",\"workflowId\":{\"path\":\"hello\",\"versionId\":\"1\"}",
                        "during \"TYPE\":\"OrderAttachable\",\"agentPath\":\"agent\"",
                        "during \"TYPE\":\"OrderAttached\",\"agentPath\":\"agent\"");
                long stored = journal.runHello("while-away", "2\n", "", 0);
                assertThat(history.awaitStored(stored, WAIT)).isTrue();
                long deadline = System.nanoTime() + WAIT.toNanos();
                while (broker.problem().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(broker.problem()).isPresent();
                assertThat(broker.publishedEventId()).isEqualTo(first);
                assertThat(broker.pendingCount()).isPositive();

                nats.startAgain();
                long last = journal.persist("during \"TYPE\":\"OrderStarted\"", "during \"TYPE\":\"OrderCancelled\"");
                awaitPublished(broker, last);
                assertThat(broker.problem()).isEmpty();
            }
            assertThat(eventTypesByOrder(nats.messages("TEST_EVENTS"))).containsExactly(
                    Map.entry("before", GOOD_ORDER),
                    Map.entry("during", List.of("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted", "OrderCancelled")),
                    Map.entry("while-away", GOOD_ORDER));
        }
    }

    @Test
    void aRestartedServiceGoesOnAfterWhatTheBrokerHolds() throws Exception {
        try (TestJournal journal = new TestJournal(dir.resolve("journal")); NatsServer nats = NatsServer.start(dir.resolve("nats"))) {
            journal.deploy("1", TestJournal.HELLO);
            long first = journal.runHello("one", "1\n", "", 0);
            try (HistoryService history = startHistory(journal);
                 EventBrokerService broker = EventBrokerService.start(history, new NatsEventPublisher(brokerConf(nats)), RealScheduler.instance())) {
                awaitPublished(broker, first);
            }
            // published but not yet deleted from the outbox (a crash in between): put the rows back
            try (HistoryService history = startHistory(journal)) {
                assertThat(history.awaitStored(first, WAIT)).isTrue();
                try (var c = history.database().connection(); var s = c.createStatement()) {
                    s.executeUpdate("UPDATE history_position SET last_event_id = 0");
                    s.executeUpdate("DELETE FROM live_order");
                }
            }
            long last = journal.runHello("two", "2\n", "", 0);
            try (HistoryService history = startHistory(journal);
                 EventBrokerService broker = EventBrokerService.start(history, new NatsEventPublisher(brokerConf(nats)), RealScheduler.instance())) {
                awaitPublished(broker, last);
            }
            assertThat(eventTypesByOrder(nats.messages("TEST_EVENTS"))).containsExactly(Map.entry("one", GOOD_ORDER), Map.entry("two", GOOD_ORDER));
        }
    }

    @Test
    void credentialsComeFromAFileNeverFromTheUrl() throws Exception {
        Path credentials = Files.writeString(dir.resolve("nats.properties"), "user=jobwerk\npassword=secret\n");
        try (TestJournal journal = new TestJournal(dir.resolve("journal"));
             NatsServer nats = NatsServer.start(dir.resolve("nats"), List.of("--user", "jobwerk", "--pass", "secret"))) {
            journal.deploy("1", TestJournal.HELLO);
            long last = journal.runHello("one", "1\n", "", 0);
            EventBrokerConf conf = EventBrokerConf.nats(nats.url(), "test.events", Optional.of(credentials), Map.of()).orThrow();
            try (HistoryService history = startHistory(journal);
                 EventBrokerService broker = EventBrokerService.start(history, new NatsEventPublisher(conf), RealScheduler.instance())) {
                awaitPublished(broker, last);
            }
            assertThat(nats.messages("TEST_EVENTS", new Options.Builder().userInfo("jobwerk", "secret"))).hasSize(GOOD_ORDER.size());
        }
        assertThat(EventBrokerConf.nats("nats://jobwerk:secret@127.0.0.1:4222", "x", Optional.empty(), Map.of()).problemOption())
                .hasValueSatisfying(p -> assertThat(p.message()).contains("must not hold credentials"));
        assertThat(EventBrokerConf.nats("http://127.0.0.1:4222", "x", Optional.empty(), Map.of()).isFail()).isTrue();
        assertThat(EventBrokerConf.nats("nats://127.0.0.1:4222", "a.*", Optional.empty(), Map.of()).isFail()).isTrue();
        assertThat(EventBrokerConf.nats("nats://127.0.0.1:4222", "a.b", Optional.empty(), Map.of(EventBrokerConf.TOKEN_ENV, "t")).orThrow().token())
                .hasValue("t");
    }
}
