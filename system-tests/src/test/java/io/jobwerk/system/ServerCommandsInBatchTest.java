package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.JournalStats;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server commands inside a {@code Batch} sent to a Controller over HTTP: carried out in their place
 * among the other commands, each with its own answer in the {@code BatchResponse}; {@code ShutDown}
 * is refused there.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ServerCommandsInBatchTest {

    private static final long TIMEOUT_MS = 60_000;

    @TempDir
    Path data;

    private static JsonNode batch(InProcessSystem system, String... commands) {
        try (EngineClient client = new EngineClient(system.standalone().controllerUri() + "/controller/api", "test", "test-pass-1")) {
            JsonNode response = client.command(EngineJson.parse("{\"TYPE\":\"Batch\",\"commands\":[" + String.join(",", commands) + "]}")
                    .orThrow()).orThrow();
            assertThat(response.path("TYPE").asText()).as(response.toString()).isEqualTo("BatchResponse");
            assertThat(response.path("responses")).as(response.toString()).hasSize(commands.length);
            return response.path("responses");
        }
    }

    @Test
    void takeSnapshotAndReleaseEventsAreCarriedOutInOrderAndShutDownIsRefused() throws Exception {
        try (InProcessSystem system = InProcessSystem.start(data)) {
            AtomicBoolean shutDown = new AtomicBoolean();
            system.standalone().controller().onShutDown(() -> shutDown.set(true));
            system.deployWorkflows("1", """
                    {"TYPE":"Workflow","path":"empty","versionId":"1","instructions":[]}""");
            Journal<?> journal = system.standalone().controller().keeper().journal();
            JournalStats before = journal.stats();
            long releasable = journal.lastEventId();

            JsonNode responses = batch(system,
                    "{\"TYPE\":\"AddOrder\",\"order\":{\"id\":\"batched\",\"workflowPath\":\"empty\"}}",
                    "{\"TYPE\":\"TakeSnapshot\"}",
                    "{\"TYPE\":\"ReleaseEvents\",\"untilEventId\":" + releasable + "}",
                    "{\"TYPE\":\"NoOperation\"}",
                    "{\"TYPE\":\"ShutDown\"}");

            assertThat(responses.get(0).path("TYPE").asText()).isEqualTo("AddOrder.Response");
            assertThat(responses.get(1).path("TYPE").asText()).isEqualTo("Accepted");
            assertThat(responses.get(2).path("TYPE").asText()).isEqualTo("Accepted");
            assertThat(responses.get(3).path("TYPE").asText()).isEqualTo("Accepted");
            assertThat(responses.get(4).path("TYPE").asText()).isEqualTo("Problem");
            assertThat(responses.get(4).path("code").asText()).isEqualTo("NotInBatch");
            assertThat(responses.get(4).path("message").asText()).contains("ShutDown");

            long added = system.events("batched").stream().filter(s -> s.keyedEvent().event() instanceof OrderEvent.OrderAdded)
                    .mapToLong(Stamped::eventId).findFirst().orElseThrow();
            JournalStats after = journal.stats();
            assertThat(after.checkpoints()).as("TakeSnapshot took a checkpoint").isEqualTo(before.checkpoints() + 1);
            assertThat(after.checkpointEventId()).as("after the AddOrder before it").isGreaterThanOrEqualTo(added);
            // the history releases what it stored, too
            assertThat(journal.releasedEventId()).isGreaterThanOrEqualTo(releasable);
            assertThat(shutDown).as("ShutDown in a Batch is refused").isFalse();
            try (EngineClient client = new EngineClient(system.standalone().controllerUri() + "/controller/api", "test", "test-pass-1")) {
                assertThat(client.get("").isOk()).as("the Controller still runs").isTrue();
            }
        }
    }

    @Test
    void agentRefusesReleaseEventsInABatchAsItDoesReset() throws Exception {
        try (InProcessSystem system = InProcessSystem.start(data);
             EngineClient agent = new EngineClient(system.standalone().agentUri() + "/agent/api", "test", "test-pass-1")) {
            JsonNode response = agent.command(EngineJson.parse("""
                    {"TYPE":"Batch","commands":[{"TYPE":"ReleaseEvents","untilEventId":1},{"TYPE":"Reset"},{"TYPE":"NoOperation"}]}""")
                    .orThrow()).orThrow();

            JsonNode responses = response.path("responses");
            assertThat(responses.get(0).path("code").asText()).as(response.toString()).isEqualTo("NotInBatch");
            assertThat(responses.get(1).path("code").asText()).as(response.toString()).isEqualTo("NotInBatch");
            assertThat(responses.get(2).path("TYPE").asText()).as(response.toString()).isEqualTo("Accepted");
        }
    }

    @Test
    void resetAgentIsCarriedOutAndResetSubagentAnswersItsOwnProblem() throws Exception {
        try (InProcessSystem system = InProcessSystem.start(data)) {
            WaitingOrders.attachedWaitingForAnUnreachableSubagent(system, "waiting", TIMEOUT_MS);

            JsonNode responses = batch(system,
                    "{\"TYPE\":\"ResetSubagent\",\"subagentId\":\"nowhere\"}",
                    "{\"TYPE\":\"ResetAgent\",\"agentPath\":\"agent\"}");

            assertThat(responses.get(0).path("TYPE").asText()).isEqualTo("Problem");
            assertThat(responses.get(0).path("message").asText()).contains("nowhere");
            assertThat(responses.get(1).path("TYPE").asText()).as(responses.toString()).isEqualTo("Accepted");
            // The Agent forgot the order: the Controller takes it back and attaches it anew.
            system.awaitEvent("waiting", e -> e instanceof OrderEvent.OrderDetached, TIMEOUT_MS);
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while (System.currentTimeMillis() < deadline && system.eventNames("waiting").stream().filter("OrderAttached"::equals).count() < 2) {
                Thread.sleep(10);
            }
            assertThat(system.eventNames("waiting")).containsSubsequence("OrderAttached", "OrderDetached", "OrderAttachable", "OrderAttached");
        }
    }
}
