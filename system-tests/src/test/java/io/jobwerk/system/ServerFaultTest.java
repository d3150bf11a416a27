package io.jobwerk.system;

import io.jobwerk.testing.CloseAfterEach;
import io.jobwerk.testing.ServerProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.http.client.EngineClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Servers killed with SIGKILL (or stopped for a while) mid-run, as real processes, and restarted on
 * the same data directories and ports: every order finishes, no mirrored event is doubled, and a job
 * step runs again only when its process was really lost.
 */
class ServerFaultTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    @TempDir
    Path dir;
    private TestSystem system;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    /** first (quick), sleep (SECONDS s, the first time only when ONCE is set), last (quick). */
    private String sleeper(int seconds, boolean once) {
        String marker = dir.resolve("slept-once-$JS7_ORDER_ID").toString();
        String sleep = once
                ? "if [ -e " + marker + " ]; then sleep 0.2; else touch " + marker + "; sleep " + seconds + "; fi"
                : "sleep " + seconds;
        return """
                {"path":"test/sleeper","instructions":[
                  {"TYPE":"Execute.Named","jobName":"first"},
                  {"TYPE":"Execute.Named","jobName":"sleep"},
                  {"TYPE":"Execute.Named","jobName":"last"}],
                 "jobs":{
                  "first":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\necho first\\n"}},
                  "sleep":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable",
                           "script":"#!/bin/sh\\necho sleeping $$\\nSLEEP\\necho slept\\n"}},
                  "last":{"agentPath":"$AGENT","parallelism":100,"executable":{"TYPE":"ShellScriptExecutable","script":"#!/bin/sh\\necho last\\n"}}}}
                """.replace("SLEEP", sleep);
    }

    private static Set<String> orderIds(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Waits until every order is in its sleep step (its second OrderProcessingStarted and the script's first line). */
    private void awaitSleeping(Set<String> ids) {
        EventLog log = system.events();
        log.await(() -> ids.stream().allMatch(id -> stdout(log, id).contains("sleeping")), TIMEOUT, "orders sleeping");
    }

    private static String stdout(EventLog log, String id) {
        return log.ofOrder(id).stream().filter(e -> e.path("TYPE").asText().equals("OrderStdoutWritten"))
                .map(e -> e.path("chunk").asText()).collect(Collectors.joining());
    }

    /** Each order finished once, each step processed exactly once, nothing mirrored twice. */
    private void assertEachStepRanOnce(Set<String> ids) {
        EventLog log = system.events();
        for (String id : ids) {
            assertThat(log.typesOf(id)).as(id).containsOnlyOnce("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted",
                    "OrderDetachable", "OrderDetached", "OrderFinished");
            assertThat(log.count(id, "OrderProcessingStarted")).as(id).isEqualTo(3);
            assertThat(log.count(id, "OrderProcessed")).as(id).isEqualTo(3);
            assertThat(log.typesOf(id).get(log.typesOf(id).size() - 1)).as(id).isEqualTo("OrderFinished");
            assertThat(stdout(log, id)).as(id).isEqualTo("first\nsleeping " + sleepingPid(log, id) + "\nslept\nlast\n");
        }
        assertNoEventTwice();
    }

    private void assertNoEventTwice() {
        List<JsonNode> all = system.events().all();
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).path("eventId").asLong()).isGreaterThan(all.get(i - 1).path("eventId").asLong());
        }
    }

    private static long sleepingPid(EventLog log, String id) {
        String out = stdout(log, id);
        int i = out.lastIndexOf("sleeping ");
        return Long.parseLong(out.substring(i + 9, out.indexOf('\n', i)).trim());
    }

    @Test
    void controllerKilledWhileOrdersRunOnTheAgentRestartsAndEveryOrderFinishesOnce() {
        system = closing.add(TestSystem.separate(dir));
        system.deployWorkflows(sleeper(3, false));
        Set<String> ids = orderIds("ck-", 5);
        system.addOrders("test/sleeper", ids);
        awaitSleeping(ids);

        system.controller.kill9();
        assertThat(system.agent.descendants()).as("the jobs keep running on the Agent").isNotEmpty();
        system.startController();

        system.events().awaitTerminated(ids, TIMEOUT);
        assertEachStepRanOnce(ids);
    }

    @Test
    void controllerStoppedForAWhileCatchesUpWithWhatTheAgentDidAlone() throws Exception {
        system = closing.add(TestSystem.separate(dir));
        system.deployWorkflows(sleeper(1, false));
        Set<String> ids = orderIds("away-", 5);
        system.addOrders("test/sleeper", ids);
        awaitSleeping(ids);
        long lastSeen = system.events().lastEventId();

        assertThat(system.controller.terminate()).as("SIGTERM ends the Controller").isZero();
        // The Agent runs the orders to their end alone: each is detachable in its own event stream.
        try (EngineClient agentClient = new EngineClient("http://127.0.0.1:" + system.agentPort + "/agent/api",
                TestSystem.AGENT_USER, TestSystem.AGENT_PASSWORD)) {
            EventLog agentLog = new EventLog(agentClient);
            for (String id : ids) {
                agentLog.awaitEvent(id, "OrderDetachable", TIMEOUT);
            }
        }
        assertThat(system.agent.descendants()).as("no job process left on the Agent").isEmpty();
        system.startController();

        system.events().awaitTerminated(ids, TIMEOUT);
        assertEachStepRanOnce(ids);
        for (String id : ids) {
            // What the Agent did alone is mirrored after the restart, in the Agent's order.
            List<String> caughtUp = system.events().ofOrder(id).stream().filter(e -> e.path("eventId").asLong() > lastSeen)
                    .map(e -> e.path("TYPE").asText()).filter(t -> !t.equals("OrderStdoutWritten")).toList();
            assertThat(caughtUp).as(id).containsExactly("OrderProcessed", "OrderMoved", "OrderProcessingStarted", "OrderProcessed",
                    "OrderMoved", "OrderDetachable", "OrderDetached", "OrderFinished");
        }
    }

    /**
     * The Controller retries a lost Agent soon (delays capped at 3 s, not 10 s), and once it has
     * caught up with the restarted Agent's events it releases them, so the Agent's journal may drop
     * them. The 25 s deadline is generous for that, and shorter than a 30 s long-poll plus release period.
     */
    @Test
    void restartedAgentIsReconnectedAndItsEventsAreReleasedAfterTheControllerCaughtUp() throws Exception {
        system = closing.add(TestSystem.separate(dir));
        system.deployWorkflows(Workflows.SHORT);
        system.addOrder("test/short", "before");
        system.events().awaitTerminated("before", TIMEOUT);
        try (var agentClient = new io.jobwerk.http.client.EngineClient("http://127.0.0.1:" + system.agentPort + "/agent/api",
                TestSystem.AGENT_USER, TestSystem.AGENT_PASSWORD)) {
            long agentEventsBefore = agentClient.get("").orThrow().path("lastEventId").asLong();
            assertThat(agentEventsBefore).isPositive();

            system.agent.kill9();
            system.addOrder("test/short", "while-away");
            system.startAgent();
            long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
            long released = 0;
            while (released < agentEventsBefore && System.nanoTime() < deadline) {
                Thread.sleep(100);
                released = agentClient.get("").toOptional().map(o -> o.path("releasedEventId").asLong()).orElse(0L);
            }
            assertThat(released).as("events released by the Controller at the restarted Agent").isGreaterThanOrEqualTo(agentEventsBefore);
        }
        system.events().awaitTerminated("while-away", TIMEOUT);
        assertThat(system.events().typesOf("while-away")).containsOnlyOnce("OrderAttached", "OrderFinished");
    }

    @Test
    void agentKilledWhileAJobRunsLosesOnlyThatStepWhichRunsAgain() throws Exception {
        system = closing.add(TestSystem.separate(dir));
        assertAgentKillRestartsTheLostStep(() -> {
            system.agent.kill9();
            return system.agent;
        }, system::startAgent);
    }

    @Test
    void standaloneKilledWhileAJobRunsRestartsAndEveryOrderFinishes() throws Exception {
        system = closing.add(TestSystem.standalone(dir));
        assertAgentKillRestartsTheLostStep(() -> {
            system.standalone.kill9();
            return system.standalone;
        }, system::startStandalone);
    }

    private void assertAgentKillRestartsTheLostStep(java.util.function.Supplier<ServerProcess> kill, Runnable restart) throws Exception {
        system.deployWorkflows(sleeper(60, true));
        Set<String> ids = orderIds("lost-", 3);
        system.addOrders("test/sleeper", ids);
        awaitSleeping(ids);
        List<Long> orphans = ids.stream().map(id -> sleepingPid(system.events(), id)).toList();

        kill.get();
        assertThat(orphans).as("job processes outlive the killed Agent as orphans").allMatch(ServerFaultTest::isRunning);
        restart.run();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (orphans.stream().anyMatch(ServerFaultTest::isRunning) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(orphans).as("the restarted Agent killed the orphans").noneMatch(ServerFaultTest::isRunning);

        system.events().awaitTerminated(ids, TIMEOUT);
        for (String id : ids) {
            List<String> described = system.events().ofOrder(id).stream()
                    .filter(e -> !e.path("TYPE").asText().equals("OrderStdoutWritten"))
                    .map(EventSequenceTest::describe).toList();
            assertThat(described).as(id).containsExactly(
                    "OrderAdded test/sleeper",
                    "OrderAttachable " + system.agentPath,
                    "OrderAttached " + system.agentPath,
                    "OrderStarted",
                    "OrderProcessingStarted " + system.subagentId,
                    "OrderProcessed {\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}",
                    "OrderMoved [1]",
                    "OrderProcessingStarted " + system.subagentId,
                    "OrderProcessed {\"TYPE\":\"Disrupted\",\"reason\":{\"TYPE\":\"ProcessLost\"}}",
                    "OrderMoved [1]",
                    "OrderProcessingStarted " + system.subagentId,
                    "OrderProcessed {\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}",
                    "OrderMoved [2]",
                    "OrderProcessingStarted " + system.subagentId,
                    "OrderProcessed {\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0}}",
                    "OrderMoved [3]",
                    "OrderDetachable",
                    "OrderDetached",
                    "OrderFinished");
            assertThat(stdout(system.events(), id)).as("the first step ran once").startsWith("first\nsleeping ").endsWith("slept\nlast\n")
                    .containsOnlyOnce("first\n");
        }
        assertNoEventTwice();
    }

    @ParameterizedTest(name = "SIGKILL of the {0}")
    @ValueSource(strings = {"controller", "agent"})
    void serverKilledDuringABurstOfShortOrdersLosesNothing(String victim) throws Exception {
        system = closing.add(TestSystem.separate(dir));
        system.deployWorkflows(Workflows.SHORT);
        Set<String> ids = orderIds("burst-", 200);
        system.addOrders("test/short", ids);
        EventLog log = system.events();
        log.await(() -> ids.stream().filter(id -> log.count(id, "OrderFinished") > 0).count() >= 40, TIMEOUT, "40 orders finished");

        if (victim.equals("controller")) {
            system.controller.kill9();
            system.startController();
        } else {
            system.agent.kill9();
            system.startAgent();
        }

        log.awaitTerminated(ids, TIMEOUT);
        for (String id : ids) {
            assertThat(log.typesOf(id)).as(id).containsOnlyOnce("OrderAdded", "OrderAttached", "OrderStarted", "OrderDetached",
                    "OrderFinished");
            // A step runs again only after its process was lost.
            List<JsonNode> processed = log.ofOrder(id).stream().filter(e -> e.path("TYPE").asText().equals("OrderProcessed")).toList();
            long lost = processed.stream().filter(e -> e.path("outcome").path("TYPE").asText().equals("Disrupted")).count();
            assertThat(processed.size() - lost).as(id + " completed steps").isEqualTo(2);
            assertThat(log.count(id, "OrderProcessingStarted")).as(id).isEqualTo(processed.size());
            // A lost process may have written its output before the Agent died: then the rerun writes it again.
            assertThat(log.count(id, "OrderStdoutWritten")).as(id + ": " + log.typesOf(id)).isBetween(1L, 1L + lost);
        }
        assertNoEventTwice();
    }

    /** Alive and not a zombie (orphans may stay zombies where init does not reap them). */
    static boolean isRunning(long pid) {
        try {
            Path stat = Path.of("/proc/" + pid + "/stat");
            if (!Files.exists(stat)) {
                return false;
            }
            String s = Files.readString(stat);
            return s.charAt(s.lastIndexOf(')') + 2) != 'Z';
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
