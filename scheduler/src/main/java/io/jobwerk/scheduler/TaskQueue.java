package io.jobwerk.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Tasks run one at a time (see {@link Scheduler#queue}). After {@link #close} a task handed in is
 * dropped: {@code execute} ignores it and {@code schedule} returns an already cancelled handle.
 */
public interface TaskQueue extends Executor, AutoCloseable {

    /** Runs {@code task} once, after {@code delay}. */
    Cancellable schedule(Duration delay, Runnable task);

    /** Runs {@code task} after {@code initialDelay}, then again {@code delay} after each run ends. */
    Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task);

    /** Drops the tasks not started yet and interrupts a running one; returns the dropped one-off tasks. */
    List<Runnable> closeNow();

    /** As {@link #closeNow}, without the dropped tasks. */
    @Override
    default void close() {
        closeNow();
    }
}
