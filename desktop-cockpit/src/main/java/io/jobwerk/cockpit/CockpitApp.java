package io.jobwerk.cockpit;

import io.jobwerk.cockpit.connection.ConnectionConf;
import java.time.Clock;
import java.time.ZoneId;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application: one Cockpit window on the Controller {@link CockpitMain} was given. */
public final class CockpitApp extends Application {

    static volatile ConnectionConf conf;
    static volatile java.nio.file.Path workspace;
    static volatile boolean smoke;
    static volatile boolean shown;
    private Cockpit cockpit;

    @Override
    public void start(Stage stage) {
        cockpit = new Cockpit(conf, Clock.systemUTC(), ZoneId.systemDefault(), Cockpit::askOperator).start();
        if (workspace != null) {
            cockpit.openWorkspace(workspace);
        }
        cockpit.show(stage);
        if (smoke) {
            // after this pulse: the window is on screen with its scene laid out
            Platform.runLater(() -> {
                shown = stage.isShowing();
                System.out.println("jobwerk cockpit: main window " + (stage.isShowing() ? "shown" : "NOT shown") + ": " + stage.getTitle());
                Platform.exit();
            });
        }
    }

    @Override
    public void stop() {
        if (cockpit != null) {
            cockpit.close();
        }
    }
}
