package io.jobwerk.subagent.internal;

import io.jobwerk.engine.outcome.Outcome;
import java.util.concurrent.CompletionStage;

/**
 * An internal job that does not block (JS7's {@code JInternalJob}): {@link #start} returns at once
 * and the step ends when the stage completes. Instantiated like an {@link InternalJob}. An
 * exceptionally completed stage (or an exception thrown by {@code start}) fails the step with the
 * exception's message. Killing the order's process cancels the stage's {@code CompletableFuture}
 * if it is one.
 */
public interface AsyncInternalJob {

    CompletionStage<Outcome.Completed> start(JobStep step);
}
