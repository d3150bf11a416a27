package io.jobwerk.cockpit.workflows;

import io.jobwerk.cockpit.graph.WorkflowGraphBuilder;
import io.jobwerk.cockpit.graph.WorkflowGraphView;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.live.WorkflowRow;
import io.jobwerk.cockpit.ui.Icons;
import java.util.Optional;
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

/**
 * The Workflows screen: the workflows with order counts per state group, and the selected one's live
 * graph; suspend/resume the workflow, click an instruction to skip it or stop orders there.
 */
public final class WorkflowsView extends VBox {

    private static javafx.scene.Node controls(WorkflowControl control, java.util.function.Predicate<String> confirm) {
        javafx.scene.control.Button suspend = new javafx.scene.control.Button();
        suspend.setId("workflowSuspend");
        suspend.textProperty().bind(javafx.beans.binding.Bindings.when(control.suspendedProperty()).then("Resume workflow").otherwise("Suspend workflow"));
        suspend.graphicProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> Icons.icon(control.suspendedProperty().get() ? "mdmz-play_arrow" : "mdmz-pause"), control.suspendedProperty()));
        suspend.disableProperty().bind(control.suspendReasonProperty().isNotEmpty());
        suspend.setOnAction(e -> {
            if (confirm.test(control.describeSuspend())) {
                control.toggleSuspend();
            }
        });
        javafx.scene.control.Button skip = new javafx.scene.control.Button();
        skip.setId("instructionSkip");
        skip.textProperty().bind(javafx.beans.binding.Bindings.when(control.skippedProperty()).then("Do not skip").otherwise("Skip instruction"));
        skip.setGraphic(Icons.icon("mdmz-skip_next"));
        skip.disableProperty().bind(control.skipReasonProperty().isNotEmpty());
        skip.setOnAction(e -> control.toggleSkip());
        javafx.scene.control.Button stop = new javafx.scene.control.Button();
        stop.setId("instructionStop");
        stop.textProperty().bind(javafx.beans.binding.Bindings.when(control.stoppedProperty()).then("Do not stop here").otherwise("Stop orders here"));
        stop.setGraphic(Icons.icon("mdoal-block"));
        stop.disableProperty().bind(control.stopReasonProperty().isNotEmpty());
        stop.setOnAction(e -> control.toggleStop());
        javafx.scene.control.Button add = new javafx.scene.control.Button("Add order …", Icons.icon("mdoal-add_circle_outline"));
        add.setId("workflowAddOrder");
        add.disableProperty().bind(control.addOrderReasonProperty().isNotEmpty());
        add.setOnAction(e -> control.addOrderForm().ifPresent(form -> AddOrderDialog.show(form, add).ifPresent(control::addOrder)));
        javafx.scene.control.Button transfer = new javafx.scene.control.Button("Transfer orders", Icons.icon("mdoal-call_merge"));
        transfer.setId("workflowTransfer");
        transfer.disableProperty().bind(control.transferReasonProperty().isNotEmpty());
        transfer.setOnAction(e -> {
            if (confirm.test(control.describeTransfer())) {
                control.transferToCurrentVersion();
            }
        });
        Label message = new Label();
        message.setId("workflowMessage");
        message.getStyleClass().add("muted");
        message.textProperty().bind(control.messageProperty());
        return new javafx.scene.layout.HBox(8,
                io.jobwerk.cockpit.ui.Refusals.withReason(add, control.addOrderReasonProperty(), "A new order of this workflow, with its declared parameters"),
                io.jobwerk.cockpit.ui.Refusals.withReason(suspend, control.suspendReasonProperty(), "Orders of this workflow (all versions) stop before their next instruction, or go on"),
                io.jobwerk.cockpit.ui.Refusals.withReason(skip, control.skipReasonProperty(),
                "Orders pass this instruction without executing it"), io.jobwerk.cockpit.ui.Refusals.withReason(stop, control.stopReasonProperty(),
                "Orders arriving here are suspended (a breakpoint of this version)"),
                io.jobwerk.cockpit.ui.Refusals.withReason(transfer, control.transferReasonProperty(),
                "Move the orders of older versions to this, the current version"), message);
    }

    public WorkflowsView(WorkflowsViewModel viewModel, java.util.function.Predicate<String> confirm) {
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
        WorkflowControl control = viewModel.control();
        graph.setOnNodeClicked(node -> {
            control.selectNode(Optional.of(node));
            graph.markSelected(node.id());
        });
        javafx.scene.Node controls = controls(control, confirm);
        controls.visibleProperty().bind(viewModel.workflowProperty().isNotEqualTo(Optional.empty()));
        Runnable markGraph = () -> {
            var w = viewModel.workflowProperty().get();
            java.util.Set<String> skippedIds = new java.util.HashSet<>();
            java.util.Set<String> stoppedIds = new java.util.HashSet<>();
            w.ifPresent(workflow -> io.jobwerk.cockpit.graph.WorkflowGraphBuilder.of(workflow).nodes().forEach(n -> n.position().ifPresent(p -> {
                if (workflow.label(p).filter(control.skippedLabelsProperty().get()::contains).isPresent()) {
                    skippedIds.add(n.id());
                }
                if (control.breakpointsProperty().get().contains(p)) {
                    stoppedIds.add(n.id());
                }
            })));
            graph.mark("skipped", skippedIds);
            graph.mark("stopped", stoppedIds);
        };
        control.skippedLabelsProperty().addListener((o, a, b) -> markGraph.run());
        control.breakpointsProperty().addListener((o, a, b) -> markGraph.run());
        VBox right = new VBox(8, graphTitle, controls, graphArea);
        right.setAlignment(Pos.TOP_LEFT);
        java.util.function.Consumer<Optional<io.jobwerk.engine.workflow.Workflow>> showWorkflow = b -> {
            if (b.isPresent()) {
                graph.setGraph(WorkflowGraphBuilder.of(b.get()));
                graph.setCounts(viewModel.positionCountsProperty().get());
                graphTitle.setText(b.get().path() + "  ·  version " + b.get().id().versionId());
                graphArea.getChildren().setAll(graph);
                markGraph.run();
            } else {
                graphTitle.setText("");
                graphArea.getChildren().setAll(empty);
            }
        };
        viewModel.workflowProperty().addListener((o, a, b) -> showWorkflow.accept(b));
        showWorkflow.accept(viewModel.workflowProperty().get()); // the page is built when first shown: maybe with one selected
        table.getItems().stream().filter(r -> r.path().equals(viewModel.selectedPathProperty().get())).findFirst()
                .ifPresent(r -> table.getSelectionModel().select(r));
        viewModel.positionCountsProperty().addListener((o, a, b) -> graph.setCounts(b));

        table.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(WorkflowRow row, boolean empty) {
                super.updateItem(row, empty);
                getStyleClass().remove("suspended-row");
                if (!empty && row != null && row.suspended()) {
                    getStyleClass().add("suspended-row");
                }
            }
        });
        SplitPane split = new SplitPane(table, right);
        split.setDividerPositions(0.36);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(title, split);
    }
}
