package io.jobwerk.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.http.auth.PasswordHash;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.auth.Users;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.http.server.WebServerConf;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code POST /agent/api/command} of a real Director on loopback. */
class AgentCommandRouteTest {

    @TempDir Path dir;

    @Test
    void batchAnswersEachCommandAndARejectedOneDoesNotUndoTheOthers() {
        Users users = new Users(List.of(new UserAccount("controller", PasswordHash.parse("plain:pw").orThrow(), Set.of(Permission.Super))));
        try (AgentDirector agent = AgentDirector.start(new AgentConf(new AgentPath("agent"), new SubagentId("agent-1"), dir,
                WebServerConf.loopback(0), users, "test", Duration.ofSeconds(1), false));
             EngineClient client = new EngineClient("http://127.0.0.1:" + agent.port() + "/agent/api", "controller", "pw")) {
            String batch = "{\"TYPE\":\"Batch\",\"commands\":["
                    + "{\"TYPE\":\"AttachItem\",\"item\":{\"TYPE\":\"AgentRef\",\"path\":\"agent\",\"directors\":[\"agent-1\"]}},"
                    + "{\"TYPE\":\"AttachOrder\",\"order\":{\"id\":\"ORDER\",\"workflowPosition\":{\"workflowId\":{\"path\":\"UNKNOWN\",\"versionId\":\"1\"},"
                    + "\"position\":[0]},\"state\":{\"TYPE\":\"Ready\"},\"attachedState\":{\"TYPE\":\"Attaching\",\"agentPath\":\"agent\"}}},"
                    + "{\"TYPE\":\"AttachItem\",\"item\":{\"TYPE\":\"Lock\",\"path\":\"LOCK\",\"limit\":1}}]}";
            JsonNode answer = client.command(EngineJson.parse(batch).orThrow()).orThrow();

            assertThat(answer.path("TYPE").asText()).isEqualTo("BatchResponse");
            assertThat(answer.path("responses")).hasSize(3);
            assertThat(answer.path("responses").get(0).path("TYPE").asText()).isEqualTo("Accepted");
            assertThat(answer.path("responses").get(1).path("TYPE").asText()).isEqualTo("Problem");
            assertThat(answer.path("responses").get(1).path("code").asText()).isEqualTo("UnknownWorkflow");
            assertThat(answer.path("responses").get(2).path("TYPE").asText()).isEqualTo("Accepted");
            assertThat(agent.keeper().state().agentRef(new AgentPath("agent")).isOk()).isTrue();
            assertThat(agent.keeper().state().items().keySet().toString()).contains("LOCK");
        }
    }

    @Test
    void aSingleCommandIsAnsweredAccepted() {
        Users users = new Users(List.of(new UserAccount("controller", PasswordHash.parse("plain:pw").orThrow(), Set.of(Permission.Super))));
        try (AgentDirector agent = AgentDirector.start(new AgentConf(new AgentPath("agent"), new SubagentId("agent-1"), dir,
                WebServerConf.loopback(0), users, "test", Duration.ofSeconds(1), false));
             EngineClient client = new EngineClient("http://127.0.0.1:" + agent.port() + "/agent/api", "controller", "pw")) {
            JsonNode answer = client.command(EngineJson.parse("{\"TYPE\":\"NoOperation\"}").orThrow()).orThrow();
            assertThat(answer.path("TYPE").asText()).isEqualTo("Accepted");
        }
    }
}
