package io.jobwerk.cockpit.allcontrollers;

import io.jobwerk.cockpit.live.GroupCounts;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.orders.OrdersView;
import io.jobwerk.cockpit.ui.Icons;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * All Controllers together: a tile per state group with the orders summed over the Controllers and
 * each one's part under it (a click filters the table by that group, again shows all), then the
 * orders of every Controller in one {@link OrdersView} with a Controller column.
 */
public final class AllControllersView extends VBox {

    private final AllOrdersViewModel viewModel;
    private final Map<StateGroup, Label> counts = new EnumMap<>(StateGroup.class);
    private final Map<StateGroup, Label> breakdowns = new EnumMap<>(StateGroup.class);
    private final Map<StateGroup, VBox> tiles = new EnumMap<>(StateGroup.class);
    private final OrdersView orders;

    public AllControllersView(AllOrdersViewModel viewModel, ZoneId zone, Predicate<String> confirm) {
        this.viewModel = viewModel;
        setId("allControllers");
        getStyleClass().addAll("page", "all-controllers");
        Label title = new Label("All Controllers", Icons.icon("mdoal-dns"));
        title.getStyleClass().add("page-title");
        Label hint = new Label("each action goes to the order's own Controller, as its user may  ·  "
                + KeyBinding.SHOW_ALL_CONTROLLERS.displayText());
        hint.getStyleClass().add("muted");
        HBox head = new HBox(12, title, hint);
        head.setAlignment(Pos.BASELINE_LEFT);
        FlowPane grid = new FlowPane(8, 8);
        for (StateGroup group : StateGroup.values()) {
            grid.getChildren().add(tile(group));
        }
        orders = new OrdersView(viewModel, zone, confirm, viewModel::openLog, viewModel::openDetail);
        orders.getStyleClass().remove("page"); // inside this page: no second padding
        VBox.setVgrow(orders, Priority.ALWAYS);
        getChildren().addAll(head, grid, orders);
        viewModel.countsProperty().addListener((o, a, b) -> show());
        viewModel.countsByControllerProperty().addListener((o, a, b) -> show());
        viewModel.groupProperty().addListener((o, a, b) -> markChosen(b));
        show();
    }

    public OrdersView orders() {
        return orders;
    }

    /** Keys go to the focused node: the table, so the Orders keys (Delete, Ctrl+Shift+S …) work at once. */
    public void focusTable() {
        javafx.scene.Node table = orders.lookup("#orders");
        (table == null ? this : table).requestFocus();
    }

    private VBox tile(StateGroup group) {
        Label count = new Label("0");
        count.getStyleClass().addAll("count", group.styleClass());
        Label name = new Label(group.label());
        name.getStyleClass().add("tile-name");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(4, count, name, spacer, Icons.icon(group.icon(), group.styleClass()));
        top.setAlignment(Pos.BASELINE_LEFT);
        Label breakdown = new Label();
        breakdown.getStyleClass().add("tile-breakdown");
        VBox tile = new VBox(2, top, breakdown);
        tile.getStyleClass().addAll("tile", "merged-tile");
        tile.setId("all-tile-" + group.name());
        Tooltip.install(tile, new Tooltip("Show the " + group.label().toLowerCase(Locale.ROOT) + " orders of all Controllers (again: all)"));
        tile.setOnMouseClicked(e -> viewModel.groupProperty().set(viewModel.groupProperty().get() == group ? null : group));
        counts.put(group, count);
        breakdowns.put(group, breakdown);
        tiles.put(group, tile);
        return tile;
    }

    private void show() {
        GroupCounts sum = viewModel.countsProperty().get();
        for (StateGroup group : StateGroup.values()) {
            int n = sum.count(group);
            counts.get(group).setText(Integer.toString(n));
            String parts = viewModel.breakdown(group);
            // one Controller's part is the sum: say so only when there are several
            breakdowns.get(group).setText(viewModel.controllers().size() > 1 ? parts : "");
            tiles.get(group).getStyleClass().remove("zero");
            if (n == 0) {
                tiles.get(group).getStyleClass().add("zero");
            }
        }
    }

    private void markChosen(StateGroup chosen) {
        tiles.forEach((group, tile) -> {
            tile.getStyleClass().remove("chosen");
            if (group == chosen) {
                tile.getStyleClass().add("chosen");
            }
        });
    }
}
