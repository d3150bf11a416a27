package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.http.client.EngineClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ResetAgent}: the Agent forgets its orders, the Controller takes them back and attaches them anew. */
class ResetAgentSystemTest {

    @TempDir
    Path data;

    private String workflow(Path gate) {
        return """
                {"TYPE": "Workflow", "path": "resettable", "versionId": "1",
                 "instructions": [{"TYPE": "Execute.Named", "jobName": "wait"}],
                 "jobs": {"wait": {"agentPath": "agent", "executable": {"TYPE": "ShellScriptExecutable",
                   "script": "#!/bin/sh\\necho waiting $$\\nwhile [ ! -e GATE ]; do sleep 0.05; done\\n"}}}}
                """.replace("GATE", gate.toString());
    }

    private static Checked<JsonNode> command(InProcessSystem system, String json) {
        try (EngineClient client = new EngineClient(system.standalone().controllerUri() + "/controller/api", "test", "test-pass-1")) {
            return client.command(EngineJson.parse(json).orThrow());
        }
    }

    private static String stdout(InProcessSystem system, String orderId) {
        return system.events(orderId).stream().map(s -> s.keyedEvent().event()).filter(e -> e instanceof OrderEvent.OrderStdoutWritten)
                .map(e -> ((OrderEvent.OrderStdoutWritten) e).chunk()).collect(Collectors.joining());
    }

    @Test
    void resetAgentLosesTheRunningStepAndTheOrderRunsAgainOnTheResetAgent() throws Exception {
        Path gate = data.resolve("gate");
        try (InProcessSystem system = InProcessSystem.start(data.resolve("system"))) {
            system.deployWorkflows("1", workflow(gate));
            system.addOrder(FreshOrder.of("reset-1", "resettable"));
            system.awaitEvent("reset-1", e -> e instanceof OrderEvent.OrderStdoutWritten, 60_000);
            long firstPid = Long.parseLong(stdout(system, "reset-1").trim().split(" ")[1]);

            command(system, "{\"TYPE\":\"ResetAgent\",\"agentPath\":\"agent\"}").orThrow();

            system.awaitEvent("reset-1", e -> e instanceof OrderEvent.OrderDetached, 60_000);
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline && stdout(system, "reset-1").split("waiting").length < 3) {
                Thread.sleep(10);
            }
            assertThat(stdout(system, "reset-1").split("waiting")).as("the job started again: " + system.eventNames("reset-1")).hasSize(3);
            assertThat(isRunning(firstPid)).as("the first process was killed with the reset").isFalse();
            Files.createFile(gate);
            system.awaitEvent("reset-1", e -> e instanceof OrderEvent.OrderFinished, 60_000);

            List<String> names = system.eventNames("reset-1").stream().filter(n -> !n.equals("OrderStdoutWritten")).toList();
            String stderr = system.events("reset-1").stream().map(s -> s.keyedEvent().event())
                    .filter(e -> e instanceof OrderEvent.OrderStderrWritten).map(e -> ((OrderEvent.OrderStderrWritten) e).chunk())
                    .collect(Collectors.joining());
            assertThat(names).as(names + ", stdout: " + stdout(system, "reset-1") + ", stderr: " + stderr).containsExactly("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted",
                    "OrderProcessingStarted", "OrderProcessed", "OrderDetached", "OrderMoved", "OrderAttachable", "OrderAttached",
                    "OrderProcessingStarted", "OrderProcessed", "OrderMoved", "OrderDetachable", "OrderDetached", "OrderFinished");
            Event lost = system.events("reset-1").stream().map(s -> s.keyedEvent().event())
                    .filter(e -> e instanceof OrderEvent.OrderProcessed).findFirst().orElseThrow();
            assertThat(((OrderEvent.OrderProcessed) lost).outcome()).isInstanceOf(Outcome.Disrupted.class);
            assertThat(system.standalone().agent().keeper().state().orders()).doesNotContainKey(new OrderId("reset-1"));
        }
    }

    @Test
    void resetOfAnUnreachableAgentNeedsForceAndThenTakesTheOrdersBack() throws Exception {
        Path gate = data.resolve("gate");
        try (InProcessSystem system = InProcessSystem.start(data.resolve("system"))) {
            system.deployWorkflows("1", workflow(gate));
            system.addOrder(FreshOrder.of("reset-2", "resettable"));
            system.awaitEvent("reset-2", e -> e instanceof OrderEvent.OrderStdoutWritten, 60_000);
            system.standalone().agent().close();

            Checked<JsonNode> refused = command(system, "{\"TYPE\":\"ResetAgent\",\"agentPath\":\"agent\"}");
            assertThat(refused.isFail()).isTrue();
            assertThat(refused.problemOption().orElseThrow().message()).contains("force");

            command(system, "{\"TYPE\":\"ResetAgent\",\"agentPath\":\"agent\",\"force\":true}").orThrow();
            system.awaitEvent("reset-2", e -> e instanceof OrderEvent.OrderDetached, 60_000);
            assertThat(system.eventNames("reset-2")).containsSubsequence("OrderProcessingStarted", "OrderProcessed", "OrderDetached");
        }
    }

    private static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(SubagentCluster::isRunning).orElse(false);
    }
}
