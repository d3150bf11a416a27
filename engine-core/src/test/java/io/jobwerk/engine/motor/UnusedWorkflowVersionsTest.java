package io.jobwerk.engine.motor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnusedWorkflowVersionsTest {

    private static final AgentPath AGENT = new AgentPath("AGENT");
    private static final WorkflowId V1 = WorkflowId.of("W", "1");
    private static final WorkflowId V2 = WorkflowId.of("W", "2");
    private static final WorkflowId V3 = WorkflowId.of("W", "3");
    private static final WorkflowId OTHER = WorkflowId.of("OTHER", "1");
    private static final OrderId A = new OrderId("A");

    private static Workflow workflow(WorkflowId id) {
        return Workflow.of(id, new Instruction.Stop(Optional.empty()));
    }

    private static KeyedEvent<? extends Event> deployed(WorkflowId id, boolean changed) {
        return KeyedEvent.keyless(changed ? new ItemEvent.VersionedItemChanged(workflow(id)) : new ItemEvent.VersionedItemAdded(workflow(id)));
    }

    private static KeyedEvent<? extends Event> added(OrderId id, WorkflowId workflowId) {
        return KeyedEvent.of(id, new OrderEvent.OrderAdded(workflowId, Map.of(), Optional.empty(), PlanId.GLOBAL, Optional.empty(),
                false, false, Optional.empty(), Optional.empty(), List.of(), BigDecimal.ZERO));
    }

    private static EngineState apply(EngineState state, List<? extends KeyedEvent<? extends Event>> events) {
        return state.applyEvents(events).orThrow();
    }

    @Test
    void controllerDeletesASupersededVersionNoOrderUses() {
        EngineState state = apply(EngineState.EMPTY, List.of(deployed(V1, false), deployed(OTHER, false), deployed(V2, true)));

        assertThat(UnusedWorkflowVersions.events(state, Placement.CONTROLLER))
                .containsExactly(KeyedEvent.keyless(new ItemEvent.ItemDeleted(V1.itemKey())));
    }

    @Test
    void controllerKeepsTheVersionsOrdersUseAndDeletesEachWithItsLastOrder() {
        EngineState state = apply(EngineState.EMPTY, List.of(deployed(V1, false), added(A, V1), deployed(V2, true),
                added(new OrderId("B"), V2), deployed(V3, true)));

        assertThat(UnusedWorkflowVersions.events(state, Placement.CONTROLLER)).isEmpty();

        state = apply(state, List.of(KeyedEvent.of(A, new OrderEvent.OrderCancelled()), KeyedEvent.of(A, new OrderEvent.OrderDeleted())));
        assertThat(UnusedWorkflowVersions.events(state, Placement.STANDALONE))
                .containsExactly(KeyedEvent.keyless(new ItemEvent.ItemDeleted(V1.itemKey())));
    }

    @Test
    void removedPathLosesItsLastVersionOnceUnused() {
        EngineState state = apply(EngineState.EMPTY, List.of(deployed(V1, false),
                KeyedEvent.keyless(new ItemEvent.VersionedItemRemoved(new WorkflowPath("W")))));

        List<KeyedEvent<Event>> events = UnusedWorkflowVersions.events(state, Placement.CONTROLLER);

        assertThat(events).containsExactly(KeyedEvent.keyless(new ItemEvent.ItemDeleted(V1.itemKey())));
        assertThat(apply(state, events).workflows()).isEmpty();
    }

    @Test
    void agentDetachesAVersionOnceItsLastOrderIsDetachedButKeepsTheNewest() {
        EngineState state = apply(EngineState.EMPTY, List.of(deployed(V1, false), added(A, V1),
                KeyedEvent.of(A, new OrderEvent.OrderAttachable(AGENT)), KeyedEvent.of(A, new OrderEvent.OrderAttached(AGENT)),
                deployed(V2, false)));
        Placement agent = Placement.agent(AGENT);

        assertThat(UnusedWorkflowVersions.events(state, agent)).isEmpty();

        state = apply(state, List.of(KeyedEvent.of(A, new OrderEvent.OrderDetachable()), KeyedEvent.of(A, new OrderEvent.OrderDetached())));
        List<KeyedEvent<Event>> events = UnusedWorkflowVersions.events(state, agent);

        assertThat(events).containsExactly(KeyedEvent.keyless(new SystemEvent.ItemDetached("Workflow:W~1", "Agent:AGENT")));
    }

    @Test
    void transferredOrderLeavesItsOldVersionUnused() {
        EngineState state = apply(EngineState.EMPTY, List.of(deployed(V1, false), added(A, V1), deployed(V2, true)));
        state = apply(state, List.of(KeyedEvent.of(A, new OrderEvent.OrderTransferred(new io.jobwerk.engine.workflow.WorkflowPosition(
                V2, Position.of(0))))));

        assertThat(UnusedWorkflowVersions.events(state, Placement.CONTROLLER))
                .containsExactly(KeyedEvent.keyless(new ItemEvent.ItemDeleted(V1.itemKey())));
    }

    @Test
    void onlyEventsThatCanLeaveAVersionUnusedAskForALook() {
        assertThat(UnusedWorkflowVersions.mayLeaveUnused(new OrderEvent.OrderDeleted())).isTrue();
        assertThat(UnusedWorkflowVersions.mayLeaveUnused(new OrderEvent.OrderDetached())).isTrue();
        assertThat(UnusedWorkflowVersions.mayLeaveUnused(new ItemEvent.VersionedItemChanged(workflow(V2)))).isTrue();
        assertThat(UnusedWorkflowVersions.mayLeaveUnused(new SystemEvent.AgentReset())).isTrue();
        assertThat(UnusedWorkflowVersions.mayLeaveUnused(new OrderEvent.OrderStarted())).isFalse();
        assertThat(UnusedWorkflowVersions.mayLeaveUnused(new ItemEvent.ItemDeleted(V1.itemKey()))).isFalse();
    }
}
