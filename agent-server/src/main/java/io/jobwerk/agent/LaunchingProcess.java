package io.jobwerk.agent;

import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.subagent.process.RunningProcess;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A process whose start ({@code fork}/{@code exec}, about a millisecond) runs on a launcher thread, so
 * the keeper thread never waits for it and several starts overlap. A kill before the process exists
 * is remembered and applied as soon as it does.
 */
final class LaunchingProcess implements RunningProcess {

    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
    private RunningProcess process; // guarded by this
    private Boolean killImmediately; // guarded by this: a kill requested before the start

    /** Runs {@code start} (on the calling thread, a launcher) and hands its outcome on. */
    void start(Supplier<RunningProcess> start) {
        RunningProcess p;
        try {
            p = start.get();
        } catch (RuntimeException e) {
            outcome.completeExceptionally(e);
            return;
        }
        Boolean kill;
        synchronized (this) {
            process = p;
            kill = killImmediately;
        }
        if (kill != null) {
            p.kill(kill);
        }
        p.outcome().whenComplete((o, e) -> {
            if (e != null) {
                outcome.completeExceptionally(e);
            } else {
                outcome.complete(o);
            }
        });
    }

    @Override
    public synchronized long pid() {
        return process != null ? process.pid() : -1;
    }

    @Override
    public CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    @Override
    public void kill(boolean immediately) {
        RunningProcess p;
        synchronized (this) {
            p = process;
            if (p == null) {
                killImmediately = killImmediately == null ? immediately : killImmediately || immediately;
                return;
            }
        }
        p.kill(immediately);
    }
}
