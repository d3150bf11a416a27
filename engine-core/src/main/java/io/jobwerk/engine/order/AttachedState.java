package io.jobwerk.engine.order;

import io.jobwerk.engine.path.AgentPath;
import java.util.Objects;

/** Where an order lives: being attached to, attached to, or being detached from an Agent. */
public sealed interface AttachedState {

    AgentPath agentPath();

    record Attaching(AgentPath agentPath) implements AttachedState {
        public Attaching {
            Objects.requireNonNull(agentPath, "agentPath");
        }
    }

    record Attached(AgentPath agentPath) implements AttachedState {
        public Attached {
            Objects.requireNonNull(agentPath, "agentPath");
        }
    }

    record Detaching(AgentPath agentPath) implements AttachedState {
        public Detaching {
            Objects.requireNonNull(agentPath, "agentPath");
        }
    }
}
