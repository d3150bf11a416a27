package io.jobwerk.engine.motor;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.WorkflowId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Workflow versions nobody needs any more leave the state, so it does not grow with every
 * deployment. A version goes once it is not the current (newest) version of its path and no order
 * here runs on it: the Controller (and standalone) writes JS7's {@code ItemDeleted{key:"Workflow:W~v"}},
 * an Agent {@code ItemDetached{key, delegateId:"Agent:A"}} (its current version is the newest the
 * Controller attached), which its journal folds into dropping the version ({@code EngineFolder}).
 * An Agent counts only the orders attached to it: one just detached belongs to the Controller again.
 * The Controller needs no record of what an Agent holds: it sends the workflow with every
 * {@code AttachOrder} anyway.
 */
public final class UnusedWorkflowVersions {
    private UnusedWorkflowVersions() {}

    /** The events that drop every unused, superseded version (none when there is nothing to drop). */
    public static List<KeyedEvent<Event>> events(EngineState state, Placement placement) {
        List<WorkflowId> superseded = new ArrayList<>();
        for (WorkflowId id : state.workflows().keySet()) {
            VersionId current = state.currentVersions().get(id.path());
            if (!id.versionId().equals(current)) {
                superseded.add(id);
            }
        }
        if (superseded.isEmpty()) {
            return List.of();
        }
        boolean agent = placement instanceof Placement.Agent;
        Set<WorkflowId> used = new HashSet<>();
        for (Order order : state.orders().values()) {
            if (!agent || order.attachedState().isPresent()) {
                used.add(order.workflowId());
            }
        }
        List<KeyedEvent<Event>> events = new ArrayList<>();
        for (WorkflowId id : superseded) {
            if (!used.contains(id)) {
                events.add(KeyedEvent.keyless(placement instanceof Placement.Agent a
                        ? new SystemEvent.ItemDetached(id.itemKey(), "Agent:" + a.agentPath()) : new ItemEvent.ItemDeleted(id.itemKey())));
            }
        }
        return events;
    }

    /**
     * Whether the event may leave a version unused: an order leaves it (deleted, detached from an
     * Agent, transferred) or a deployment supersedes or removes it. Other events need no look.
     */
    public static boolean mayLeaveUnused(Event event) {
        if (event instanceof OrderEvent e) {
            return switch (e.kind()) {
                case DELETED, DETACHED, TRANSFERRED -> true;
                default -> false;
            };
        }
        if (event instanceof ItemEvent e) {
            return switch (e.kind()) {
                case VERSIONED_ITEM_ADDED, VERSIONED_ITEM_CHANGED, VERSIONED_ITEM_REMOVED -> true;
                default -> false;
            };
        }
        return event instanceof SystemEvent.AgentReset;
    }
}
