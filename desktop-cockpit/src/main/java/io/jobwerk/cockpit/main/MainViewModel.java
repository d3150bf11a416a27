package io.jobwerk.cockpit.main;

import io.jobwerk.cockpit.agents.AgentsViewModel;
import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.connection.ConnectionState;
import io.jobwerk.cockpit.connection.ControllerReads;
import io.jobwerk.cockpit.log.HistoryLogSource;
import io.jobwerk.cockpit.log.LogViewModel;
import java.util.concurrent.Executor;
import io.jobwerk.cockpit.history.HistoryViewModel;
import io.jobwerk.cockpit.plan.DailyPlanViewModel;
import io.jobwerk.cockpit.history.TimeRange;
import java.time.Clock;
import io.jobwerk.cockpit.dashboard.DashboardViewModel;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.orders.OrdersViewModel;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.cockpit.workflows.WorkflowsViewModel;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * The main window: which page is shown, the theme, the connection's state in words, and the
 * screens' ViewModels; it is the {@link Navigator} they open each other's views through.
 */
public final class MainViewModel implements Navigator {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss z");

    private final LiveModel live;
    private final String controllerName;
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(Page.DASHBOARD);
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper selectedOrder = new ReadOnlyStringWrapper("");
    private final DashboardViewModel dashboard;
    private final OrdersViewModel orders;
    private final WorkflowsViewModel workflows;
    private final AgentsViewModel agents;
    private final io.jobwerk.cockpit.boards.NoticeBoardsViewModel boards;
    private final QuickSearchViewModel search;
    private final LogViewModel log;
    private final HistoryViewModel history;
    private final DailyPlanViewModel dailyPlan;
    private final io.jobwerk.cockpit.inventory.InventoryViewModel inventory;
    private final io.jobwerk.cockpit.inventory.DeployViewModel deploy;
    private final io.jobwerk.cockpit.orderdetail.OrderDetailViewModel orderDetail;
    private final io.jobwerk.cockpit.notify.NotificationCentre notifications;

    public MainViewModel(LiveModel live, CommandSender commands, ControllerReads reads, UiThread ui, Executor background,
                         Clock clock, String controllerName) {
        this(live, commands, io.jobwerk.cockpit.connection.ItemSender.none(), reads, ui, background, clock, controllerName);
    }

    /** @param items where item changes go (a Subagent enabled or disabled): the Controller's item route */
    public MainViewModel(LiveModel live, CommandSender commands, io.jobwerk.cockpit.connection.ItemSender items, ControllerReads reads,
                         UiThread ui, Executor background, Clock clock, String controllerName) {
        this.live = live;
        this.controllerName = controllerName;
        this.dailyPlan = new DailyPlanViewModel(reads, commands, ui, clock, live.zone());
        dailyPlan.permit(live.permissionsProperty().get());
        live.permissionsProperty().addListener((o, a, granted) -> dailyPlan.permit(granted));
        this.dashboard = new DashboardViewModel(live, this, reads, ui, clock, dailyPlan.todayProperty());
        this.history = new HistoryViewModel(reads, this, ui, clock, live.zone());
        this.orders = new OrdersViewModel(live, commands, ui);
        this.workflows = new WorkflowsViewModel(live, this, commands, ui);
        this.agents = new AgentsViewModel(live, commands, items, ui);
        this.boards = new io.jobwerk.cockpit.boards.NoticeBoardsViewModel(live, commands, ui, clock);
        this.search = new QuickSearchViewModel(live, this);
        this.log = new LogViewModel(live, new HistoryLogSource(reads), ui, background);
        // references are checked on the connected Controller's items; none while not connected
        this.inventory = new io.jobwerk.cockpit.inventory.InventoryViewModel(javafx.beans.binding.Bindings.createObjectBinding(
                () -> live.connectionProperty().get().isConnected() ? live.stateProperty().get() : null,
                live.connectionProperty(), live.stateProperty()), ui, background, clock);
        this.deploy = new io.jobwerk.cockpit.inventory.DeployViewModel(inventory, ui, background, clock);
        this.notifications = new io.jobwerk.cockpit.notify.NotificationCentre(clock, controllerName).follow(live);
        this.orderDetail = new io.jobwerk.cockpit.orderdetail.OrderDetailViewModel(live, reads, commands, ui, clock);
        live.connectionProperty().addListener((o, a, b) -> {
            describe(b);
            if (b.isConnected() && !a.isConnected()) {
                show(page.get()); // the page's reads (history summary, today's plan) once the Controller answers
            }
        });
        describe(live.connectionProperty().get());
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return live.connectionProperty();
    }

    /** e.g. {@code standalone · connected since 10:15:02 CET} or {@code … · reconnecting: Connection refused} */
    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    /** The order the Orders view should select (set by the quick search). */
    public ReadOnlyStringProperty selectedOrderProperty() {
        return selectedOrder.getReadOnlyProperty();
    }

    public DashboardViewModel dashboard() {
        return dashboard;
    }

    public OrdersViewModel orders() {
        return orders;
    }

    public WorkflowsViewModel workflows() {
        return workflows;
    }

    public io.jobwerk.cockpit.boards.NoticeBoardsViewModel boards() {
        return boards;
    }

    public AgentsViewModel agents() {
        return agents;
    }

    public LiveModel live() {
        return live;
    }

    public DailyPlanViewModel dailyPlan() {
        return dailyPlan;
    }

    public HistoryViewModel history() {
        return history;
    }

    public LogViewModel log() {
        return log;
    }

    public io.jobwerk.cockpit.inventory.InventoryViewModel inventory() {
        return inventory;
    }

    public io.jobwerk.cockpit.inventory.DeployViewModel deploy() {
        return deploy;
    }

    public io.jobwerk.cockpit.orderdetail.OrderDetailViewModel orderDetail() {
        return orderDetail;
    }

    public io.jobwerk.cockpit.notify.NotificationCentre notifications() {
        return notifications;
    }

    public QuickSearchViewModel search() {
        return search;
    }

    public void toggleTheme() {
        dark.set(!dark.get());
    }

    @Override
    public void showOrders(StateGroup group, String workflowPath) {
        orders.groupProperty().set(group);
        orders.workflowProperty().set(workflowPath);
        orders.agentProperty().set("");
        orders.textProperty().set("");
        page.set(Page.ORDERS);
    }

    @Override
    public void showOrder(String orderId) {
        showOrders(null, "");
        orders.textProperty().set(orderId);
        selectedOrder.set("");
        selectedOrder.set(orderId);
    }

    @Override
    public void showWorkflow(String workflowPath) {
        workflows.select(workflowPath);
        page.set(Page.WORKFLOWS);
    }

    @Override
    public void show(Page page) {
        this.page.set(page);
        if (page == Page.HISTORY) {
            history.refresh();
        } else if (page == Page.INVENTORY) {
            inventory.refresh();
        } else if (page == Page.DAILY_PLAN) {
            dailyPlan.refresh();
        } else if (page == Page.DASHBOARD) {
            dashboard.refreshHistory();
            dailyPlan.refreshToday();
        }
    }

    @Override
    public void showHistory(String state, TimeRange range) {
        history.kindProperty().set(HistoryViewModel.Kind.ORDERS);
        history.stateProperty().set(state);
        history.workflowProperty().set("");
        history.rangeProperty().set(range);
        show(Page.HISTORY);
    }

    @Override
    public void showLog(String orderId) {
        log.open(orderId);
        page.set(Page.LOG);
    }

    @Override
    public void showTaskLog(String mainOrderId, String taskOrderId, String position) {
        log.openTask(mainOrderId, taskOrderId, position);
        page.set(Page.LOG);
    }

    @Override
    public void showOrderDetail(String orderId) {
        orderDetail.open(orderId);
        page.set(Page.ORDER_DETAIL);
    }

    private void describe(ConnectionState state) {
        String since = TIME.format(state.since().atZone(live.zone()));
        connectionText.set(controllerName + " · " + switch (state.status()) {
            case CONNECTING -> "connecting …";
            case CONNECTED -> "connected since " + since;
            case RECONNECTING -> "reconnecting (since " + since + ")" + state.problem().map(p -> ": " + p).orElse("");
            case LOGIN_FAILED -> "login failed" + state.problem().map(p -> ": " + p).orElse("") + " (Connections: edit the password)";
            case CLOSED -> "closed";
        });
    }
}
