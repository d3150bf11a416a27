package io.jobwerk.cockpit.agents;

import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.connection.ItemSender;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.http.auth.Permission;
import java.util.List;
import io.jobwerk.cockpit.live.AgentRow;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import java.time.ZoneId;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The Agents screen: each Agent followed by its Subagents, with coupling, since when, why not, and
 * running jobs; and for the selected row its reset. Resetting an Agent ({@code ResetAgent}) makes its
 * Director kill its processes and forget its orders and workflows, and the Controller attaches the
 * orders anew; forced, an Agent the Controller cannot reach is reset in the Controller's view alone
 * (the Agent must then start on empty data). Resetting a Subagent ({@code ResetSubagent}) records its
 * running processes as lost (their jobs restart) and dedicates it anew; a Director's own Subagent is
 * reset with its Agent. Both need permission {@code Super}: while the user lacks it, {@link #refusalProperty}
 * says why, and every reset is refused.
 */
public final class AgentsViewModel {

    private final LiveModel live;
    private final CommandSender commands;
    private final ItemSender items;
    private final ReadOnlyStringWrapper toggleSubagentRefusal = new ReadOnlyStringWrapper("");
    private final UiThread ui;
    private final ReadOnlyObjectWrapper<Optional<AgentRow>> selected = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper resetAgentRefusal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper forceResetRefusal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper resetSubagentRefusal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public AgentsViewModel(LiveModel live, CommandSender commands, UiThread ui) {
        this(live, commands, ItemSender.none(), ui);
    }

    /** @param items where a Subagent's change (enabled, disabled) goes: the Controller's item route */
    public AgentsViewModel(LiveModel live, CommandSender commands, ItemSender items, UiThread ui) {
        this.live = live;
        this.commands = commands;
        this.items = items;
        this.ui = ui;
        live.agents().addListener((ListChangeListener<AgentRow>) c -> reselect());
        live.permissionsProperty().addListener((o, a, b) -> update());
        update();
    }

    public ObservableList<AgentRow> rows() {
        return live.agents();
    }

    public ZoneId zone() {
        return live.zone();
    }

    /** Selects the row of this Agent or Subagent id; an unknown id selects nothing. */
    public void select(Optional<AgentRow> row) {
        selected.set(row.flatMap(r -> find(r.kind(), r.id())));
        update();
    }

    public ReadOnlyObjectProperty<Optional<AgentRow>> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Why the selected row's Agent cannot be reset now; empty when it can. */
    public ReadOnlyStringProperty resetAgentRefusalProperty() {
        return resetAgentRefusal.getReadOnlyProperty();
    }

    /** Why the selected row's Agent cannot be reset by force: only one the Controller is not coupled with. */
    public ReadOnlyStringProperty forceResetRefusalProperty() {
        return forceResetRefusal.getReadOnlyProperty();
    }

    /** Why the selected Subagent cannot be reset; empty when it can. */
    public ReadOnlyStringProperty resetSubagentRefusalProperty() {
        return resetSubagentRefusal.getReadOnlyProperty();
    }

    /** Why the selected Subagent cannot be enabled or disabled; empty when it can (see {@link #toggleSubagent}). */
    public ReadOnlyStringProperty toggleSubagentRefusalProperty() {
        return toggleSubagentRefusal.getReadOnlyProperty();
    }

    /** The outcome of the last reset: sent, accepted, or the Controller's problem. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** For the confirmation, naming the Agent, its Subagents and the orders it holds. */
    public String describeResetAgent(boolean force) {
        String agent = selectedAgentPath().orElse("?");
        long subagents = live.agents().stream().filter(r -> r.kind() == AgentRow.Kind.SUBAGENT && r.agentPath().equals(agent)).count();
        long orders = live.stateProperty().get().orders().values().stream()
                .filter(o -> o.attachedState().filter(a -> a.agentPath().string().equals(agent)).isPresent()).count();
        String subject = "Agent " + agent + " (" + subagents + (subagents == 1 ? " Subagent" : " Subagents") + ", "
                + orders + (orders == 1 ? " order" : " orders") + " there)";
        return force
                ? "Reset " + subject + " by force? If its Director cannot be told, the Controller takes its orders back at once "
                        + "and the Agent must start again on empty data; running jobs are not killed by the Controller."
                : "Reset " + subject + "? Its Director kills every running job and forgets its orders and workflows; "
                        + "the Controller then attaches the orders anew.";
    }

    public String describeResetSubagent() {
        AgentRow row = selected.get().orElse(null);
        String id = row == null ? "?" : row.id();
        int jobs = row == null ? 0 : row.runningJobs();
        return "Reset Subagent " + id + " of Agent " + (row == null ? "?" : row.agentPath()) + "? Its " + jobs
                + (jobs == 1 ? " running job is" : " running jobs are") + " recorded as lost (and restarted) and it is dedicated anew.";
    }

    /** {@code Disable Subagent B of Agent agent? …}, naming its running jobs, which go on. */
    public String describeToggleSubagent() {
        AgentRow row = selected.get().orElse(null);
        if (row == null) {
            return "Select a Subagent";
        }
        int jobs = row.runningJobs();
        return row.disabled()
                ? "Enable Subagent " + row.id() + " of Agent " + row.agentPath() + "? Its Agent may select it for jobs again."
                : "Disable Subagent " + row.id() + " of Agent " + row.agentPath() + "? Its Agent selects it for no new job; its " + jobs
                        + (jobs == 1 ? " running job goes on." : " running jobs go on.");
    }

    /**
     * Disables the selected Subagent, or enables it when it is disabled: JS7's way, its
     * {@code SubagentItem} changed with {@code disabled} flipped, which the Controller passes on to
     * the Agent. A disabled Subagent is selected for no job (also not in a bundle); jobs running there go on.
     */
    public void toggleSubagent() {
        Optional<AgentRow> row = selected.get();
        if (!toggleSubagentRefusal.get().isEmpty() || row.isEmpty()) {
            message.set(toggleSubagentRefusal.get().isEmpty() ? "Select a Subagent" : toggleSubagentRefusal.get());
            return;
        }
        Checked<Item.SubagentItem> item = live.stateProperty().get().subagent(new SubagentId(row.get().id()));
        if (item.isFail()) {
            message.set(item.problemOption().orElseThrow().message());
            return;
        }
        Item.SubagentItem now = item.orThrow();
        String doing = (now.disabled() ? "Enabling" : "Disabling") + " Subagent " + now.id().string();
        message.set(doing + " …");
        items.send(List.of(new ItemOperation.AddOrChangeSimple(new Item.SubagentItem(now.id(), now.agentPath(), now.uri(), !now.disabled()))))
                .thenAccept(response -> ui.execute(() -> message.set(response.isFail()
                        ? doing + " failed: " + response.problemOption().orElseThrow().message() : doing + ": accepted")));
    }

    public void resetAgent(boolean force) {
        String refusal = force ? forceResetRefusal.get() : resetAgentRefusal.get();
        Optional<String> agent = selectedAgentPath();
        if (!refusal.isEmpty() || agent.isEmpty()) {
            message.set(refusal.isEmpty() ? "Select an Agent to reset" : refusal);
            return;
        }
        send(new Command.ResetAgent(new AgentPath(agent.get()), force), "Resetting Agent " + agent.get() + (force ? " by force" : ""));
    }

    public void resetSubagent() {
        Optional<AgentRow> row = selected.get();
        if (!resetSubagentRefusal.get().isEmpty() || row.isEmpty()) {
            message.set(resetSubagentRefusal.get().isEmpty() ? "Select a Subagent to reset" : resetSubagentRefusal.get());
            return;
        }
        send(new Command.ResetSubagent(new SubagentId(row.get().id()), false), "Resetting Subagent " + row.get().id());
    }

    private void send(Command command, String doing) {
        message.set(doing + " …");
        commands.send(command).thenAccept((Checked<CommandResponse> response) -> ui.execute(() ->
                message.set(response.isFail() ? command.typeName() + " failed: " + response.problemOption().orElseThrow().message()
                        : doing + ": accepted")));
    }

    private Optional<String> selectedAgentPath() {
        return selected.get().map(AgentRow::agentPath);
    }

    /** After a live change the selection shows the row's new state (the same Agent or Subagent). */
    private void reselect() {
        selected.set(selected.get().flatMap(r -> find(r.kind(), r.id())));
        update();
    }

    private Optional<AgentRow> find(AgentRow.Kind kind, String id) {
        return live.agents().stream().filter(r -> r.kind() == kind && r.id().equals(id)).findFirst();
    }

    private void update() {
        String permission = live.permissionsProperty().get().refusal(Command.Kind.RESET_AGENT);
        Optional<AgentRow> row = selected.get();
        Optional<AgentRow> agentRow = row.flatMap(r -> find(AgentRow.Kind.AGENT, r.agentPath()));
        resetAgentRefusal.set(!permission.isEmpty() ? permission : row.isEmpty() ? "Select an Agent or one of its Subagents" : "");
        forceResetRefusal.set(!resetAgentRefusal.get().isEmpty() ? resetAgentRefusal.get()
                : agentRow.map(a -> a.coupling() == AgentRow.Coupling.COUPLED).orElse(false)
                        ? "Agent " + agentRow.get().id() + " is coupled: reset it without force" : "");
        String subagentPermission = live.permissionsProperty().get().refusal(Command.Kind.RESET_SUBAGENT);
        resetSubagentRefusal.set(!subagentPermission.isEmpty() ? subagentPermission
                : row.isEmpty() || row.get().kind() != AgentRow.Kind.SUBAGENT ? "Select a Subagent"
                : row.get().director() ? "Subagent " + row.get().id() + " is a Director's own: reset its Agent instead" : "");
        String itemPermission = live.permissionsProperty().get().refusal(Permission.UpdateItem);
        toggleSubagentRefusal.set(!itemPermission.isEmpty() ? itemPermission
                : row.isEmpty() || row.get().kind() != AgentRow.Kind.SUBAGENT ? "Select a Subagent" : "");
    }
}
