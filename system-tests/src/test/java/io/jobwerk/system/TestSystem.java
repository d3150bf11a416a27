package io.jobwerk.system;

import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.harness.AgentSpec;
import io.jobwerk.harness.JobwerkSystem;
import io.jobwerk.harness.Login;
import io.jobwerk.harness.SystemSpec;
import io.jobwerk.testing.ServerProcess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.client.EngineClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A Jobwerk system of real server processes in one directory, started by the harness's
 * {@link JobwerkSystem}: either a Controller and an Agent as two JVMs ({@link #separate}), or one
 * {@code jobwerk standalone} JVM. Servers can be killed and restarted on the same data directories
 * and ports.
 */
final class TestSystem implements AutoCloseable {

    static final String USER = "tester";
    static final String PASSWORD = "tester-pass-1";
    static final String AGENT_USER = "controller";
    static final String AGENT_PASSWORD = "agent-pass-1";

    /** {@code -Djobwerk.test.fsync=true} runs the servers with fsync'd journals, as in production. */
    static final boolean FSYNC = Boolean.getBoolean("jobwerk.test.fsync");

    final Path dir;
    final boolean isStandalone;
    final String agentPath;
    final String subagentId;
    final int controllerPort;
    final int agentPort;
    ServerProcess controller;
    ServerProcess agent;
    ServerProcess standalone;
    private final JobwerkSystem system;
    private EventLog events;
    private int version;

    private TestSystem(JobwerkSystem system) {
        this.system = system;
        this.dir = system.directory();
        this.isStandalone = system.spec().standalone();
        this.agentPath = isStandalone ? "agent" : AGENT.string();
        this.subagentId = isStandalone ? "agent-1" : "SUBAGENT";
        this.controllerPort = system.controllerPort();
        this.agentPort = system.agentPort(AGENT);
        this.controller = isStandalone ? null : system.controllerProcess();
        this.standalone = isStandalone ? system.controllerProcess() : null;
        this.agent = isStandalone ? null : system.agentProcess(AGENT);
    }

    private static final AgentPath AGENT = new AgentPath("AGENT");

    private static SystemSpec.Builder processes(Path dir) {
        return JobwerkSystem.in(dir).asProcesses().user(Login.of(USER, PASSWORD)).agentLogin(Login.of(AGENT_USER, AGENT_PASSWORD));
    }

    /** A Controller and an Agent process, started and coupled (AgentRef and SubagentItem deployed). */
    static TestSystem separate(Path dir) {
        return separate(dir, List.of());
    }

    /** The same, with further options for the Controller (e.g. {@code --trusted-keys DIR}). */
    static TestSystem separate(Path dir, List<String> controllerOptions) {
        TestSystem system = new TestSystem(processes(dir).agent(new AgentSpec(AGENT, new SubagentId("SUBAGENT"), List.of()))
                .controllerOptions(controllerOptions).start());
        try {
            system.deployLines(system.system.agentItems());
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    /** {@code -Djobwerk.test.fsync=true} fsyncs its journals. */
    static TestSystem standalone(Path dir) {
        return new TestSystem(processes(dir).standalone().fsync(FSYNC).start());
    }

    /** Starts the Controller process again, on its data directory and port (after a kill or SIGTERM). */
    void startController() {
        system.startController();
        controller = system.controllerProcess();
    }

    void startAgent() {
        system.startAgent(AGENT);
        agent = system.agentProcess(AGENT);
    }

    void startStandalone() {
        system.startStandalone();
        standalone = system.controllerProcess();
    }

    /** The process running the Agent's jobs. */
    ServerProcess agentProcess() {
        return isStandalone ? standalone : agent;
    }

    String controllerUri() {
        return "http://127.0.0.1:" + controllerPort;
    }

    EngineClient client() {
        return system.client();
    }

    EventLog events() {
        if (events == null) {
            events = new EventLog(client());
        }
        return events;
    }

    void deployLines(List<String> ndjsonLines) {
        Checked<JsonNode> response = client().postNdjson("/item", String.join("\n", ndjsonLines) + "\n");
        if (response.isFail()) {
            throw new AssertionError("Deployment failed: " + response.problemOption().orElseThrow());
        }
    }

    /** Deploys workflows (JSON objects without TYPE and versionId) as a new version. */
    void deployWorkflows(String... workflows) {
        String versionId = "v" + (++version);
        List<String> lines = new ArrayList<>();
        lines.add("{\"TYPE\":\"AddVersion\",\"versionId\":\"" + versionId + "\"}");
        for (String w : workflows) {
            var node = (com.fasterxml.jackson.databind.node.ObjectNode) EngineJson.parse(w.replace("$AGENT", agentPath)).orThrow();
            node.put("TYPE", "Workflow");
            node.put("versionId", versionId);
            lines.add("{\"TYPE\":\"AddOrChangeSimple\",\"item\":" + EngineJson.print(node) + "}");
        }
        deployLines(lines);
    }

    void addOrders(String workflowPath, Collection<String> orderIds) {
        ArrayNode array = EngineJson.MAPPER.createArrayNode();
        for (String id : orderIds) {
            array.addObject().put("id", id).put("workflowPath", workflowPath);
        }
        Checked<JsonNode> response = client().postJson("/order", array);
        if (response.isFail()) {
            throw new AssertionError("Adding orders failed: " + response.problemOption().orElseThrow());
        }
    }

    void addOrder(String workflowPath, String orderId) {
        addOrders(workflowPath, List.of(orderId));
    }

    @Override
    public void close() {
        system.close();
    }
}
