package io.jobwerk.testing;

import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits in real time for something a real server does on its own threads (an order finished, an
 * Agent coupled). Not for unit tests: they run in virtual time and need no waiting. The timeout is a
 * limit against hanging, never what a test asserts.
 */
public final class Await {

    /** Long enough for a loaded two-core CI machine; a test that needs longer says so. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Scheduler REAL = RealScheduler.instance();

    private Await() {}

    /** Waits until {@code condition} holds, at most {@link #DEFAULT_TIMEOUT}; an {@link AssertionError} naming {@code what} after. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT_TIMEOUT, condition, () -> "");
    }

    /** Waits until {@code condition} holds, at most {@code timeout}. */
    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /**
     * Waits until {@code condition} holds, at most {@code timeout}; the {@link AssertionError} after
     * the timeout adds {@code context} (what the test saw, e.g. the events so far).
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> context) {
        long deadline = REAL.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (REAL.nanoTime() - deadline > 0) {
                String seen = context.get();
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what + (seen.isEmpty() ? "" : "; " + seen));
            }
            try {
                REAL.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }
}
