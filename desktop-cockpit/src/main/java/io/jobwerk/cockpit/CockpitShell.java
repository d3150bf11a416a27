package io.jobwerk.cockpit;

import io.jobwerk.cockpit.allcontrollers.AllControllersChip;
import io.jobwerk.cockpit.allcontrollers.AllControllersView;
import io.jobwerk.cockpit.allcontrollers.AllOrdersViewModel;
import io.jobwerk.cockpit.allcontrollers.ControllerSource;
import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.cockpit.connections.ConnectionEntry;
import io.jobwerk.cockpit.connections.ConnectionStrip;
import io.jobwerk.cockpit.connections.ConnectionsView;
import io.jobwerk.cockpit.connections.ConnectionsViewModel;
import io.jobwerk.cockpit.connections.OpenConnection;
import io.jobwerk.cockpit.connections.PasswordVault;
import io.jobwerk.cockpit.connections.ProfileStore;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.main.KeyBinding;
import io.jobwerk.cockpit.main.Page;
import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.cockpit.ui.UiThread;
import java.time.Clock;
import java.time.ZoneId;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Predicate;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The Cockpit's window over several Controllers: the {@link ConnectionStrip} with every
 * connection's state always in view, and below it the {@link Cockpit} of the one shown (each open
 * connection keeps its own Cockpit, live, so switching is instant and a background one still
 * toasts when it is lost), the Connections screen, or a "not connected" page. Ctrl+PgDn / Ctrl+PgUp
 * switch, Ctrl+0 opens the Connections screen; the theme is one for all.
 */
public final class CockpitShell extends BorderPane implements AutoCloseable {

    private final ConnectionsViewModel connections;
    private final Map<OpenConnection, Cockpit> cockpits = new IdentityHashMap<>();
    private final StackPane views = new StackPane();
    private final ConnectionsView connectionsView;
    private final VBox notConnected = new VBox(12);
    private final BooleanProperty showingConnections = new SimpleBooleanProperty(false);
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final BooleanProperty showingAll = new SimpleBooleanProperty(false);
    private final AllOrdersViewModel allOrders;
    private final ZoneId zone;
    private final Predicate<String> confirm;
    private AllControllersView allView; // built when first shown
    private final Timeline ticker;
    private Scene scene;

    public CockpitShell(ProfileStore store, PasswordVault vault, ConnectionsViewModel.PasswordPrompt prompt, java.util.concurrent.Executor background,
                        Clock clock, ZoneId zone, Predicate<String> confirm, BiFunction<String, String, Optional<String>> ask) {
        this(store, java.util.concurrent.CompletableFuture.completedFuture(vault), prompt, background, clock, zone, confirm, ask);
    }

    /** @param vault the password vault as it is found (a keyring probe can take seconds: the window does not wait) */
    public CockpitShell(ProfileStore store, java.util.concurrent.CompletableFuture<PasswordVault> vault, ConnectionsViewModel.PasswordPrompt prompt,
                        java.util.concurrent.Executor background,
                        Clock clock, ZoneId zone, Predicate<String> confirm, BiFunction<String, String, Optional<String>> ask) {
        this.zone = zone;
        this.confirm = confirm;
        allOrders = new AllOrdersViewModel(UiThread.fx(), new AllOrdersViewModel.Opener() {
            @Override
            public void openDetail(String controller, String orderId) {
                showConnection(controller).ifPresent(c -> c.viewModel().showOrderDetail(orderId));
            }

            @Override
            public void openLog(String controller, String orderId) {
                showConnection(controller).ifPresent(c -> c.viewModel().showLog(orderId));
            }
        });
        connections = new ConnectionsViewModel(store, vault, conf -> open(conf, clock, zone, confirm, ask), prompt,
                UiThread.fx(), background, clock, zone);
        connectionsView = new ConnectionsView(connections, confirm, () -> showingConnections.set(false));
        setId("cockpitShell");
        setTop(new ConnectionStrip(connections, this::toggleConnections,
                new AllControllersChip(allOrders, showingAll, this::showAllControllers), showingAll));
        notConnected.setAlignment(Pos.CENTER);
        notConnected.getStyleClass().add("page");
        views.getChildren().addAll(notConnected, connectionsView);
        setCenter(views);
        connections.currentProperty().addListener((o, a, b) -> {
            showingConnections.set(false);
            showingAll.set(false);
            showCurrent();
        });
        showingConnections.addListener((o, a, b) -> showCurrent());
        showingAll.addListener((o, a, b) -> showCurrent());
        connections.entries().forEach(e -> e.openProperty().addListener((o, a, b) -> showCurrent()));
        connections.entries().addListener((javafx.collections.ListChangeListener<ConnectionEntry>) c -> {
            while (c.next()) {
                c.getAddedSubList().forEach(e -> e.openProperty().addListener((o, a, b) -> showCurrent()));
            }
            showCurrent();
        });
        dark.addListener((o, a, b) -> {
            if (scene != null) {
                (b ? Theme.DARK : Theme.LIGHT).apply(scene);
            }
        });
        addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> connections.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        ticker.play();
        showCurrent();
    }

    public ConnectionsViewModel connections() {
        return connections;
    }

    /** The Cockpit of the connection shown; empty when it is not connected. */
    public Optional<Cockpit> current() {
        return Optional.ofNullable(connections.currentProperty().get()).flatMap(ConnectionEntry::open).map(cockpits::get);
    }

    /** The Cockpit of a connection by its profile's name, while it is connected. */
    public Optional<Cockpit> cockpit(String name) {
        return connections.entry(name).flatMap(ConnectionEntry::open).map(cockpits::get);
    }

    /** All open Controllers' orders together. */
    public AllOrdersViewModel allOrders() {
        return allOrders;
    }

    /** Shows every connected Controller's orders in one table ({@link KeyBinding#SHOW_ALL_CONTROLLERS}). */
    public void showAllControllers() {
        showingConnections.set(false);
        showingAll.set(true);
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public void toggleConnections() {
        showingConnections.set(!showingConnections.get());
        if (showingConnections.get()) {
            connectionsView.focus();
        }
    }

    public Scene scene() {
        if (scene == null) {
            scene = new Scene(this, 1440, 900);
            (dark.get() ? Theme.DARK : Theme.LIGHT).apply(scene);
        }
        return scene;
    }

    public void show(Stage stage) {
        stage.setTitle("Jobwerk Cockpit");
        stage.setScene(scene());
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
    }

    private OpenConnection open(ConnectionConf conf, Clock clock, ZoneId zone, Predicate<String> confirm,
                                BiFunction<String, String, Optional<String>> ask) {
        Cockpit cockpit = new Cockpit(conf, clock, zone, confirm, ask);
        cockpit.start(); // first: it logs in and reads the snapshot while this thread builds the view
        cockpit.viewModel().darkProperty().bindBidirectional(dark);
        // A toast clicked in a connection not shown opens a page there: show that connection.
        cockpit.viewModel().pageProperty().addListener((o, a, b) -> {
            if (current().orElse(null) != cockpit && b == Page.NOTIFICATIONS) {
                connections.entries().stream().filter(e -> e.open().map(cockpits::get).orElse(null) == cockpit)
                        .findFirst().ifPresent(connections::select);
            }
        });
        views.getChildren().add(cockpit.view());
        cockpit.view().setVisible(false);
        OpenConnection shellConnection = new OpenConnection() {
            @Override
            public LiveModel live() {
                return cockpit.live();
            }

            @Override
            public void retryNow() {
                cockpit.retryNow();
            }

            @Override
            public void close() {
                cockpits.remove(this);
                allOrders.remove(conf.name());
                views.getChildren().remove(cockpit.view());
                cockpit.viewModel().darkProperty().unbindBidirectional(dark);
                cockpit.close();
            }
        };
        cockpits.put(shellConnection, cockpit);
        allOrders.add(new ControllerSource(conf.name(), cockpit.live(), cockpit.connection()::execute));
        return shellConnection;
    }

    private void showCurrent() {
        Cockpit shown = current().orElse(null);
        boolean manage = showingConnections.get() || (connections.currentProperty().get() == null && !showingAll.get());
        for (Node child : views.getChildren()) {
            child.setVisible(false);
        }
        if (manage) {
            connectionsView.setVisible(true);
        } else if (showingAll.get()) {
            if (allView == null) {
                allView = new AllControllersView(allOrders, zone, confirm);
                views.getChildren().add(allView);
            }
            allView.setVisible(true);
            allView.focusTable();
        } else if (shown != null) {
            shown.view().setVisible(true);
            // keys go to the focused node: it must not stay in a Cockpit now hidden
            shown.view().requestFocus();
        } else {
            fillNotConnected(connections.currentProperty().get());
            notConnected.setVisible(true);
        }
    }

    /** Shows a connection by its profile's name, leaving the view over all; its Cockpit while it is connected. */
    private Optional<Cockpit> showConnection(String name) {
        connections.entry(name).ifPresent(connections::select);
        showingConnections.set(false);
        showingAll.set(false);
        return cockpit(name);
    }

    private void fillNotConnected(ConnectionEntry entry) {
        Label what = new Label(entry.profile().name() + " is not connected (" + entry.profile().controllerUri() + ", user "
                + entry.profile().userId() + ")");
        what.getStyleClass().add("section-title");
        Button connect = new Button("Connect", Icons.icon("mdoal-link"));
        connect.setId("connectCurrent");
        connect.setOnAction(e -> connections.connect(entry));
        Button manage = new Button("Connections …  " + KeyBinding.SHOW_CONNECTIONS.displayText(), Icons.icon("mdoal-device_hub"));
        manage.setOnAction(e -> toggleConnections());
        notConnected.getChildren().setAll(what, connect, manage);
    }

    private void onKey(KeyEvent e) {
        if (KeyBinding.NEXT_CONNECTION.combination().match(e)) {
            connections.selectNext();
        } else if (KeyBinding.PREVIOUS_CONNECTION.combination().match(e)) {
            connections.selectPrevious();
        } else if (KeyBinding.SHOW_ALL_CONTROLLERS.combination().match(e)) {
            showAllControllers();
        } else if (KeyBinding.SHOW_CONNECTIONS.combination().match(e) || (e.getCode() == KeyCode.ESCAPE && showingConnections.get())) {
            toggleConnections();
        } else {
            return;
        }
        e.consume();
    }

    @Override
    public void close() {
        ticker.stop();
        connections.closeAll();
    }
}
