package io.jobwerk.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Time that moves only when a test says so. Tasks of its {@link #queue queues} and {@link #pool pools}
 * run on the test's thread, in order of due time (then of submission), when the test calls
 * {@link #advance} or {@link #runUntilIdle}: deterministic, and no real waiting.
 *
 * <p>{@link #newThread} gives real threads (a loop that blocks on I/O cannot be run step by step);
 * their {@link #sleep} waits until the test has advanced the time past its end. A test steps such a
 * loop with {@link #awaitSleep}: it waits (really, up to {@link #REAL_WAIT_LIMIT}) until the named
 * thread sleeps, and says for how long.
 */
public final class VirtualScheduler implements Scheduler {

    /** How long {@link #awaitSleep} waits in real time for a thread to reach its sleep before failing the test. */
    public static final Duration REAL_WAIT_LIMIT = Duration.ofSeconds(30);
    // Not zero: callers may use 0 as "not measured yet".
    private static final long NANO_ORIGIN = 1_000_000_000_000L;

    // id: the same for every run of a periodic task, which a cancel ends
    private record Task(long id, long due, long sequence, Runnable runnable, long period, VirtualQueue queue) {}

    private final Object lock = new Object();
    private final Instant origin;
    private long nanos = NANO_ORIGIN; // guarded by lock
    private long sequence; // guarded by lock
    private final PriorityQueue<Task> tasks = new PriorityQueue<>( // guarded by lock
            (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.sequence, b.sequence));
    private final Map<Thread, long[]> sleepers = new LinkedHashMap<>(); // guarded by lock: {wake, requested}

    public VirtualScheduler(Instant origin) {
        this.origin = origin;
    }

    /** Starting at 2026-01-01T00:00:00Z. */
    public VirtualScheduler() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Override
    public Clock clock() {
        return new VirtualClock(ZoneOffset.UTC);
    }

    @Override
    public long nanoTime() {
        synchronized (lock) {
            return nanos;
        }
    }

    public Instant now() {
        return origin.plusNanos(nanoTime() - NANO_ORIGIN);
    }

    /** How much virtual time has passed since the start. */
    public Duration elapsed() {
        return Duration.ofNanos(nanoTime() - NANO_ORIGIN);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isNegative() || duration.isZero()) {
            return;
        }
        Thread me = Thread.currentThread();
        synchronized (lock) {
            long wake = nanos + duration.toNanos();
            sleepers.put(me, new long[] {wake, duration.toNanos()});
            lock.notifyAll(); // awaitSleep
            try {
                while (nanos < wake) {
                    lock.wait();
                }
            } finally {
                sleepers.remove(me);
            }
        }
    }

    @Override
    public Thread newThread(String name, Runnable runnable) {
        return RealScheduler.instance().newThread(name, runnable);
    }

    @Override
    public TaskQueue queue(String name) {
        return new VirtualQueue();
    }

    @Override
    public ExecutorService pool(String name, int threads) {
        return new VirtualExecutorService(new VirtualQueue());
    }

    @Override
    public ExecutorService elasticPool(String name) {
        return new VirtualExecutorService(new VirtualQueue());
    }

    /**
     * Moves the time forward by {@code duration}, running each task as its time comes (at that
     * time), and waking the sleepers whose time has come.
     */
    public void advance(Duration duration) {
        long target;
        synchronized (lock) {
            target = nanos + duration.toNanos();
        }
        while (true) {
            Task task;
            synchronized (lock) {
                task = tasks.peek();
                if (task == null || task.due > target) {
                    nanos = Math.max(nanos, target);
                    lock.notifyAll();
                    return;
                }
                tasks.remove();
                nanos = Math.max(nanos, task.due);
                lock.notifyAll();
            }
            run(task);
        }
    }

    /** Runs every task due now, also those the tasks add for now. */
    public void runUntilIdle() {
        advance(Duration.ZERO);
    }

    /** How long until the next task is due, if there is one. */
    public Optional<Duration> nextTaskIn() {
        synchronized (lock) {
            Task task = tasks.peek();
            return task == null ? Optional.empty() : Optional.of(Duration.ofNanos(Math.max(0, task.due - nanos)));
        }
    }

    /**
     * Waits in real time until the thread named {@code threadName} sleeps in virtual time, and
     * returns the duration it asked to sleep. Fails after {@link #REAL_WAIT_LIMIT} (a thread that never gets there).
     */
    public Duration awaitSleep(String threadName) throws InterruptedException {
        long deadline = System.nanoTime() + REAL_WAIT_LIMIT.toNanos();
        synchronized (lock) {
            while (true) {
                for (Map.Entry<Thread, long[]> e : sleepers.entrySet()) {
                    if (e.getKey().getName().equals(threadName) && e.getValue()[0] > nanos) {
                        return Duration.ofNanos(e.getValue()[1]);
                    }
                }
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new IllegalStateException("Thread " + threadName + " did not sleep within " + REAL_WAIT_LIMIT
                            + "; sleeping: " + sleeperNames());
                }
                TimeUnit.NANOSECONDS.timedWait(lock, remaining);
            }
        }
    }

    private List<String> sleeperNames() {
        return sleepers.keySet().stream().map(Thread::getName).toList();
    }

    private void run(Task task) {
        task.runnable.run();
        if (task.period > 0) {
            synchronized (lock) {
                if (!task.queue.closed && task.queue.periodic.contains(task.id)) {
                    tasks.add(new Task(task.id, nanos + task.period, sequence++, task.runnable, task.period, task.queue));
                }
            }
        }
    }

    private Cancellable add(VirtualQueue queue, Duration delay, Runnable runnable, long period) {
        synchronized (lock) {
            if (queue.closed) {
                return Cancellable.CANCELLED;
            }
            long id = sequence++;
            tasks.add(new Task(id, nanos + Math.max(0, delay.toNanos()), id, runnable, period, queue));
            if (period > 0) {
                queue.periodic.add(id);
            }
            return () -> {
                synchronized (lock) {
                    tasks.removeIf(t -> t.id == id);
                    queue.periodic.remove(id);
                }
            };
        }
    }

    private final class VirtualQueue implements TaskQueue {
        private boolean closed; // guarded by lock
        private final java.util.Set<Long> periodic = new java.util.HashSet<>(); // guarded by lock: ids of periodic tasks not cancelled

        @Override
        public void execute(Runnable task) {
            add(this, Duration.ZERO, task, 0);
        }

        @Override
        public Cancellable schedule(Duration delay, Runnable task) {
            return add(this, delay, task, 0);
        }

        @Override
        public Cancellable scheduleWithFixedDelay(Duration initialDelay, Duration delay, Runnable task) {
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("delay must be positive");
            }
            return add(this, initialDelay, task, delay.toNanos());
        }

        @Override
        public List<Runnable> closeNow() {
            synchronized (lock) {
                closed = true;
                List<Runnable> dropped = new ArrayList<>();
                tasks.removeIf(t -> {
                    if (t.queue == this) {
                        if (t.period == 0) {
                            dropped.add(t.runnable);
                        }
                        return true;
                    }
                    return false;
                });
                periodic.clear();
                return dropped;
            }
        }

        boolean isIdle() {
            synchronized (lock) {
                return tasks.stream().noneMatch(t -> t.queue == this);
            }
        }
    }

    private static final class VirtualExecutorService extends AbstractExecutorService {
        private final VirtualQueue queue;
        private volatile boolean shutdown;

        VirtualExecutorService(VirtualQueue queue) {
            this.queue = queue;
        }

        @Override
        public void execute(Runnable command) {
            if (shutdown) {
                throw new java.util.concurrent.RejectedExecutionException("shut down");
            }
            queue.execute(command);
        }

        @Override
        public void shutdown() {
            shutdown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutdown = true;
            return queue.closeNow();
        }

        @Override
        public boolean isShutdown() {
            return shutdown;
        }

        @Override
        public boolean isTerminated() {
            return shutdown && queue.isIdle();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return isTerminated();
        }
    }

    private final class VirtualClock extends Clock {
        private final ZoneId zone;

        VirtualClock(ZoneId zone) {
            this.zone = zone;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new VirtualClock(zone);
        }

        @Override
        public Instant instant() {
            return now();
        }
    }
}
