package io.jobwerk.testing;

import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.VirtualScheduler;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Runs a {@link VirtualScheduler}'s due tasks until a condition holds, for servers in virtual time
 * whose threads are partly real (HTTP, job processes, a keeper's loop): the virtual time does not
 * move, only the tasks due now run, again and again while the real threads do their part. A test
 * moves the time itself with {@link VirtualScheduler#advance}. The real-time limit is against
 * hanging, never what a test asserts.
 */
public final class VirtualAwait {

    private static final Duration LIMIT = Await.DEFAULT_TIMEOUT;
    private static final Duration YIELD = Duration.ofMillis(1);
    private static final Scheduler REAL = RealScheduler.instance();

    private VirtualAwait() {}

    /** Runs due tasks until {@code condition} holds; an {@link AssertionError} naming {@code what} after the limit. */
    public static void until(VirtualScheduler scheduler, String what, BooleanSupplier condition) {
        until(scheduler, what, condition, () -> "");
    }

    /** As {@link #until(VirtualScheduler, String, BooleanSupplier)}; the error adds {@code context} (what the test saw). */
    public static void until(VirtualScheduler scheduler, String what, BooleanSupplier condition, Supplier<String> context) {
        long deadline = REAL.nanoTime() + LIMIT.toNanos();
        while (true) {
            scheduler.runUntilIdle();
            if (condition.getAsBoolean()) {
                return;
            }
            if (REAL.nanoTime() - deadline > 0) {
                String seen = context.get();
                throw new AssertionError("Not reached within " + LIMIT + " of real time (virtual time "
                        + scheduler.elapsed() + "): " + what + (seen.isEmpty() ? "" : "; " + seen));
            }
            try {
                REAL.sleep(YIELD);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting for " + what, e);
            }
        }
    }
}
