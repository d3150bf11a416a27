package io.jobwerk.system;

import io.jobwerk.testing.CloseAfterEach;
import static io.jobwerk.system.SubagentClusterTest.oneJob;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.http.client.EngineClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Director↔Subagent protocol under lost answers and cut connections, with a real Subagent
 * process behind a {@link FaultProxy} on loopback: a job step runs again only when its process was
 * really lost.
 */
class SubagentProtocolFaultTest {

    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir Path dir;
    SubagentCluster cluster;
    FaultProxy proxy;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    /** Subagent A behind the proxy, further Subagents reached directly. */
    private void startWithProxyInFrontOfA(Duration directorTimeout, String... others) throws Exception {
        List<String> ids = new java.util.ArrayList<>(List.of("A"));
        ids.addAll(List.of(others));
        cluster = closing.add(new SubagentCluster(dir).start(directorTimeout, ids.toArray(String[]::new)));
        String uri = cluster.subagentUris.get("A");
        proxy = closing.add(new FaultProxy(Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1))));
        cluster.itemUris.put("A", proxy.uri());
    }

    private static boolean isSucceeded(OrderEvent.OrderProcessed p) {
        return p.outcome() instanceof Outcome.Succeeded;
    }

    @Test
    void aStartRefusedByAGoneSubagentMakesItUnavailableAtOnceSoTheJobRestartsOnAnother() throws Exception {
        startWithProxyInFrontOfA(Duration.ofSeconds(30), "B");
        cluster.deploy(null, "{\"TYPE\":\"SubagentBundle\",\"id\":\"BUNDLE\",\"subagentToPriority\":{\"A\":2,\"B\":1}}",
                oneJob("quick", "echo quick", "'BUNDLE'"));
        cluster.await("A and B coupled", WAIT, () -> List.of("A", "B").stream()
                .allMatch(id -> cluster.subagentAvailability().path(id).asBoolean(false)));
        // The Director's event stream from A stays open, so only the start can tell that A is gone.
        AtomicInteger heldPolls = new AtomicInteger();
        proxy.rule((line, body) -> {
            if (line.startsWith("GET /subagent/api/event")) {
                heldPolls.incrementAndGet();
                return FaultProxy.Action.HOLD;
            }
            return FaultProxy.Action.PASS;
        });
        cluster.await("the event stream held", WAIT, () -> heldPolls.get() >= 1);
        proxy.stopListening();

        cluster.addOrders("quick", "r1");
        cluster.await("r1 succeeded", WAIT, () -> cluster.processed("r1").stream().anyMatch(SubagentProtocolFaultTest::isSucceeded));
        assertThat(cluster.startsOf("r1")).as("no second start on A, which refused the first").containsExactly("A", "B");
        assertThat(cluster.processed("r1").get(0).outcome()).isInstanceOfSatisfying(Outcome.Disrupted.class,
                d -> assertThat(d.reason()).isInstanceOf(Outcome.ProcessLost.class));
    }

    @Test
    void aStartWhoseAnswerIsLostIsSentAgainAndTheJobRunsOnce() throws Exception {
        startWithProxyInFrontOfA(Duration.ofSeconds(5));
        AtomicInteger lost = new AtomicInteger();
        proxy.rule((line, body) -> body.contains("\"StartOrderProcess\"") && lost.getAndIncrement() < 3
                ? FaultProxy.Action.LOSE_ANSWER : FaultProxy.Action.PASS);
        Path runs = dir.resolve("runs");
        Path go = dir.resolve("go");
        cluster.deploy(null, oneJob("once", "echo run >>" + runs + "; while [ ! -f " + go + " ]; do sleep 0.05; done", "'A'"));
        cluster.addOrders("once", "o1");

        // The job runs until the fourth start request has come (and was answered).
        cluster.await("four StartOrderProcess requests", WAIT, () -> lost.get() >= 4);
        Files.writeString(go, "");
        cluster.await("o1 succeeded", WAIT, () -> cluster.processed("o1").stream().anyMatch(SubagentProtocolFaultTest::isSucceeded));
        assertThat(cluster.startsOf("o1")).containsExactly("A");
        assertThat(cluster.processed("o1")).hasSize(1);
        assertThat(Files.readAllLines(runs)).containsExactly("run");
    }

    @Test
    void anOutcomeOfAnEarlierAttemptIsNotTakenForTheNextOne() throws Exception {
        startWithProxyInFrontOfA(Duration.ofMillis(1500));
        Path first = dir.resolve("first-attempt");
        cluster.deploy(null, oneJob("twice", "if [ -f " + first + " ]; then echo second; else touch " + first + "; sleep 60; fi", "'A'"));
        cluster.addOrders("twice", "o1");
        cluster.await("the first attempt runs", WAIT, () -> Files.exists(first) && !cluster.jobProcesses("A").isEmpty());

        // The network to A fails: the Director takes the process for lost, A kills it for lack of its Director.
        proxy.rule((line, body) -> FaultProxy.Action.CUT);
        proxy.cutAll();
        cluster.await("ProcessLost recorded", WAIT, () -> cluster.processed("o1").size() == 1);
        assertThat(cluster.processed("o1").get(0).outcome()).isInstanceOfSatisfying(Outcome.Disrupted.class,
                d -> assertThat(d.reason()).isInstanceOf(Outcome.ProcessLost.class));
        // Asked directly, A would take the test for its Director: first wait until it has killed the process.
        cluster.await("A killed the first attempt", WAIT, () -> cluster.jobProcesses("A").isEmpty());
        try (EngineClient a = new EngineClient(cluster.subagentUris.get("A") + "/subagent/api", "director", "director-pw")) {
            cluster.await("A reports the killed first attempt", WAIT, () -> processedInFeed(a) == 1);

            // Back again, but A's event stream is held: the second attempt starts and ends on A before
            // the Director reads the first attempt's outcome.
            proxy.rule((line, body) -> line.startsWith("GET /subagent/api/event") ? FaultProxy.Action.HOLD : FaultProxy.Action.PASS);
            cluster.await("the second attempt started", WAIT, () -> cluster.startsOf("o1").size() == 2);
            cluster.await("A reports the second attempt", WAIT, () -> processedInFeed(a) == 2);
        }
        proxy.releaseHeld();

        cluster.await("o1 processed twice", WAIT, () -> cluster.processed("o1").size() == 2);
        assertThat(cluster.processed("o1").get(1).outcome()).isInstanceOf(Outcome.Succeeded.class);
        assertThat(cluster.startsOf("o1")).containsExactly("A", "A");
    }

    @Test
    void aKillDoesNotWaitBehindAStartThatIsSentAgainAndAgain() throws Exception {
        startWithProxyInFrontOfA(Duration.ofSeconds(5));
        AtomicInteger starts = new AtomicInteger();
        AtomicInteger kills = new AtomicInteger();
        proxy.rule((line, body) -> {
            if (body.contains("\"StartOrderProcess\"")) {
                starts.incrementAndGet();
                return FaultProxy.Action.LOSE_ANSWER; // the process runs on A, the Director never hears so
            }
            if (body.contains("\"KillProcess\"")) {
                kills.incrementAndGet();
            }
            return FaultProxy.Action.PASS;
        });
        Path runs = dir.resolve("runs");
        cluster.deploy(null, oneJob("long", "echo run >>" + runs + "; sleep 600", "'A'"));
        cluster.addOrders("long", "o1");
        cluster.await("the process runs on A and its start was sent again", WAIT,
                () -> starts.get() >= 2 && !cluster.jobProcesses("A").isEmpty());

        cluster.client.command(EngineJson.parse("{\"TYPE\":\"CancelOrders\",\"orderIds\":[\"o1\"],"
                + "\"mode\":{\"TYPE\":\"FreshOrStarted\",\"kill\":{\"immediately\":true}}}").orThrow()).orThrow();

        // Still unanswered, the start is resent meanwhile; the kill reaches A between the resends.
        cluster.await("o1 processed", WAIT, () -> cluster.processed("o1").size() == 1);
        assertThat(kills.get()).isGreaterThanOrEqualTo(1);
        assertThat(cluster.processed("o1").get(0).outcome()).isInstanceOf(Outcome.Killed.class);
        cluster.await("A's process is gone", WAIT, () -> cluster.jobProcesses("A").isEmpty());
        assertThat(Files.readAllLines(runs)).containsExactly("run");
        assertThat(cluster.startsOf("o1")).containsExactly("A");
    }

    /** How many OrderProcessed events of o1 A's event feed holds (read directly, not through the proxy). */
    private static long processedInFeed(EngineClient a) {
        var read = a.getNdjson("/event?after=0&timeout=0");
        if (read.isFail() && read.problemOption().orElseThrow().code().equals("EventSeqTorn")) { // the Director released the first ones
            read = a.getNdjson("/event?after=" + read.problemOption().orElseThrow().arguments().get("tornEventId") + "&timeout=0");
        }
        List<JsonNode> events = read.toOptional().orElse(List.of());
        return events.stream().filter(e -> e.path("Key").asText().equals("o1") && e.path("TYPE").asText().equals("OrderProcessed")).count();
    }
}
