package io.jobwerk.cockpit.history;

import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.ui.Icons;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The order and task history: filters, a page of rows newest first, paging; double-click or Log opens a row's log. */
public final class HistoryView extends VBox {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss z");

    private final HistoryViewModel viewModel;
    private final TableView<HistoryEntry.OrderEntry> orders;
    private final TableView<HistoryEntry.TaskEntry> tasks;

    public HistoryView(HistoryViewModel viewModel, Supplier<List<String>> workflowChoices, Supplier<List<String>> agentChoices) {
        this.viewModel = viewModel;
        getStyleClass().add("page");
        ZoneId zone = viewModel.zone();
        Label title = new Label("History");
        title.getStyleClass().add("page-title");
        Label page = new Label();
        page.setId("historyPage");
        page.getStyleClass().add("muted");
        page.textProperty().bind(viewModel.pageTextProperty());
        Label problem = new Label();
        problem.getStyleClass().add("failed-text");
        problem.textProperty().bind(viewModel.problemProperty());
        HBox head = new HBox(12, title, page, problem);
        head.setAlignment(Pos.BASELINE_LEFT);

        ToggleGroup kinds = new ToggleGroup();
        ToggleButton ordersButton = new ToggleButton("Orders", Icons.icon("mdoal-list_alt"));
        ordersButton.setId("historyOrders");
        ToggleButton tasksButton = new ToggleButton("Tasks", Icons.icon("mdomz-work_outline"));
        tasksButton.setId("historyTasks");
        ordersButton.setToggleGroup(kinds);
        tasksButton.setToggleGroup(kinds);
        (viewModel.kindProperty().get() == HistoryViewModel.Kind.ORDERS ? ordersButton : tasksButton).setSelected(true);
        kinds.selectedToggleProperty().addListener((o, a, b) -> {
            if (b == null) {
                a.setSelected(true); // one is always chosen
            } else {
                viewModel.kindProperty().set(b == ordersButton ? HistoryViewModel.Kind.ORDERS : HistoryViewModel.Kind.TASKS);
            }
        });
        viewModel.kindProperty().addListener((o, a, b) -> (b == HistoryViewModel.Kind.ORDERS ? ordersButton : tasksButton).setSelected(true));

        ComboBox<TimeRange> range = new ComboBox<>(FXCollections.observableArrayList(TimeRange.values()));
        range.setId("historyRange");
        range.valueProperty().bindBidirectional(viewModel.rangeProperty());
        ComboBox<String> workflow = editableChoice("All workflows", workflowChoices);
        workflow.setId("historyWorkflow");
        workflow.valueProperty().bindBidirectional(viewModel.workflowProperty());
        ComboBox<String> state = new ComboBox<>(FXCollections.observableArrayList(HistoryViewModel.ORDER_STATES));
        state.setId("historyState");
        state.setPromptText("All states");
        state.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(String s) {
                return s == null || s.isEmpty() ? "All states" : s.replaceFirst("^Order", "");
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        });
        state.valueProperty().bindBidirectional(viewModel.stateProperty());
        TextField job = new TextField();
        job.setId("historyJob");
        job.setPromptText("Job name");
        job.setPrefColumnCount(12);
        job.textProperty().bindBidirectional(viewModel.jobProperty());
        ComboBox<String> agent = editableChoice("All Agents", agentChoices);
        agent.setId("historyAgent");
        agent.valueProperty().bindBidirectional(viewModel.agentProperty());
        boolean[] tasksShown = {false};
        Runnable kindChanged = () -> {
            boolean t = viewModel.kindProperty().get() == HistoryViewModel.Kind.TASKS;
            tasksShown[0] = t;
            state.setVisible(!t);
            state.setManaged(!t);
            job.setVisible(t);
            job.setManaged(t);
            agent.setVisible(t);
            agent.setManaged(t);
        };
        viewModel.kindProperty().addListener((o, a, b) -> kindChanged.run());
        kindChanged.run();
        Button refresh = new Button(null, Icons.icon("mdomz-refresh"));
        refresh.setId("historyRefresh");
        refresh.setTooltip(new Tooltip("Read again (" + KeyBinding.REFRESH.displayText() + ")"));
        refresh.setOnAction(e -> viewModel.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button previous = new Button(null, Icons.icon("mdoal-chevron_left"));
        previous.setId("historyPrevious");
        previous.setTooltip(new Tooltip("Newer"));
        previous.disableProperty().bind(viewModel.canPreviousProperty().not());
        previous.setOnAction(e -> viewModel.previousPage());
        Button next = new Button(null, Icons.icon("mdoal-chevron_right"));
        next.setId("historyNext");
        next.setTooltip(new Tooltip("Older"));
        next.disableProperty().bind(viewModel.canNextProperty().not());
        next.setOnAction(e -> viewModel.nextPage());
        HBox filters = new HBox(8, ordersButton, tasksButton, range, workflow, state, job, agent, refresh, spacer, previous, next);
        filters.getStyleClass().add("toolbar-row");

        orders = ordersTable(zone);
        tasks = tasksTable(zone);
        Button log = new Button("Log", Icons.icon("mdoal-description"));
        log.setId("historyLog");
        log.setTooltip(new Tooltip("The selected row's log (" + KeyBinding.OPEN_LOG.displayText() + "; or double-click the row)"));
        log.setOnAction(e -> selected().ifPresent(viewModel::openLog));
        Button detail = new Button("Detail", Icons.icon("mdoal-assignment"));
        detail.setId("historyDetail");
        detail.setTooltip(new Tooltip("The selected order's detail: its steps on a time axis, variables, events (" + KeyBinding.OPEN_ORDER_DETAIL.displayText() + ")"));
        detail.setOnAction(e -> selected().ifPresent(viewModel::openDetail));
        javafx.beans.binding.BooleanBinding none = javafx.beans.binding.Bindings.createBooleanBinding(() -> selected().isEmpty(),
                orders.getSelectionModel().selectedItemProperty(), tasks.getSelectionModel().selectedItemProperty(), viewModel.kindProperty());
        log.disableProperty().bind(none);
        detail.disableProperty().bind(none);
        Label hint = new Label("Newest first · times in " + zone.getId());
        hint.getStyleClass().add("muted");
        HBox actions = new HBox(8, log, detail, hint);
        actions.getStyleClass().add("toolbar-row");

        StackPane tables = new StackPane(orders, tasks);
        tasks.visibleProperty().bind(viewModel.kindProperty().isEqualTo(HistoryViewModel.Kind.TASKS));
        orders.visibleProperty().bind(tasks.visibleProperty().not());
        VBox.setVgrow(tables, Priority.ALWAYS);
        getChildren().addAll(head, filters, actions, tables);

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (KeyBinding.REFRESH.combination().match(e)) {
                viewModel.refresh();
            } else if (KeyBinding.OPEN_LOG.combination().match(e) && !log.isDisabled()) {
                log.fire();
            } else if (KeyBinding.OPEN_ORDER_DETAIL.combination().match(e) && !detail.isDisabled()) {
                detail.fire();
            } else {
                return;
            }
            e.consume();
        });
    }

    private Optional<HistoryEntry> selected() {
        return Optional.ofNullable(viewModel.kindProperty().get() == HistoryViewModel.Kind.ORDERS
                ? orders.getSelectionModel().getSelectedItem() : tasks.getSelectionModel().getSelectedItem());
    }

    private TableView<HistoryEntry.OrderEntry> ordersTable(ZoneId zone) {
        TableView<HistoryEntry.OrderEntry> t = new TableView<>(viewModel.orders());
        t.setId("historyOrderTable");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(placeholder("No order in the history matches the filter and range."));
        t.getColumns().setAll(List.of(
                column("Order", 220, HistoryEntry.OrderEntry::orderId),
                column("Workflow", 170, HistoryEntry.OrderEntry::workflowPath),
                stateColumn(),
                column("Started", 190, r -> time(r.startedAt(), zone)),
                column("Ended", 130, r -> endTime(r.startedAt(), r.endedAt(), zone)),
                column("Duration", 90, r -> r.endedAt().isPresent() ? duration(r.duration()) : "—"),
                column("Position", 90, HistoryEntry.OrderEntry::position),
                column("Fork children", 200, r -> r.children().isEmpty() ? "" : r.children().size() + ": "
                        + String.join(", ", r.children().stream().map(c -> c.orderId().substring(r.orderId().length()) + " " + stateLabel(c.state())).toList()))));
        openOnDoubleClick(t);
        return t;
    }

    private TableView<HistoryEntry.TaskEntry> tasksTable(ZoneId zone) {
        TableView<HistoryEntry.TaskEntry> t = new TableView<>(viewModel.tasks());
        t.setId("historyTaskTable");
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(placeholder("No task in the history matches the filter and range."));
        t.getColumns().setAll(List.of(
                column("Job", 130, r -> r.jobName().orElse("(anonymous)")),
                column("Order", 220, HistoryEntry.TaskEntry::orderId),
                column("Workflow", 150, HistoryEntry.TaskEntry::workflowPath),
                stateColumn(),
                column("Return code", 90, r -> r.returnCode().map(String::valueOf).orElse("")),
                column("Agent / Subagent", 150, r -> r.agentPath().orElse("—") + " / " + r.subagentId()),
                column("Started", 190, r -> time(r.startedAt(), zone)),
                column("Duration", 90, r -> duration(r.duration())),
                column("Message", 200, r -> r.message().orElse(""))));
        openOnDoubleClick(t);
        return t;
    }

    private static Label placeholder(String text) {
        Label l = new Label(text + "\nWiden the range (e.g. Last 7 days) or clear a filter.");
        l.getStyleClass().add("empty");
        l.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        return l;
    }

    private <T extends HistoryEntry> void openOnDoubleClick(TableView<T> t) {
        t.setRowFactory(tv -> {
            javafx.scene.control.TableRow<T> row = new javafx.scene.control.TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    viewModel.openLog(row.getItem());
                }
            });
            return row;
        });
    }

    private static <T extends HistoryEntry> TableColumn<T, T> stateColumn() {
        TableColumn<T, T> c = new TableColumn<>("State");
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(f.getValue()));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(T entry, boolean empty) {
                super.updateItem(entry, empty);
                getStyleClass().removeIf(s -> s.startsWith("state-"));
                if (empty || entry == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    StateGroup group = groupOf(entry.state());
                    setText(stateLabel(entry.state()));
                    setGraphic(Icons.icon(group.icon(), group.styleClass()));
                    getStyleClass().add(group.styleClass());
                }
            }
        });
        c.setPrefWidth(150);
        c.setSortable(false);
        return c;
    }

    /** The colour and icon of a history state: succeeded, failed, cancelled or killed, else still running. */
    static StateGroup groupOf(String state) {
        return switch (state) {
            case "OrderFinished", "Succeeded" -> StateGroup.FINISHED;
            case "OrderFailed", "Failed", "TimedOut", "Disrupted" -> StateGroup.FAILED;
            case "OrderCancelled", "Killed" -> StateGroup.SUSPENDED;
            case "Processing", "running" -> StateGroup.RUNNING;
            case "Fresh" -> StateGroup.PENDING;
            case "Prompting" -> StateGroup.PROMPTING;
            case "Ready", "Processed" -> StateGroup.IN_PROGRESS;
            default -> state.startsWith("Waiting") || state.equals("Forked") ? StateGroup.WAITING : StateGroup.IN_PROGRESS;
        };
    }

    static String stateLabel(String state) {
        return state.startsWith("Order") ? state.substring("Order".length()) : state;
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false); // the server orders the page: newest first
        return c;
    }

    /** The end without its date when the order ended on the day it started: the column stays narrow and nothing is cut. */
    static String endTime(Optional<Instant> start, Optional<Instant> end, ZoneId zone) {
        boolean sameDay = start.isPresent() && end.isPresent()
                && start.get().atZone(zone).toLocalDate().equals(end.get().atZone(zone).toLocalDate());
        return sameDay ? CLOCK_TIME.format(end.get().atZone(zone)) : time(end, zone);
    }

    private static String time(Optional<Instant> t, ZoneId zone) {
        return t.map(i -> TIME.format(i.atZone(zone))).orElse("—");
    }

    static String duration(Optional<Duration> d) {
        return d.map(HistoryView::duration).orElse("running");
    }

    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s < 3600 ? String.format("%d min %02d s", s / 60, s % 60) : String.format("%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    private static ComboBox<String> editableChoice(String allText, Supplier<List<String>> choices) {
        ComboBox<String> box = new ComboBox<>();
        box.setEditable(true);
        box.setPromptText(allText);
        box.setPrefWidth(170);
        box.setOnShowing(e -> {
            List<String> items = new java.util.ArrayList<>(choices.get());
            items.add(0, "");
            box.getItems().setAll(items);
        });
        return box;
    }
}
