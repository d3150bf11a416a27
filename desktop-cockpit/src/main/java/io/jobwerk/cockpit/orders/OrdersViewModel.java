package io.jobwerk.cockpit.orders;

import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.UiThread;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
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
 * selection and what can be done to it ({@link OrderActions}); the selected order's detail with why
 * it waits or failed. The outcome of the last action is {@link #messageProperty}.
 */
public final class OrdersViewModel implements OrdersScreen {

    private final LiveModel live;

    private final ObjectProperty<StateGroup> group = new SimpleObjectProperty<>();
    private final StringProperty workflow = new SimpleStringProperty("");
    private final StringProperty agent = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final FilteredList<OrderRow> filtered;
    private final SortedList<OrderRow> sorted;
    private final ObservableList<String> selectedIds = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Optional<OrderRow>> detail = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final OrderActions actions;
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public OrdersViewModel(LiveModel live, CommandSender commands, UiThread ui) {
        this.live = live;
        this.actions = new OrderActions(live, commands, ui);
        this.filtered = new FilteredList<>(live.orders(), row -> true);
        this.sorted = new SortedList<>(filtered);
        group.addListener((o, a, b) -> refilter());
        workflow.addListener((o, a, b) -> refilter());
        agent.addListener((o, a, b) -> refilter());
        text.addListener((o, a, b) -> refilter());
        live.orders().addListener((ListChangeListener<OrderRow>) c -> {
            selectionChanged();
            updateSummary(); // the total changes also when no filtered row does
        });
        selectedIds.addListener((ListChangeListener<String>) c -> selectionChanged());
        filtered.addListener((ListChangeListener<OrderRow>) c -> updateSummary());
        updateSummary();
    }

    @Override
    public String title() {
        return "Orders";
    }

    @Override
    public ObjectProperty<StateGroup> groupProperty() {
        return group;
    }

    @Override
    public StringProperty workflowProperty() {
        return workflow;
    }

    @Override
    public StringProperty agentProperty() {
        return agent;
    }

    @Override
    public StringProperty textProperty() {
        return text;
    }

    /** The filtered orders; a view binds its comparator to {@link SortedList#comparatorProperty()}. */
    @Override
    public SortedList<OrderRow> rows() {
        return sorted;
    }

    /** The workflow paths and Agents there are, for the filter choices. */
    @Override
    public List<String> workflowChoices() {
        return live.workflows().stream().map(w -> w.path()).toList();
    }

    @Override
    public List<String> agentChoices() {
        return live.agents().stream().filter(a -> a.kind() == io.jobwerk.cockpit.live.AgentRow.Kind.AGENT).map(a -> a.id()).toList();
    }

    @Override
    public void selectRows(List<OrderRow> rows) {
        select(rows.stream().map(OrderRow::orderId).toList());
    }

    public void select(List<String> orderIds) {
        selectedIds.setAll(orderIds);
        actions.select(orderIds);
    }

    @Override
    public ReadOnlyObjectProperty<Optional<OrderRow>> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCancelProperty() {
        return actions.canCancelProperty();
    }

    public ReadOnlyBooleanProperty canSuspendProperty() {
        return actions.canSuspendProperty();
    }

    public ReadOnlyBooleanProperty canResumeProperty() {
        return actions.canResumeProperty();
    }

    public ReadOnlyBooleanProperty canAnswerProperty() {
        return actions.canAnswerProperty();
    }

    /** What the last action did, or its problem. */
    public ReadOnlyStringProperty messageProperty() {
        return actions.messageProperty();
    }

    /** e.g. {@code 12 of 340 orders} */
    @Override
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The actions on the selected orders (the same as the order detail's). */
    @Override
    public OrderActions actions() {
        return actions;
    }

    public List<OrderRow> cancellable() {
        return actions.cancellable();
    }

    public List<OrderRow> suspendable() {
        return actions.suspendable();
    }

    public List<OrderRow> resumable() {
        return actions.resumable();
    }

    public List<OrderRow> prompting() {
        return actions.prompting();
    }

    /** Says what a cancel would affect, for the confirmation: {@code Cancel 2 orders (a, b) and kill their running jobs?} */
    public String describeCancel(boolean kill) {
        return actions.describeCancel(kill);
    }

    public void cancel(boolean kill) {
        actions.cancel(kill);
    }

    public void suspend() {
        actions.suspend();
    }

    public void resume() {
        actions.resume();
    }

    public void answerPrompt() {
        actions.answerPrompt();
    }

    private void selectionChanged() {
        detail.set(selectedIds.size() == 1 ? live.row(selectedIds.get(0)) : Optional.empty());
    }

    private void refilter() {
        filtered.setPredicate(new OrderFilter(group.get(), workflow.get(), agent.get(), text.get()));
        updateSummary();
    }

    private void updateSummary() {
        summary.set(filtered.size() + " of " + count(live.orders().size()));
    }

    private static String count(int n) {
        return OrderActions.count(n);
    }
}
