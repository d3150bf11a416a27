package io.jobwerk.harness;

import io.jobwerk.agent.AgentDirector;
import io.jobwerk.cli.Standalone;
import io.jobwerk.controller.Controller;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.testing.Closing;
import io.jobwerk.testing.Ports;
import io.jobwerk.testing.ServerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A Jobwerk system for tests, started from a {@link SystemSpec}: one standalone server, or a
 * Controller, its Agents and their remote Subagents; the Controller and Agents in this JVM or as
 * {@code jobwerk} processes, the Subagents always as processes. Servers can be stopped, killed and
 * started again on their data directories and ports. {@link #close} stops everything it started,
 * processes (and the job processes they left) by pid, last started first.
 *
 * <pre>{@code
 * try (JobwerkSystem system = JobwerkSystem.in(dir).user(Login.of("tester", "tester-pass-1"))
 *         .agent(AgentSpec.of("agent", "agent-1", "A", "B")).start()) {
 *     system.client().postNdjson("/item", String.join("\n", system.agentItems()) + "\n");
 * }
 * }</pre>
 */
public final class JobwerkSystem implements AutoCloseable {

    private final SystemSpec spec;
    private final ServerLaunch launch;
    // Everything started, closed in reverse order; a stopped server in this JVM leaves it, a process stays (closing it again is harmless)
    private final List<AutoCloseable> started = new ArrayList<>();
    private int controllerPort; // a standalone's Agent listens on the next port
    private final Map<AgentPath, Integer> agentPorts = new LinkedHashMap<>();
    private final Map<String, Integer> subagentPorts = new LinkedHashMap<>();
    private Standalone standalone;
    private Controller controller;
    private final Map<AgentPath, AgentDirector> agents = new LinkedHashMap<>();
    private ServerProcess controllerProcess; // the standalone process, too
    private final Map<AgentPath, ServerProcess> agentProcesses = new LinkedHashMap<>();
    private final Map<String, ServerProcess> subagents = new LinkedHashMap<>(); // guarded by itself
    private EngineClient client;

    private JobwerkSystem(SystemSpec spec) {
        this.spec = spec;
        this.launch = new ServerLaunch(spec);
        if (spec.fixedPorts()) {
            controllerPort = spec.standalone() ? Ports.freePair() : Ports.free();
            spec.agents().forEach(agent -> agentPorts.put(agent.agentPath(), Ports.free()));
        }
    }

    /** A system in {@code dir}; add at least one user. */
    public static SystemSpec.Builder in(Path dir) {
        return new SystemSpec.Builder(dir);
    }

    static JobwerkSystem start(SystemSpec spec) {
        JobwerkSystem system = new JobwerkSystem(spec);
        try {
            if (spec.standalone()) {
                system.startStandalone();
            } else {
                system.startSubagents(spec.agents().stream().flatMap(a -> a.subagentIds().stream()).toList());
                spec.agents().forEach(agent -> system.startAgent(agent.agentPath()));
                system.startController();
            }
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    public SystemSpec spec() {
        return spec;
    }

    public Path directory() {
        return spec.dir();
    }

    // --- the standalone server

    /**
     * Starts the standalone server (again, on its Controller's port when it ran before; its Agent's
     * port is the next one, the same as before with {@link SystemSpec.Builder#fixedPorts}).
     */
    public void startStandalone() {
        if (spec.processes()) {
            controllerProcess = started(launch.standaloneProcess(controllerPort));
        } else {
            standalone = started(launch.standalone(controllerPort));
            controllerPort = standalone.controller().port();
        }
    }

    /** Stops the standalone server in this JVM, as a crash or maintenance would; {@link #startStandalone} starts it again. */
    public void stopStandalone() {
        stopped(standalone);
        standalone = null;
    }

    /** The standalone server in this JVM. */
    public Standalone standalone() {
        return require(standalone, "a standalone server in this JVM");
    }

    // --- the Controller

    /** Starts the Controller (again, on its port when it ran before). */
    public void startController() {
        if (spec.processes()) {
            controllerProcess = started(launch.controllerProcess(controllerPort));
        } else {
            controller = started(launch.controller(controllerPort));
            controllerPort = controller.port();
        }
    }

    public void stopController() {
        stopped(controller);
        controller = null;
    }

    /** The Controller in this JVM (the standalone server's, too). */
    public Controller controller() {
        return standalone != null ? standalone.controller() : require(controller, "a Controller in this JVM");
    }

    /** The Controller's process (the standalone process, too). */
    public ServerProcess controllerProcess() {
        return require(controllerProcess, "a Controller process");
    }

    public String controllerUri() {
        return "http://127.0.0.1:" + controllerPort;
    }

    public int controllerPort() {
        return controllerPort;
    }

    /** A client of the Controller's API, logged in as the first user; closed with the system. */
    public synchronized EngineClient client() {
        if (client == null) {
            Login user = spec.users().get(0);
            client = started(new EngineClient(controllerUri() + "/controller/api", user.userId(), user.password()));
        }
        return client;
    }

    // --- the Agents

    /** Starts the Agent (again, on its port when it ran before). */
    public void startAgent(AgentPath agentPath) {
        AgentSpec agent = agentSpec(agentPath);
        int port = agentPorts.getOrDefault(agentPath, 0);
        if (spec.processes()) {
            agentProcesses.put(agentPath, started(launch.agentProcess(agent, port)));
        } else {
            AgentDirector director = started(launch.agent(agent, port));
            agents.put(agentPath, director);
            agentPorts.put(agentPath, director.port());
        }
    }

    /** Stops the Agent in this JVM; {@link #startAgent} starts it again on its journal and port. */
    public void stopAgent(AgentPath agentPath) {
        stopped(agents.remove(agentPath));
    }

    /** The Agent in this JVM (the standalone server's, too). */
    public AgentDirector agent(AgentPath agentPath) {
        return standalone != null ? standalone.agent() : require(agents.get(agentPath), "Agent " + agentPath + " in this JVM");
    }

    public ServerProcess agentProcess(AgentPath agentPath) {
        return require(agentProcesses.get(agentPath), "a process of Agent " + agentPath);
    }

    public String agentUri(AgentPath agentPath) {
        return "http://127.0.0.1:" + agentPort(agentPath);
    }

    /** The Agent's port; a standalone server's Agent is on the port after the Controller's, unless it started on any free ports. */
    public int agentPort(AgentPath agentPath) {
        if (standalone != null) {
            return standalone.agent().port();
        }
        return spec.standalone() ? controllerPort + 1 : agentPorts.get(agentPath);
    }

    // --- the remote Subagents

    /** Starts the Subagents in parallel (again, on their ports when they ran before). */
    public void startSubagents(List<String> ids) {
        CompletableFuture.allOf(ids.stream().map(id -> CompletableFuture.runAsync(() -> startSubagent(id))).toArray(CompletableFuture[]::new))
                .join();
    }

    /** Starts the Subagent (again, on its port when it ran before: a restarted one is at the address its item names). */
    public void startSubagent(String id) {
        startSubagent(id, spec.directorTimeout());
    }

    /** The same, with a director timeout of its own. */
    public void startSubagent(String id, Duration directorTimeout) {
        int port;
        synchronized (subagents) {
            port = subagentPorts.getOrDefault(id, 0);
        }
        ServerProcess process = launch.subagentProcess(id, port, directorTimeout);
        synchronized (subagents) {
            started(process);
            subagents.put(id, process);
            String uri = subagentUri(process);
            subagentPorts.put(id, Integer.parseInt(uri.substring(uri.lastIndexOf(':') + 1)));
        }
    }

    /** SIGKILL to a Subagent process; its orphaned job processes are killed too (as a test cleans up). */
    public void kill9Subagent(String id) {
        ServerProcess process = subagent(id);
        List<ProcessHandle> jobs = process.descendants();
        process.kill9();
        jobs.forEach(ProcessHandle::destroyForcibly);
    }

    public ServerProcess subagent(String id) {
        synchronized (subagents) {
            return require(subagents.get(id), "Subagent " + id);
        }
    }

    /** Where the Subagent listens, e.g. {@code http://127.0.0.1:PORT}. */
    public String subagentUri(String id) {
        return subagentUri(subagent(id));
    }

    private static String subagentUri(ServerProcess process) {
        return process.readyUri().replaceAll("/subagent/api$", "");
    }

    // --- items

    /**
     * The items that make the Agents known to the Controller, as {@code /item} NDJSON lines: each
     * AgentRef, its Director's and its remote Subagents' SubagentItems (at their current addresses).
     */
    public List<String> agentItems() {
        List<String> lines = new ArrayList<>();
        for (AgentSpec agent : spec.agents()) {
            lines.add(AgentItems.line(AgentItems.agentRef(agent.agentPath(), agent.directorId(), Optional.empty())));
            lines.add(AgentItems.line(AgentItems.subagentItem(agent.directorId().string(), agent.agentPath(), agentUri(agent.agentPath()))));
            for (String id : agent.subagentIds()) {
                lines.add(AgentItems.line(AgentItems.subagentItem(id, agent.agentPath(), subagentUri(id))));
            }
        }
        return lines;
    }

    private AgentSpec agentSpec(AgentPath agentPath) {
        return spec.agents().stream().filter(a -> a.agentPath().equals(agentPath)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No Agent " + agentPath + " in " + spec.agents()));
    }

    private synchronized <T extends AutoCloseable> T started(T server) {
        started.add(server);
        return server;
    }

    private synchronized void stopped(AutoCloseable server) {
        if (server != null && started.remove(server)) {
            closeNow(server);
        }
    }

    /**
     * A server in this JVM the test closed itself (e.g. to find what survives): {@link #close} leaves
     * it alone, as a server's close need not be called twice.
     */
    public synchronized void closedElsewhere(AutoCloseable server) {
        started.remove(server);
        agents.values().remove(server);
        if (server == controller) {
            controller = null;
        }
    }

    private static <T> T require(T server, String what) {
        if (server == null) {
            throw new IllegalStateException("The system has no " + what + " running");
        }
        return server;
    }

    /** Stops everything started, last started first; a failing close does not keep the others open. */
    @Override
    public synchronized void close() {
        List<AutoCloseable> toClose = List.copyOf(started);
        started.clear();
        try {
            Closing.lastFirst(toClose);
        } catch (Exception e) {
            throw new IllegalStateException("Closing the system in " + spec.dir() + " failed", e);
        }
    }

    private static void closeNow(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            throw new IllegalStateException("Stopping " + server + " failed", e);
        }
    }
}
