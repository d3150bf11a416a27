package io.jobwerk.system;

import io.jobwerk.testing.CloseAfterEach;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.http.client.EngineClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workflow redeployed while its orders run: each version leaves the Agent once no order there uses
 * it and a newer one was attached, and leaves the Controller ({@code ItemDeleted}) once no order uses it.
 */
class WorkflowVersionsSystemTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private TestSystem system;
    private EngineClient agentClient;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    /** Version N's job waits for the file gate-N. */
    private String workflow(int n) {
        Path gate = dir.resolve("gate-" + n);
        return ("{\"path\":\"redeployed\",\"instructions\":[{\"TYPE\":\"Execute.Named\",\"jobName\":\"wait\"}],"
                + "\"jobs\":{\"wait\":{\"agentPath\":\"$AGENT\",\"parallelism\":10,\"executable\":{\"TYPE\":\"ShellScriptExecutable\","
                + "\"script\":\"#!/bin/sh\\necho waiting\\nwhile [ ! -e GATE ]; do sleep 0.05; done\\n\"}}}}").replace("GATE", gate.toString());
    }

    private void addOrder(String id) {
        var order = EngineJson.MAPPER.createObjectNode().put("id", id).put("workflowPath", "redeployed").put("deleteWhenTerminated", true);
        assertThat(system.client().postJson("/order", order).isOk()).as("order " + id + " added").isTrue();
    }

    private void open(int n) throws Exception {
        Files.createFile(dir.resolve("gate-" + n));
    }

    @Test
    void eachVersionLeavesAgentAndControllerWhenNoLongerNeeded() throws Exception {
        system = closing.add(TestSystem.separate(dir));
        agentClient = closing.add(new EngineClient("http://127.0.0.1:" + system.agentPort + "/agent/api", TestSystem.AGENT_USER, TestSystem.AGENT_PASSWORD));

        system.deployWorkflows(workflow(1));
        addOrder("a1");
        system.events().awaitEvent("a1", "OrderStdoutWritten", TIMEOUT);
        system.deployWorkflows(workflow(2));
        addOrder("a2");
        system.events().awaitEvent("a2", "OrderStdoutWritten", TIMEOUT);
        open(3);
        system.deployWorkflows(workflow(3));
        addOrder("a3");
        system.events().awaitTerminated("a3", TIMEOUT);
        system.deployWorkflows(workflow(4)); // no order on it yet: the Agent has not seen it

        // v3 stays at the Agent as the newest it was given; at the Controller v4 supersedes it.
        awaitVersions("Agent", this::agentVersions, "v1", "v2", "v3");
        awaitVersions("Controller", this::controllerVersions, "v1", "v2", "v4");

        open(1);
        system.events().awaitTerminated("a1", TIMEOUT);
        awaitVersions("Agent", this::agentVersions, "v2", "v3");
        awaitVersions("Controller", this::controllerVersions, "v2", "v4");

        open(4);
        addOrder("a4");
        system.events().awaitTerminated("a4", TIMEOUT);
        awaitVersions("Agent", this::agentVersions, "v2", "v4");

        open(2);
        system.events().awaitTerminated("a2", TIMEOUT);
        awaitVersions("Agent", this::agentVersions, "v4");
        awaitVersions("Controller", this::controllerVersions, "v4");

        system.events().await(() -> deletedKeys().size() >= 3, TIMEOUT, "three ItemDeleted");
        assertThat(deletedKeys()).containsExactly("Workflow:redeployed~v3", "Workflow:redeployed~v1", "Workflow:redeployed~v2");
    }

    private List<String> deletedKeys() {
        return system.events().all().stream().filter(e -> e.path("TYPE").asText().equals("ItemDeleted"))
                .map(e -> e.path("key").asText()).toList();
    }

    private Set<String> agentVersions() {
        return versions(agentClient);
    }

    private Set<String> controllerVersions() {
        return versions(system.client());
    }

    private static Set<String> versions(EngineClient client) {
        List<JsonNode> snapshot = client.getNdjson("/snapshot").orThrow();
        Set<String> versions = new TreeSet<>();
        for (WorkflowId id : EngineStateJson.fromSnapshotObjects(snapshot).orThrow().workflows().keySet()) {
            versions.add(id.versionId().string());
        }
        return versions;
    }

    private static void awaitVersions(String where, Supplier<Set<String>> versions, String... expected) throws InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        Set<String> last = versions.get();
        while (!last.equals(Set.of(expected)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = versions.get();
        }
        assertThat(last).as(where + "'s workflow versions").containsExactlyInAnyOrder(expected);
    }
}
