package io.jobwerk.engine.event;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Value;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Bookkeeping events of the servers around the engine, as a JS7 Controller writes them into its
 * event stream: controller start, snapshots, Agent and Subagent coupling, and the attachment of
 * items to Agents. Only the coupling events change an {@code EngineState} (its {@code couplings}:
 * {@code AgentCoupled}, {@code AgentReady}, {@code AgentCouplingFailed}, {@code SubagentCoupled},
 * {@code SubagentCouplingFailed}, each keyed, with the event's time as the coupling's since) and the
 * {@code *EventsObserved} positions; the others are bookkeeping.
 *
 * <p>Keys as JS7: Agent events are keyed by the Agent path, Subagent events by the Subagent id,
 * controller and item-attachment events are keyless. Item keys and delegate ids are kept as the
 * strings JS7 writes ({@code Workflow:trace/simple~t1}, {@code Agent:AGENT}).
 */
public sealed interface SystemEvent extends Event {

    enum Kind {
        CONTROLLER_INITIALIZED, CONTROLLER_READY, SNAPSHOT_TAKEN,
        AGENT_DEDICATED, AGENT_COUPLED, AGENT_READY, AGENT_EVENTS_OBSERVED, AGENT_COUPLING_FAILED, AGENT_RESET,
        SUBAGENT_COUPLED, SUBAGENT_DEDICATED, SUBAGENT_COUPLING_FAILED, SUBAGENT_EVENTS_OBSERVED,
        ITEM_ATTACHABLE, ITEM_ATTACHED, ITEM_DETACHABLE, ITEM_DETACHED, ITEM_DELETION_MARKED
    }

    Kind kind();

    @Override
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** The Controller's journal was created. */
    record ControllerInitialized(String controllerId, Instant initiallyStartedAt) implements SystemEvent {
        public ControllerInitialized {
            Objects.requireNonNull(controllerId, "controllerId");
            Objects.requireNonNull(initiallyStartedAt, "initiallyStartedAt");
        }

        @Override public Kind kind() { return Kind.CONTROLLER_INITIALIZED; }
    }

    /** The Controller started (again); {@code timezone} as the server's zone id string. */
    record ControllerReady(String timezone, Duration totalRunningTime) implements SystemEvent {
        public ControllerReady {
            Objects.requireNonNull(timezone, "timezone");
            Objects.requireNonNull(totalRunningTime, "totalRunningTime");
        }

        @Override public Kind kind() { return Kind.CONTROLLER_READY; }
    }

    /** A new journal file with a fresh snapshot was started. */
    record SnapshotTaken() implements SystemEvent {
        @Override public Kind kind() { return Kind.SNAPSHOT_TAKEN; }
    }

    /** The Agent was dedicated to this Controller; {@code agentEventId} is the Agent's last event id then. */
    record AgentDedicated(String agentRunId, Optional<Long> agentEventId) implements SystemEvent {
        public AgentDedicated {
            Objects.requireNonNull(agentRunId, "agentRunId");
            Objects.requireNonNull(agentEventId, "agentEventId");
        }

        @Override public Kind kind() { return Kind.AGENT_DEDICATED; }
    }

    record AgentCoupled() implements SystemEvent {
        @Override public Kind kind() { return Kind.AGENT_COUPLED; }
    }

    /** The Agent is ready; {@code platformInfo} (host, Java, memory …) kept as a plain JSON-like value. */
    record AgentReady(String timezone, Optional<Value.ObjectValue> platformInfo) implements SystemEvent {
        public AgentReady {
            Objects.requireNonNull(timezone, "timezone");
            Objects.requireNonNull(platformInfo, "platformInfo");
        }

        @Override public Kind kind() { return Kind.AGENT_READY; }
    }

    /** The Controller has read the Agent's events up to this Agent event id (so the Agent may release them). */
    record AgentEventsObserved(long untilEventId) implements SystemEvent {
        @Override public Kind kind() { return Kind.AGENT_EVENTS_OBSERVED; }
    }

    record AgentCouplingFailed(Problem problem) implements SystemEvent {
        public AgentCouplingFailed {
            Objects.requireNonNull(problem, "problem");
        }

        @Override public Kind kind() { return Kind.AGENT_COUPLING_FAILED; }
    }

    record AgentReset() implements SystemEvent {
        @Override public Kind kind() { return Kind.AGENT_RESET; }
    }

    /**
     * The Director has persisted what it takes of the Subagent's events up to this Subagent event id
     * (JS7 keeps the same position per Subagent); keyed by the Subagent id.
     */
    record SubagentEventsObserved(long untilEventId) implements SystemEvent {
        @Override public Kind kind() { return Kind.SUBAGENT_EVENTS_OBSERVED; }
    }

    record SubagentCoupled() implements SystemEvent {
        @Override public Kind kind() { return Kind.SUBAGENT_COUPLED; }
    }

    record SubagentDedicated(String subagentRunId, Optional<Value.ObjectValue> platformInfo) implements SystemEvent {
        public SubagentDedicated {
            Objects.requireNonNull(subagentRunId, "subagentRunId");
            Objects.requireNonNull(platformInfo, "platformInfo");
        }

        @Override public Kind kind() { return Kind.SUBAGENT_DEDICATED; }
    }

    record SubagentCouplingFailed(Problem problem) implements SystemEvent {
        public SubagentCouplingFailed {
            Objects.requireNonNull(problem, "problem");
        }

        @Override public Kind kind() { return Kind.SUBAGENT_COUPLING_FAILED; }
    }

    /** The item {@code key} is to be attached to the Agent {@code delegateId} ({@code Agent:AGENT}). */
    record ItemAttachable(String key, String delegateId) implements SystemEvent {
        public ItemAttachable {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(delegateId, "delegateId");
        }

        @Override public Kind kind() { return Kind.ITEM_ATTACHABLE; }
    }

    /** The Agent has the item; {@code itemRevision} for simple items, absent for versioned ones. */
    record ItemAttached(String key, Optional<Integer> itemRevision, String delegateId) implements SystemEvent {
        public ItemAttached {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(itemRevision, "itemRevision");
            Objects.requireNonNull(delegateId, "delegateId");
        }

        @Override public Kind kind() { return Kind.ITEM_ATTACHED; }
    }

    record ItemDetachable(String key, String delegateId) implements SystemEvent {
        public ItemDetachable {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(delegateId, "delegateId");
        }

        @Override public Kind kind() { return Kind.ITEM_DETACHABLE; }
    }

    record ItemDetached(String key, String delegateId) implements SystemEvent {
        public ItemDetached {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(delegateId, "delegateId");
        }

        @Override public Kind kind() { return Kind.ITEM_DETACHED; }
    }

    /** The item is to be deleted once no order and no Agent uses it. */
    record ItemDeletionMarked(String key) implements SystemEvent {
        public ItemDeletionMarked {
            Objects.requireNonNull(key, "key");
        }

        @Override public Kind kind() { return Kind.ITEM_DELETION_MARKED; }
    }
}
