package io.jobwerk.subagent;

import java.time.Duration;

/**
 * Whether the Subagent still hears from its Director: every request counts as contact; after
 * {@code timeout} without any, the Director is lost (once per silence). Times are monotonic
 * nanoseconds passed in, so the rule is tested without waiting. Thread-safe.
 */
final class DirectorWatch {

    private final long timeoutNanos;
    private long lastContact; // guarded by this
    private boolean contacted; // guarded by this: no Director yet, nothing to lose
    private boolean reported; // guarded by this

    DirectorWatch(Duration timeout) {
        this.timeoutNanos = timeout.toNanos();
    }

    synchronized void contact(long nanos) {
        lastContact = nanos;
        contacted = true;
        reported = false;
    }

    /** True exactly once per silence longer than the timeout. */
    synchronized boolean lostAt(long nanos) {
        if (!contacted || reported || nanos - lastContact < timeoutNanos) {
            return false;
        }
        reported = true;
        return true;
    }
}
