package io.jobwerk.cockpit.orders;

import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.cockpit.ui.Refusals;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The Orders screen: filters, the live table (multi-select, sortable by every column), the actions
 * for the selection (each asks first, naming what it affects) and the selected order's detail.
 */
public final class OrdersView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final DateTimeFormatter SHORT = DateTimeFormatter.ofPattern("MM-dd HH:mm z");

    private final OrdersScreen viewModel;
    private final Predicate<String> confirm;
    private final TableView<OrderRow> table;
    private final TextField filterText = new TextField();

    /** @param confirm asks the operator (the question names what is affected); true to go on */
    public OrdersView(OrdersScreen viewModel, ZoneId zone, Predicate<String> confirm,
                      java.util.function.Consumer<OrderRow> openLog, java.util.function.Consumer<OrderRow> openDetail) {
        this.viewModel = viewModel;
        this.confirm = confirm;
        getStyleClass().add("page");
        Label title = new Label(viewModel.title());
        title.getStyleClass().add("page-title");
        Label summary = new Label();
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(viewModel.summaryProperty());
        HBox head = new HBox(12, title, summary);
        head.setAlignment(Pos.BASELINE_LEFT);

        ComboBox<StateGroup> group = new ComboBox<>(FXCollections.observableArrayList(StateGroup.values()));
        group.getItems().add(0, null);
        group.setId("groupFilter");
        group.setButtonCell(groupCell());
        group.setCellFactory(l -> groupCell());
        group.valueProperty().bindBidirectional(viewModel.groupProperty());
        ComboBox<String> workflow = choice("All workflows", viewModel::workflowChoices);
        workflow.setId("workflowFilter");
        workflow.valueProperty().bindBidirectional(viewModel.workflowProperty());
        ComboBox<String> agent = choice("All Agents", viewModel::agentChoices);
        agent.setId("agentFilter");
        agent.valueProperty().bindBidirectional(viewModel.agentProperty());
        filterText.setId("orderFilter");
        filterText.setPromptText("Filter: id, workflow, step, state, reason  (" + KeyBinding.FOCUS_FILTER.displayText() + ")");
        filterText.setPrefColumnCount(28);
        filterText.textProperty().bindBidirectional(viewModel.textProperty());
        HBox filters = new HBox(8, group, workflow, agent, filterText);
        filters.getStyleClass().add("toolbar-row");

        OrderSelectionActions more = viewModel.actions();
        Button cancel = action("Cancel", "mdoal-cancel", KeyBinding.CANCEL_ORDERS, more.canCancelProperty(), () -> cancel(false));
        cancel.setId("cancelOrders");
        Button kill = action("Cancel and kill", "mdoal-delete_forever", KeyBinding.CANCEL_AND_KILL, more.canCancelProperty(), () -> cancel(true));
        kill.setId("cancelAndKill");
        Button suspend = action("Suspend", "mdmz-pause", KeyBinding.SUSPEND_ORDERS, more.canSuspendProperty(), this::suspend);
        suspend.setId("suspendOrders");
        Button resume = action("Resume", "mdmz-play_arrow", KeyBinding.RESUME_ORDERS, more.canResumeProperty(), more::resume);
        resume.setId("resumeOrders");
        Button suspendKill = new Button("Suspend and kill", Icons.icon("mdmz-pause_circle_outline"));
        suspendKill.setId("suspendAndKill");
        suspendKill.setTooltip(new Tooltip("Suspend the selected orders, kill their running jobs and leave a lock they wait for or hold"));
        suspendKill.disableProperty().bind(javafx.beans.binding.Bindings.not(more.canSuspendProperty()));
        suspendKill.setOnAction(e -> {
            if (confirm.test(more.describeSuspendAndKill())) {
                more.suspendAndKill();
            }
        });
        Button asSucceeded = action("Resume as succeeded", "mdoal-done_all", KeyBinding.RESUME_AS_SUCCEEDED, more.canResumeAsSucceededProperty(), () -> {
            if (confirm.test(more.describeResumeAsSucceeded())) {
                more.resumeAsSucceeded();
            }
        });
        asSucceeded.setId("resumeAsSucceeded");
        Button go = action("Go now", "mdoal-fast_forward", KeyBinding.GO_ORDERS, more.canGoProperty(), () -> {
            if (confirm.test(more.describeGo())) {
                more.go();
            }
        });
        go.setId("goOrders");
        Button answer = action("Answer prompt", "mdoal-check", KeyBinding.ANSWER_PROMPT, more.canAnswerProperty(), more::answerPrompt);
        answer.setId("answerPrompt");
        Button delete = new Button("Delete", Icons.icon("mdoal-delete"));
        delete.setId("deleteOrders");
        delete.setTooltip(new Tooltip("Remove the selected ended orders from the Controller (the history keeps them)"));
        delete.disableProperty().bind(javafx.beans.binding.Bindings.not(more.canDeleteProperty()));
        delete.setOnAction(e -> {
            if (confirm.test(more.describeDelete())) {
                more.delete();
            }
        });
        Label message = new Label();
        message.setId("ordersMessage");
        message.getStyleClass().add("muted");
        message.textProperty().bind(more.messageProperty());
        javafx.beans.binding.BooleanBinding noneSelected = javafx.beans.binding.Bindings.createBooleanBinding(
                () -> viewModel.detailProperty().get().isEmpty(), viewModel.detailProperty());
        Button log = new Button("Log", Icons.icon("mdoal-description"));
        log.setId("openLog");
        log.setTooltip(new Tooltip("The selected order's log, live (" + KeyBinding.OPEN_LOG.displayText() + ")"));
        log.disableProperty().bind(noneSelected);
        log.setOnAction(e -> viewModel.detailProperty().get().ifPresent(openLog));
        Button detailButton = new Button("Detail", Icons.icon("mdoal-assignment"));
        detailButton.setId("openOrderDetail");
        detailButton.setTooltip(new Tooltip(KeyBinding.OPEN_ORDER_DETAIL.description() + " (" + KeyBinding.OPEN_ORDER_DETAIL.displayText() + ")"));
        detailButton.disableProperty().bind(noneSelected);
        detailButton.setOnAction(e -> viewModel.detailProperty().get().ifPresent(openDetail));
        javafx.beans.value.ObservableStringValue refusal = more.refusalProperty();
        // A FlowPane, not an HBox: on a narrow window the actions wrap to a second row instead of being cut to "…"
        javafx.scene.layout.FlowPane actions = new javafx.scene.layout.FlowPane(8, 6, log, detailButton, new javafx.scene.control.Separator(Orientation.VERTICAL),
                Refusals.withReason(suspend, refusal), Refusals.withReason(suspendKill, refusal), Refusals.withReason(resume, refusal),
                Refusals.withReason(asSucceeded, refusal), Refusals.withReason(go, refusal), Refusals.withReason(answer, refusal),
                Refusals.withReason(cancel, refusal), Refusals.withReason(kill, refusal), Refusals.withReason(delete, refusal), message);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("toolbar-row");

        table = table(zone);
        table.setId("orders");
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<OrderRow> tableRow = new javafx.scene.control.TableRow<>();
            tableRow.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !tableRow.isEmpty()) {
                    openDetail.accept(tableRow.getItem());
                }
            });
            return tableRow;
        });
        VBox detail = new VBox();
        detail.getStyleClass().add("detail");
        detail.setId("orderDetail");
        viewModel.detailProperty().addListener((o, a, b) -> showDetail(detail, b, zone));
        showDetail(detail, viewModel.detailProperty().get(), zone);
        SplitPane split = new SplitPane(table, detail);
        split.setOrientation(Orientation.HORIZONTAL);
        split.setDividerPositions(0.76);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(head, filters, actions, split);

        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (KeyBinding.FOCUS_FILTER.combination().match(e)) {
                filterText.requestFocus();
                e.consume();
            } else if (KeyBinding.CANCEL_AND_KILL.combination().match(e) && !kill.isDisabled()) {
                kill.fire();
                e.consume();
            } else if (KeyBinding.CANCEL_ORDERS.combination().match(e) && !cancel.isDisabled() && !filterText.isFocused()) {
                cancel.fire();
                e.consume();
            } else if (KeyBinding.SUSPEND_ORDERS.combination().match(e) && !suspend.isDisabled()) {
                suspend.fire();
                e.consume();
            } else if (KeyBinding.RESUME_ORDERS.combination().match(e) && !resume.isDisabled()) {
                resume.fire();
                e.consume();
            } else if (KeyBinding.OPEN_LOG.combination().match(e) && !log.isDisabled()) {
                log.fire();
                e.consume();
            } else if (KeyBinding.OPEN_ORDER_DETAIL.combination().match(e) && !detailButton.isDisabled()) {
                detailButton.fire();
                e.consume();
            } else if (KeyBinding.ANSWER_PROMPT.combination().match(e) && !answer.isDisabled()) {
                answer.fire();
                e.consume();
            } else if (KeyBinding.RESUME_AS_SUCCEEDED.combination().match(e) && !asSucceeded.isDisabled()) {
                asSucceeded.fire();
                e.consume();
            } else if (KeyBinding.GO_ORDERS.combination().match(e) && !go.isDisabled()) {
                go.fire();
                e.consume();
            }
        });
    }

    /** Selects the order with this id, if it is shown (the quick search opens an order so). */
    public void selectOrder(String orderId) {
        for (OrderRow row : table.getItems()) {
            if (row.orderId().equals(orderId)) {
                table.getSelectionModel().clearSelection();
                table.getSelectionModel().select(row);
                table.scrollTo(row);
                return;
            }
        }
    }

    private void cancel(boolean kill) {
        if (confirm.test(viewModel.actions().describeCancel(kill))) {
            viewModel.actions().cancel(kill);
        }
    }

    private void suspend() {
        if (confirm.test(viewModel.actions().describeSuspend())) {
            viewModel.actions().suspend();
        }
    }

    private TableView<OrderRow> table(ZoneId zone) {
        TableView<OrderRow> t = new TableView<>(viewModel.rows());
        viewModel.rows().comparatorProperty().bind(t.comparatorProperty());
        t.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No order matches the filter."));
        TableColumn<OrderRow, String> id = column("Order", 150, OrderRow::orderId);
        TableColumn<OrderRow, String> workflow = column("Workflow", 130, OrderRow::workflowPath);
        TableColumn<OrderRow, String> step = column("Step", 120, r -> r.step().isEmpty() ? r.position() : r.step() + "  " + r.position());
        // Where the table is narrower than its columns want, the reasons give way, not the ids an operator reads first
        id.setMinWidth(140);
        workflow.setMinWidth(120);
        step.setMinWidth(100);
        TableColumn<OrderRow, OrderRow> state = new TableColumn<>("State");
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        state.setComparator(java.util.Comparator.comparing(OrderRow::group).thenComparing(OrderRow::state));
        state.setCellFactory(c -> new StateCell());
        state.setPrefWidth(124);
        state.setMinWidth(122); // "In progress" and "Suspended" with their icon, also beside the Controller column
        TableColumn<OrderRow, String> agent = column("Agent", 70, OrderRow::agentOrDash);
        agent.setMinWidth(66);
        TableColumn<OrderRow, java.math.BigDecimal> priority = new TableColumn<>("Priority");
        priority.setId("priorityColumn");
        priority.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().priority()));
        priority.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(java.math.BigDecimal value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : value.toPlainString());
            }
        });
        priority.setStyle("-fx-alignment: center-right;");
        priority.setPrefWidth(78);
        priority.setMinWidth(76);
        // scheduled for, or resumed at: when a waiting order goes on by itself (else empty, sorted last)
        TableColumn<OrderRow, Optional<java.time.Instant>> at = new TableColumn<>("Scheduled for");
        at.setId("scheduledForColumn");
        at.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().scheduledFor()));
        at.setComparator(java.util.Comparator.comparing((Optional<java.time.Instant> o) -> o.orElse(java.time.Instant.MAX)));
        at.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Optional<java.time.Instant> value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty || value == null ? null : value.map(v -> SHORT.format(v.atZone(zone))).orElse(""));
            }
        });
        at.setPrefWidth(140);
        at.setMinWidth(136);
        TableColumn<OrderRow, String> why = column("Why (obstacles, failure)", 250, OrderRow::whyText);
        t.getColumns().setAll(List.of(id, workflow, step, state, agent, priority, at, why));
        if (viewModel.showsControllers()) {
            TableColumn<OrderRow, String> controller = column("Controller", 96, r -> viewModel.controllerOf(r).orElse(""));
            controller.setId("controllerColumn");
            controller.setMinWidth(96);
            t.getColumns().add(0, controller);
        }
        t.setTableMenuButtonVisible(true); // the operator hides the columns it does not need
        t.getSelectionModel().getSelectedItems().addListener((ListChangeListener<OrderRow>) c ->
                viewModel.selectRows(t.getSelectionModel().getSelectedItems().stream().filter(java.util.Objects::nonNull).toList()));
        return t;
    }

    private static TableColumn<OrderRow, String> column(String title, double width, java.util.function.Function<OrderRow, String> value) {
        TableColumn<OrderRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static Button action(String text, String icon, KeyBinding key, javafx.beans.value.ObservableBooleanValue enabled, Runnable run) {
        Button b = new Button(text, Icons.icon(icon));
        b.setTooltip(new Tooltip(key.description() + " (" + key.displayText() + ")"));
        b.disableProperty().bind(javafx.beans.binding.Bindings.not(enabled));
        b.setOnAction(e -> run.run());
        return b;
    }

    private static ListCell<StateGroup> groupCell() {
        return new ListCell<>() {
            @Override
            protected void updateItem(StateGroup group, boolean empty) {
                super.updateItem(group, empty);
                if (empty || group == null) {
                    setText("All states");
                    setGraphic(Icons.icon("mdoal-filter_list"));
                } else {
                    setText(group.label());
                    setGraphic(Icons.icon(group.icon(), group.styleClass()));
                }
            }
        };
    }

    private static ComboBox<String> choice(String all, java.util.function.Supplier<List<String>> choices) {
        ComboBox<String> box = new ComboBox<>();
        box.setPrefWidth(170);
        box.setOnShowing(e -> {
            String value = box.getValue();
            List<String> items = new java.util.ArrayList<>();
            items.add("");
            items.addAll(choices.get());
            box.getItems().setAll(items);
            box.setValue(value);
        });
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(item == null || item.isEmpty() ? all : item);
            }
        });
        box.setCellFactory(l -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item == null || item.isEmpty() ? all : item);
            }
        });
        // the skin shows the converter's text of the value in the button, not the button cell's: "" is "All …"
        box.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String item) {
                return item == null || item.isEmpty() ? all : item;
            }

            @Override
            public String fromString(String text) {
                return all.equals(text) ? "" : text;
            }
        });
        box.setValue(""); // after the cells, so the button cell shows "All …"
        return box;
    }

    private void showDetail(VBox detail, Optional<OrderRow> selected, ZoneId zone) {
        detail.getChildren().clear();
        if (selected.isEmpty()) {
            Label empty = new Label("Select an order to see where it is and why it waits or failed.");
            empty.setWrapText(true);
            empty.getStyleClass().add("empty");
            detail.getChildren().add(empty);
            return;
        }
        OrderRow row = selected.get();
        Label id = new Label(row.orderId(), Icons.icon(row.group().icon(), row.group().styleClass()));
        id.getStyleClass().add("section-title");
        Label state = new Label(row.group().label() + " · " + row.state());
        state.getStyleClass().add(row.group().styleClass());
        Label where = new Label(viewModel.controllerOf(row).map(c -> "Controller " + c + " · ").orElse("")
                + "Workflow " + row.workflowPath() + " (version " + row.versionLabel() + ")");
        where.setWrapText(true);
        Label at = new Label("At " + (row.step().isEmpty() ? "" : row.step() + " ") + row.position()
                + row.agent().map(a -> " · Agent " + a).orElse(" · at the Controller"));
        at.setWrapText(true);
        detail.getChildren().addAll(id, state, where, at);
        row.scheduledFor().ifPresent(s -> detail.getChildren().add(new Label("Scheduled for " + TIME.format(s.atZone(zone)))));
        Label whyTitle = new Label(row.group() == StateGroup.FAILED ? "Why it failed" : "Why it waits");
        whyTitle.getStyleClass().add("section-title");
        detail.getChildren().add(whyTitle);
        if (row.why().isEmpty()) {
            detail.getChildren().add(new Label(row.group() == StateGroup.FINISHED ? "It has ended." : "Nothing holds it up."));
        }
        for (String reason : row.why()) {
            Label l = new Label("• " + reason);
            l.getStyleClass().add(reason.startsWith("Failed") ? "failed" : "why");
            l.setWrapText(true);
            detail.getChildren().add(l);
        }
        Region spacer = new Region();
        VBox.setVgrow(spacer, Priority.ALWAYS);
        detail.getChildren().add(spacer);
    }
}
