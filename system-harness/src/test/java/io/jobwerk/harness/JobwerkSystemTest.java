package io.jobwerk.harness;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.testing.Await;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on real servers: what it starts answers, and what it started is gone after close. */
class JobwerkSystemTest {

    static final AgentPath AGENT = new AgentPath("agent");

    @TempDir Path dir;

    @Test
    void closeStopsTheServersInThisJvmAndKillsTheSubagentProcessByPid() {
        JobwerkSystem system = JobwerkSystem.in(dir).user(Login.of("tester", "tester-pass-1"))
                .agent(AgentSpec.of("agent", "agent-1", "A")).start();
        ProcessHandle subagent;
        try {
            system.client().postNdjson("/item", String.join("\n", system.agentItems()) + "\n").orThrow();
            subagent = ProcessHandle.of(system.subagent("A").pid()).orElseThrow();
            try (EngineClient agent = new EngineClient(system.agentUri(AGENT) + "/agent/api", "controller", "agent-pass-1")) {
                Await.until("the Director coupled with Subagent A", () -> agent.get("").orThrow().path("subagents").path("A").asBoolean(false));
            }
        } finally {
            system.close();
        }

        assertThat(subagent.isAlive()).as("the Subagent process").isFalse();
        try (EngineClient client = new EngineClient(system.controllerUri() + "/controller/api", "tester", "tester-pass-1")) {
            Problem problem = client.login().problemOption().orElseThrow();
            assertThat(problem.code()).as(problem.message()).isEqualTo("ConnectionRefused");
        }
    }

    @Test
    void aStandaloneServerStoppedInThisJvmStartsAgainAtItsAddress() {
        try (JobwerkSystem system = JobwerkSystem.in(dir).standalone().fixedPorts().user(Login.of("tester", "tester-pass-1")).start()) {
            String uri = system.controllerUri();
            system.stopStandalone();

            system.startStandalone();

            assertThat(system.controllerUri()).isEqualTo(uri);
            assertThat(system.standalone().controllerUri()).isEqualTo(uri);
            assertThat(system.agentPort(AGENT)).as("the Agent on the next port").isEqualTo(system.controllerPort() + 1);
            assertThat(system.client().get("").isOk()).isTrue();
        }
    }
}
