package io.jobwerk.cockpit.workflows;

import io.jobwerk.cockpit.live.GroupCounts;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.live.WorkflowRow;
import io.jobwerk.cockpit.main.Navigator;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/**
 * The Workflows screen: the deployed workflows with their order counts per state group, and the
 * selected workflow (its current version, from the core's state) with the live counts of its orders
 * at each position, for the graph.
 */
public final class WorkflowsViewModel {

    private final LiveModel live;
    private final Navigator navigator;
    private final ReadOnlyStringWrapper selectedPath = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Optional<Workflow>> workflow = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyObjectWrapper<Map<Position, GroupCounts>> positionCounts = new ReadOnlyObjectWrapper<>(Map.of());

    private final WorkflowControl control;

    public WorkflowsViewModel(LiveModel live, Navigator navigator, io.jobwerk.cockpit.connection.CommandSender commands,
                              io.jobwerk.cockpit.ui.UiThread ui) {
        this.live = live;
        this.navigator = navigator;
        this.control = new WorkflowControl(commands, ui);
        live.stateProperty().addListener((o, a, b) -> refresh());
        control.permit(live.permissionsProperty().get());
        live.permissionsProperty().addListener((o, a, granted) -> control.permit(granted));
    }

    public ObservableList<WorkflowRow> rows() {
        return live.workflows();
    }

    public void select(String path) {
        selectedPath.set(path == null ? "" : path);
        refresh();
    }

    public ReadOnlyStringProperty selectedPathProperty() {
        return selectedPath.getReadOnlyProperty();
    }

    /** The selected workflow's current version; the graph is laid out again only when this changes. */
    public ReadOnlyObjectProperty<Optional<Workflow>> workflowProperty() {
        return workflow.getReadOnlyProperty();
    }

    /** Orders of the selected version per position (where they are now), by state group. */
    public ReadOnlyObjectProperty<Map<Position, GroupCounts>> positionCountsProperty() {
        return positionCounts.getReadOnlyProperty();
    }

    /** Suspend/resume the selected workflow, skip/stop its selected instruction. */
    public WorkflowControl control() {
        return control;
    }

    public void openOrders(StateGroup group) {
        navigator.showOrders(group, selectedPath.get());
    }

    private void refresh() {
        EngineState state = live.stateProperty().get();
        if (selectedPath.get().isEmpty()) {
            workflow.set(Optional.empty());
            positionCounts.set(Map.of());
            control.show(Optional.empty(), state);
            return;
        }
        Optional<Workflow> current = state.currentWorkflow(new WorkflowPath(selectedPath.get())).toOptional();
        if (!current.equals(workflow.get())) {
            workflow.set(current);
        }
        control.show(current, state);
        Map<Position, List<OrderRow>> byPosition = new HashMap<>();
        current.ifPresent(w -> {
            for (Order order : state.orders().values()) {
                if (order.workflowId().equals(w.id())) {
                    live.row(order.id().string()).ifPresent(row ->
                            byPosition.computeIfAbsent(order.position(), p -> new ArrayList<>()).add(row));
                }
            }
        });
        Map<Position, GroupCounts> counts = new HashMap<>();
        byPosition.forEach((p, rows) -> counts.put(p, GroupCounts.of(rows)));
        positionCounts.set(Map.copyOf(counts));
    }
}
