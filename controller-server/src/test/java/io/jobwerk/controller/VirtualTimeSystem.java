package io.jobwerk.controller;

import io.jobwerk.agent.AgentConf;
import io.jobwerk.agent.AgentDirector;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.AgentPath;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.server.WebServerConf;
import io.jobwerk.runtime.MemoryEngineJournals;
import io.jobwerk.scheduler.VirtualScheduler;
import io.jobwerk.testing.VirtualAwait;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A Controller and an Agent Director in this JVM on {@link MemoryEngineJournals memory journals}
 * and one {@link VirtualScheduler}: HTTP on loopback and job processes are real, time is not. The
 * Agent can be stopped and started again on its port and journal (a restart on the same files).
 */
final class VirtualTimeSystem implements AutoCloseable {

    static final AgentPath AGENT = new AgentPath("agent");
    static final SubagentId SUBAGENT = new SubagentId("agent-1");
    private static final String PASSWORD = "controller-at-agent";

    final VirtualScheduler scheduler = new VirtualScheduler();
    private final MemoryEngineJournals journals = new MemoryEngineJournals();
    private final Path data;
    private final List<String> orderEvents = new ArrayList<>(); // guarded by itself: "orderId EventName"
    private AgentDirector agent;
    private int agentPort;
    private Controller controller;

    private VirtualTimeSystem(Path data) {
        this.data = data;
    }

    /** Starts the Agent, then the Controller, and registers the Agent as the standalone system does. */
    static VirtualTimeSystem start(Path data) {
        VirtualTimeSystem system = new VirtualTimeSystem(data);
        try {
            system.startAgent(0);
            system.startController();
            return system;
        } catch (RuntimeException e) {
            system.close();
            throw e;
        }
    }

    private void startAgent(int port) {
        UserAccount controllerUser = new UserAccount("controller", PasswordHash.parse("plain:" + PASSWORD).orThrow(),
                Set.of(Permission.UpdateItem));
        agent = AgentDirector.start(new AgentConf(AGENT, SUBAGENT, data.resolve("agent"), WebServerConf.loopback(port),
                new Users(List.of(controllerUser)), "controller", Duration.ofSeconds(15), false), scheduler, journals);
        agentPort = agent.port();
    }

    private void startController() {
        createDirectory(data.resolve("controller")); // the history's SQLite file is there; no journal files create it
        controller = Controller.start(new ControllerConf("controller", data.resolve("controller"), WebServerConf.loopback(0),
                new Users(List.of()), "controller", PASSWORD, false), scheduler, journals);
        controller.keeper().addListener((events, state) -> {
            for (Stamped<? extends Event> s : events) {
                if (s.keyedEvent().event() instanceof OrderEvent && s.keyedEvent().key().isPresent()) {
                    synchronized (orderEvents) {
                        orderEvents.add(s.keyedEvent().key().get() + " " + s.keyedEvent().event().typeName());
                    }
                }
            }
        });
        String agentUri = "http://127.0.0.1:" + agentPort;
        controller.deploy(List.of(
                new ItemOperation.AddOrChangeSimple(new Item.SubagentItem(SUBAGENT, AGENT, agentUri, false)),
                new ItemOperation.AddOrChangeSimple(new Item.AgentRef(AGENT, List.of(SUBAGENT), Optional.empty(), false))))
                .orThrow();
    }

    private static void createDirectory(Path directory) {
        try {
            java.nio.file.Files.createDirectories(directory);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    Controller controller() {
        return controller;
    }

    AgentDirector agent() {
        return agent;
    }

    /** Stops the Agent Director (its journal stays, as its files would). */
    void stopAgent() {
        agent.close();
        agent = null;
    }

    /** Starts the Agent Director again on its port and journal. */
    void restartAgent() {
        startAgent(agentPort);
    }

    void deploy(String versionId, String workflowJson) {
        String ndjson = "{\"TYPE\":\"AddVersion\",\"versionId\":\"" + versionId + "\"}\n"
                + "{\"TYPE\":\"AddOrChangeSimple\",\"item\":" + workflowJson.replace('\n', ' ') + "}\n";
        controller.deploy(ItemOperationJson.decodeNdjson(ndjson).orThrow()).orThrow();
    }

    /** Executes on the Controller's keeper; the due tasks run while it decides. */
    Checked<CommandResponse> execute(Command command) {
        CompletableFuture<Checked<CommandResponse>> result = controller.keeper().execute(command);
        runUntil("the command " + command.getClass().getSimpleName() + " is decided", result::isDone);
        return result.join();
    }

    /** The order's event names at the Controller, committed so far. */
    List<String> eventNames(String orderId) {
        synchronized (orderEvents) {
            return orderEvents.stream().filter(e -> e.startsWith(orderId + " ")).map(e -> e.substring(orderId.length() + 1)).toList();
        }
    }

    /** Runs the due tasks (virtual time does not move) until the Controller has the order's {@code eventName}. */
    void awaitEvent(String orderId, String eventName) {
        runUntil(orderId + " " + eventName, () -> eventNames(orderId).contains(eventName), () -> "events: " + eventNames(orderId));
    }

    void runUntil(String what, java.util.function.BooleanSupplier condition) {
        VirtualAwait.until(scheduler, what, condition);
    }

    void runUntil(String what, java.util.function.BooleanSupplier condition, Supplier<String> context) {
        VirtualAwait.until(scheduler, what, condition, context);
    }

    /**
     * Alternately runs the due tasks and advances the time by {@code step} until {@code condition}
     * holds; fails when {@code limit} of virtual time has passed.
     */
    void advanceUntil(String what, Duration step, Duration limit, java.util.function.BooleanSupplier condition) {
        Duration start = scheduler.elapsed();
        while (true) {
            scheduler.runUntilIdle();
            if (condition.getAsBoolean()) {
                return;
            }
            if (scheduler.elapsed().minus(start).compareTo(limit) >= 0) {
                throw new AssertionError("Not reached within " + limit + " of virtual time: " + what);
            }
            scheduler.advance(step);
        }
    }

    /** Whether the Controller's state has the Agent coupled. */
    boolean agentCoupled() {
        return controller.keeper().state().coupling("Agent:" + AGENT).map(c -> c.isCoupled()).orElse(false);
    }

    @Override
    public void close() {
        if (controller != null) {
            controller.close();
        }
        if (agent != null) {
            agent.close();
        }
    }
}
