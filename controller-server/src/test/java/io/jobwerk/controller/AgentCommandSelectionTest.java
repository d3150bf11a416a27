package io.jobwerk.controller;

import static io.jobwerk.controller.States.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.protocol.AgentCommand;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the Controller sends an Agent, decided from the state alone. */
class AgentCommandSelectionTest {

    private static final AgentPath A = new AgentPath("A");
    private static final AgentPath B = new AgentPath("B");
    private static final OrderId O = new OrderId("O");
    private static final List<String> ITEMS_AND_WORKFLOW_OF_A = List.of(
            "AttachItem Agent:A", "AttachItem Subagent:A-1", "AttachSignedItem W~1");

    private static List<String> commands(AgentCommandSelection.Selection selection) {
        return selection.commands().stream().map(AgentDriver::describe).toList();
    }

    private static List<String> plus(List<String> first, String... more) {
        var list = new java.util.ArrayList<>(first);
        list.addAll(List.of(more));
        return list;
    }

    @Test
    void anAttachingOrderGoesWithItsWorkflowAndTheItemsItUses() {
        EngineState state = with(deployed(), ADDED, ATTACHABLE);

        var selection = AgentCommandSelection.forOrders(state, A, List.of(O), Set.of());

        assertThat(commands(selection)).isEqualTo(plus(ITEMS_AND_WORKFLOW_OF_A, "AttachOrder O"));
        assertThat(selection.transferring()).isEmpty();
    }

    @Test
    void aWorkflowGoesOncePerBatch() {
        EngineState state = with(deployed(), ADDED, ATTACHABLE, ADDED.replace("\"O\"", "\"P\""), ATTACHABLE.replace("\"O\"", "\"P\""));

        var selection = AgentCommandSelection.forOrders(state, A, List.of(O, new OrderId("P")), Set.of());

        assertThat(commands(selection)).isEqualTo(plus(ITEMS_AND_WORKFLOW_OF_A, "AttachOrder O", "AttachOrder P"));
    }

    @Test
    void aDetachingOrderIsDetached() {
        EngineState state = with(deployed(), ADDED, ATTACHABLE, ATTACHED, DETACHABLE);

        assertThat(commands(AgentCommandSelection.forOrders(state, A, List.of(O), Set.of()))).containsExactly("DetachOrder O");
    }

    @Test
    void anAttachedOrderWithAMarkHasItsMarkSent() {
        EngineState state = with(deployed(), ADDED, ATTACHABLE, ATTACHED,
                "{\"Key\":\"O\",\"TYPE\":\"OrderCancellationMarked\",\"mode\":{\"TYPE\":\"FreshOrStarted\"}}");

        assertThat(commands(AgentCommandSelection.forOrders(state, A, List.of(O), Set.of()))).containsExactly("MarkOrder O");
    }

    @Test
    void anAttachedOrderWithoutMarkNeedsNothing() {
        EngineState state = with(deployed(), ADDED, ATTACHABLE, ATTACHED);

        assertThat(commands(AgentCommandSelection.forOrders(state, A, List.of(O), Set.of()))).isEmpty();
    }

    @Test
    void aTransferredOrderAtTheAgentIsTransferredAfterItsWorkflow() {
        EngineState state = with(deployed(), ADDED, ATTACHABLE, ATTACHED);

        var selection = AgentCommandSelection.forOrders(state, A, List.of(O), Set.of(O));

        assertThat(commands(selection)).isEqualTo(plus(ITEMS_AND_WORKFLOW_OF_A, "TransferOrder O"));
        assertThat(selection.transferring()).containsExactly(O);
        assertThat(selection.keptTransfers()).isEmpty();
    }

    @Test
    void aTransferOfAnOrderAtAnotherAgentIsKept() {
        EngineState state = with(deployed(), ADDED, ATTACHABLE, ATTACHED);

        var selection = AgentCommandSelection.forOrders(state, B, List.of(O), Set.of(O));

        assertThat(commands(selection)).isEmpty();
        assertThat(selection.keptTransfers()).containsExactly(O);
    }

    @Test
    void aTransferOfADetachingOrderIsKeptAndOnlyTheDetachSent() {
        EngineState state = with(deployed(), ADDED, ATTACHABLE, ATTACHED, DETACHABLE);

        var selection = AgentCommandSelection.forOrders(state, A, List.of(O), Set.of(O));

        assertThat(commands(selection)).containsExactly("DetachOrder O");
        assertThat(selection.keptTransfers()).containsExactly(O);
    }

    @Test
    void aTransferOfAnOrderGoneIsUsedUp() {
        var selection = AgentCommandSelection.forOrders(deployed(), A, List.of(O), Set.of(O));

        assertThat(commands(selection)).isEmpty();
        assertThat(selection.transferring()).isEmpty();
        assertThat(selection.keptTransfers()).isEmpty();
    }

    @Test
    void theAgentsOwnItemsAreItsRefAndItsSubagents() {
        assertThat(AgentCommandSelection.ownItems(deployed(), A).stream().map(AgentDriver::describe))
                .containsExactly("AttachItem Agent:A", "AttachItem Subagent:A-1");
        assertThat(AgentCommandSelection.ownItems(deployed(), new AgentPath("UNKNOWN"))).isEmpty();
    }

    @Test
    void onlyItemsTheStateNoLongerHasAreDetachable() {
        assertThat(AgentCommandSelection.detachable(deployed(), List.of("Subagent:A-1", "JobResource:GONE")))
                .containsExactly("JobResource:GONE");
    }

    @Test
    void describeNamesEachKindOfCommand() {
        assertThat(AgentDriver.describe(new AgentCommand.DetachItem("JobResource:R"))).isEqualTo("DetachItem JobResource:R");
    }
}
