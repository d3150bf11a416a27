package io.jobwerk.system;

import io.jobwerk.testing.CloseAfterEach;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.outcome.Outcome;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Subagent clusters with three real Subagent processes (A, B, C) and a Controller and Agent
 * Director in this JVM: the three selection modes, fail-over after kill -9, StickySubagent, ForkList
 * over {@code subagentIds}, the Agent's processLimit, and kill-on-Director-loss.
 */
class SubagentClusterTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir Path dir;
    SubagentCluster cluster;

    @RegisterExtension
    final CloseAfterEach closing = new CloseAfterEach();

    static String bundle(String a, String b, String c) {
        return "{\"TYPE\":\"SubagentBundle\",\"id\":\"BUNDLE\",\"subagentToPriority\":{\"A\":" + a + ",\"B\":" + b + ",\"C\":" + c + "}}";
    }

    static String job(String script, String bundleExpr) {
        return "{\"agentPath\":\"agent\",\"processLimit\":100,"
                + (bundleExpr == null ? "" : "\"subagentBundleIdExpr\":" + quote(bundleExpr) + ",")
                + "\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":" + quote(script) + "}}";
    }

    static String workflow(String path, String instructions, String jobs) {
        return "{\"TYPE\":\"Workflow\",\"path\":\"" + path + "\",\"versionId\":\"1\",\"instructions\":[" + instructions + "],\"jobs\":{" + jobs + "}}";
    }

    static String oneJob(String path, String script, String bundleExpr) {
        return workflow(path, "{\"TYPE\":\"Execute.Named\",\"jobName\":\"job\"}", "\"job\":" + job(script, bundleExpr));
    }

    static String quote(String s) {
        return io.jobwerk.engine.json.EngineJson.print(io.jobwerk.engine.json.EngineJson.MAPPER.getNodeFactory().textNode(s));
    }

    static boolean hasObstacle(JsonNode obstacles, String type) {
        for (JsonNode o : obstacles) {
            if (o.path("TYPE").asText().equals(type)) {
                return true;
            }
        }
        return false;
    }

    /** Subagent A alone, one order of a one-job workflow on A, returned once its job process runs there. */
    private void startOneOrderOnA(Duration directorTimeout, String workflow, String script, String orderId) throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(directorTimeout, "A"));
        cluster.deploy(null, oneJob(workflow, script, "'A'"));
        cluster.addOrders(workflow, orderId);
        cluster.await(orderId + " sleeping on A", WAIT, () -> !cluster.startsOf(orderId).isEmpty() && !cluster.jobProcesses("A").isEmpty());
    }

    @Test
    void fixedPriorityRunsOnTheHighestAndFailsOverToTheNextWhenItIsKilled() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(5), "A", "B", "C"));
        cluster.deploy(null, bundle("3", "2", "1"), oneJob("quick", "echo quick", "'BUNDLE'"), oneJob("slow", "sleep 2", "'BUNDLE'"));
        cluster.addOrders("quick", "q1", "q2", "q3");
        cluster.await("q1..q3 processed", WAIT, () -> cluster.countProcessed("q1") + cluster.countProcessed("q2") + cluster.countProcessed("q3") == 3);
        assertThat(List.of(cluster.startsOf("q1"), cluster.startsOf("q2"), cluster.startsOf("q3")))
                .containsOnly(List.of("A"));

        cluster.addOrders("slow", "s1");
        cluster.await("s1 sleeping on A", WAIT, () -> !cluster.startsOf("s1").isEmpty() && !cluster.jobProcesses("A").isEmpty());
        long t0 = System.nanoTime();
        cluster.kill9("A");
        cluster.await("s1 restarted", WAIT, () -> cluster.startsOf("s1").size() == 2);
        long failoverMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("Fail-over after kill -9 of Subagent A: job restarted on B after " + failoverMs + " ms");
        assertThat(cluster.startsOf("s1")).containsExactly("A", "B");
        assertThat(cluster.processed("s1").get(0).outcome()).isInstanceOfSatisfying(Outcome.Disrupted.class,
                d -> assertThat(d.reason()).isInstanceOf(Outcome.ProcessLost.class));
        assertThat(failoverMs).isLessThan(5000);

        cluster.addOrders("quick", "q4");
        cluster.await("q4 processed", WAIT, () -> cluster.countProcessed("q4") == 1);
        assertThat(cluster.startsOf("q4")).containsExactly("B");
        cluster.await("s1 done on B", WAIT, () -> cluster.processed("s1").size() == 2);
        assertThat(cluster.processed("s1").get(1).outcome()).isInstanceOf(Outcome.Succeeded.class);

        // A restarted A is reachable again and, having the highest priority, takes the next job.
        cluster.restartSubagent("A", Duration.ofSeconds(5));
        cluster.await("A coupled again", WAIT, () -> cluster.subagentAvailability().path("A").asBoolean(false));
        cluster.addOrders("quick", "q5");
        cluster.await("q5 processed", WAIT, () -> cluster.countProcessed("q5") == 1);
        assertThat(cluster.startsOf("q5")).containsExactly("A");
    }

    @Test
    void equalPrioritiesRotateRoundRobin() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(5), "A", "B", "C"));
        cluster.deploy(null, bundle("1", "1", "1"), oneJob("quick", "echo quick", "'BUNDLE'"));
        // The Controller attaches the Subagent items when deployed; the Director couples before any order comes.
        cluster.await("A, B, C coupled", WAIT, () -> List.of("A", "B", "C").stream()
                .allMatch(id -> cluster.subagentAvailability().path(id).asBoolean(false)));
        cluster.addOrders("quick", "r1", "r2", "r3", "r4", "r5", "r6", "r7");
        cluster.await("all processed", WAIT, () -> cluster.starts().size() == 7
                && List.of("r1", "r2", "r3", "r4", "r5", "r6", "r7").stream().allMatch(o -> cluster.countProcessed(o) == 1));
        assertThat(cluster.starts().stream().map(s -> s.substring(s.indexOf('@') + 1)).toList())
                .containsExactly("A", "B", "C", "A", "B", "C", "A");
    }

    @Test
    void aDisabledSubagentIsSelectedForNoJobUntilEnabledAgain() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(5), "A", "B", "C"));
        cluster.deploy(null, bundle("3", "2", "1"), oneJob("quick", "echo quick", "'BUNDLE'"));
        cluster.await("A coupled", WAIT, () -> cluster.subagentAvailability().path("A").asBoolean(false));

        // JS7's way: the SubagentItem changed with disabled, which the Controller passes on to the Agent
        changeSubagent("A", true);
        cluster.addOrders("quick", "d1", "d2");
        cluster.await("d1, d2 processed", WAIT, () -> cluster.countProcessed("d1") + cluster.countProcessed("d2") == 2);
        assertThat(List.of(cluster.startsOf("d1"), cluster.startsOf("d2"))).as("A is still coupled, but disabled").containsOnly(List.of("B"));
        assertThat(cluster.subagentAvailability().path("A").asBoolean(false)).isTrue();

        changeSubagent("A", false);
        cluster.addOrders("quick", "e1");
        cluster.await("e1 processed", WAIT, () -> cluster.countProcessed("e1") == 1);
        assertThat(cluster.startsOf("e1")).containsExactly("A");
    }

    /** Changes Subagent {@code id}'s item at the Controller and waits until its Agent has the change. */
    private void changeSubagent(String id, boolean disabled) throws InterruptedException {
        var item = io.jobwerk.engine.json.EngineJson.MAPPER.createObjectNode().put("TYPE", "SubagentItem").put("id", id)
                .put("agentPath", SubagentCluster.AGENT.string()).put("uri", cluster.subagentUris.get(id)).put("disabled", disabled);
        var operation = io.jobwerk.engine.json.EngineJson.MAPPER.createObjectNode().put("TYPE", "AddOrChangeSimple");
        operation.set("item", item);
        cluster.client.postNdjson("/item", io.jobwerk.engine.json.EngineJson.print(operation) + "\n").orThrow();
        var subagentId = new io.jobwerk.engine.path.SubagentId(id);
        cluster.await("the Agent has " + id + (disabled ? " disabled" : " enabled"), WAIT, () -> cluster.agent.keeper().state().subagent(subagentId)
                .toOptional().filter(s -> s.disabled() == disabled).isPresent());
    }

    @Test
    void loadBasedPriorityKeepsOneProcessPerSubagentAndTheRestWaitsVisibly() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(5), "A", "B", "C"));
        String idle = quote("if $js7SubagentProcessCount == 0 then 1 else missing");
        cluster.deploy(null, bundle(idle, idle, idle), oneJob("slow", "sleep 1.5", "'BUNDLE'"));
        cluster.addOrders("slow", "l1", "l2", "l3", "l4");
        cluster.await("three started", WAIT, () -> cluster.starts().size() >= 3);
        List<String> firstThree = cluster.starts().subList(0, 3).stream().map(s -> s.substring(s.indexOf('@') + 1)).toList();
        assertThat(new HashSet<>(firstThree)).containsExactlyInAnyOrder("A", "B", "C");
        String waiting = List.of("l1", "l2", "l3", "l4").stream().filter(o -> cluster.startsOf(o).isEmpty()).findFirst().orElseThrow();
        JsonNode[] obstacles = new JsonNode[1];
        cluster.await("NoSubagentAvailable", WAIT, () -> hasObstacle(obstacles[0] = cluster.obstacles(waiting), "NoSubagentAvailable"));
        assertThat(obstacles[0].get(0).path("reason").asText()).contains("SubagentBundle BUNDLE: no member is available");

        cluster.await("fourth started", WAIT, () -> cluster.starts().size() == 4);
        // The fourth start follows the first end, on the Subagent that became idle.
        List<Stamped<? extends Event>> events = cluster.agentEvents();
        int firstProcessed = -1;
        int fourthStart = -1;
        String idleAgain = null;
        List<String> started = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            Event e = events.get(i).keyedEvent().event();
            String key = events.get(i).keyedEvent().key().orElse("");
            if (e instanceof OrderEvent.OrderProcessed && firstProcessed < 0) {
                firstProcessed = i;
                idleAgain = cluster.startsOf(key).get(0);
            }
            if (e instanceof OrderEvent.OrderProcessingStarted s) {
                started.add(s.subagentId().string());
                if (started.size() == 4) {
                    fourthStart = i;
                }
            }
        }
        assertThat(fourthStart).isGreaterThan(firstProcessed);
        assertThat(started.get(3)).isEqualTo(idleAgain);
    }

    @Test
    void stickySubagentKeepsTheBlocksJobsOnTheFirstChoiceAndForkListForksPerMember() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(5), "A", "B", "C"));
        String sticky = workflow("sticky",
                "{\"TYPE\":\"StickySubagent\",\"agentPath\":\"agent\",\"subagentBundleIdExpr\":\"'BUNDLE'\",\"subworkflow\":{\"instructions\":["
                        + "{\"TYPE\":\"Execute.Named\",\"jobName\":\"first\"},{\"TYPE\":\"Execute.Named\",\"jobName\":\"second\"}]}}",
                "\"first\":" + job("echo first", null) + ",\"second\":" + job("echo second", null));
        String forkList = workflow("forklist",
                "{\"TYPE\":\"ForkList\",\"children\":\"subagentIds('BUNDLE')\",\"childToId\":\"(id) => $id\","
                        + "\"childToArguments\":\"(id) => { subagentId: $id }\",\"workflow\":{\"instructions\":["
                        + "{\"TYPE\":\"Execute.Named\",\"jobName\":\"job\"}]}}",
                "\"job\":" + job("echo child", "$subagentId"));
        cluster.deploy(null, bundle("1", "1", "1"), sticky, forkList);
        cluster.addOrders("sticky", "st1");
        cluster.await("st1 processed twice", WAIT, () -> cluster.countProcessed("st1") == 2);
        cluster.addOrders("sticky", "st2");
        cluster.await("st2 processed twice", WAIT, () -> cluster.countProcessed("st2") == 2);
        assertThat(cluster.startsOf("st1")).containsExactly("A", "A");
        assertThat(cluster.startsOf("st2")).containsExactly("B", "B");
        List<Boolean> sticks = cluster.agentEvents().stream().filter(s -> s.keyedEvent().key().orElse("").equals("st1"))
                .map(s -> s.keyedEvent().event()).filter(OrderEvent.OrderProcessingStarted.class::isInstance)
                .map(e -> ((OrderEvent.OrderProcessingStarted) e).stick()).toList();
        assertThat(sticks).containsExactly(true, false);

        cluster.addOrders("forklist", "f1");
        cluster.await("children processed", WAIT, () -> List.of("A", "B", "C").stream().allMatch(c -> cluster.countProcessed("f1|" + c) == 1));
        assertThat(List.of(cluster.startsOf("f1|A"), cluster.startsOf("f1|B"), cluster.startsOf("f1|C")))
                .containsExactly(List.of("A"), List.of("B"), List.of("C"));
        assertThat(List.of("A", "B", "C")).allSatisfy(c -> assertThat(cluster.processed("f1|" + c).get(0).outcome())
                .as("f1|" + c).isInstanceOf(Outcome.Succeeded.class));
    }

    @Test
    void agentProcessLimitHoldsAndIsTheVisibleWaitingReason() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(5)));
        cluster.deploy(1, oneJob("slow", "sleep 1", null));
        cluster.addOrders("slow", "p1", "p2");
        cluster.await("one started", WAIT, () -> cluster.starts().size() == 1);
        String waiting = cluster.startsOf("p1").isEmpty() ? "p1" : "p2";
        cluster.await("the other attached", WAIT, () -> cluster.agent.keeper().state().orders().containsKey(new io.jobwerk.engine.order.OrderId(waiting)));
        cluster.await("AgentProcessLimitReached", WAIT, () -> hasObstacle(cluster.obstacles(waiting), "AgentProcessLimitReached"));
        cluster.await("both processed", WAIT, () -> cluster.countProcessed("p1") + cluster.countProcessed("p2") == 2);
        List<String> sequence = cluster.agentEvents().stream().map(s -> s.keyedEvent().event())
                .filter(e -> e instanceof OrderEvent.OrderProcessingStarted || e instanceof OrderEvent.OrderProcessed)
                .map(e -> e.getClass().getSimpleName()).toList();
        assertThat(sequence).containsExactly("OrderProcessingStarted", "OrderProcessed", "OrderProcessingStarted", "OrderProcessed");
        assertThat(List.of(cluster.startsOf("p1"), cluster.startsOf("p2"))).containsOnly(List.of("agent-1"));
    }

    @Test
    void subagentKillsItsJobWhenItLosesTheDirector() throws Exception {
        Duration directorTimeout = Duration.ofMillis(1500);
        startOneOrderOnA(directorTimeout, "slow", "sleep 60", "k1");
        List<ProcessHandle> job = cluster.jobProcesses("A");
        cluster.controller.close();
        cluster.controller = null;
        cluster.agent.close();
        cluster.agent = null;
        long t0 = System.nanoTime(); // the Director has stopped talking
        assertThat(job).allMatch(SubagentCluster::isRunning);
        SubagentCluster c = cluster;
        c.await("job killed", Duration.ofSeconds(10), () -> job.stream().noneMatch(SubagentCluster::isRunning));
        long killedMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("Subagent killed its job " + killedMs + " ms after the Director stopped (director timeout "
                + directorTimeout.toMillis() + " ms)");
        // The timeout counts from the Director's last request, which started before the stop.
        assertThat(killedMs).isLessThan(directorTimeout.toMillis() + 2000); // slack for a loaded machine
    }

    @Test
    void anOrderThroughARemoteSubagentHasTheEventsOfOneThroughTheIntegratedOne() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(10), "A"));
        cluster.deploy(null, oneJob("hello", "echo hello", "'A'"));
        cluster.addOrders("hello", "h1");
        cluster.await("h1 finished", WAIT, () -> cluster.controllerEventsOf("h1").contains("OrderFinished"));

        assertThat(cluster.controllerEventsOf("h1")).containsExactly("OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted",
                "OrderProcessingStarted A", "OrderStdoutWritten hello\n", "OrderProcessed Succeeded", "OrderMoved", "OrderDetachable",
                "OrderDetached", "OrderFinished");
    }

    @Test
    void aRestartedDirectorTakesOverTheProcessItsSubagentKeptSoTheJobRunsOnce() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(10), "A"));
        cluster.deploy(null, oneJob("slow", "echo before; sleep 3; echo after", "'A'"));
        cluster.addOrders("slow", "d1");
        cluster.await("d1 sleeping on A", WAIT, () -> cluster.stdoutOf("d1").contains("before") && !cluster.jobProcesses("A").isEmpty());
        List<ProcessHandle> firstRun = cluster.jobProcesses("A");

        cluster.restartAgent(); // within the Subagent's director timeout

        assertThat(firstRun).allMatch(SubagentCluster::isRunning); // not killed by the coupling of the restarted Director
        cluster.await("d1 processed", WAIT, () -> !cluster.processed("d1").isEmpty());
        assertThat(cluster.startsOf("d1")).containsExactly("A");
        assertThat(cluster.processed("d1")).singleElement().satisfies(p -> assertThat(p.outcome()).isInstanceOf(Outcome.Succeeded.class));
        assertThat(cluster.stdoutOf("d1")).isEqualTo("before\nafter\n"); // nothing read twice
    }

    @Test
    void aCancellationWithKillGivenWhileTheDirectorWasDownKillsTheProcessItTakesOver() throws Exception {
        startOneOrderOnA(Duration.ofSeconds(10), "long", "sleep 600", "d1");

        int port = cluster.stopAgent();
        cluster.client.command(io.jobwerk.engine.json.EngineJson.parse("{\"TYPE\":\"CancelOrders\",\"orderIds\":[\"d1\"],"
                + "\"mode\":{\"TYPE\":\"FreshOrStarted\",\"kill\":{\"immediately\":true}}}").orThrow()).orThrow();
        cluster.startAgent(port);

        cluster.await("d1 processed", WAIT, () -> !cluster.processed("d1").isEmpty());
        assertThat(cluster.processed("d1")).singleElement().satisfies(p -> assertThat(p.outcome()).isInstanceOf(Outcome.Killed.class));
        cluster.await("A's process is gone", WAIT, () -> cluster.jobProcesses("A").isEmpty());
        assertThat(cluster.startsOf("d1")).containsExactly("A");
    }

    @Test
    void theOutcomeOfAProcessThatEndedWhileTheDirectorWasDownIsTakenOver() throws Exception {
        cluster = closing.add(new SubagentCluster(dir).start(Duration.ofSeconds(10), "A"));
        cluster.deploy(null, oneJob("two", "echo one; sleep 1", "'A'").replace("\"jobName\":\"job\"}",
                "\"jobName\":\"job\"},{\"TYPE\":\"Execute.Named\",\"jobName\":\"job\"}"));
        cluster.addOrders("two", "d1");
        // The first step ended and the second runs: the first one's outcome is persisted (and may not be released yet)
        cluster.await("d1's second step sleeping on A", WAIT, () -> cluster.startsOf("d1").size() == 2 && !cluster.jobProcesses("A").isEmpty());

        int port = cluster.stopAgent();
        cluster.await("the process ended", WAIT, () -> cluster.jobProcesses("A").isEmpty());
        cluster.startAgent(port);

        // The second step's outcome, kept at the Subagent, is taken as its own; the first step's is not taken again
        cluster.await("d1 finished", WAIT, () -> cluster.controllerEventsOf("d1").contains("OrderFinished"));
        assertThat(cluster.processed("d1")).hasSize(2).allSatisfy(p -> assertThat(p.outcome()).isInstanceOf(Outcome.Succeeded.class));
        assertThat(cluster.startsOf("d1")).containsExactly("A", "A");
        assertThat(cluster.stdoutOf("d1")).isEqualTo("one\none\n");
    }

    @Test
    void aDirectorBackAfterTheSubagentsDirectorTimeoutFindsItsProcessLostNotFailedByTheKill() throws Exception {
        startOneOrderOnA(Duration.ofSeconds(1), "long", "sleep 600", "d1");

        int port = cluster.stopAgent();
        cluster.await("A killed the process of its silent Director", WAIT, () -> cluster.jobProcesses("A").isEmpty());
        cluster.startAgent(port);

        cluster.await("d1 started again", WAIT, () -> cluster.startsOf("d1").size() == 2);
        assertThat(cluster.processed("d1")).singleElement().satisfies(p -> assertThat(p.outcome())
                .isInstanceOfSatisfying(Outcome.Disrupted.class, d -> assertThat(d.reason()).isInstanceOf(Outcome.ProcessLost.class)));
        assertThat(cluster.startsOf("d1")).containsExactly("A", "A");
    }

    @Test
    void aRestartedDirectorRecordsTheProcessAsLostWhenItsSubagentWasRestartedMeanwhile() throws Exception {
        startOneOrderOnA(Duration.ofSeconds(10), "slow", "sleep 2", "d1");

        int port = cluster.stopAgent();
        cluster.kill9("A");
        cluster.restartSubagent("A", Duration.ofSeconds(10));
        cluster.startAgent(port);

        cluster.await("d1 started again", WAIT, () -> cluster.startsOf("d1").size() == 2);
        assertThat(cluster.processed("d1").get(0).outcome()).isInstanceOfSatisfying(Outcome.Disrupted.class,
                d -> assertThat(d.reason()).isInstanceOf(Outcome.ProcessLost.class));
        cluster.await("d1 done", WAIT, () -> cluster.processed("d1").size() == 2);
        assertThat(cluster.processed("d1").get(1).outcome()).isInstanceOf(Outcome.Succeeded.class);
    }
}
