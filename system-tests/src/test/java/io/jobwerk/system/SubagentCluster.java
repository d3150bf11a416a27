package io.jobwerk.system;

import io.jobwerk.testing.Await;
import io.jobwerk.testing.ServerProcess;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.agent.AgentConf;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.controller.Controller;
import io.jobwerk.controller.ControllerConf;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.AgentPath;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.http.server.WebServerConf;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A Controller and an Agent Director in this JVM, and Subagents A, B, C as real {@code jobwerk subagent}
 * child processes. Closing stops everything it started (the Subagents and their job processes by pid).
 */
final class SubagentCluster implements AutoCloseable {

    static final AgentPath AGENT = new AgentPath("agent");
    static final SubagentId DIRECTOR = new SubagentId("agent-1");

    final Path dir;
    final Map<String, ServerProcess> subagents = new LinkedHashMap<>();
    private final List<ServerProcess> retired = new ArrayList<>();
    final Map<String, String> subagentUris = new LinkedHashMap<>();
    /** The URI a Subagent's item names, where it differs from the Subagent's own (e.g. a proxy in front). */
    final Map<String, String> itemUris = new LinkedHashMap<>();
    AgentDirector agent;
    Controller controller;
    EngineClient client;

    SubagentCluster(Path dir) {
        this.dir = dir;
    }

    /** Starts the Subagents (in parallel) with the given director timeout, then Agent and Controller. */
    SubagentCluster start(Duration directorTimeout, String... subagentIds) throws Exception {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (String id : subagentIds) {
            starts.add(CompletableFuture.runAsync(() -> startSubagent(id, directorTimeout)));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        startAgent();
        controller = Controller.start(new ControllerConf("test", dir.resolve("controller"), WebServerConf.loopback(0),
                users("test", "test-pw"), "controller", "controller-pw", false));
        client = new EngineClient("http://127.0.0.1:" + controller.port() + "/controller/api", "test", "test-pw");
        return this;
    }

    void startAgent() {
        startAgent(0);
    }

    /** Stops the Agent Director and starts it again on its journal and port. */
    void restartAgent() {
        startAgent(stopAgent());
    }

    /** Stops the Agent Director; returns its port, to start it there again. */
    int stopAgent() {
        int port = agent.port();
        agent.close();
        agent = null;
        return port;
    }

    void startAgent(int port) {
        agent = AgentDirector.start(new AgentConf(AGENT, DIRECTOR, dir.resolve("agent"), WebServerConf.loopback(port),
                users("controller", "controller-pw"), "test", Duration.ofMillis(500), false).withSubagentUser("director", "director-pw"));
    }

    private static Users users(String name, String password) {
        return new Users(List.of(new UserAccount(name, PasswordHash.parse("plain:" + password).orThrow(), Set.of(Permission.Super))));
    }

    /** Starts the Subagent again on its earlier port (after {@link #kill9}). */
    void restartSubagent(String id, Duration directorTimeout) {
        String uri = subagentUris.get(id);
        startSubagent(id, directorTimeout, Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1)));
        if (!subagentUris.get(id).equals(uri)) {
            throw new IllegalStateException("Subagent " + id + " restarted at " + subagentUris.get(id) + ", not " + uri);
        }
    }

    private void startSubagent(String id, Duration directorTimeout) {
        startSubagent(id, directorTimeout, 0);
    }

    private void startSubagent(String id, Duration directorTimeout, int port) {
        ServerProcess process = ServerProcess.start("subagent-" + id, dir.resolve("subagent-" + id + ".log"), List.of("-Xmx96m", "-Xshare:auto"),
                "subagent", "--data", dir.resolve("subagent-" + id).toString(), "--port", Integer.toString(port),
                "--user", "director:director-pw", "--director-timeout", Double.toString(directorTimeout.toMillis() / 1000.0));
        synchronized (subagents) {
            ServerProcess old = subagents.put(id, process);
            if (old != null) {
                retired.add(old);
            }
            subagentUris.put(id, process.readyUri().replaceAll("/subagent/api$", ""));
        }
    }

    /** SIGKILL to a Subagent process; its orphaned job processes are killed too (as a test cleans up). */
    void kill9(String id) throws InterruptedException {
        ServerProcess p = subagents.get(id);
        List<ProcessHandle> children = p.descendants();
        p.kill9();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** The job processes ({@code sleep}) a Subagent runs now. */
    List<ProcessHandle> jobProcesses(String id) {
        return subagents.get(id).descendants().stream().filter(SubagentCluster::isRunning).toList();
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
        ObjectNode agentRef = EngineJson.MAPPER.createObjectNode().put("TYPE", "AgentRef").put("path", AGENT.string());
        agentRef.putArray("directors").add(DIRECTOR.string());
        if (agentProcessLimit != null) {
            agentRef.put("processLimit", agentProcessLimit);
        }
        nd.append(simple(agentRef));
        nd.append(simple(subagentItem(DIRECTOR.string(), agentUri())));
        subagentUris.forEach((id, uri) -> nd.append(simple(subagentItem(id, itemUris.getOrDefault(id, uri)))));
        nd.append("{\"TYPE\":\"AddVersion\",\"versionId\":\"1\"}\n");
        for (String item : itemsJson) {
            nd.append(simple(EngineJson.parse(item).orThrow()));
        }
        client.postNdjson("/item", nd.toString()).orThrow();
    }

    private static ObjectNode subagentItem(String id, String uri) {
        return EngineJson.MAPPER.createObjectNode().put("TYPE", "SubagentItem").put("id", id).put("agentPath", AGENT.string())
                .put("uri", uri).put("disabled", false);
    }

    private static String simple(JsonNode item) {
        ObjectNode op = EngineJson.MAPPER.createObjectNode().put("TYPE", "AddOrChangeSimple");
        op.set("item", item);
        return EngineJson.print(op) + "\n";
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
        if (client != null) {
            client.close();
        }
        if (controller != null) {
            controller.close();
        }
        if (agent != null) {
            agent.close();
        }
        List<ServerProcess> all = new ArrayList<>(subagents.values());
        all.addAll(retired);
        all.forEach(ServerProcess::close); // with its job processes
    }
}
