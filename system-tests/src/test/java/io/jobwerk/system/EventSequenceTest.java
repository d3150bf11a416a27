package io.jobwerk.system;

import io.jobwerk.testing.CloseAfterEach;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import java.nio.file.Path;
import java.time.Duration;
import io.jobwerk.http.client.EngineClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The exact event sequence of an order through a Controller, an Agent and its Subagent, as JS7 writes it. */
class EventSequenceTest {

    @TempDir
    Path dir;
    private TestSystem system;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    @Test
    void tryCatchOrderEmitsTheEventsOfTheJs7Trace() {
        system = closing.add(TestSystem.separate(dir));
        system.deployWorkflows(Workflows.TRY_CATCH);
        system.addOrder("trace/simple", "trace-1");
        system.events().awaitTerminated("trace-1", Duration.ofSeconds(60));

        List<String> described = system.events().ofOrder("trace-1").stream().map(EventSequenceTest::describe).toList();
        assertThat(described).containsExactly(
                "OrderAdded trace/simple",
                "OrderAttachable AGENT",
                "OrderAttached AGENT",
                "OrderStarted",
                "OrderProcessingStarted SUBAGENT",
                "OrderStdoutWritten hello\n",
                "OrderProcessed {\"TYPE\":\"Succeeded\",\"namedValues\":{\"result\":\"42\",\"returnCode\":0}}",
                "OrderMoved [1,\"try+0\",0]",
                "OrderProcessingStarted SUBAGENT",
                "OrderStderrWritten oops\n",
                "OrderProcessed {\"TYPE\":\"Failed\",\"namedValues\":{\"returnCode\":3}}",
                "OrderCaught [1,\"catch+0\",0]",
                "OrderProcessingStarted SUBAGENT",
                "OrderStdoutWritten recovered\n",
                "OrderProcessed {\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}",
                "OrderMoved [2]",
                "OrderDetachable",
                "OrderDetached",
                "OrderFinished");
        // The Controller's event ids strictly increase.
        List<JsonNode> all = system.events().all();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).path("eventId").asLong()).isGreaterThan(all.get(i - 1).path("eventId").asLong());
        }

        // Mirrored Agent events keep the Agent's time (JS7: "timestamp"); the Controller assigns its own event ids.
        List<String> agentTimes = new ArrayList<>();
        try (EngineClient agent = new EngineClient("http://127.0.0.1:" + system.agentPort + "/agent/api",
                TestSystem.AGENT_USER, TestSystem.AGENT_PASSWORD)) {
            agent.readEvents(0, Duration.ZERO, e -> {
                if (e.path("Key").asText().equals("trace-1") && MIRRORED.contains(e.path("TYPE").asText())) {
                    agentTimes.add(e.path("TYPE").asText() + "@" + e.path("timestamp").asLong(e.path("eventId").asLong() / 1000));
                }
                return true;
            }).orThrow();
        }
        List<String> mirroredTimes = system.events().ofOrder("trace-1").stream()
                .filter(e -> MIRRORED.contains(e.path("TYPE").asText()))
                .map(e -> e.path("TYPE").asText() + "@" + e.path("timestamp").asLong(e.path("eventId").asLong() / 1000)).toList();
        assertThat(mirroredTimes).hasSize(14).isEqualTo(agentTimes);
        assertThat(system.events().ofOrder("trace-1").stream().filter(e -> MIRRORED.contains(e.path("TYPE").asText())))
                .anySatisfy(e -> assertThat(e.has("timestamp")).isTrue());
    }

    @Test
    void aJobGetsJs7sVariablesItsJobResourcesEnvAndItsOwnEnv() {
        system = closing.add(TestSystem.separate(dir));
        system.deployLines(List.of("{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"JobResource\",\"path\":\"greetings\","
                + "\"variables\":{\"salutation\":\"'Hello'\"},\"env\":{\"GREETING\":\"'Hello, ' ++ $name\",\"PLACE\":\"'resource'\"}}}"));
        system.deployWorkflows("""
                {"path":"test/env","orderPreparation":{"parameters":{"name":{"type":"String"}}},
                 "instructions":[{"TYPE":"Execute.Named","jobName":"show","label":"SHOW"}],
                 "jobs":{"show":{"agentPath":"$AGENT","jobResourcePaths":["greetings"],
                   "executable":{"TYPE":"ShellScriptExecutable","env":{"PLACE":"'job'"},
                     "script":"#!/bin/sh\\necho \\"$JS7_ORDER_ID|$JS7_WORKFLOW_NAME|$JS7_JOB_NAME|$JS7_LABEL|$JS7_AGENT_ID|$GREETING|$PLACE\\"\\n"}}}}
                """);
        var order = EngineJson.MAPPER.createArrayNode().addObject().put("id", "env-1").put("workflowPath", "test/env");
        order.putObject("arguments").put("name", "Ada");
        system.client().postJson("/order", (com.fasterxml.jackson.databind.node.ArrayNode) EngineJson.MAPPER.createArrayNode().add(order)).orThrow();
        system.events().awaitTerminated("env-1", Duration.ofSeconds(60));

        assertThat(system.events().ofOrder("env-1").stream().map(EventSequenceTest::describe))
                .contains("OrderStdoutWritten env-1|test/env|show|SHOW|" + system.agentPath + "|Hello, Ada|job\n")
                .contains("OrderFinished");
    }

    private static final Set<String> MIRRORED = Set.of("OrderStarted", "OrderProcessingStarted", "OrderStdoutWritten",
            "OrderStderrWritten", "OrderProcessed", "OrderMoved", "OrderCaught", "OrderDetachable");

    static String describe(JsonNode e) {
        String type = e.path("TYPE").asText();
        String detail = switch (type) {
            case "OrderAdded" -> e.path("workflowId").path("path").asText();
            case "OrderAttachable", "OrderAttached" -> e.path("agentPath").asText();
            case "OrderProcessingStarted" -> e.path("subagentId").asText();
            case "OrderStdoutWritten", "OrderStderrWritten" -> e.path("chunk").asText();
            case "OrderProcessed" -> EngineJson.print(e.path("outcome"));
            case "OrderMoved" -> EngineJson.print(e.path("to"));
            case "OrderCaught" -> EngineJson.print(e.path("movedTo"));
            default -> "";
        };
        return detail.isEmpty() ? type : type + " " + detail;
    }
}
