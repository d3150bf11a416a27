package io.jobwerk.cockpit;

import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.cockpit.connection.ControllerConnection;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.main.MainView;
import io.jobwerk.cockpit.main.MainViewModel;
import io.jobwerk.cockpit.ui.Theme;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.scheduler.RealScheduler;
import java.time.Clock;
import java.time.ZoneId;
import java.util.function.Predicate;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.stage.Stage;

/**
 * One Cockpit window connected to one Controller: the connection, the live model, the main
 * ViewModel and View, the theme. {@link #show} puts it on a stage; {@link #close} ends the connection.
 */
public final class Cockpit implements io.jobwerk.cockpit.connections.OpenConnection {

    /** Searches and file writes of the views, off the UI thread; daemon threads, so they never hold the JVM. */
    private static final java.util.concurrent.ExecutorService BACKGROUND = RealScheduler.instance().pool("cockpit-background", 2);

    private final ControllerConnection connection;
    private final LiveModel live;
    private final MainViewModel viewModel;
    private final Predicate<String> confirm;
    private final java.util.function.BiFunction<String, String, java.util.Optional<String>> ask;
    private final ZoneId zone;
    private MainView view;  // built on first use, so start() can read the snapshot meanwhile
    private Scene scene; // made on first use: in the several-Controllers shell the view sits in the shell's scene

    public Cockpit(ConnectionConf conf, Clock clock, ZoneId zone, Predicate<String> confirm) {
        this(conf, clock, zone, confirm, Cockpit::askOperatorText);
    }

    /** @param ask asks the operator for a text (question, initial value; empty when cancelled), e.g. a new item's name */
    public Cockpit(ConnectionConf conf, Clock clock, ZoneId zone, Predicate<String> confirm,
                   java.util.function.BiFunction<String, String, java.util.Optional<String>> ask) {
        live = new LiveModel(clock, zone);
        connection = new ControllerConnection(conf, UiThread.fx(), live::apply, live::setConnection, live::setPermissions, clock);
        viewModel = new MainViewModel(live, connection::execute, connection::postItems, connection, UiThread.fx(), BACKGROUND, clock, conf.name() + " (" + conf.controllerUri() + ", " + conf.userId() + ")");
        viewModel.deploy().addTarget(conf, true);
        live.permissionsProperty().addListener((o, a, granted) -> viewModel.deploy().permit(conf.name(), granted));
        this.confirm = confirm;
        this.ask = ask;
        this.zone = zone;
        viewModel.darkProperty().addListener((o, a, dark) -> {
            if (scene != null) {
                (dark ? Theme.DARK : Theme.LIGHT).apply(scene);
            }
        });
    }

    /**
     * The window's view, built on the first call. Building it (controls, CSS) takes the UI thread a
     * while on a cold JVM; {@code new Cockpit(…).start().show(stage)} lets the connection log in and
     * read the snapshot on its own thread meanwhile instead of after it. The live model's updates
     * reach the UI thread queued behind it, so the view sees them all.
     */
    private MainView buildView() {
        if (view == null) {
            view = new MainView(viewModel, zone, confirm, ask);
        }
        return view;
    }

    /** The confirmation every destructive action asks: a dialog naming what it affects. */
    public static boolean askOperator(String question) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, ButtonType.OK, ButtonType.CANCEL);
        alert.setHeaderText(null);
        alert.setTitle("Please confirm");
        return alert.showAndWait().filter(b -> b == ButtonType.OK).isPresent();
    }

    /** Asks for a text in a dialog; a long initial text (a report) is shown to read, not to edit. */
    public static java.util.Optional<String> askOperatorText(String question, String initial) {
        if (initial.contains("\n")) {
            javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(initial);
            text.setEditable(false);
            text.setPrefSize(760, 360);
            Alert alert = new Alert(Alert.AlertType.INFORMATION, null, ButtonType.OK);
            alert.setHeaderText(question);
            alert.getDialogPane().setContent(text);
            alert.showAndWait();
            return java.util.Optional.empty();
        }
        javafx.scene.control.TextInputDialog dialog = new javafx.scene.control.TextInputDialog(initial);
        dialog.setHeaderText(null);
        dialog.setTitle("Jobwerk Cockpit");
        dialog.setContentText(question);
        return dialog.showAndWait().filter(s -> !s.isBlank());
    }

    /** Opens the folder as the inventory's workspace. */
    public Cockpit openWorkspace(java.nio.file.Path folder) {
        viewModel.inventory().open(folder);
        return this;
    }

    public Cockpit start() {
        connection.start();
        return this;
    }

    public void show(Stage stage) {
        stage.setTitle("Jobwerk Cockpit — " + connection.conf().name());
        stage.setScene(scene());
        stage.setWidth(1440);
        stage.setHeight(900);
        stage.show();
    }

    public MainViewModel viewModel() {
        return viewModel;
    }

    public MainView view() {
        return buildView();
    }

    @Override
    public LiveModel live() {
        return live;
    }

    /** The window's scene with this Cockpit alone (made on first call). */
    public Scene scene() {
        if (scene == null) {
            scene = new Scene(buildView(), 1440, 900);
            (viewModel.darkProperty().get() ? Theme.DARK : Theme.LIGHT).apply(scene);
        }
        return scene;
    }

    @Override
    public void retryNow() {
        connection.retryNow();
    }

    public ControllerConnection connection() {
        return connection;
    }

    @Override
    public void close() {
        connection.close();
    }
}
