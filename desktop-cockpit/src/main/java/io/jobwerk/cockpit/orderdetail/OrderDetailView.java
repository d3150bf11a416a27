package io.jobwerk.cockpit.orderdetail;

import io.jobwerk.cockpit.connection.OrderEventLine;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.orders.OrderActions;
import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.cockpit.ui.Refusals;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * The order detail page: what the order is and why it waits or failed, the actions that apply
 * (each destructive one asks first, naming the order), its steps on a time axis, its variables,
 * return values and events.
 */
public final class OrderDetailView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS z");

    private final OrderDetailViewModel viewModel;
    private final ZoneId zone;
    private final GanttChart gantt;
    private final Label title = new Label();
    private final Label state = new Label();
    private final GridPane facts = new GridPane();
    private final VBox why = new VBox(2);

    /**
     * @param confirm     asks the operator (the question names what is affected); true to go on
     * @param openLog     opens an order's log
     * @param showInOrders shows an order in the Orders table
     */
    public OrderDetailView(OrderDetailViewModel viewModel, ZoneId zone, Predicate<String> confirm,
                           Consumer<String> openLog, Consumer<String> showInOrders) {
        this.viewModel = viewModel;
        this.zone = zone;
        this.gantt = new GanttChart(zone);
        getStyleClass().add("page");
        setId("orderDetailPage");
        getStylesheets().add(OrderDetailView.class.getResource("/io/jobwerk/cockpit/orderdetail/orderdetail.css").toExternalForm());

        title.getStyleClass().add("page-title");
        title.setId("orderDetailTitle");
        Button log = new Button("Log", Icons.icon("mdoal-description"));
        log.setId("detailOpenLog");
        log.setTooltip(new Tooltip("The order's log, live (" + KeyBinding.OPEN_LOG.displayText() + ")"));
        log.setOnAction(e -> openLog.accept(viewModel.orderIdProperty().get()));
        Button inOrders = new Button("Show in Orders", Icons.icon("mdoal-list_alt"));
        inOrders.setOnAction(e -> showInOrders.accept(viewModel.orderIdProperty().get()));
        HBox head = new HBox(12, title, state);
        head.setAlignment(Pos.BASELINE_LEFT);
        head.getStyleClass().add("order-detail-head");

        OrderActions actions = viewModel.actions();
        Button suspend = action("Suspend", "mdmz-pause", KeyBinding.SUSPEND_ORDERS, actions.canSuspendProperty(), () -> {
            if (confirm.test(actions.describeSuspend())) {
                actions.suspend();
            }
        });
        suspend.setId("detailSuspend");
        Button resume = action("Resume", "mdmz-play_arrow", KeyBinding.RESUME_ORDERS, actions.canResumeProperty(), actions::resume);
        resume.setId("detailResume");
        Button answer = action("Answer prompt", "mdoal-check", KeyBinding.ANSWER_PROMPT, actions.canAnswerProperty(), actions::answerPrompt);
        answer.setId("detailAnswer");
        Button cancel = action("Cancel", "mdoal-cancel", KeyBinding.CANCEL_ORDERS, actions.canCancelProperty(), () -> {
            if (confirm.test(actions.describeCancel(false))) {
                actions.cancel(false);
            }
        });
        cancel.setId("detailCancel");
        Button kill = action("Cancel and kill", "mdoal-delete_forever", KeyBinding.CANCEL_AND_KILL, actions.canCancelProperty(), () -> {
            if (confirm.test(actions.describeCancel(true))) {
                actions.cancel(true);
            }
        });
        kill.setId("detailCancelAndKill");
        Button delete = new Button("Delete", Icons.icon("mdoal-delete"));
        delete.setId("detailDelete");
        delete.setTooltip(new Tooltip("Remove the ended order from the Controller (the history keeps it)"));
        delete.disableProperty().bind(Bindings.not(actions.canDeleteProperty()));
        delete.setOnAction(e -> {
            if (confirm.test(actions.describeDelete())) {
                actions.delete();
            }
        });
        Button asSucceeded = action("Resume as succeeded", "mdoal-done_all", KeyBinding.RESUME_AS_SUCCEEDED, actions.canResumeAsSucceededProperty(), () -> {
            if (confirm.test(actions.describeResumeAsSucceeded())) {
                actions.resumeAsSucceeded();
            }
        });
        asSucceeded.setId("detailResumeAsSucceeded");
        Button go = action("Go now", "mdoal-fast_forward", KeyBinding.GO_ORDERS, actions.canGoProperty(), () -> {
            if (confirm.test(actions.describeGo())) {
                actions.go();
            }
        });
        go.setId("detailGo");
        javafx.scene.control.ComboBox<OrderDetailViewModel.ResumePosition> resumeAt = new javafx.scene.control.ComboBox<>(viewModel.resumePositions());
        resumeAt.setId("detailResumePosition");
        resumeAt.setPromptText("resume at …");
        resumeAt.setPrefWidth(230);
        resumeAt.disableProperty().bind(Bindings.isEmpty(viewModel.resumePositions()));
        Button resumeHere = new Button("Resume here", Icons.icon("mdmz-replay"));
        resumeHere.setId("detailResumeAt");
        resumeHere.disableProperty().bind(resumeAt.valueProperty().isNull().or(Bindings.not(actions.canResumeProperty())));
        javafx.scene.control.CheckBox hereAsSucceeded = new javafx.scene.control.CheckBox("as succeeded");
        hereAsSucceeded.setId("detailResumeAtAsSucceeded");
        hereAsSucceeded.setTooltip(new Tooltip("Make the last step's outcome succeeded, so what it returned counts and a return-code check passes"));
        hereAsSucceeded.disableProperty().bind(resumeHere.disableProperty());
        TextField variables = new TextField();
        variables.setId("detailResumeVariables");
        variables.setPromptText("variables: rows=1200, region='eu'");
        variables.setTooltip(new Tooltip("Variables changed on resuming, name=value separated by commas: rows=1200, region='eu'"));
        variables.setPrefColumnCount(21); // its hint whole
        variables.disableProperty().bind(resumeHere.disableProperty());
        resumeHere.setOnAction(e -> {
            var chosen = resumeAt.getValue();
            boolean succeeded = hereAsSucceeded.isSelected();
            var changed = io.jobwerk.cockpit.orders.ChangedVariables.parse(variables.getText());
            if (changed.isFail()) {
                variables.setTooltip(new Tooltip(changed.problemOption().orElseThrow().message()));
                actions.refuse(changed.problemOption().orElseThrow());
                return;
            }
            String names = String.join(", ", new java.util.TreeSet<>(changed.orThrow().values().keySet()));
            if (chosen != null && confirm.test("Resume " + viewModel.orderIdProperty().get() + " at " + chosen.text()
                    + (succeeded ? ", its last step counted as succeeded" : "") + (names.isEmpty() ? "" : ", with " + names + " changed") + "?")) {
                actions.resumeAt(chosen.position(), succeeded, changed.orThrow());
                variables.clear();
            }
        });
        TextField priority = new TextField();
        priority.setId("detailPriority");
        priority.setPromptText("priority");
        priority.setPrefColumnCount(5);
        priority.disableProperty().bind(Bindings.not(actions.canChangePriorityProperty()));
        Button setPriority = new Button("Set priority");
        setPriority.setId("detailSetPriority");
        setPriority.setTooltip(new Tooltip("Orders with a higher priority take a job's or an Agent's free process first"));
        setPriority.disableProperty().bind(Bindings.not(actions.canChangePriorityProperty()));
        Label message = new Label();
        message.setId("detailMessage");
        message.getStyleClass().add("muted");
        message.textProperty().bind(Bindings.createStringBinding(() -> join(viewModel.messageProperty().get(), actions.messageProperty().get()),
                viewModel.messageProperty(), actions.messageProperty()));
        setPriority.setOnAction(e -> actions.changePriority(priority.getText()).problemOption()
                .ifPresentOrElse(p -> priority.setTooltip(new Tooltip(p.message())), () -> priority.clear()));
        // A FlowPane, not an HBox: on a narrow window the actions wrap to a second row instead of being cut to "…"
        javafx.beans.value.ObservableStringValue refusal = actions.refusalProperty();
        javafx.scene.layout.FlowPane toolbar = new javafx.scene.layout.FlowPane(8, 8, log, inOrders, separator(),
                Refusals.withReason(suspend, refusal), Refusals.withReason(resume, refusal), Refusals.withReason(asSucceeded, refusal),
                Refusals.withReason(go, refusal), Refusals.withReason(answer, refusal),
                Refusals.withReason(cancel, refusal), Refusals.withReason(kill, refusal), Refusals.withReason(delete, refusal),
                separator(), resumeAt, hereAsSucceeded, variables, Refusals.withReason(resumeHere, refusal), separator(), priority, Refusals.withReason(setPriority, refusal));
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("toolbar-row");

        facts.getStyleClass().add("order-detail-facts");
        why.setId("detailWhy");

        Label stepsTitle = new Label("Steps — times in " + zone.getId());
        stepsTitle.getStyleClass().add("section-title");
        ScrollPane ganttScroll = new ScrollPane(gantt);
        ganttScroll.setFitToWidth(true);
        VBox.setVgrow(ganttScroll, Priority.ALWAYS);
        Label noSteps = new Label("No job step has started yet.");
        noSteps.getStyleClass().add("muted");
        noSteps.visibleProperty().bind(Bindings.isEmpty(viewModel.steps()));
        noSteps.managedProperty().bind(noSteps.visibleProperty());
        VBox stepsBox = new VBox(6, stepsTitle, noSteps, ganttScroll);

        TabPane tabs = new TabPane(
                new Tab("Variables", valueTable("detailVariables", false, viewModel.variables())),
                new Tab("Return values", valueTable("detailReturnValues", true, viewModel.returnValues())),
                new Tab("Events", eventTable()));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getTabs().get(0).textProperty().bind(Bindings.size(viewModel.variables()).asString("Variables (%d)"));
        tabs.getTabs().get(1).textProperty().bind(Bindings.size(viewModel.returnValues()).asString("Return values (%d)"));
        tabs.getTabs().get(2).textProperty().bind(Bindings.size(viewModel.events()).asString("Events seen (%d)"));

        SplitPane split = new SplitPane(stepsBox, tabs);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.5);
        VBox.setVgrow(split, Priority.ALWAYS);
        getChildren().addAll(head, facts, why, toolbar, message, split);

        viewModel.rowProperty().addListener((o, a, b) -> showRow(b));
        viewModel.orderIdProperty().addListener((o, a, b) -> showRow(viewModel.rowProperty().get()));
        viewModel.steps().addListener((ListChangeListener<GanttStep>) c -> gantt.show(viewModel.steps(), viewModel.nowProperty().get()));
        viewModel.nowProperty().addListener((o, a, b) -> {
            if (viewModel.steps().stream().anyMatch(GanttStep::running)) {
                gantt.show(viewModel.steps(), b);
            }
        });
        showRow(viewModel.rowProperty().get());

        // the order's actions by the same keys as in the Orders table; not while typing (Delete in the priority field)
        java.util.Map<KeyBinding, Button> keys = java.util.Map.of(KeyBinding.SUSPEND_ORDERS, suspend, KeyBinding.RESUME_ORDERS, resume,
                KeyBinding.RESUME_AS_SUCCEEDED, asSucceeded, KeyBinding.GO_ORDERS, go, KeyBinding.ANSWER_PROMPT, answer,
                KeyBinding.CANCEL_ORDERS, cancel, KeyBinding.CANCEL_AND_KILL, kill, KeyBinding.OPEN_LOG, log);
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getTarget() instanceof javafx.scene.control.TextInputControl) {
                return;
            }
            keys.forEach((binding, button) -> {
                if (!e.isConsumed() && binding.combination().match(e) && !button.isDisabled()) {
                    button.fire();
                    e.consume();
                }
            });
        });
    }

    private void showRow(Optional<OrderRow> maybeRow) {
        String id = viewModel.orderIdProperty().get();
        facts.getChildren().clear();
        why.getChildren().clear();
        state.getStyleClass().removeIf(s -> s.startsWith("state-"));
        if (id.isEmpty()) {
            title.setText("Order detail");
            title.setGraphic(null);
            state.setText("Open an order from Orders or History (" + KeyBinding.OPEN_ORDER_DETAIL.displayText() + ").");
            return;
        }
        title.setText(id);
        if (maybeRow.isEmpty()) {
            title.setGraphic(Icons.icon("mdoal-history"));
            state.setText("not at the Controller");
            return;
        }
        OrderRow row = maybeRow.get();
        title.setGraphic(Icons.icon(row.group().icon(), row.group().styleClass()));
        state.setText(row.state().equals(row.group().label()) ? row.state() : row.group().label() + " · " + row.state());
        state.getStyleClass().add(row.group().styleClass());
        fact(0, "Workflow", row.workflowPath() + " (version " + row.versionLabel() + ")");
        fact(1, "At", (row.step().isEmpty() ? "" : row.step() + " ") + row.position()
                + row.agent().map(a -> " · Agent " + a).orElse(" · at the Controller"));
        row.scheduledFor().ifPresent(s -> fact(2, "Scheduled for", TIME.format(s.atZone(zone))));
        for (String reason : row.why()) {
            Label l = new Label((row.group() == StateGroup.FAILED ? "" : "Waits: ") + reason, Icons.icon(
                    reason.startsWith("Failed") ? "mdoal-error_outline" : "mdmz-pause_circle_outline"));
            l.getStyleClass().add(reason.startsWith("Failed") ? "state-failed" : "state-waiting");
            l.setWrapText(true);
            why.getChildren().add(l);
        }
    }

    private void fact(int rowIndex, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add("fact-name");
        facts.addRow(rowIndex, n, new Label(value));
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " · " + b;
    }

    private static TableView<NamedValue> valueTable(String id, boolean returned, javafx.collections.ObservableList<NamedValue> items) {
        TableView<NamedValue> table = new TableView<>(items);
        table.setId(id);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(returned ? "No step has returned values yet." : "The order has no variables."));
        if (returned) {
            table.getColumns().add(column("Step", 90, NamedValue::position));
            table.getColumns().add(column("Outcome", 100, NamedValue::outcome));
        }
        table.getColumns().add(column("Name", 200, NamedValue::name));
        table.getColumns().add(column("Value", 400, NamedValue::value));
        return table;
    }

    private TableView<OrderEventLine> eventTable() {
        TableView<OrderEventLine> table = new TableView<>(viewModel.events());
        table.setId("detailEvents");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No event of this order since the Cockpit connected (its steps are above)."));
        table.getColumns().add(column("Time", 190, e -> TIME.format(e.at().atZone(zone))));
        table.getColumns().add(column("Order", 150, e -> e.orderId().string()));
        table.getColumns().add(column("Event", 190, OrderEventLine::type));
        table.getColumns().add(column("Fields", 500, OrderEventLine::fields));
        return table;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static Button action(String text, String icon, KeyBinding key, ObservableBooleanValue enabled, Runnable run) {
        Button b = new Button(text, Icons.icon(icon));
        b.setTooltip(new Tooltip(key.description() + " (" + key.displayText() + ")"));
        b.disableProperty().bind(Bindings.not(enabled));
        b.setOnAction(e -> run.run());
        return b;
    }

    private static Separator separator() {
        Separator separator = new Separator(Orientation.VERTICAL);
        separator.setPrefHeight(24);
        return separator;
    }
}
