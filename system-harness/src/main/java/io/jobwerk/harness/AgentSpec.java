package io.jobwerk.harness;

import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import java.util.List;

/**
 * An Agent of the system: its path, the id of its Director (the Subagent in the Agent's own server)
 * and the ids of its remote Subagents, each a {@code jobwerk subagent} process.
 */
public record AgentSpec(AgentPath agentPath, SubagentId directorId, List<String> subagentIds) {

    public AgentSpec {
        subagentIds = List.copyOf(subagentIds);
    }

    public static AgentSpec of(String agentPath, String directorId, String... subagentIds) {
        return new AgentSpec(new AgentPath(agentPath), new SubagentId(directorId), List.of(subagentIds));
    }
}
