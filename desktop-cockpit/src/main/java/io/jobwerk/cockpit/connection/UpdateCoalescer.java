package io.jobwerk.cockpit.connection;

import io.jobwerk.cockpit.ui.UiThread;
import java.util.function.Consumer;

/**
 * Hands updates from the connection's thread to the UI thread in batches: while one hand-over is
 * queued on the UI thread, later updates are folded into it ({@link LiveUpdate#then}), so however
 * many events arrive, the UI thread runs at most one update per pulse, never one per event.
 */
public final class UpdateCoalescer {

    private final UiThread ui;
    private final Consumer<LiveUpdate> listener;
    private final Object lock = new Object();
    private LiveUpdate pending; // guarded by lock; non-null while a hand-over is queued
    private long handOvers;     // guarded by lock

    public UpdateCoalescer(UiThread ui, Consumer<LiveUpdate> listener) {
        this.ui = ui;
        this.listener = listener;
    }

    public void publish(LiveUpdate update) {
        boolean schedule;
        synchronized (lock) {
            schedule = pending == null;
            pending = schedule ? update : pending.then(update);
            if (schedule) {
                handOvers++;
            }
        }
        if (schedule) {
            ui.execute(this::deliver);
        }
    }

    /** How many times the UI thread was called (for tests and the benchmark). */
    public long handOvers() {
        synchronized (lock) {
            return handOvers;
        }
    }

    private void deliver() {
        LiveUpdate update;
        synchronized (lock) {
            update = pending;
            pending = null;
        }
        if (update != null) {
            listener.accept(update);
        }
    }
}
