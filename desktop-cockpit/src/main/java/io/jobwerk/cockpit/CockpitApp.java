package io.jobwerk.cockpit;

import io.jobwerk.cockpit.connections.ConfigDirectory;
import io.jobwerk.cockpit.connections.ConnectionEntry;
import io.jobwerk.cockpit.connections.PasswordDialog;
import io.jobwerk.cockpit.connections.PasswordVault;
import io.jobwerk.cockpit.connections.PasswordVaults;
import io.jobwerk.cockpit.connections.ProfileStore;
import io.jobwerk.scheduler.RealScheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application: the window over the operator's saved connections, showing (and
 * connecting) the Controller {@link CockpitMain} was given, whose profile it chooses or saves.
 */
public final class CockpitApp extends Application {

    /** What the command line asked for. */
    record Target(String controllerUri, String userId, Optional<String> name, Optional<String> password) {}

    static volatile Target target;
    static volatile Path workspace;
    static volatile boolean smoke;
    static volatile boolean shown;
    private CockpitShell shell;
    private ExecutorService background;

    @Override
    public void start(Stage stage) {
        background = RealScheduler.instance().pool("cockpit-connections", 1);
        String configDir = System.getProperty("jobwerk.cockpit.config", System.getenv("JOBWERK_COCKPIT_CONFIG"));
        ProfileStore store = new ProfileStore(configDir == null || configDir.isBlank() ? ConfigDirectory.current() : Path.of(configDir));
        // Looking for the keyring takes 0.7 to 2.5 s (JNA, D-Bus): on a thread of its own, so neither the window
        // nor the command line's connection, whose password is in memory, waits for it.
        CompletableFuture<PasswordVault> vault = CompletableFuture.supplyAsync(PasswordVaults::detect,
                r -> RealScheduler.instance().newThread("cockpit-keyring", r).start());
        PasswordDialog prompt = new PasswordDialog(() -> shell.connections().keyringProperty().get());
        shell = new CockpitShell(store, vault, prompt, background, Clock.systemUTC(), ZoneId.systemDefault(),
                Cockpit::askOperator, Cockpit::askOperatorText);
        ConnectionEntry chosen = shell.connections().choose(target.controllerUri(), target.userId(), target.name(), target.password());
        shell.connections().reopen(); // the others open when the Cockpit was last closed
        if (workspace != null) {
            chosen.openProperty().addListener((o, a, b) -> {
                if (a == null && b != null) {
                    shell.cockpit(chosen.profile().name()).ifPresent(c -> c.openWorkspace(workspace));
                }
            });
        }
        shell.show(stage);
        if (smoke) {
            // after this pulse: the window is on screen with its scene laid out
            Platform.runLater(() -> {
                shown = stage.isShowing();
                System.out.println("jobwerk cockpit: main window " + (shown ? "shown" : "NOT shown") + ": " + stage.getTitle());
                Platform.exit();
            });
        }
    }

    @Override
    public void stop() {
        if (shell != null) {
            shell.close();
        }
        if (background != null) {
            background.shutdownNow();
        }
    }
}
