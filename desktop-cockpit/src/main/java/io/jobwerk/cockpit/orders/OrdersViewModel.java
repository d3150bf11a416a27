package io.jobwerk.cockpit.orders;

import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.SuspensionMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * The Orders screen: the live orders filtered by state group, workflow, Agent and text; the
 * selection and what can be done to it (cancel with or without kill, suspend, resume, answer a
 * prompt), each sent as one command for all selected orders it applies to; the selected order's
 * detail with why it waits or failed. The outcome of the last action is {@link #messageProperty}.
 */
public final class OrdersViewModel {

    private final LiveModel live;
    private final CommandSender commands;
    private final UiThread ui;

    private final ObjectProperty<StateGroup> group = new SimpleObjectProperty<>();
    private final StringProperty workflow = new SimpleStringProperty("");
    private final StringProperty agent = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final FilteredList<OrderRow> filtered;
    private final SortedList<OrderRow> sorted;
    private final ObservableList<String> selectedIds = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Optional<OrderRow>> detail = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyBooleanWrapper canCancel = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canSuspend = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canResume = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canAnswer = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public OrdersViewModel(LiveModel live, CommandSender commands, UiThread ui) {
        this.live = live;
        this.commands = commands;
        this.ui = ui;
        this.filtered = new FilteredList<>(live.orders(), row -> true);
        this.sorted = new SortedList<>(filtered);
        group.addListener((o, a, b) -> refilter());
        workflow.addListener((o, a, b) -> refilter());
        agent.addListener((o, a, b) -> refilter());
        text.addListener((o, a, b) -> refilter());
        live.orders().addListener((ListChangeListener<OrderRow>) c -> selectionChanged());
        selectedIds.addListener((ListChangeListener<String>) c -> selectionChanged());
        filtered.addListener((ListChangeListener<OrderRow>) c -> updateSummary());
        updateSummary();
    }

    public ObjectProperty<StateGroup> groupProperty() {
        return group;
    }

    public StringProperty workflowProperty() {
        return workflow;
    }

    public StringProperty agentProperty() {
        return agent;
    }

    public StringProperty textProperty() {
        return text;
    }

    /** The filtered orders; a view binds its comparator to {@link SortedList#comparatorProperty()}. */
    public SortedList<OrderRow> rows() {
        return sorted;
    }

    /** The workflow paths and Agents there are, for the filter choices. */
    public List<String> workflowChoices() {
        return live.workflows().stream().map(w -> w.path()).toList();
    }

    public List<String> agentChoices() {
        return live.agents().stream().filter(a -> a.kind() == io.jobwerk.cockpit.live.AgentRow.Kind.AGENT).map(a -> a.id()).toList();
    }

    public void select(List<String> orderIds) {
        selectedIds.setAll(orderIds);
    }

    public ReadOnlyObjectProperty<Optional<OrderRow>> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCancelProperty() {
        return canCancel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canSuspendProperty() {
        return canSuspend.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return canResume.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canAnswerProperty() {
        return canAnswer.getReadOnlyProperty();
    }

    /** What the last action did, or its problem. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** e.g. {@code 12 of 340 orders} */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The selected orders a cancel applies to (not ended yet). */
    public List<OrderRow> cancellable() {
        return selected(row -> row.group() != StateGroup.FINISHED);
    }

    public List<OrderRow> suspendable() {
        return selected(row -> row.group() != StateGroup.FINISHED && row.group() != StateGroup.SUSPENDED
                && !row.state().contains("suspending"));
    }

    public List<OrderRow> resumable() {
        return selected(row -> row.group() == StateGroup.SUSPENDED || row.group() == StateGroup.FAILED
                || row.state().contains("suspending"));
    }

    public List<OrderRow> prompting() {
        return selected(row -> row.group() == StateGroup.PROMPTING);
    }

    /** Says what a cancel would affect, for the confirmation: {@code Cancel 2 orders (a, b) and kill their running jobs?} */
    public String describeCancel(boolean kill) {
        List<OrderRow> rows = cancellable();
        return "Cancel " + count(rows.size()) + " (" + names(rows) + ")" + (kill ? " and kill their running jobs" : "") + "?";
    }

    public void cancel(boolean kill) {
        List<OrderId> ids = ids(cancellable());
        send(new Command.CancelOrders(ids, kill ? CancellationMode.kill(false) : new CancellationMode.FreshOrStarted(Optional.empty())),
                (kill ? "Cancelling (kill) " : "Cancelling ") + count(ids.size()));
    }

    public void suspend() {
        List<OrderId> ids = ids(suspendable());
        send(new Command.SuspendOrders(ids, SuspensionMode.STANDARD), "Suspending " + count(ids.size()));
    }

    public void resume() {
        List<OrderId> ids = ids(resumable());
        send(new Command.ResumeOrders(ids, false, java.util.Optional.empty()), "Resuming " + count(ids.size()));
    }

    public void answerPrompt() {
        for (OrderRow row : prompting()) {
            send(new Command.AnswerOrderPrompt(new OrderId(row.orderId())), "Answered the prompt of " + row.orderId());
        }
    }

    private void send(Command command, String done) {
        if (command instanceof Command.CancelOrders c && c.orderIds().isEmpty()
                || command instanceof Command.SuspendOrders s && s.orderIds().isEmpty()
                || command instanceof Command.ResumeOrders r && r.orderIds().isEmpty()) {
            message.set("None of the selected orders can be changed so");
            return;
        }
        message.set(done + " …");
        commands.send(command).thenAccept((Checked<CommandResponse> response) -> ui.execute(() ->
                message.set(response.isFail() ? command.typeName() + " failed: " + response.problemOption().orElseThrow().message() : done)));
    }

    private List<OrderRow> selected(Predicate<OrderRow> predicate) {
        List<OrderRow> rows = new ArrayList<>();
        for (String id : selectedIds) {
            live.row(id).filter(predicate).ifPresent(rows::add);
        }
        return rows;
    }

    private void selectionChanged() {
        detail.set(selectedIds.size() == 1 ? live.row(selectedIds.get(0)) : Optional.empty());
        canCancel.set(!cancellable().isEmpty());
        canSuspend.set(!suspendable().isEmpty());
        canResume.set(!resumable().isEmpty());
        canAnswer.set(!prompting().isEmpty());
    }

    private void refilter() {
        StateGroup g = group.get();
        String w = workflow.get() == null ? "" : workflow.get();
        String a = agent.get() == null ? "" : agent.get();
        String t = text.get() == null ? "" : text.get().trim().toLowerCase(Locale.ROOT);
        filtered.setPredicate(row -> (g == null || row.group() == g)
                && (w.isEmpty() || row.workflowPath().equals(w))
                && (a.isEmpty() || row.agent().filter(a::equals).isPresent())
                && (t.isEmpty() || matches(row, t)));
        updateSummary();
    }

    private static boolean matches(OrderRow row, String lowerText) {
        return row.orderId().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.workflowPath().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.step().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.state().toLowerCase(Locale.ROOT).contains(lowerText)
                || row.whyText().toLowerCase(Locale.ROOT).contains(lowerText);
    }

    private void updateSummary() {
        summary.set(filtered.size() + " of " + count(live.orders().size()));
    }

    private static List<OrderId> ids(List<OrderRow> rows) {
        return rows.stream().map(r -> new OrderId(r.orderId())).toList();
    }

    private static String count(int n) {
        return n + (n == 1 ? " order" : " orders");
    }

    private static String names(List<OrderRow> rows) {
        String shown = rows.stream().limit(5).map(OrderRow::orderId).collect(Collectors.joining(", "));
        return rows.size() > 5 ? shown + " … " + (rows.size() - 5) + " more" : shown;
    }
}
