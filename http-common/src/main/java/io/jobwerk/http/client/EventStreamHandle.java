package io.jobwerk.http.client;

import okhttp3.Call;

/**
 * A handle on one read of an event stream ({@link EngineClient#readEventBatches(long, java.time.Duration, int,
 * EventStreamHandle, java.util.function.Predicate)}): {@link #cancel}, from any thread, ends the read at once,
 * a long poll blocked waiting for the next line included, and the read returns the last event id it
 * handed on, as when the server ends the stream. Cancelled before the read starts, the read sends no
 * request and returns at once. A handle serves one read; cancelling it again or after the read is harmless.
 */
public final class EventStreamHandle {

    private final Object lock = new Object();
    private Call call; // guarded by lock
    private boolean cancelled; // guarded by lock

    /** Ends the read (or the read to come) at once. */
    public void cancel() {
        synchronized (lock) {
            cancelled = true;
            if (call != null) {
                call.cancel();
            }
        }
    }

    public boolean isCancelled() {
        synchronized (lock) {
            return cancelled;
        }
    }

    /** Makes {@code next} the call {@link #cancel} cancels; false when the handle is cancelled already. */
    boolean attach(Call next) {
        synchronized (lock) {
            if (cancelled) {
                return false;
            }
            call = next;
            return true;
        }
    }
}
