package io.jobwerk.engine.base;

import java.util.List;

/**
 * Runs independent tasks, perhaps at once on several threads, and returns when all have run. The pure
 * core starts no threads: a caller that has some (the runtime, from its scheduler) hands them in this
 * way, and a task's exception is thrown by {@link #runAll}.
 */
@FunctionalInterface
public interface ParallelRunner {

    /** Each task on the calling thread, one after the other. */
    ParallelRunner SEQUENTIAL = tasks -> tasks.forEach(Runnable::run);

    void runAll(List<Runnable> tasks);
}
