package io.jobwerk.system;

import io.jobwerk.testing.Await;
import io.jobwerk.testing.CloseAfterEach;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.cli.JobwerkMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The history with a real Controller process killed with SIGKILL while orders run: after its
 * restart the history holds every order and task exactly once and every log complete, read through
 * the HTTP API and the CLI.
 */
class HistorySystemTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int ORDERS = 40;
    private static final String TWO_STEPS = """
            {"path":"test/two-steps","instructions":[
              {"TYPE":"Execute.Named","jobName":"first"},
              {"TYPE":"Execute.Named","jobName":"second"}],
             "jobs":{
              "first":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable",
                       "script":"#!/bin/sh\\necho first $JS7_ORDER_ID\\necho warn $JS7_ORDER_ID >&2\\nsleep 0.3\\necho first done\\n"}},
              "second":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable",
                       "script":"#!/bin/sh\\necho second $JS7_ORDER_ID\\n"}}}}
            """;

    @TempDir
    Path dir;
    private TestSystem system;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    @Test
    void theHistoryHoldsEveryOrderAndTaskOnceAndTheWholeLogAfterTheControllerWasKilled() {
        system = closing.add(TestSystem.separate(dir));
        system.deployWorkflows(TWO_STEPS);
        List<String> ids = IntStream.rangeClosed(1, ORDERS).mapToObj(i -> "order-" + i).toList();
        system.addOrders("test/two-steps", ids.subList(0, ORDERS / 2));
        await(() -> finishedOrders() >= 5, "some orders in the history");
        system.addOrders("test/two-steps", ids.subList(ORDERS / 2, ORDERS));
        system.controller.kill9();
        system.startController();

        await(() -> finishedOrders() == ORDERS, "every order finished in the history");
        JsonNode orders = system.client().get(List.of("history", "orders"), Map.of("limit", "1000")).orThrow();
        assertThat(orders.path("total").asInt()).isEqualTo(ORDERS);
        List<String> orderIds = new ArrayList<>();
        orders.path("orders").forEach(o -> orderIds.add(o.path("orderId").asText()));
        assertThat(orderIds).containsExactlyInAnyOrderElementsOf(ids);
        orders.path("orders").forEach(o -> assertThat(o.path("endedAt").asText()).endsWith("Z"));

        JsonNode tasks = system.client().get(List.of("history", "tasks"), Map.of("limit", "1000", "workflowPath", "test/two-steps")).orThrow();
        assertThat(tasks.path("total").asInt()).isEqualTo(2 * ORDERS);
        Map<String, List<String>> jobsPerOrder = new HashMap<>();
        tasks.path("tasks").forEach(t -> {
            jobsPerOrder.computeIfAbsent(t.path("orderId").asText(), k -> new ArrayList<>()).add(t.path("jobName").asText());
            assertThat(t.path("agentPath").asText()).isEqualTo(system.agentPath);
            assertThat(t.path("subagentId").asText()).isEqualTo(system.subagentId);
            assertThat(t.path("returnCode").asInt()).isZero();
            assertThat(t.path("outcome").asText()).isEqualTo("Succeeded");
        });
        assertThat(jobsPerOrder).hasSize(ORDERS).allSatisfy((id, jobs) -> assertThat(jobs).containsExactlyInAnyOrder("first", "second"));

        for (String id : ids) {
            String log = system.client().getText(List.of("history", "log", id)).orThrow();
            List<String> lines = log.lines().toList();
            assertThat(lines).as(log).hasSize(8);
            assertThat(lines.get(0)).contains("Job 'first' started: order " + id);
            assertThat(lines.subList(1, 4)).as(log).containsExactlyInAnyOrder("first " + id, "[stderr] warn " + id, "first done");
            assertThat(lines.get(4)).contains("Job 'first' ended: Succeeded, returnCode 0");
            assertThat(lines.get(5)).contains("Job 'second' started: order " + id);
            assertThat(lines.get(6)).isEqualTo("second " + id);
        }

        String[] cliLog = cli("log", "order-7");
        assertThat(cliLog[0]).as(cliLog[1]).contains("first order-7\n").contains("second order-7\n");
        String[] table = cli("history", "tasks", "--order", "order-7");
        assertThat(table[0]).as(table[1]).contains("second").contains("first").contains("2 of 2 tasks");
        String[] bad = cli("history", "orders", "--from", "yesterday");
        assertThat(bad[1]).contains("Parameter 'from' must be an ISO-8601 time");
    }

    private long finishedOrders() {
        return system.client().get(List.of("history", "orders"), Map.of("state", "OrderFinished", "limit", "1"))
                .map(json -> json.path("total").asLong()).toOptional().orElse(-1L);
    }

    private String[] cli(String... args) {
        List<String> list = new ArrayList<>(List.of(args));
        list.addAll(List.of("--controller", system.controllerUri(), "--user", TestSystem.USER + ":" + TestSystem.PASSWORD));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        JobwerkMain.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(list.toArray(String[]::new));
        return new String[] {out.toString(), err.toString()};
    }

    private static void await(BooleanSupplier done, String what) {
        Await.until(what, TIMEOUT, done);
    }
}
