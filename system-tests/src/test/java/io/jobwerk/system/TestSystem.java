package io.jobwerk.system;

import io.jobwerk.testing.Ports;
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
 * A Jobwerk system of real server processes in one directory: either a Controller and an Agent as
 * two JVMs ({@link #separate}), or one {@code jobwerk standalone} JVM. Servers can be killed and
 * restarted on the same data directories and ports.
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
    private EngineClient client;
    private EventLog events;
    private int version;
    private List<String> controllerOptions = List.of();

    private TestSystem(Path dir, boolean isStandalone) {
        this.dir = dir;
        this.isStandalone = isStandalone;
        this.agentPath = isStandalone ? "agent" : "AGENT";
        this.subagentId = isStandalone ? "agent-1" : "SUBAGENT";
        if (isStandalone) {
            controllerPort = Ports.freePair();
            agentPort = controllerPort + 1;
        } else {
            controllerPort = Ports.free();
            agentPort = Ports.free();
        }
    }

    /** A Controller and an Agent process, started and coupled (AgentRef and SubagentItem deployed). */
    static TestSystem separate(Path dir) {
        return separate(dir, List.of());
    }

    /** The same, with further options for the Controller (e.g. {@code --trusted-keys DIR}). */
    static TestSystem separate(Path dir, List<String> controllerOptions) {
        TestSystem system = new TestSystem(dir, false);
        system.controllerOptions = List.copyOf(controllerOptions);
        try {
            system.startAgent();
            system.startController();
            system.deployLines(List.of(
                    "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"AgentRef\",\"path\":\"AGENT\",\"directors\":[\"SUBAGENT\"]}}",
                    "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"SubagentItem\",\"id\":\"SUBAGENT\",\"agentPath\":\"AGENT\","
                            + "\"uri\":\"http://127.0.0.1:" + system.agentPort + "\"}}"));
            return system;
        } catch (RuntimeException | Error e) {
            system.close();
            throw e;
        }
    }

    static TestSystem standalone(Path dir) {
        TestSystem system = new TestSystem(dir, true);
        system.startStandalone();
        return system;
    }

    void startController() {
        List<String> args = new ArrayList<>(List.of("controller",
                "--data", dir.resolve("controller").toString(), "--port", String.valueOf(controllerPort),
                "--user", USER + ":" + PASSWORD, "--agent-user", AGENT_USER + ":" + AGENT_PASSWORD, "--no-fsync"));
        args.addAll(controllerOptions);
        controller = ServerProcess.start("controller", dir.resolve("controller.log"), args.toArray(String[]::new));
    }

    void startAgent() {
        agent = ServerProcess.start("agent", dir.resolve("agent.log"), "agent",
                "--data", dir.resolve("agent").toString(), "--port", String.valueOf(agentPort),
                "--agent-path", agentPath, "--subagent-id", subagentId,
                "--user", AGENT_USER + ":" + AGENT_PASSWORD, "--no-fsync");
    }

    void startStandalone() {
        List<String> args = new ArrayList<>(List.of("standalone", "--data", dir.resolve("data").toString(),
                "--port", String.valueOf(controllerPort), "--user", USER + ":" + PASSWORD));
        if (!FSYNC) {
            args.add("--no-fsync");
        }
        standalone = ServerProcess.start("standalone", dir.resolve("standalone.log"), args.toArray(String[]::new));
    }

    /** The process running the Agent's jobs. */
    ServerProcess agentProcess() {
        return isStandalone ? standalone : agent;
    }

    String controllerUri() {
        return "http://127.0.0.1:" + controllerPort;
    }

    EngineClient client() {
        if (client == null) {
            client = new EngineClient(controllerUri() + "/controller/api", USER, PASSWORD);
        }
        return client;
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
        if (client != null) {
            client.close();
        }
        for (ServerProcess p : new ServerProcess[] {controller, agent, standalone}) {
            if (p != null) {
                p.close();
            }
        }
    }
}
