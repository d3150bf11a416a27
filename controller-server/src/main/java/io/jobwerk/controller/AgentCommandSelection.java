package io.jobwerk.controller;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.http.protocol.AgentCommand;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which commands the Controller sends to one Agent, decided from the state alone (pure: the
 * {@link AgentDriver} only sends them). An order attaching to the Agent needs its workflow, the items
 * the workflow uses and {@code AttachOrder}; a detaching one {@code DetachOrder}; an attached one with
 * a mark {@code MarkOrder}; a transferred one (its workflow version changed while there)
 * {@code TransferOrder} after its new workflow.
 */
final class AgentCommandSelection {
    private AgentCommandSelection() {}

    /**
     * @param commands     in the order to send them (items before the workflow, the workflow before its orders)
     * @param transferring the transfers a {@code TransferOrder} was selected for: to be claimed again when the batch fails
     * @param keptTransfers the claimed transfers of orders not at this Agent now: still pending
     */
    record Selection(List<AgentCommand> commands, Set<OrderId> transferring, Set<OrderId> keptTransfers) {
        Selection {
            commands = List.copyOf(commands);
            transferring = Set.copyOf(transferring);
            keptTransfers = Set.copyOf(keptTransfers);
        }
    }

    /**
     * The commands the orders {@code ids} need now.
     *
     * @param claimedTransfers those of {@code ids} transferred to another workflow version since their last look;
     *                         a transfer of an order gone or attached here (not detaching) is used up,
     *                         one of an order elsewhere is kept
     */
    static Selection forOrders(EngineState state, AgentPath agentPath, Collection<OrderId> ids, Set<OrderId> claimedTransfers) {
        List<AgentCommand> commands = new ArrayList<>();
        Set<OrderId> transferring = new LinkedHashSet<>();
        Set<OrderId> kept = new LinkedHashSet<>();
        Set<String> attachedItems = new LinkedHashSet<>();
        for (OrderId id : ids) {
            Order order = state.orders().get(id);
            if (order == null) {
                continue; // its transfer is used up
            }
            AttachedState attached = order.attachedState().orElse(null);
            boolean here = attached != null && attached.agentPath().equals(agentPath) && !(attached instanceof AttachedState.Detaching);
            boolean transfer = claimedTransfers.contains(id) && here;
            if (claimedTransfers.contains(id) && !here) {
                kept.add(id);
            }
            if (attached instanceof AttachedState.Attaching a && a.agentPath().equals(agentPath)) {
                Checked<Workflow> workflow = state.workflowOf(order);
                if (workflow.isFail()) {
                    continue;
                }
                attachWorkflow(state, agentPath, workflow.orThrow(), attachedItems, commands);
                commands.add(new AgentCommand.AttachOrder(order));
            } else if (attached instanceof AttachedState.Detaching d && d.agentPath().equals(agentPath)) {
                commands.add(new AgentCommand.DetachOrder(id));
            } else if (attached instanceof AttachedState.Attached a && a.agentPath().equals(agentPath) && order.mark().isPresent()) {
                commands.add(new AgentCommand.MarkOrder(id, order.mark().get()));
            }
            if (transfer && state.workflowOf(order).isOk()) {
                // After AttachOrder: the Agent may have the order on the old version from an earlier AttachOrder.
                attachWorkflow(state, agentPath, state.workflowOf(order).orThrow(), attachedItems, commands);
                commands.add(new AgentCommand.TransferOrder(id, order.workflowId()));
                transferring.add(id);
            }
        }
        return new Selection(commands, transferring, kept);
    }

    /** The Agent's own items: its AgentRef, its SubagentItems and the SubagentBundles naming any of them (none without an AgentRef). */
    static List<AgentCommand> ownItems(EngineState state, AgentPath agentPath) {
        List<AgentCommand> commands = new ArrayList<>();
        Optional<Item.AgentRef> agentRef = state.agentRef(agentPath).toOptional();
        if (agentRef.isEmpty()) {
            return commands;
        }
        commands.add(new AgentCommand.AttachItem(agentRef.get()));
        Set<SubagentId> mine = new LinkedHashSet<>();
        for (Item item : state.items().values()) {
            if (item instanceof Item.SubagentItem s && s.agentPath().equals(agentPath)) {
                mine.add(s.id());
                commands.add(new AgentCommand.AttachItem(item));
            }
        }
        for (Item item : state.items().values()) {
            if (item instanceof Item.SubagentBundle b && b.subagentToPriority().keySet().stream().anyMatch(mine::contains)) {
                commands.add(new AgentCommand.AttachItem(item));
            }
        }
        return commands;
    }

    /** Of the deleted items {@code deleted}, those the state no longer has: the Agent may forget them now. */
    static List<String> detachable(EngineState state, Collection<String> deleted) {
        return deleted.stream().filter(key -> state.item(key).isEmpty()).toList();
    }

    private static void attachWorkflow(EngineState state, AgentPath agentPath, Workflow workflow, Set<String> attachedItems,
                                       List<AgentCommand> commands) {
        if (attachedItems.add("Workflow:" + workflow.id())) { // once per batch
            addItemsFor(state, agentPath, workflow, attachedItems, commands);
            commands.add(new AgentCommand.AttachWorkflow(workflow));
        }
    }

    private static void addItemsFor(EngineState state, AgentPath agentPath, Workflow workflow, Set<String> done,
                                    List<AgentCommand> commands) {
        List<Item> items = new ArrayList<>();
        state.agentRef(agentPath).toOptional().ifPresent(items::add);
        for (Item item : state.items().values()) {
            if (item instanceof Item.SubagentItem s && s.agentPath().equals(agentPath)) {
                items.add(item);
            } else if (item instanceof Item.SubagentBundle || item instanceof Item.JobResource) {
                items.add(item);
            }
        }
        for (Position p : workflow.positions()) {
            workflow.job(p).toOptional().map(WorkflowJob::agentPath).filter(a -> !a.equals(agentPath))
                    .flatMap(a -> state.agentRef(a).toOptional()).ifPresent(items::add);
        }
        for (Item item : items) {
            if (done.add(item.key())) {
                commands.add(new AgentCommand.AttachItem(item));
            }
        }
    }
}
