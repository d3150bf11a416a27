package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Replication acknowledgements on the active side: while they are required, a durable persist is
 * held until the standby has acknowledged its last event; otherwise it completes at once.
 * Completions run on the caller's thread, outside the lock, in the order the persists were committed.
 */
final class Acknowledgements {

    /** A committed persist: {@code complete} answers its caller, {@code future} is failed instead on close. */
    record Done(long lastEventId, Runnable complete, CompletableFuture<?> future) {}

    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<Done> held = new ArrayDeque<>();
    private boolean required;
    private long acknowledgedEventId;

    /** Completes each of {@code done} now, or holds it until acknowledged while acknowledgements are required. */
    void completeOrHold(List<Done> done) {
        List<Runnable> ready = new ArrayList<>(done.size());
        synchronized (lock) {
            for (Done d : done) {
                if (required && d.lastEventId() > acknowledgedEventId) {
                    held.add(d);
                } else {
                    ready.add(d.complete());
                }
            }
        }
        ready.forEach(Runnable::run);
    }

    /** Switches acknowledgement mode; switching it off completes every held persist. */
    void require(boolean on) {
        List<Done> ready;
        synchronized (lock) {
            required = on;
            ready = on ? List.of() : new ArrayList<>(held);
            if (!on) {
                held.clear();
            }
        }
        ready.forEach(d -> d.complete().run());
    }

    /**
     * The standby has stored the events up to {@code eventId}: completes the held persists it
     * covers. {@code AcknowledgementTooEarly} when {@code eventId} lies beyond {@code lastEventId}.
     */
    Checked<Long> acknowledge(long eventId, long lastEventId, String journalId) {
        List<Done> ready = new ArrayList<>();
        synchronized (lock) {
            if (eventId > lastEventId) {
                return Checked.fail(Problem.of("AcknowledgementTooEarly", "Acknowledged event " + eventId
                        + " has not been written by journal " + journalId + " (last is " + lastEventId + ")"));
            }
            acknowledgedEventId = Math.max(acknowledgedEventId, eventId);
            while (!held.isEmpty() && held.peekFirst().lastEventId() <= acknowledgedEventId) {
                ready.add(held.pollFirst());
            }
        }
        ready.forEach(d -> d.complete().run());
        return Checked.ok(eventId);
    }

    long acknowledgedEventId() {
        synchronized (lock) {
            return acknowledgedEventId;
        }
    }

    /** Fails every held persist (the journal closes or breaks). */
    void failHeld(Throwable problem) {
        List<Done> failed;
        synchronized (lock) {
            failed = new ArrayList<>(held);
            held.clear();
        }
        failed.forEach(d -> d.future().completeExceptionally(problem));
    }
}
