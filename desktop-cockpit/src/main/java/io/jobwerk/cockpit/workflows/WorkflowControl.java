package io.jobwerk.cockpit.workflows;

import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.connection.UserPermissions;
import io.jobwerk.cockpit.graph.WorkflowGraph;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.state.WorkflowPathControl;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Controlling the selected workflow as JS7's Workflows view does: suspend or resume the workflow
 * (its path: every version; orders stop before their next instruction), and for the selected
 * instruction skip it (JS7 skips by label, so only a labelled instruction can be skipped; the
 * reason is {@link #skipReasonProperty}) or stop at it (a breakpoint of this version: an order
 * arriving there is suspended); transfer the orders of older versions to the shown, current one
 * ({@code TransferOrders}). What is set follows the Controller's state, not what was asked.
 */
public final class WorkflowControl {

    private final CommandSender commands;
    private final UiThread ui;
    private final ReadOnlyBooleanWrapper suspended = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Optional<WorkflowGraph.Node>> node = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper skipReason = new ReadOnlyStringWrapper("Select an instruction in the graph");
    private final ReadOnlyStringWrapper stopReason = new ReadOnlyStringWrapper("Select an instruction in the graph");
    private final ReadOnlyBooleanWrapper skipped = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper stopped = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Set<Label>> skippedLabels = new ReadOnlyObjectWrapper<>(Set.of());
    private final ReadOnlyObjectWrapper<Set<Position>> breakpoints = new ReadOnlyObjectWrapper<>(Set.of());
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper suspendReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper addOrderReason = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper transferReason = new ReadOnlyStringWrapper("");
    private Map<WorkflowId, Long> olderVersionOrders = Map.of();
    private Optional<Workflow> workflow = Optional.empty();
    private EngineState state = EngineState.EMPTY;
    private UserPermissions permissions = UserPermissions.unknown("");

    public WorkflowControl(CommandSender commands, UiThread ui) {
        this.commands = commands;
        this.ui = ui;
    }

    /** The workflow shown and the Controller's state, on every change. */
    void show(Optional<Workflow> shown, EngineState current) {
        if (!shown.map(Workflow::id).equals(workflow.map(Workflow::id))) {
            node.set(Optional.empty());
        }
        workflow = shown;
        state = current;
        update();
    }

    /** The user's permissions: what it may not send is disabled, with the reason. */
    void permit(UserPermissions granted) {
        permissions = granted;
        update();
    }

    /** Why the workflow cannot be suspended or resumed by this user; empty when it can. */
    public ReadOnlyStringProperty suspendReasonProperty() {
        return suspendReason.getReadOnlyProperty();
    }

    /** Why this user cannot add an order; empty when it can. */
    public ReadOnlyStringProperty addOrderReasonProperty() {
        return addOrderReason.getReadOnlyProperty();
    }

    /** Why no order can be transferred to the shown (current) version: none runs an older one, or the user may not; empty when it can. */
    public ReadOnlyStringProperty transferReasonProperty() {
        return transferReason.getReadOnlyProperty();
    }

    /** {@code Transfer 3 orders of ops/etl from versions 1, 2 to the current version 3? …} */
    public String describeTransfer() {
        long n = olderVersionOrders.values().stream().mapToLong(Long::longValue).sum();
        String versions = olderVersionOrders.keySet().stream().map(id -> id.versionId().string()).sorted().collect(Collectors.joining(", "));
        return "Transfer " + n + (n == 1 ? " order" : " orders") + " of " + workflow.map(w -> w.path().string()).orElse("")
                + " from " + (olderVersionOrders.size() == 1 ? "version " : "versions ") + versions + " to the current version "
                + workflow.map(w -> w.id().versionId().string()).orElse("") + "? Each goes on at the same position of the new version.";
    }

    /** {@code TransferOrders} for each older version that has orders (a {@code Batch} when several). */
    public void transferToCurrentVersion() {
        List<Command> transfers = olderVersionOrders.keySet().stream().sorted(java.util.Comparator.comparing(id -> id.versionId().string()))
                .map(id -> (Command) new Command.TransferOrders(id)).toList();
        if (transfers.isEmpty() || workflow.isEmpty()) {
            return;
        }
        send(transfers.size() == 1 ? transfers.get(0) : new Command.Batch(transfers),
                "Transferred the orders of " + workflow.get().path() + " to version " + workflow.get().id().versionId().string());
    }

    public void selectNode(Optional<WorkflowGraph.Node> selected) {
        node.set(selected);
        update();
    }

    public ReadOnlyBooleanProperty suspendedProperty() {
        return suspended.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Optional<WorkflowGraph.Node>> nodeProperty() {
        return node.getReadOnlyProperty();
    }

    /** Why the selected instruction cannot be skipped; empty when it can. */
    public ReadOnlyStringProperty skipReasonProperty() {
        return skipReason.getReadOnlyProperty();
    }

    /** Why no breakpoint can be set at the selection; empty when it can. */
    public ReadOnlyStringProperty stopReasonProperty() {
        return stopReason.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty skippedProperty() {
        return skipped.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stoppedProperty() {
        return stopped.getReadOnlyProperty();
    }

    /** The labels skipped on this workflow's path, for marking the graph. */
    public ReadOnlyObjectProperty<Set<Label>> skippedLabelsProperty() {
        return skippedLabels.getReadOnlyProperty();
    }

    /** The positions orders stop at in this version, for marking the graph. */
    public ReadOnlyObjectProperty<Set<Position>> breakpointsProperty() {
        return breakpoints.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The form to add an order to the shown workflow, from its declared parameters. */
    public Optional<AddOrderForm> addOrderForm() {
        return workflow.map(AddOrderForm::new);
    }

    /** Sends an order the form checked. */
    public void addOrder(Command.AddOrder command) {
        send(command, "Added order " + command.order().id().string());
    }

    public String describeSuspend() {
        String path = workflow.map(w -> w.path().string()).orElse("");
        return suspended.get() ? "Resume workflow " + path + "? Its orders go on."
                : "Suspend workflow " + path + "? Its orders (all versions) stop before their next instruction until it is resumed.";
    }

    public void toggleSuspend() {
        workflow.ifPresent(w -> send(new Command.ControlWorkflowPath(w.path(), Optional.of(!suspended.get()), Map.of()),
                (suspended.get() ? "Resumed " : "Suspended ") + w.path()));
    }

    public void toggleSkip() {
        Optional<Label> label = selectedLabel();
        if (workflow.isEmpty() || label.isEmpty()) {
            return;
        }
        boolean skip = !skipped.get();
        send(new Command.ControlWorkflowPath(workflow.get().path(), Optional.empty(), Map.of(label.get(), skip)),
                skip ? "Orders skip " + label.get().string() : "Orders run " + label.get().string() + " again");
    }

    public void toggleStop() {
        Optional<Position> position = node.get().flatMap(WorkflowGraph.Node::position);
        if (workflow.isEmpty() || position.isEmpty()) {
            return;
        }
        boolean stop = !stopped.get();
        send(new Command.ControlWorkflow(workflow.get().id(), stop ? Set.of(position.get()) : Set.of(), stop ? Set.of() : Set.of(position.get())),
                (stop ? "Orders stop at " : "Orders no longer stop at ") + position.get());
    }

    private Optional<Label> selectedLabel() {
        return workflow.flatMap(w -> node.get().flatMap(WorkflowGraph.Node::position).flatMap(w::label));
    }

    private void update() {
        Optional<WorkflowPathControl> control = workflow.flatMap(w -> state.pathControl(w.path()));
        suspended.set(control.map(WorkflowPathControl::suspended).orElse(false));
        skippedLabels.set(control.map(WorkflowPathControl::skip).orElse(Set.of()));
        breakpoints.set(workflow.map(w -> state.breakpoints(w.id())).orElse(Set.of()));
        Optional<Position> position = node.get().flatMap(WorkflowGraph.Node::position);
        Optional<Label> label = selectedLabel();
        suspendReason.set(permissions.refusal(Command.Kind.CONTROL_WORKFLOW_PATH));
        addOrderReason.set(permissions.refusal(Command.Kind.ADD_ORDER));
        olderVersionOrders = workflow.map(w -> state.orders().values().stream()
                .filter(o -> o.workflowId().path().equals(w.path()) && !o.workflowId().equals(w.id()))
                .collect(Collectors.groupingBy(o -> o.workflowId(), Collectors.counting()))).orElse(Map.of());
        String transferRefusal = permissions.refusal(Command.Kind.TRANSFER_ORDERS);
        transferReason.set(!transferRefusal.isEmpty() ? transferRefusal : olderVersionOrders.isEmpty()
                ? "No order runs an older version of " + workflow.map(w -> w.path().string()).orElse("this workflow") : "");
        String skipRefusal = permissions.refusal(Command.Kind.CONTROL_WORKFLOW_PATH);
        String stopRefusal = permissions.refusal(Command.Kind.CONTROL_WORKFLOW);
        skipReason.set(!skipRefusal.isEmpty() ? skipRefusal : position.isEmpty() ? "Select an instruction in the graph"
                : label.isEmpty() ? "Only an instruction with a label can be skipped (JS7 skips by label); this one has none" : "");
        stopReason.set(!stopRefusal.isEmpty() ? stopRefusal : position.isEmpty() ? "Select an instruction in the graph" : "");
        skipped.set(label.map(skippedLabels.get()::contains).orElse(false));
        stopped.set(position.map(breakpoints.get()::contains).orElse(false));
    }

    private void send(Command command, String done) {
        message.set(done + " …");
        commands.send(command).thenAccept((Checked<CommandResponse> response) -> ui.execute(() ->
                message.set(response.isFail() ? command.typeName() + " failed: " + response.problemOption().orElseThrow().message() : done)));
    }
}
