package io.jobwerk.cockpit.dashboard;

import io.jobwerk.cockpit.agents.AgentsView;
import io.jobwerk.cockpit.history.TimeRange;
import io.jobwerk.cockpit.live.GroupCounts;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.Icons;
import java.util.EnumMap;
import java.util.Map;
import javafx.geometry.Pos;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The Dashboard: a tile per state group (click: the filtered Orders view), then the Agents and Subagents. */
public final class DashboardView extends VBox {

    private final Map<StateGroup, Label> counts = new EnumMap<>(StateGroup.class);
    private final Map<StateGroup, VBox> tiles = new EnumMap<>(StateGroup.class);
    private final Label total = new Label();

    public DashboardView(DashboardViewModel viewModel) {
        getStyleClass().add("page");
        Label title = new Label("Dashboard");
        title.getStyleClass().add("page-title");
        Hyperlink all = new Hyperlink();
        all.textProperty().bind(total.textProperty());
        all.setOnAction(e -> viewModel.openAllOrders());
        HBox head = new HBox(12, title, all);
        head.setAlignment(Pos.BASELINE_LEFT);

        Label ordersTitle = new Label("Orders by state");
        ordersTitle.getStyleClass().add("section-title");
        FlowPane grid = new FlowPane(10, 10);
        grid.setPrefWrapLength(5 * 220);
        for (StateGroup group : StateGroup.values()) {
            grid.getChildren().add(tile(group, viewModel));
        }

        Label agentsTitle = new Label("Agents and Subagents");
        agentsTitle.getStyleClass().add("section-title");
        Label agentSummary = new Label();
        agentSummary.getStyleClass().add("muted");
        agentSummary.textProperty().bind(viewModel.agentSummaryProperty());
        HBox agentsHead = new HBox(12, agentsTitle, agentSummary);
        agentsHead.setAlignment(Pos.BASELINE_LEFT);
        AgentsView.AgentTable agents = new AgentsView.AgentTable(viewModel.agents(), viewModel.zone(), true);
        agents.setId("dashboardAgents");
        agents.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                viewModel.openAgents();
            }
        });

        VBox agentsBox = new VBox(8, agentsHead, agents);
        VBox.setVgrow(agents, Priority.ALWAYS);
        HBox.setHgrow(agentsBox, Priority.ALWAYS);

        Label attentionTitle = new Label("Needs attention");
        attentionTitle.getStyleClass().add("section-title");
        javafx.scene.control.ListView<io.jobwerk.cockpit.live.OrderRow> attention = new javafx.scene.control.ListView<>(viewModel.attention());
        attention.setId("attention");
        attention.setPlaceholder(new Label("No failed, blocked or prompting order."));
        attention.setCellFactory(l -> new AttentionCell());
        attention.setOnMouseClicked(e -> {
            var row = attention.getSelectionModel().getSelectedItem();
            if (row != null && e.getClickCount() == 2) {
                viewModel.openOrder(row.orderId());
            }
        });
        VBox attentionBox = new VBox(8, attentionTitle, attention);
        VBox.setVgrow(attention, Priority.ALWAYS);
        attentionBox.setPrefWidth(440);
        attentionBox.setMinWidth(360);
        HBox lower = new HBox(14, agentsBox, attentionBox);
        VBox.setVgrow(lower, Priority.ALWAYS);
        getChildren().addAll(head, ordersTitle, grid, summaries(viewModel), lower);
        viewModel.countsProperty().addListener((o, a, b) -> show(b));
        show(viewModel.countsProperty().get());
    }

    /** The history of the chosen range (succeeded / failed, each opening the History filtered by it); the daily plan's progress beside it. */
    private HBox summaries(DashboardViewModel viewModel) {
        Label title = new Label("Orders ended");
        title.getStyleClass().add("section-title");
        javafx.scene.control.ComboBox<TimeRange> range = new javafx.scene.control.ComboBox<>(
                javafx.collections.FXCollections.observableArrayList(TimeRange.values()));
        range.setId("dashboardHistoryRange");
        range.valueProperty().bindBidirectional(viewModel.historyRangeProperty());
        HBox titleRow = new HBox(10, title, range);
        titleRow.setAlignment(Pos.CENTER_LEFT);
        VBox succeeded = summaryTile("historySucceeded", StateGroup.FINISHED, "succeeded", () -> viewModel.openHistory("OrderFinished"));
        VBox failed = summaryTile("historyFailed", StateGroup.FAILED, "failed", () -> viewModel.openHistory("OrderFailed"));
        Label problem = new Label();
        problem.getStyleClass().add("muted");
        problem.setWrapText(true);
        Runnable show = () -> {
            DashboardViewModel.HistorySummary h = viewModel.historyProperty().get();
            ((Label) succeeded.getProperties().get("count")).setText(h.succeeded() < 0 ? "…" : Long.toString(h.succeeded()));
            ((Label) failed.getProperties().get("count")).setText(h.failed() < 0 ? "…" : Long.toString(h.failed()));
            problem.setText(h.problem().map(p -> "History not readable: " + p).orElse(""));
        };
        viewModel.historyProperty().addListener((o, a, b) -> show.run());
        show.run();
        HBox numbers = new HBox(10, succeeded, failed);
        VBox history = new VBox(8, titleRow, numbers, problem);
        history.setId("dashboardHistory");
        HBox row = new HBox(40, history, planProgress(viewModel));
        return row;
    }

    /** Today's daily plan: how many of its orders finished, with a bar; click opens the Daily plan. */
    private VBox planProgress(DashboardViewModel viewModel) {
        Label title = new Label("Daily plan today");
        title.getStyleClass().add("section-title");
        javafx.scene.control.ProgressBar bar = new javafx.scene.control.ProgressBar(0);
        bar.setPrefWidth(320);
        Label text = new Label("…");
        text.setId("dashboardPlan");
        Runnable show = () -> {
            io.jobwerk.cockpit.plan.PlanDay day = viewModel.todayPlanProperty().get();
            if (day == null) {
                return;
            }
            int all = day.stored();
            bar.setProgress(all == 0 ? 0 : (double) day.finished() / all);
            text.setText(all == 0 ? "Nothing planned for today." : day.finished() + " of " + all + " finished · "
                    + day.submitted() + " submitted · " + day.planned() + " planned, not submitted");
        };
        viewModel.todayPlanProperty().addListener((o, a, b) -> show.run());
        show.run();
        VBox box = new VBox(8, title, bar, text);
        box.setId("dashboardPlanBox");
        box.setStyle("-fx-cursor: hand;");
        io.jobwerk.cockpit.ui.HoverTooltip.install(box, "Open the daily plan");
        box.setOnMouseClicked(e -> viewModel.openDailyPlan());
        return box;
    }

    private static VBox summaryTile(String id, StateGroup group, String name, Runnable open) {
        Label count = new Label("…");
        count.getStyleClass().addAll("count", group.styleClass());
        Label label = new Label(name);
        label.getStyleClass().add("tile-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(count, spacer, Icons.icon(group.icon(), group.styleClass()));
        top.setAlignment(Pos.CENTER_LEFT);
        VBox tile = new VBox(4, top, label);
        tile.getStyleClass().addAll("tile", "small-tile");
        tile.setId(id);
        tile.getProperties().put("count", count);
        io.jobwerk.cockpit.ui.HoverTooltip.install(tile, "Show them in the History");
        tile.setOnMouseClicked(e -> open.run());
        return tile;
    }

    private VBox tile(StateGroup group, DashboardViewModel viewModel) {
        Label count = new Label("0");
        count.getStyleClass().addAll("count", group.styleClass());
        Label name = new Label(group.label());
        name.getStyleClass().add("tile-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(count, spacer, Icons.icon(group.icon(), group.styleClass()));
        top.setAlignment(Pos.CENTER_LEFT);
        VBox tile = new VBox(4, top, name);
        tile.getStyleClass().add("tile");
        tile.setId("tile-" + group.name());
        io.jobwerk.cockpit.ui.HoverTooltip.install(tile, "Show the " + group.label().toLowerCase(java.util.Locale.ROOT) + " orders");
        tile.setOnMouseClicked(e -> viewModel.openGroup(group));
        counts.put(group, count);
        tiles.put(group, tile);
        return tile;
    }

    private void show(GroupCounts groupCounts) {
        for (StateGroup group : StateGroup.values()) {
            int n = groupCounts.count(group);
            counts.get(group).setText(Integer.toString(n));
            // only when it changes: removing and adding the class made every update restyle all tiles
            var styleClasses = tiles.get(group).getStyleClass();
            if (n == 0 && !styleClasses.contains("zero")) {
                styleClasses.add("zero");
            } else if (n != 0) {
                styleClasses.remove("zero");
            }
        }
        int all = groupCounts.total();
        total.setText(all + (all == 1 ? " order" : " orders") + " in all");
    }
}
