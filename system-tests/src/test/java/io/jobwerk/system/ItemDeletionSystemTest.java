package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.http.client.EngineClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting Agents and Subagents: refused while in use, and a deleted Agent's driver stops. */
class ItemDeletionSystemTest {

    private static final long TIMEOUT_MS = 60_000;
    // Nothing listens on port 1: a Subagent there is never available.
    private static final String OTHER_AGENT = """
            {"TYPE":"AddOrChangeSimple","item":{"TYPE":"AgentRef","path":"other","directors":["other-1"]}}
            {"TYPE":"AddOrChangeSimple","item":{"TYPE":"SubagentItem","id":"other-1","agentPath":"other","uri":"http://127.0.0.1:1"}}
            """;

    @TempDir
    Path data;

    private static Checked<Boolean> deploy(InProcessSystem system, String ndjson) {
        List<ItemOperation> operations = ItemOperationJson.decodeNdjson(ndjson).orThrow();
        return system.standalone().controller().deploy(operations);
    }

    private static void awaitAgents(InProcessSystem system, boolean withOther) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline
                && system.standalone().controller().agentsWithDriver().contains(new AgentPath("other")) != withOther) {
            Thread.sleep(10);
        }
        assertThat(system.standalone().controller().agentsWithDriver().contains(new AgentPath("other"))).isEqualTo(withOther);
    }

    @Test
    void deletedAgentRefLosesItsDriver() throws Exception {
        try (InProcessSystem system = InProcessSystem.start(data)) {
            deploy(system, OTHER_AGENT).orThrow();
            awaitAgents(system, true);

            deploy(system, """
                    {"TYPE":"DeleteSimple","path":"Subagent:other-1"}
                    {"TYPE":"DeleteSimple","path":"Agent:other"}
                    """).orThrow();

            awaitAgents(system, false);
            assertThat(system.standalone().controller().agentsWithDriver()).containsExactly(new AgentPath("agent"));
        }
    }

    @Test
    void agentAndSubagentInUseAreNotDeletedAndTheProblemNamesTheirUsers() throws Exception {
        try (InProcessSystem system = InProcessSystem.start(data)) {
            WaitingOrders.attachedWaitingForAnUnreachableSubagent(system, "waiting", TIMEOUT_MS);

            Checked<Boolean> agent = deploy(system, "{\"TYPE\":\"DeleteSimple\",\"path\":\"Agent:agent\"}\n");
            Checked<Boolean> subagent = deploy(system, "{\"TYPE\":\"DeleteSimple\",\"path\":\"Subagent:second\"}\n");

            assertThat(agent.problemOption().orElseThrow().message()).isEqualTo("Item operation 1 (DeleteSimple): Agent:agent "
                    + "is still in use by Subagent:agent-1, Subagent:second, Workflow:pinned~1, Order:waiting (at the Agent)");
            assertThat(subagent.problemOption().orElseThrow().message())
                    .isEqualTo("Item operation 1 (DeleteSimple): Subagent:second is still in use by Workflow:pinned~1");
        }
    }

    @Test
    void orderWaitingForADeletedSubagentShowsWhy() throws Exception {
        try (InProcessSystem system = InProcessSystem.start(data);
             EngineClient client = new EngineClient(system.standalone().controllerUri() + "/controller/api", "test", "test-pass-1")) {
            deploy(system, """
                    {"TYPE":"AddOrChangeSimple","item":{"TYPE":"SubagentItem","id":"second","agentPath":"agent","uri":"http://127.0.0.1:1"}}
                    """).orThrow();
            // The Subagent is named by an expression, which only an order evaluates: the deletion cannot see this user.
            system.deployWorkflows("1", """
                    {"TYPE":"Workflow","path":"computed","versionId":"1","instructions":[{"TYPE":"Execute.Named","jobName":"j"}],
                     "jobs":{"j":{"agentPath":"agent","subagentBundleIdExpr":"'sec' ++ 'ond'",
                                  "executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\nexit 0\\n"}}}}""");
            system.addOrder(FreshOrder.of("waiting", "computed"));
            system.awaitEvent("waiting", e -> e instanceof OrderEvent.OrderAttached, TIMEOUT_MS);

            deploy(system, "{\"TYPE\":\"DeleteSimple\",\"path\":\"Subagent:second\"}\n").orThrow();

            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            String obstacles = "";
            while (System.currentTimeMillis() < deadline && !obstacles.contains("'second'")) {
                Checked<JsonNode> answer = client.get("/order/waiting/obstacles");
                obstacles = answer.map(JsonNode::toString).orElse("");
                Thread.sleep(20);
            }
            assertThat(obstacles).isEqualTo("[{\"TYPE\":\"NoSubagentAvailable\",\"reason\":\"No SubagentBundle or Subagent 'second'\"}]");
        }
    }
}
