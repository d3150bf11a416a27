package io.jobwerk.cockpit.main;

import io.jobwerk.cockpit.agents.AgentsView;
import io.jobwerk.cockpit.connection.ConnectionState;
import io.jobwerk.cockpit.dashboard.DashboardView;
import io.jobwerk.cockpit.log.LogView;
import io.jobwerk.cockpit.history.HistoryView;
import io.jobwerk.cockpit.orders.OrdersView;
import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.cockpit.workflows.WorkflowsView;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Predicate;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The main window: header (search, theme, shortcuts), navigation on the left, the page, and a
 * status bar that always shows the connection's state. Installs the {@link KeyBinding}s.
 */
public final class MainView extends StackPane {

    private final MainViewModel viewModel;
    private final Map<Page, java.util.function.Supplier<Node>> pageFactories = new EnumMap<>(Page.class);
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private final Map<Page, ToggleButton> navButtons = new EnumMap<>(Page.class);
    private final StackPane content = new StackPane();
    private final StackPane overlay = new StackPane();
    private QuickSearchView quickSearch; // made on first use, as the pages are

    public MainView(MainViewModel viewModel, ZoneId zone, Predicate<String> confirm) {
        this(viewModel, zone, confirm, (question, initial) -> java.util.Optional.empty());
    }

    /** @param ask asks the operator for a text (question, initial value), empty when cancelled: names in the inventory */
    public MainView(MainViewModel viewModel, ZoneId zone, Predicate<String> confirm,
                    java.util.function.BiFunction<String, String, java.util.Optional<String>> ask) {
        this.viewModel = viewModel;
        // Pages are built when first shown: building all of them (controls, the classes of each) was a third
        // of the UI thread's 1.6 s CPU before the first frame.
        pageFactories.put(Page.DASHBOARD, () -> new DashboardView(viewModel.dashboard()));
        pageFactories.put(Page.WORKFLOWS, () -> new WorkflowsView(viewModel.workflows(), confirm));
        pageFactories.put(Page.ORDERS, () -> new OrdersView(viewModel.orders(), zone, confirm, row -> viewModel.showLog(row.orderId()),
                row -> viewModel.showOrderDetail(row.orderId())));
        pageFactories.put(Page.AGENTS, () -> new AgentsView(viewModel.agents(), confirm));
        pageFactories.put(Page.LOG, () -> new LogView(viewModel.log()));
        pageFactories.put(Page.ORDER_DETAIL, () -> new io.jobwerk.cockpit.orderdetail.OrderDetailView(viewModel.orderDetail(), zone, confirm,
                viewModel::showLog, viewModel::showOrder));
        pageFactories.put(Page.NOTIFICATIONS, () -> new io.jobwerk.cockpit.notify.NotificationsView(viewModel.notifications(), zone,
                viewModel::showOrderDetail));
        pageFactories.put(Page.DAILY_PLAN, () -> new io.jobwerk.cockpit.plan.DailyPlanView(viewModel.dailyPlan(), confirm));
        pageFactories.put(Page.HISTORY, () -> new HistoryView(viewModel.history(),
                () -> viewModel.live().workflows().stream().map(w -> w.path()).toList(),
                () -> viewModel.live().agents().stream().filter(a -> a.kind() == io.jobwerk.cockpit.live.AgentRow.Kind.AGENT).map(a -> a.agentPath()).toList()));
        pageFactories.put(Page.BOARDS, () -> new io.jobwerk.cockpit.boards.NoticeBoardsView(viewModel.boards(), confirm));
        pageFactories.put(Page.INVENTORY, () -> new io.jobwerk.cockpit.inventory.InventoryView(viewModel.inventory(), viewModel.deploy(), zone, ask, confirm));
        viewModel.notifications().setToaster(new io.jobwerk.cockpit.notify.Toasts(this, viewModel::showOrderDetail,
                () -> viewModel.show(Page.NOTIFICATIONS))::show);

        BorderPane frame = new BorderPane();
        frame.setTop(header());
        frame.setLeft(navigation());
        frame.setCenter(content);
        frame.setBottom(statusBar());
        overlay.setVisible(false);
        overlay.setStyle("-fx-background-color: rgba(0,0,0,0.35);");
        overlay.setOnMouseClicked(e -> {
            if (e.getTarget() == overlay) {
                closeOverlay();
            }
        });
        getChildren().addAll(frame, overlay);

        viewModel.pageProperty().addListener((o, a, b) -> showPage(b));
        showPage(viewModel.pageProperty().get());
        viewModel.selectedOrderProperty().addListener((o, a, b) -> {
            if (!b.isEmpty()) {
                ((OrdersView) page(Page.ORDERS)).selectOrder(b);
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    public void openQuickSearch() {
        if (quickSearch == null) {
            quickSearch = new QuickSearchView(viewModel.search(), this::closeOverlay);
        }
        showOverlay(quickSearch);
        quickSearch.focus();
    }

    public void openCheatSheet() {
        showOverlay(new CheatSheetView());
    }

    private void onKey(KeyEvent e) {
        if (overlay.isVisible()) {
            if (e.getCode() == KeyCode.ESCAPE) {
                closeOverlay();
                e.consume();
            }
            return;
        }
        boolean typing = e.getTarget() instanceof javafx.scene.control.TextInputControl;
        for (KeyBinding binding : KeyBinding.values()) {
            if (binding.combination().match(e) && !(typing && binding == KeyBinding.CHEAT_SHEET)) {
                if (handle(binding)) {
                    e.consume();
                }
                return;
            }
        }
    }

    private boolean handle(KeyBinding binding) {
        switch (binding) {
            case SHOW_DASHBOARD -> viewModel.show(Page.DASHBOARD);
            case SHOW_WORKFLOWS -> viewModel.show(Page.WORKFLOWS);
            case SHOW_ORDERS -> viewModel.show(Page.ORDERS);
            case SHOW_AGENTS -> viewModel.show(Page.AGENTS);
            case SHOW_HISTORY -> viewModel.show(Page.HISTORY);
            case SHOW_DAILY_PLAN -> viewModel.show(Page.DAILY_PLAN);
            case SHOW_LOG -> viewModel.show(Page.LOG);
            case SHOW_ORDER_DETAIL -> viewModel.show(Page.ORDER_DETAIL);
            case SHOW_NOTIFICATIONS -> viewModel.show(Page.NOTIFICATIONS);
            case SHOW_INVENTORY -> viewModel.show(Page.INVENTORY);
            case SHOW_BOARDS -> viewModel.show(Page.BOARDS);
            case QUICK_SEARCH -> openQuickSearch();
            case CHEAT_SHEET -> openCheatSheet();
            case TOGGLE_THEME -> viewModel.toggleTheme();
            case FOCUS_FILTER, CANCEL_ORDERS, CANCEL_AND_KILL, SUSPEND_ORDERS, RESUME_ORDERS, ANSWER_PROMPT, RESUME_AS_SUCCEEDED, GO_ORDERS, OPEN_LOG, OPEN_ORDER_DETAIL,
                 LOG_NEXT_MATCH, LOG_PREVIOUS_MATCH, LOG_FOLLOW, LOG_SAVE, REFRESH -> {
                return false; // the page shown handles them
            }
            case SHOW_CONNECTIONS, NEXT_CONNECTION, PREVIOUS_CONNECTION -> {
                return false; // the shell of several Controllers handles them
            }
        }
        return true;
    }

    private void showOverlay(Node node) {
        overlay.getChildren().setAll(node);
        StackPane.setAlignment(node, Pos.TOP_CENTER);
        node.setTranslateY(80);
        overlay.setVisible(true);
    }

    private void closeOverlay() {
        overlay.setVisible(false);
        overlay.getChildren().clear();
    }

    private void showPage(Page page) {
        content.getChildren().setAll(page(page));
        navButtons.get(page).setSelected(true);
    }

    /** The page's view, built on first use. */
    private Node page(Page page) {
        return pages.computeIfAbsent(page, p -> pageFactories.get(p).get());
    }

    private Node header() {
        Label title = new Label("Jobwerk Cockpit", Icons.icon("mdoal-account_tree"));
        title.getStyleClass().add("title");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button search = new Button("Find …   " + KeyBinding.QUICK_SEARCH.displayText(), Icons.icon("mdmz-search"));
        search.setId("openQuickSearch");
        search.setOnAction(e -> openQuickSearch());
        Button theme = new Button();
        theme.setId("toggleTheme");
        theme.graphicProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> Icons.icon(viewModel.darkProperty().get() ? "mdmz-wb_sunny" : "mdmz-nights_stay"), viewModel.darkProperty()));
        io.jobwerk.cockpit.ui.HoverTooltip.install(theme, KeyBinding.TOGGLE_THEME.description() + " (" + KeyBinding.TOGGLE_THEME.displayText() + ")");
        theme.setOnAction(e -> viewModel.toggleTheme());
        Button help = new Button("?");
        help.setId("openCheatSheet");
        io.jobwerk.cockpit.ui.HoverTooltip.install(help, "Keyboard shortcuts (?)");
        help.setOnAction(e -> openCheatSheet());
        HBox header = new HBox(title, spacer, search, notificationBell(), theme, help);
        header.getStyleClass().add("header");
        return header;
    }

    /** The bell with the count of notifications not acknowledged (red while there are any); opens the centre. */
    private Node notificationBell() {
        Button bell = new Button("", Icons.icon("mdomz-notifications"));
        bell.setId("notificationBell");
        var unacknowledged = viewModel.notifications().unacknowledgedProperty();
        bell.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> unacknowledged.get() == 0 ? "" : Integer.toString(unacknowledged.get()), unacknowledged));
        unacknowledged.addListener((o, a, b) -> {
            bell.getStyleClass().remove("danger");
            if (b.intValue() > 0) {
                bell.getStyleClass().add("danger");
            }
        });
        io.jobwerk.cockpit.ui.HoverTooltip.install(bell, "Notifications: failed orders, lost Agents and connections (" + KeyBinding.SHOW_NOTIFICATIONS.displayText() + ")");
        bell.setOnAction(e -> viewModel.show(Page.NOTIFICATIONS));
        return bell;
    }

    private Node navigation() {
        VBox nav = new VBox();
        nav.getStyleClass().add("nav");
        ToggleGroup group = new ToggleGroup();
        for (Page page : Page.values()) {
            ToggleButton b = new ToggleButton(page.title(), Icons.icon(page.icon()));
            b.setId("nav-" + page.name());
            b.setToggleGroup(group);
            io.jobwerk.cockpit.ui.HoverTooltip.install(b, page.title() + " (" + page.key().displayText() + ")");
            b.setOnAction(e -> {
                viewModel.show(page);
                b.setSelected(true);
            });
            navButtons.put(page, b);
            nav.getChildren().add(b);
        }
        return nav;
    }

    private Node statusBar() {
        FontIcon dot = Icons.icon("mdmz-radio_button_checked");
        dot.setIconSize(12);
        Label connection = new Label();
        connection.setId("connectionState");
        connection.textProperty().bind(viewModel.connectionTextProperty());
        viewModel.connectionProperty().addListener((o, a, b) -> colour(dot, b));
        colour(dot, viewModel.connectionProperty().get());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Label keys = new Label("? shortcuts · " + KeyBinding.QUICK_SEARCH.displayText() + " find");
        keys.getStyleClass().add("muted");
        HBox bar = new HBox(dot, connection, spacer, keys);
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private static void colour(FontIcon dot, ConnectionState state) {
        dot.getStyleClass().removeIf(s -> s.startsWith("connection-"));
        dot.getStyleClass().add("connection-" + state.status().name().toLowerCase(java.util.Locale.ROOT));
    }
}
