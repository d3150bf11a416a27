package io.jobwerk.http.protocol;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderMark;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.util.List;
import java.util.Objects;

/**
 * What a Controller tells an Agent Director ({@code POST /agent/api/command}), as JS7's
 * {@code AgentCommand}: attach items and orders, detach orders, mark orders (cancel, suspend, resume,
 * go), release events it has stored.
 */
public sealed interface AgentCommand {

    enum Kind { ATTACH_ITEM, DETACH_ITEM, ATTACH_WORKFLOW, ATTACH_ORDER, DETACH_ORDER, MARK_ORDER, TRANSFER_ORDER, RESET, RESET_SUBAGENT, RELEASE_EVENTS, BATCH, NO_OPERATION }

    Kind kind();

    /** {@code AttachItem}: a simple item the Agent needs (AgentRef, SubagentItem, SubagentBundle, JobResource …). */
    record AttachItem(Item item) implements AgentCommand {
        public AttachItem {
            Objects.requireNonNull(item, "item");
        }

        @Override public Kind kind() { return Kind.ATTACH_ITEM; }
    }

    /**
     * {@code DetachItem}: the Controller deleted this simple item ({@code Subagent:S}); the Agent
     * forgets it ({@code ItemDetached}). Nothing happens when the Agent does not have it.
     */
    record DetachItem(String key) implements AgentCommand {
        public DetachItem {
            Objects.requireNonNull(key, "key");
        }

        @Override public Kind kind() { return Kind.DETACH_ITEM; }
    }

    /** {@code AttachSignedItem} in JS7: a workflow version the Agent's orders run on. */
    record AttachWorkflow(Workflow workflow) implements AgentCommand {
        public AttachWorkflow {
            Objects.requireNonNull(workflow, "workflow");
        }

        @Override public Kind kind() { return Kind.ATTACH_WORKFLOW; }
    }

    /** {@code AttachOrder}: the order now runs on the Agent; idempotent for an order already attached. */
    record AttachOrder(Order order) implements AgentCommand {
        public AttachOrder {
            Objects.requireNonNull(order, "order");
        }

        @Override public Kind kind() { return Kind.ATTACH_ORDER; }
    }

    /** {@code DetachOrder}: the Controller has taken the detachable order back. */
    record DetachOrder(OrderId orderId) implements AgentCommand {
        public DetachOrder {
            Objects.requireNonNull(orderId, "orderId");
        }

        @Override public Kind kind() { return Kind.DETACH_ORDER; }
    }

    /** {@code MarkOrder}: an operator's cancel/suspend/resume/go reaches the order on the Agent. */
    record MarkOrder(OrderId orderId, OrderMark mark) implements AgentCommand {
        public MarkOrder {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(mark, "mark");
        }

        @Override public Kind kind() { return Kind.MARK_ORDER; }
    }

    /**
     * {@code TransferOrder} (Jobwerk's own; JS7 transfers orders only in the Controller): the attached
     * order continues on {@code workflowId}, a version of its workflow attached before. Nothing
     * happens when the order is on it already or has left the Agent.
     */
    record TransferOrder(OrderId orderId, WorkflowId workflowId) implements AgentCommand {
        public TransferOrder {
            Objects.requireNonNull(orderId, "orderId");
            Objects.requireNonNull(workflowId, "workflowId");
        }

        @Override public Kind kind() { return Kind.TRANSFER_ORDER; }
    }

    /**
     * {@code Reset} (JS7 {@code AgentCommand.Reset}): the Agent kills its job processes and forgets its
     * orders, workflows and items ({@code AgentReset} in its journal); the Controller, reading that
     * event, takes the orders back and attaches them anew.
     */
    record Reset() implements AgentCommand {
        @Override public Kind kind() { return Kind.RESET; }
    }

    /**
     * {@code ResetSubagent} (JS7's, forwarded from the Controller's command): the Director records the
     * processes running on that Subagent as lost (their jobs restart as usual) and dedicates the
     * Subagent anew, which kills what the earlier dedication started. {@code force} is accepted as in
     * JS7, where it resets a Subagent dedicated to another Director; a Jobwerk Subagent serves one
     * Director, so it changes nothing. Not idempotent: sent without OkHttp's silent retry.
     */
    record ResetSubagent(io.jobwerk.engine.path.SubagentId subagentId, boolean force) implements AgentCommand {
        public ResetSubagent {
            Objects.requireNonNull(subagentId, "subagentId");
        }

        @Override public Kind kind() { return Kind.RESET_SUBAGENT; }
    }

    /** {@code ReleaseEvents}: the Controller stored the Agent's events up to this id. */
    record ReleaseEvents(long untilEventId) implements AgentCommand {
        @Override public Kind kind() { return Kind.RELEASE_EVENTS; }
    }

    record Batch(List<AgentCommand> commands) implements AgentCommand {
        public Batch {
            commands = List.copyOf(commands);
        }

        @Override public Kind kind() { return Kind.BATCH; }
    }

    record NoOperation() implements AgentCommand {
        @Override public Kind kind() { return Kind.NO_OPERATION; }
    }
}
