package io.jobwerk.engine.order;

import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import java.util.Objects;
import java.util.Optional;

/** An entered StickySubagent block: the Subagent chosen for its first job, once known. */
public record StickySubagentEntry(AgentPath agentPath, Optional<SubagentBundleId> subagentBundleId,
                                  Optional<SubagentId> stuckSubagentId) {
    public StickySubagentEntry {
        Objects.requireNonNull(agentPath, "agentPath");
        Objects.requireNonNull(subagentBundleId, "subagentBundleId");
        Objects.requireNonNull(stuckSubagentId, "stuckSubagentId");
    }
}
