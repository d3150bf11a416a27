package io.jobwerk.agent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.command.TransferOrdersExecutor;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.motor.OrderEventSource;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.http.protocol.AgentCommand;
import io.jobwerk.runtime.Decision;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides the Agent's events for a Controller's command, on the Agent's state. Attaching is
 * idempotent: a Controller that lost its answer may send the same command again.
 */
final class AgentCommandExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(AgentCommandExecutor.class);

    private final AgentPath agentPath;

    AgentCommandExecutor(AgentPath agentPath) {
        this.agentPath = agentPath;
    }

    /**
     * The events and the answer: {@code Accepted}, or for a {@code Batch} a {@code BatchResponse}
     * with each command's answer or problem in order (as JS7); a failing command of a batch does not
     * undo the others, each is decided on the state the ones before lead to.
     */
    Checked<Decision<CommandResponse>> execute(EngineState state, AgentCommand command) {
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        return execute(state, command, events).map(result -> Decision.of(events, result.response()));
    }

    private record Executed(EngineState state, CommandResponse response) {}

    private Checked<Executed> execute(EngineState state, AgentCommand command, List<KeyedEvent<? extends Event>> events) {
        if (command instanceof AgentCommand.Batch batch) {
            EngineState current = state;
            List<Checked<CommandResponse>> responses = new ArrayList<>();
            for (AgentCommand c : batch.commands()) {
                List<KeyedEvent<? extends Event>> own = new ArrayList<>();
                // the Director acts on these beyond their events (kills, re-dedication, releasing its journal) only when sent alone
                Checked<Executed> executed = c.kind() == AgentCommand.Kind.RESET || c.kind() == AgentCommand.Kind.RESET_SUBAGENT
                        || c.kind() == AgentCommand.Kind.RELEASE_EVENTS
                        ? Checked.fail(Problem.of("NotInBatch", c.kind() + " must be sent alone, not inside a Batch"))
                        : execute(current, c, own);
                if (executed.isOk()) {
                    current = executed.orThrow().state();
                    events.addAll(own);
                    responses.add(Checked.ok(executed.orThrow().response()));
                } else {
                    responses.add(Checked.fail(executed.problemOption().orElseThrow()));
                }
            }
            return Checked.ok(new Executed(current, new CommandResponse.BatchResponse(responses)));
        }
        Checked<List<KeyedEvent<? extends Event>>> decided = decide(state, command);
        return decided.flatMap(state::applyEvents).map(next -> {
            events.addAll(decided.orThrow());
            return new Executed(next, CommandResponse.ACCEPTED);
        });
    }

    private Checked<List<KeyedEvent<? extends Event>>> decide(EngineState state, AgentCommand command) {
        switch (command.kind()) {
            case ATTACH_ITEM -> {
                Item item = ((AgentCommand.AttachItem) command).item();
                Optional<Item> existing = state.item(item.key());
                if (existing.isPresent() && existing.get().equals(item)) {
                    return Checked.ok(List.of());
                }
                ItemEvent e = existing.isPresent() ? new ItemEvent.UnsignedSimpleItemChanged(item) : new ItemEvent.UnsignedSimpleItemAdded(item);
                return Checked.ok(List.of(KeyedEvent.keyless(e)));
            }
            case DETACH_ITEM -> {
                String key = ((AgentCommand.DetachItem) command).key();
                return Checked.ok(state.item(key).isEmpty() ? List.of()
                        : List.of(KeyedEvent.keyless(new io.jobwerk.engine.event.SystemEvent.ItemDetached(key, "Agent:" + agentPath))));
            }
            case ATTACH_WORKFLOW -> {
                Workflow workflow = ((AgentCommand.AttachWorkflow) command).workflow();
                if (state.workflows().containsKey(workflow.id())) {
                    return Checked.ok(List.of());
                }
                return Checked.ok(List.of(KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(workflow))));
            }
            case ATTACH_ORDER -> {
                Order order = ((AgentCommand.AttachOrder) command).order();
                if (state.orders().containsKey(order.id())) {
                    return Checked.ok(List.of());
                }
                if (!state.workflows().containsKey(order.workflowId())) {
                    return Checked.fail(Problem.of("UnknownWorkflow", "AttachOrder " + order.id() + ": workflow "
                            + order.workflowId() + " is not attached to Agent " + agentPath));
                }
                Order attached = new Order(order.id(), order.workflowPosition(), order.state(), order.arguments(),
                        order.scheduledFor(), order.externalOrder(), order.historicOutcomes(),
                        Optional.of(new AttachedState.Attached(agentPath)), order.parent(), order.mark(), order.isSuspended(),
                        order.isResumed(), order.deleteWhenTerminated(), order.forceAdmission(), order.stickySubagents(),
                        order.innerBlock(), order.stopPositions(), order.priority(), order.planId());
                return Checked.ok(List.of(KeyedEvent.of(order.id(), new OrderEvent.OrderAttachedToAgent(attached))));
            }
            case DETACH_ORDER -> {
                var id = ((AgentCommand.DetachOrder) command).orderId();
                Order order = state.orders().get(id);
                if (order == null) {
                    return Checked.ok(List.of());
                }
                if (!(order.attachedState().orElse(null) instanceof AttachedState.Detaching)) {
                    return Checked.fail(Problem.of("OrderNotDetachable", "Order " + id + " is not detachable"));
                }
                return Checked.ok(List.of(KeyedEvent.of(id, new OrderEvent.OrderDetached())));
            }
            case MARK_ORDER -> {
                var mark = (AgentCommand.MarkOrder) command;
                Order order = state.orders().get(mark.orderId());
                if (order == null) {
                    return Checked.ok(List.of());
                }
                return Checked.ok(OrderEventSource.markOnAgent(state, order, mark.mark()).stream()
                        .<KeyedEvent<? extends Event>>map(e -> KeyedEvent.of(mark.orderId(), e)).toList());
            }
            case TRANSFER_ORDER -> {
                var transfer = (AgentCommand.TransferOrder) command;
                Order order = state.orders().get(transfer.orderId());
                if (order == null) {
                    return Checked.ok(List.of());
                }
                Checked<Optional<OrderEvent.OrderTransferred>> decided = TransferOrdersExecutor.transferOne(state, order, transfer.workflowId());
                if (decided.isFail()) {
                    // The order moved on here to where the new version does not fit: it stays, and telling the
                    // Controller where it really is (mirrored) undoes the Controller's transfer.
                    LOG.warn("Agent " + agentPath + ": " + decided.problemOption().orElseThrow());
                    return Checked.ok(List.of(KeyedEvent.of(order.id(), new OrderEvent.OrderTransferred(order.workflowPosition()))));
                }
                return Checked.ok(decided.orThrow().<List<KeyedEvent<? extends Event>>>map(e -> List.of(KeyedEvent.of(order.id(), e)))
                        .orElse(List.of()));
            }
            case RESET -> {
                return Checked.ok(List.of(KeyedEvent.keyless(new io.jobwerk.engine.event.SystemEvent.AgentReset())));
            }
            case RESET_SUBAGENT, RELEASE_EVENTS, NO_OPERATION, BATCH -> {
                return Checked.ok(List.of());
            }
        }
        throw new AssertionError(command);
    }
}
