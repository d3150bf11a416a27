package io.jobwerk.scheduler;

/** A scheduled task that can be called off. */
@FunctionalInterface
public interface Cancellable {

    /** The task does not run again; a run already going on finishes. Idempotent. */
    void cancel();

    Cancellable CANCELLED = () -> {};
}
