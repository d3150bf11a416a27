package io.jobwerk.http.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.workflow.WorkflowId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentCommandJsonTest {

    @Test
    void transferOrderIsGoldenAndRoundTrips() {
        AgentCommand command = new AgentCommand.Batch(List.of(new AgentCommand.TransferOrder(new OrderId("ORDER"), WorkflowId.of("WORKFLOW", "2"))));
        String json = "{\"TYPE\":\"Batch\",\"commands\":[{\"TYPE\":\"TransferOrder\",\"orderId\":\"ORDER\","
                + "\"workflowId\":{\"path\":\"WORKFLOW\",\"versionId\":\"2\"}}]}";
        assertThat(EngineJson.print(AgentCommandJson.encode(command))).isEqualTo(json);
        assertThat(AgentCommandJson.decode(EngineJson.parse(json).orThrow()).orThrow()).isEqualTo(command);
    }

    @Test
    void transferOrderWithoutWorkflowIdIsAProblem() {
        assertThat(AgentCommandJson.decode(EngineJson.parse("{\"TYPE\":\"TransferOrder\",\"orderId\":\"ORDER\"}").orThrow()).isFail()).isTrue();
    }

    @Test
    void detachItemIsGoldenAndRoundTrips() {
        AgentCommand command = new AgentCommand.DetachItem("Subagent:SUBAGENT");
        String json = "{\"TYPE\":\"DetachItem\",\"key\":\"Subagent:SUBAGENT\"}";
        assertThat(EngineJson.print(AgentCommandJson.encode(command))).isEqualTo(json);
        assertThat(AgentCommandJson.decode(EngineJson.parse(json).orThrow()).orThrow()).isEqualTo(command);
        assertThat(AgentCommandJson.decode(EngineJson.parse("{\"TYPE\":\"DetachItem\",\"key\":\"SUBAGENT\"}").orThrow()).isFail()).isTrue();
    }

    @Test
    void resetSubagentIsGoldenAndRoundTrips() {
        AgentCommand command = new AgentCommand.ResetSubagent(new io.jobwerk.engine.path.SubagentId("A"), true);
        String json = "{\"TYPE\":\"ResetSubagent\",\"subagentId\":\"A\",\"force\":true}";
        assertThat(EngineJson.print(AgentCommandJson.encode(command))).isEqualTo(json);
        assertThat(AgentCommandJson.decode(EngineJson.parse(json).orThrow()).orThrow()).isEqualTo(command);
        assertThat(AgentCommandJson.decode(EngineJson.parse("{\"TYPE\":\"ResetSubagent\"}").orThrow()).isFail()).isTrue();
    }
}
