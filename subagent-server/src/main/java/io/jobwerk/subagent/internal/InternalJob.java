package io.jobwerk.subagent.internal;

import io.jobwerk.engine.outcome.Outcome;

/**
 * A job that runs inside the Subagent's JVM: the class named by an {@code InternalExecutable}'s
 * {@code className} (JS7's {@code BlockingInternalJob}).
 *
 * <p>The Subagent creates one instance per job (per workflow version and job) on its first step,
 * with a public constructor taking the job's {@code jobArguments} ({@code Map<String, Value>}) or, if
 * there is none, a public no-argument constructor. {@link #run} is then called for every step, from
 * several threads at once when steps overlap, so an implementation must be thread-safe.
 *
 * <p>{@code run} may block: it runs on the Subagent's bounded pool of job threads (see
 * {@link InternalJobRunner}); a job that only waits for something else should implement
 * {@link AsyncInternalJob} instead and leave the threads to others. A thrown exception fails the
 * step with the exception's message; killing the order's process interrupts the thread.
 */
public interface InternalJob {

    /** Runs one step: {@code Succeeded} (with named values that become order variables) or {@code Failed}. */
    Outcome.Completed run(JobStep step) throws Exception;
}
