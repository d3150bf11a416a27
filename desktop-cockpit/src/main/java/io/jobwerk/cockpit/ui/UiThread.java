package io.jobwerk.cockpit.ui;

import javafx.application.Platform;

/**
 * The one way background work reaches the UI: {@link #fx()} runs on the JavaFX application thread,
 * {@link #direct()} runs at once (ViewModel tests, which have no FX thread).
 */
@FunctionalInterface
public interface UiThread {

    void execute(Runnable action);

    static UiThread fx() {
        return action -> {
            if (Platform.isFxApplicationThread()) {
                action.run();
            } else {
                Platform.runLater(action);
            }
        };
    }

    static UiThread direct() {
        return Runnable::run;
    }
}
