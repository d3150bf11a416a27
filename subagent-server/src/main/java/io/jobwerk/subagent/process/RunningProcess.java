package io.jobwerk.subagent.process;

import io.jobwerk.engine.outcome.Outcome;
import java.util.concurrent.CompletableFuture;

/** A started job process. */
public interface RunningProcess {

    long pid();

    /**
     * Completes when the process has ended and all its output has been delivered: Succeeded or
     * Failed by the return code meaning, {@code TimedOut} after the timeout, {@code Killed} after {@link #kill}.
     */
    CompletableFuture<Outcome> outcome();

    /**
     * Kills the process and its descendants: SIGKILL at once when {@code immediately}, else SIGTERM
     * and SIGKILL after the launch's sigkillDelay. Idempotent.
     */
    void kill(boolean immediately);
}
