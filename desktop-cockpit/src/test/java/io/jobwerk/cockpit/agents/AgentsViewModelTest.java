package io.jobwerk.cockpit.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.connection.UserPermissions;
import io.jobwerk.cockpit.live.AgentRow;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.Snapshots;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.http.auth.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class AgentsViewModelTest {

    private final List<Command> sent = new ArrayList<>();
    private Checked<CommandResponse> answer = Checked.ok(CommandResponse.ACCEPTED);
    private final LiveModel live = new LiveModel(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC), ZoneId.of("UTC"));
    private final AgentsViewModel viewModel = new AgentsViewModel(live, command -> {
        sent.add(command);
        return CompletableFuture.completedFuture(answer);
    }, UiThread.direct());

    private void show(String agentCoupling) {
        live.apply(new LiveUpdate(Snapshots.state(
                "{\"TYPE\":\"SubagentItem\",\"id\":\"A-2\",\"agentPath\":\"A\",\"uri\":\"http://127.0.0.1:2\"}",
                "{\"TYPE\":\"Coupling\",\"key\":\"Agent:A\",\"couplingState\":\"" + agentCoupling + "\"}",
                Snapshots.order("attached", 1, "{\"TYPE\":\"Ready\"}", ",\"attachedState\":{\"TYPE\":\"Attached\",\"agentPath\":\"A\"}")),
                1, true, Set.of(), true, List.of()));
    }

    private Optional<AgentRow> row(String id) {
        return viewModel.rows().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    @Test
    void resetsTheSelectedAgentAfterNamingWhatItAffects() {
        show("Coupled");
        viewModel.select(row("A"));
        assertThat(viewModel.resetAgentRefusalProperty().get()).isEmpty();
        assertThat(viewModel.describeResetAgent(false)).isEqualTo("Reset Agent A (2 Subagents, 1 order there)? Its Director kills every "
                + "running job and forgets its orders and workflows; the Controller then attaches the orders anew.");
        viewModel.resetAgent(false);
        assertThat(sent).containsExactly(new Command.ResetAgent(new AgentPath("A"), false));
        assertThat(viewModel.messageProperty().get()).isEqualTo("Resetting Agent A: accepted");
    }

    @Test
    void aSubagentsRowResetsItsAgentToo() {
        show("Coupled");
        viewModel.select(row("A-2"));
        viewModel.resetAgent(false);
        assertThat(sent).containsExactly(new Command.ResetAgent(new AgentPath("A"), false));
    }

    @Test
    void forceOnlyForAnAgentThatIsNotCoupled() {
        show("Coupled");
        viewModel.select(row("A"));
        assertThat(viewModel.forceResetRefusalProperty().get()).isEqualTo("Agent A is coupled: reset it without force");
        viewModel.resetAgent(true);
        assertThat(sent).isEmpty();
        show("CouplingFailed");
        assertThat(viewModel.forceResetRefusalProperty().get()).isEmpty();
        assertThat(viewModel.describeResetAgent(true)).startsWith("Reset Agent A (2 Subagents, 1 order there) by force?");
        viewModel.resetAgent(true);
        assertThat(sent).containsExactly(new Command.ResetAgent(new AgentPath("A"), true));
    }

    @Test
    void resetsASubagentButNotADirectorsOwn() {
        show("Coupled");
        viewModel.select(row("A-1"));
        assertThat(viewModel.resetSubagentRefusalProperty().get()).isEqualTo("Subagent A-1 is a Director's own: reset its Agent instead");
        viewModel.select(row("A-2"));
        assertThat(viewModel.resetSubagentRefusalProperty().get()).isEmpty();
        assertThat(viewModel.describeResetSubagent()).isEqualTo("Reset Subagent A-2 of Agent A? Its 0 running jobs are recorded as lost "
                + "(and restarted) and it is dedicated anew.");
        viewModel.resetSubagent();
        assertThat(sent).containsExactly(new Command.ResetSubagent(new SubagentId("A-2"), false));
    }

    @Test
    void theControllersProblemIsShown() {
        show("Coupled");
        answer = Checked.fail(Problem.of("AgentNotCoupled", "Agent 'A' cannot be reset"));
        viewModel.select(row("A"));
        viewModel.resetAgent(false);
        assertThat(viewModel.messageProperty().get()).isEqualTo("ResetAgent failed: Agent 'A' cannot be reset");
    }

    @Test
    void aUserWithoutSuperMayResetNothingAndIsToldWhy() {
        show("CouplingFailed");
        live.setPermissions(new UserPermissions("op", Optional.of(Set.of(Permission.ControlOrder))));
        viewModel.select(row("A-2"));
        String reason = "needs permission Super; user op has ControlOrder";
        assertThat(List.of(viewModel.resetAgentRefusalProperty().get(), viewModel.forceResetRefusalProperty().get(),
                viewModel.resetSubagentRefusalProperty().get())).containsOnly(reason);
        viewModel.resetAgent(false);
        assertThat(sent).isEmpty();
        assertThat(viewModel.messageProperty().get()).isEqualTo(reason);
    }

    @Test
    void nothingSelectedNothingToReset() {
        show("Coupled");
        assertThat(viewModel.resetAgentRefusalProperty().get()).isEqualTo("Select an Agent or one of its Subagents");
        assertThat(viewModel.resetSubagentRefusalProperty().get()).isEqualTo("Select a Subagent");
    }

    @Test
    void disablesAndEnablesASubagentByChangingItsItem() {
        List<List<io.jobwerk.engine.item.ItemOperation>> changes = new ArrayList<>();
        AgentsViewModel items = new AgentsViewModel(live, command -> CompletableFuture.completedFuture(answer), operations -> {
            changes.add(operations);
            return CompletableFuture.completedFuture(Checked.ok(true));
        }, UiThread.direct());
        show("Coupled");
        items.select(row("A"));
        assertThat(items.toggleSubagentRefusalProperty().get()).isEqualTo("Select a Subagent");
        items.select(row("A-2"));
        assertThat(items.toggleSubagentRefusalProperty().get()).isEmpty();
        assertThat(items.describeToggleSubagent()).isEqualTo("Disable Subagent A-2 of Agent A? Its Agent selects it for no new job; "
                + "its 0 running jobs go on.");
        items.toggleSubagent();
        assertThat(changes).containsExactly(List.of(new io.jobwerk.engine.item.ItemOperation.AddOrChangeSimple(
                new io.jobwerk.engine.item.Item.SubagentItem(new SubagentId("A-2"), new AgentPath("A"), "http://127.0.0.1:2", true))));
        assertThat(items.messageProperty().get()).isEqualTo("Disabling Subagent A-2: accepted");

        live.apply(new LiveUpdate(Snapshots.state(
                "{\"TYPE\":\"SubagentItem\",\"id\":\"A-2\",\"agentPath\":\"A\",\"uri\":\"http://127.0.0.1:2\",\"disabled\":true}"),
                2, true, Set.of(), true, List.of()));
        assertThat(items.selectedProperty().get()).hasValueSatisfying(r -> assertThat(r.disabled()).isTrue());
        assertThat(items.describeToggleSubagent()).isEqualTo("Enable Subagent A-2 of Agent A? Its Agent may select it for jobs again.");
        items.toggleSubagent();
        assertThat(changes.get(1)).singleElement().isEqualTo(new io.jobwerk.engine.item.ItemOperation.AddOrChangeSimple(
                new io.jobwerk.engine.item.Item.SubagentItem(new SubagentId("A-2"), new AgentPath("A"), "http://127.0.0.1:2", false)));
    }

    @Test
    void changingASubagentNeedsUpdateItem() {
        show("Coupled");
        live.setPermissions(new UserPermissions("viewer", Optional.of(Set.of(Permission.ValidUser))));
        viewModel.select(row("A-2"));
        assertThat(viewModel.toggleSubagentRefusalProperty().get()).isEqualTo("needs permission UpdateItem; user viewer has ValidUser");
        viewModel.toggleSubagent();
        assertThat(viewModel.messageProperty().get()).isEqualTo("needs permission UpdateItem; user viewer has ValidUser");
    }
}
