package io.jobwerk.runtime;

import io.jobwerk.engine.base.ParallelRunner;
import io.jobwerk.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on the calling thread and on up to {@code helpers} threads of a pool from the scheduler,
 * made for the call and shut down after it. Every thread takes the next task not yet taken, so a helper
 * that starts late (a busy machine) or never (a virtual scheduler's pool, until the test advances)
 * delays nothing: the caller then runs the tasks itself and waits only for those a helper took.
 */
final class PoolRunner implements ParallelRunner {
    private final Scheduler scheduler;
    private final String name;
    private final int helpers;

    PoolRunner(Scheduler scheduler, String name, int helpers) {
        this.scheduler = scheduler;
        this.name = name;
        this.helpers = helpers;
    }

    /** One helper per further core: the caller's thread is busy too. */
    static PoolRunner perCore(Scheduler scheduler, String name) {
        return new PoolRunner(scheduler, name, Runtime.getRuntime().availableProcessors() - 1);
    }

    @Override
    public void runAll(List<Runnable> tasks) {
        int helping = Math.min(helpers, tasks.size() - 1);
        if (helping < 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable takeTasks = () -> {
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                tasks.get(i).run();
            }
        };
        ExecutorService pool = scheduler.pool(name, helping);
        try {
            List<Future<?>> helped = new ArrayList<>();
            for (int h = 0; h < helping; h++) {
                helped.add(pool.submit(takeTasks));
            }
            takeTasks.run();
            for (Future<?> f : helped) {
                if (!f.cancel(false)) { // started: wait for the task it took
                    f.get();
                }
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the tasks of " + name, e);
        } finally {
            pool.shutdownNow();
        }
    }
}
