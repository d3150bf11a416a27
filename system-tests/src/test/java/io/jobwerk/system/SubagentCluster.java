package io.jobwerk.system;

import io.jobwerk.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.controller.Controller;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.harness.AgentItems;
import io.jobwerk.harness.AgentSpec;
import io.jobwerk.harness.JobwerkSystem;
import io.jobwerk.harness.Login;
import io.jobwerk.http.client.EngineClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A Controller and an Agent Director in this JVM, and Subagents A, B, C as real {@code jobwerk subagent}
 * child processes, started by the harness's {@link JobwerkSystem}. Closing stops everything it
 * started (the Subagents and their job processes by pid).
 */
final class SubagentCluster implements AutoCloseable {

    static final AgentPath AGENT = new AgentPath("agent");
    static final SubagentId DIRECTOR = new SubagentId("agent-1");

    final Path dir;
    final Map<String, String> subagentUris = new LinkedHashMap<>();
    /** The URI a Subagent's item names, where it differs from the Subagent's own (e.g. a proxy in front). */
    final Map<String, String> itemUris = new LinkedHashMap<>();
    AgentDirector agent;
    Controller controller;
    EngineClient client;
    private JobwerkSystem system;

    SubagentCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts the Subagents (in parallel) with the given director timeout, then Agent and Controller. */
    SubagentCluster start(Duration directorTimeout, String... subagentIds) throws Exception {
        system = JobwerkSystem.in(dir).user(Login.of("test", "test-pw")).agentLogin(Login.of("controller", "controller-pw"))
                .subagentLogin(Login.of("director", "director-pw")).directorTimeout(directorTimeout)
                .agent(new AgentSpec(AGENT, DIRECTOR, List.of(subagentIds))).start();
        for (String id : subagentIds) {
            subagentUris.put(id, system.subagentUri(id));
        }
        agent = system.agent(AGENT);
        controller = system.controller();
        client = system.client();
        return this;
    }

    /** Stops the Agent Director and starts it again on its journal and port. */
    void restartAgent() {
        startAgent(stopAgent());
    }

    /** Stops the Agent Director; returns its port, to start it there again. */
    int stopAgent() {
        int port = agent.port();
        system.stopAgent(AGENT);
        agent = null;
        return port;
    }

    /** Starts the Agent Director again on its journal and port (the one it had: {@code port} says it). */
    void startAgent(int port) {
        system.startAgent(AGENT);
        agent = system.agent(AGENT);
        if (agent.port() != port) {
            throw new IllegalStateException("Agent restarted at port " + agent.port() + ", not " + port);
        }
    }

    /** Starts the Subagent again on its earlier port (after {@link #kill9}). */
    void restartSubagent(String id, Duration directorTimeout) {
        String uri = subagentUris.get(id);
        system.startSubagent(id, directorTimeout);
        if (!system.subagentUri(id).equals(uri)) {
            throw new IllegalStateException("Subagent " + id + " restarted at " + system.subagentUri(id) + ", not " + uri);
        }
    }

    /** SIGKILL to a Subagent process; its orphaned job processes are killed too (as a test cleans up). */
    void kill9(String id) throws InterruptedException {
        system.kill9Subagent(id);
    }

    /** The job processes ({@code sleep}) a Subagent runs now. */
    List<ProcessHandle> jobProcesses(String id) {
        return system.subagent(id).descendants().stream().filter(SubagentCluster::isRunning).toList();
    }

    /**
     * Alive and not a zombie: an orphaned job process that ended waits for PID 1 to reap it, and
     * {@link ProcessHandle#isAlive} counts it as alive until then.
     */
    static boolean isRunning(ProcessHandle h) {
        if (!h.isAlive()) {
            return false;
        }
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(h.pid()), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    // --- deployment and orders through the Controller's HTTP API

    String agentUri() {
        return "http://127.0.0.1:" + agent.port();
    }

    /** Deploys the AgentRef, the Director's and the remote SubagentItems, and more items (JSON objects). */
    void deploy(Integer agentProcessLimit, String... itemsJson) {
        StringBuilder nd = new StringBuilder();
        nd.append(AgentItems.line(AgentItems.agentRef(AGENT, DIRECTOR, Optional.ofNullable(agentProcessLimit)))).append('\n');
        nd.append(AgentItems.line(AgentItems.subagentItem(DIRECTOR.string(), AGENT, agentUri()))).append('\n');
        subagentUris.forEach((id, uri) -> nd.append(AgentItems.line(AgentItems.subagentItem(id, AGENT, itemUris.getOrDefault(id, uri)))).append('\n'));
        nd.append("{\"TYPE\":\"AddVersion\",\"versionId\":\"1\"}\n");
        for (String item : itemsJson) {
            nd.append(AgentItems.line(EngineJson.parse(item).orThrow())).append('\n');
        }
        client.postNdjson("/item", nd.toString()).orThrow();
    }

    void addOrders(String workflowPath, String... orderIds) {
        var array = EngineJson.MAPPER.createArrayNode();
        for (String id : orderIds) {
            array.addObject().put("id", id).put("workflowPath", workflowPath);
        }
        client.postJson("/order", array).orThrow();
    }

    /** {@code GET /controller/api/order/ID/obstacles}, which the Controller asks the Agent. */
    JsonNode obstacles(String orderId) {
        return client.get("/order/" + orderId + "/obstacles").orThrow();
    }

    /** The Agent overview's {@code subagents}: which Subagent the Director can use now. */
    JsonNode subagentAvailability() {
        try (EngineClient agentClient = new EngineClient(agentUri() + "/agent/api", "controller", "controller-pw")) {
            return agentClient.get("").orThrow().path("subagents");
        }
    }

    // --- what happened, from the Agent's journal

    List<Stamped<? extends Event>> agentEvents() {
        return agent.keeper().journal().read(0, Integer.MAX_VALUE).orThrow();
    }

    /** Subagent ids of every {@code OrderProcessingStarted} in journal order, as "ORDER@SUBAGENT". */
    List<String> starts() {
        List<String> result = new ArrayList<>();
        for (Stamped<? extends Event> s : agentEvents()) {
            if (s.keyedEvent().event() instanceof OrderEvent.OrderProcessingStarted started) {
                result.add(s.keyedEvent().key().orElseThrow() + "@" + started.subagentId());
            }
        }
        return result;
    }

    List<String> startsOf(String orderId) {
        return starts().stream().filter(s -> s.startsWith(orderId + "@")).map(s -> s.substring(orderId.length() + 1)).toList();
    }

    /** The Controller's events of the order, with the Subagent of a start, the chunk of an output and the outcome's TYPE. */
    List<String> controllerEventsOf(String orderId) {
        return controller.keeper().journal().read(0, Integer.MAX_VALUE).orThrow().stream()
                .filter(s -> s.keyedEvent().key().orElse("").equals(orderId))
                .map(s -> s.keyedEvent().event())
                .map(SubagentCluster::describe).toList();
    }

    private static String describe(Event e) {
        if (e instanceof OrderEvent.OrderProcessingStarted started) {
            return e.typeName() + " " + started.subagentId();
        } else if (e instanceof OrderEvent.OrderStdoutWritten out) {
            return e.typeName() + " " + out.chunk();
        } else if (e instanceof OrderEvent.OrderProcessed processed) {
            return e.typeName() + " " + processed.outcome().getClass().getSimpleName();
        }
        return e.typeName();
    }

    String stdoutOf(String orderId) {
        return agentEvents().stream().filter(s -> s.keyedEvent().key().orElse("").equals(orderId))
                .map(s -> s.keyedEvent().event()).filter(OrderEvent.OrderStdoutWritten.class::isInstance)
                .map(e -> ((OrderEvent.OrderStdoutWritten) e).chunk()).collect(java.util.stream.Collectors.joining());
    }

    long countProcessed(String orderId) {
        return agentEvents().stream().filter(s -> s.keyedEvent().key().orElse("").equals(orderId)
                && s.keyedEvent().event() instanceof OrderEvent.OrderProcessed).count();
    }

    List<OrderEvent.OrderProcessed> processed(String orderId) {
        return agentEvents().stream().filter(s -> s.keyedEvent().key().orElse("").equals(orderId))
                .map(s -> s.keyedEvent().event()).filter(OrderEvent.OrderProcessed.class::isInstance)
                .map(OrderEvent.OrderProcessed.class::cast).toList();
    }

    /** Waits until the condition holds; fails after the timeout. */
    void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) throws InterruptedException {
        Await.until(what, timeout, condition, () -> "starts: " + starts());
    }

    <T> void awaitThat(String what, Duration timeout, java.util.function.Supplier<T> value, Predicate<T> ok) throws InterruptedException {
        await(what, timeout, () -> ok.test(value.get()));
        assertThat(ok.test(value.get())).isTrue();
    }

    @Override
    public void close() {
        if (system == null) {
            return;
        }
        // A test may have closed the Controller or Agent itself (and set the field to null)
        if (controller == null) {
            system.closedElsewhere(system.controller());
        }
        if (agent == null) {
            stopAgentIfRunning();
        }
        system.close();
    }

    private void stopAgentIfRunning() {
        try {
            system.closedElsewhere(system.agent(AGENT));
        } catch (IllegalStateException notRunning) {
            // stopped through stopAgent()
        }
    }
}
