package io.jobwerk.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/**
 * Where time and threads come from. Every class that reads the time, waits, runs something later or
 * periodically, or starts a thread gets them from a {@code Scheduler}, so a test can give it a
 * {@link VirtualScheduler} and move time by hand instead of sleeping.
 *
 * <p>{@link RealScheduler#instance()} is the one for production: the system clock, {@code Thread.sleep},
 * and daemon threads named as asked. What a scheduler creates (queues, pools, threads) belongs to the
 * caller, who closes it.
 */
public interface Scheduler {

    /** The wall clock (UTC): event timestamps, due times, session ages. */
    Clock clock();

    /** Monotonic nanoseconds for measuring how long something took; only differences mean anything. */
    long nanoTime();

    /** Waits for {@code duration} on the calling thread (a loop's back-off); zero or negative returns at once. */
    void sleep(Duration duration) throws InterruptedException;

    /** A daemon thread with this name, not yet started, for a loop that blocks (a long poll, a reaper). */
    Thread newThread(String name, Runnable runnable);

    /**
     * A queue whose tasks run one at a time in order of submission and due time, on one thread named
     * {@code name}: for timers, periodic work and serial work of one peer.
     */
    TaskQueue queue(String name);

    /**
     * An executor of up to {@code threads} threads (named {@code name}, idle ones end after a minute),
     * tasks beyond that wait in an unbounded queue. Closed by {@code shutdown}/{@code shutdownNow}.
     */
    ExecutorService pool(String name, int threads);

    /** An executor with a thread for every task that finds none idle: for tasks that each block long (one per process). */
    ExecutorService elasticPool(String name);
}
