package io.jobwerk.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.RejectedExecutionException;

/**
 * The system clock and real daemon threads. The only place in main code that creates threads,
 * executors or sleeps; stateless, so one {@link #instance()} serves every server in a JVM.
 */
public final class RealScheduler implements Scheduler {

    private static final RealScheduler INSTANCE = new RealScheduler();
    private static final Duration IDLE_THREAD_LIFETIME = Duration.ofSeconds(60);

    private RealScheduler() {}

    public static RealScheduler instance() {
        return INSTANCE;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (!duration.isNegative() && !duration.isZero()) {
            Thread.sleep(duration.toMillis(), (int) (duration.toNanos() % 1_000_000));
        }
    }

    @Override
    public Thread newThread(String name, Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    /** Daemon threads all named {@code name} (they serve one purpose; their number is not worth a name). */
    public ThreadFactory threadFactory(String name) {
        return runnable -> newThread(name, runnable);
    }

    @Override
    public TaskQueue queue(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, threadFactory(name));
        executor.setRemoveOnCancelPolicy(true);
        return new RealTaskQueue(executor);
    }

    @Override
    public ThreadPoolExecutor pool(String name, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("A pool needs at least one thread");
        }
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, IDLE_THREAD_LIFETIME.toSeconds(), TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threadFactory(name));
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    @Override
    public ExecutorService elasticPool(String name) {
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_THREAD_LIFETIME.toSeconds(), TimeUnit.SECONDS,
                new SynchronousQueue<>(), threadFactory(name));
    }

    private record RealTaskQueue(ScheduledThreadPoolExecutor executor) implements TaskQueue {

        @Override
        public void execute(Runnable task) {
            try {
                executor.execute(task);
            } catch (RejectedExecutionException e) {
                // closed: dropped, as documented
            }
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            try {
                return cancellable(executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException e) {
                return Cancellable.CANCELLED;
            }
        }

        @Override
        public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
            try {
                return cancellable(executor.scheduleWithFixedDelay(task, initialDelay.toNanos(), delay.toNanos(), TimeUnit.NANOSECONDS));
            } catch (RejectedExecutionException e) {
                return Cancellable.CANCELLED;
            }
        }

        private static Cancellable cancellable(ScheduledFuture<?> future) {
            return () -> future.cancel(false);
        }

        @Override
        public List<Runnable> closeNow() {
            return executor.shutdownNow().stream()
                    .filter(r -> !(r instanceof java.util.concurrent.RunnableScheduledFuture<?> f && f.isPeriodic()))
                    .toList();
        }
    }
}
