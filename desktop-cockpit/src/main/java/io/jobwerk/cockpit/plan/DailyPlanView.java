package io.jobwerk.cockpit.plan;

import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.ui.Icons;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;

/**
 * The daily plan: a month as a plain {@code GridPane} of day cells (a week a row, Monday first) with
 * each day's counts, and beside it the chosen day's orders and the four actions. Click a day to
 * choose it; Shift+click another to make a range.
 */
public final class DailyPlanView extends HBox {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm z");

    private final DailyPlanViewModel viewModel;
    private final GridPane grid = new GridPane();

    public DailyPlanView(DailyPlanViewModel viewModel, Predicate<String> confirm) {
        this.viewModel = viewModel;
        getStyleClass().addAll("page", "daily-plan");
        setSpacing(16);

        Label title = new Label("Daily plan");
        title.getStyleClass().add("page-title");
        Label month = new Label();
        month.setId("planMonth");
        month.getStyleClass().add("section-title");
        month.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> MONTH.format(viewModel.monthProperty().get()), viewModel.monthProperty()));
        Button previous = new Button(null, Icons.icon("mdoal-chevron_left"));
        previous.setTooltip(new Tooltip("Previous month"));
        previous.setOnAction(e -> viewModel.previousMonth());
        Button next = new Button(null, Icons.icon("mdoal-chevron_right"));
        next.setTooltip(new Tooltip("Next month"));
        next.setOnAction(e -> viewModel.nextMonth());
        Button today = new Button("Today", Icons.icon("mdomz-today"));
        today.setOnAction(e -> viewModel.selectedProperty().set(viewModel.today()));
        Button refresh = new Button(null, Icons.icon("mdomz-refresh"));
        refresh.setTooltip(new Tooltip("Read again (" + KeyBinding.REFRESH.displayText() + ")"));
        refresh.setOnAction(e -> viewModel.refresh());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label legend = new Label("planned · submitted · finished · ≈ projected");
        legend.getStyleClass().add("muted");
        title.setMinWidth(Region.USE_PREF_SIZE);
        month.setMinWidth(Region.USE_PREF_SIZE);
        today.setMinWidth(Region.USE_PREF_SIZE);
        HBox titleRow = new HBox(10, title, spacer, legend);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        HBox navRow = new HBox(10, previous, month, next, today, refresh);
        navRow.setAlignment(Pos.CENTER_LEFT);
        VBox head = new VBox(8, titleRow, navRow);

        grid.setId("planCalendar");
        grid.getStyleClass().add("plan-calendar");
        grid.setHgap(4);
        grid.setVgap(4);
        for (int c = 0; c < 7; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / 7);
            grid.getColumnConstraints().add(cc);
        }
        viewModel.days().addListener((ListChangeListener<PlanDay>) c -> layoutDays());
        viewModel.selectedProperty().addListener((o, a, b) -> layoutDays());
        viewModel.rangeEndProperty().addListener((o, a, b) -> layoutDays());
        layoutDays();
        VBox.setVgrow(grid, Priority.ALWAYS);
        VBox calendar = new VBox(10, head, grid);
        HBox.setHgrow(calendar, Priority.ALWAYS);

        Label dayTitle = new Label();
        dayTitle.setId("planDayTitle");
        dayTitle.getStyleClass().add("section-title");
        dayTitle.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            LocalDate from = viewModel.selectedProperty().get();
            LocalDate to = viewModel.rangeEndProperty().get();
            return from.format(DateTimeFormatter.ofPattern("EEEE, d MMMM yyyy", Locale.ENGLISH))
                    + (to.isAfter(from) ? "  (actions to " + to + ")" : "");
        }, viewModel.selectedProperty(), viewModel.rangeEndProperty()));
        DatePicker to = new DatePicker();
        to.setId("planRangeEnd");
        to.setPromptText("to (optional)");
        to.valueProperty().bindBidirectional(viewModel.rangeEndProperty());
        to.setPrefWidth(140);
        HBox actions = new HBox(6);
        for (DailyPlanViewModel.Action action : DailyPlanViewModel.Action.values()) {
            Button b = new Button(action.label(), Icons.icon(action.icon()));
            b.setId("plan" + action.label());
            b.setTooltip(new Tooltip(switch (action) {
                case CREATE -> "Plan the orders of every schedule for the day(s)";
                case SUBMIT -> "Send the planned orders to the Controller";
                case CANCEL -> "Cancel the submitted orders that have not started";
                case DELETE -> "Remove the planned orders";
            }));
            b.disableProperty().bind(viewModel.refusalProperty(action).isNotEmpty());
            b.setOnAction(e -> {
                if (confirm.test(viewModel.describe(action))) {
                    viewModel.execute(action);
                }
            });
            actions.getChildren().add(io.jobwerk.cockpit.ui.Refusals.withReason(b, viewModel.refusalProperty(action)));
        }
        HBox range = new HBox(6, new Label("Up to"), to);
        range.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("planMessage");
        message.getStyleClass().add("muted");
        message.setWrapText(true);
        message.textProperty().bind(viewModel.messageProperty());

        TableView<PlanEntry> orders = new TableView<>(viewModel.dayOrders());
        orders.setId("planOrders");
        orders.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label empty = new Label("No order planned or projected for this day.\nA schedule plans a day when its calendar holds it.");
        empty.getStyleClass().add("empty");
        orders.setPlaceholder(empty);
        TableColumn<PlanEntry, String> time = column("Start", 80, e -> TIME.format(e.scheduledFor().atZone(viewModel.zone())));
        TableColumn<PlanEntry, String> workflow = column("Workflow", 125, PlanEntry::workflowPath);
        TableColumn<PlanEntry, String> state = column("State", 105, PlanEntry::state);
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeIf(x -> x.startsWith("state-"));
                if (empty || s == null) {
                    setText(null);
                    setGraphic(null);
                } else {
                    StateGroup g = switch (s) {
                        case "finished" -> StateGroup.FINISHED;
                        case "submitted" -> StateGroup.SCHEDULED;
                        case "planned" -> StateGroup.PENDING;
                        default -> StateGroup.PENDING;
                    };
                    setText(s);
                    setGraphic(Icons.icon(g.icon(), g.styleClass()));
                    getStyleClass().add(g.styleClass());
                }
            }
        });
        TableColumn<PlanEntry, String> id = column("Order", 200, e -> withoutDay(e.orderId())); // the full id is the row's tooltip
        orders.getColumns().setAll(List.of(time, workflow, state, id));
        orders.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(PlanEntry e, boolean empty) {
                super.updateItem(e, empty);
                setTooltip(empty || e == null ? null : new Tooltip(e.orderId() + "\nschedule " + e.schedulePath()));
            }
        });
        VBox.setVgrow(orders, Priority.ALWAYS);
        VBox side = new VBox(10, dayTitle, range, actions, message, orders);
        side.setPrefWidth(520);
        side.setMinWidth(520);
        getChildren().addAll(calendar, side);

        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (KeyBinding.REFRESH.combination().match(e)) {
                viewModel.refresh();
                e.consume();
            }
        });
    }

    /** A planned order's id without its day ({@code #2026-12-08#P0533890459-daily-report} → {@code P0533890459-daily-report}): the day is the one chosen. */
    static String withoutDay(String orderId) {
        return orderId.matches("^#\\d{4}-\\d{2}-\\d{2}#.+") ? orderId.substring(12) : orderId;
    }

    private static TableColumn<PlanEntry, String> column(String title, double width, java.util.function.Function<PlanEntry, String> value) {
        TableColumn<PlanEntry, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private void layoutDays() {
        grid.getChildren().clear();
        grid.getRowConstraints().clear();
        for (int c = 0; c < 7; c++) {
            Label name = new Label(DayOfWeek.of(c + 1).getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
            name.getStyleClass().add("muted");
            grid.add(name, c, 0);
        }
        grid.getRowConstraints().add(new RowConstraints());
        List<PlanDay> days = viewModel.days();
        int weeks = (days.size() + 6) / 7;
        for (int w = 0; w < weeks; w++) {
            RowConstraints rc = new RowConstraints();
            rc.setVgrow(Priority.ALWAYS);
            rc.setPercentHeight(-1);
            rc.setMinHeight(74);
            grid.getRowConstraints().add(rc);
        }
        LocalDate from = viewModel.selectedProperty().get();
        LocalDate to = viewModel.rangeEndProperty().get();
        LocalDate today = viewModel.today();
        for (int i = 0; i < days.size(); i++) {
            grid.add(cell(days.get(i), from, to, today), i % 7, 1 + i / 7);
        }
    }

    private VBox cell(PlanDay day, LocalDate from, LocalDate to, LocalDate today) {
        Label number = new Label(Integer.toString(day.date().getDayOfMonth()));
        number.getStyleClass().add("day-number");
        VBox cell = new VBox(2, number);
        cell.getStyleClass().add("plan-day");
        cell.setId("day-" + day.date());
        if (!day.inMonth()) {
            cell.getStyleClass().add("other-month");
        }
        if (day.date().equals(today)) {
            cell.getStyleClass().add("today");
        }
        if (!day.date().isBefore(from) && !day.date().isAfter(to.isBefore(from) ? from : to)) {
            cell.getStyleClass().add("selected");
        }
        if (day.planned() > 0) {
            cell.getChildren().add(count(day.planned() + " planned", "state-pending", "mdoal-event_note"));
        }
        if (day.submitted() > 0) {
            cell.getChildren().add(count(day.submitted() + " submitted", "state-scheduled", "mdomz-send"));
        }
        if (day.finished() > 0) {
            cell.getChildren().add(count(day.finished() + " finished", "state-finished", "mdoal-check_circle"));
        }
        if (day.isProjectionOnly()) {
            Label projected = new Label("≈ " + day.projected() + " projected");
            projected.getStyleClass().addAll("projected");
            cell.getChildren().add(projected);
        }
        cell.setMaxWidth(Double.MAX_VALUE);
        cell.setMaxHeight(Double.MAX_VALUE);
        cell.setOnMouseClicked(e -> {
            if (e.isShiftDown() && !day.date().isBefore(viewModel.selectedProperty().get())) {
                viewModel.rangeEndProperty().set(day.date());
            } else {
                viewModel.selectedProperty().set(day.date());
            }
        });
        Tooltip.install(cell, new Tooltip(day.date() + ": " + day.planned() + " planned, " + day.submitted() + " submitted, "
                + day.finished() + " finished" + (day.isProjectionOnly() ? ", about " + day.projected() + " projected" : "")
                + "\nClick to choose, Shift+click to choose up to this day"));
        return cell;
    }

    private static Label count(String text, String style, String icon) {
        Label l = new Label(text, Icons.icon(icon, style));
        l.getStyleClass().addAll("plan-count", style);
        return l;
    }
}
