package io.jobwerk.cockpit.workflows;

import io.jobwerk.cockpit.graph.WorkflowGraphBuilder;
import io.jobwerk.cockpit.graph.WorkflowGraphView;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.live.WorkflowRow;
import io.jobwerk.cockpit.ui.Icons;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The Workflows screen: the workflows with order counts per state group, and the selected one's live graph. */
public final class WorkflowsView extends VBox {

    public WorkflowsView(WorkflowsViewModel viewModel) {
        getStyleClass().add("page");
        Label title = new Label("Workflows");
        title.getStyleClass().add("page-title");

        TableView<WorkflowRow> table = new TableView<>(viewModel.rows());
        table.setId("workflows");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No workflow is deployed."));
        TableColumn<WorkflowRow, String> path = new TableColumn<>("Workflow");
        path.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().path()
                + (c.getValue().suspended() ? "  (suspended)" : "")));
        path.setPrefWidth(170);
        path.setMinWidth(150);
        TableColumn<WorkflowRow, Number> total = new TableColumn<>("Orders");
        total.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().total()));
        total.setPrefWidth(64);
        total.setMinWidth(72);
        total.setStyle("-fx-alignment: center-right;");
        TableColumn<WorkflowRow, WorkflowRow> counts = new TableColumn<>("By state");
        counts.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        counts.setSortable(false);
        counts.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(WorkflowRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                javafx.scene.layout.HBox chips = new javafx.scene.layout.HBox(4);
                for (StateGroup group : StateGroup.values()) {
                    int n = row.counts().count(group);
                    if (n > 0) {
                        Label chip = new Label(Integer.toString(n), Icons.icon(group.icon(), group.styleClass()));
                        chip.getStyleClass().addAll("chip", group.styleClass());
                        chip.setTooltip(new javafx.scene.control.Tooltip(n + " " + group.label().toLowerCase(java.util.Locale.ROOT)));
                        chips.getChildren().add(chip);
                    }
                }
                setGraphic(chips.getChildren().isEmpty() ? new Label("—") : chips);
            }
        });
        table.getColumns().setAll(java.util.List.of(path, total, counts));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null && !b.path().equals(viewModel.selectedPathProperty().get())) {
                viewModel.select(b.path());
            }
        });
        viewModel.selectedPathProperty().addListener((o, a, b) -> {
            WorkflowRow selected = table.getSelectionModel().getSelectedItem();
            if (selected == null || !selected.path().equals(b)) {
                table.getItems().stream().filter(r -> r.path().equals(b)).findFirst().ifPresent(r -> table.getSelectionModel().select(r));
            }
        });

        WorkflowGraphView graph = new WorkflowGraphView();
        graph.setId("workflowGraph");
        graph.setOnBadgeClicked((node, group) -> viewModel.openOrders(group));
        Label graphTitle = new Label();
        graphTitle.getStyleClass().add("section-title");
        Label empty = new Label("Select a workflow to see its instructions and where its orders are.");
        empty.getStyleClass().add("empty");
        StackPane graphArea = new StackPane(empty);
        VBox.setVgrow(graphArea, Priority.ALWAYS);
        VBox right = new VBox(8, graphTitle, graphArea);
        right.setAlignment(Pos.TOP_LEFT);
        viewModel.workflowProperty().addListener((o, a, b) -> {
            if (b.isPresent()) {
                graph.setGraph(WorkflowGraphBuilder.of(b.get()));
                graph.setCounts(viewModel.positionCountsProperty().get());
                graphTitle.setText(b.get().path() + "  ·  version " + b.get().id().versionId());
                graphArea.getChildren().setAll(graph);
            } else {
                graphTitle.setText("");
                graphArea.getChildren().setAll(empty);
            }
        });
        viewModel.positionCountsProperty().addListener((o, a, b) -> graph.setCounts(b));

        SplitPane split = new SplitPane(table, right);
        split.setDividerPositions(0.36);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(title, split);
    }
}
