package io.jobwerk.journal;

import io.jobwerk.engine.base.ProblemException;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.EventIds;
import io.jobwerk.engine.event.Stamped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Journal} in memory, for tests of what runs on a journal (keeper, drivers, servers) that
 * need its semantics but no files, so they can run in virtual time: the clock may be a
 * {@code VirtualScheduler}'s.
 *
 * <p>The same semantics as {@link FileJournal} for persisting (stamping, checking or adopting the
 * caller's fold, a failing request writes nothing, requests committed in order), replication
 * (acknowledgement mode, {@link #appendReplicated}), reading, waiting and release. The differences:
 * a persist is committed on the calling thread, and its future completes before {@code persist}
 * returns (unless it waits for an acknowledgement); there is no codec, so no event is refused for
 * its encoding and {@link #encodedEvent} is empty, unless a codec is given (then each event is encoded
 * as the file journal encodes it: an event that cannot be is refused, and its bytes are kept); a
 * checkpoint only marks the events it
 * covers, and events both released and covered by a checkpoint are dropped (reading after them is
 * {@code EventSeqTorn}, as with deleted segment files).
 *
 * @param <S> the state, an immutable value
 */
public final class MemoryJournal<S> implements Journal<S> {

    private final String journalId;
    private final StateFolder<S> folder;
    private final Clock clock;
    private final Optional<JournalCodec<S>> codec;
    private final Acknowledgements acknowledgements = new Acknowledgements();
    private final EventWaiters waiters;

    private final Object lock = new Object();
    // guarded by lock
    private final NavigableMap<Long, Stamped<? extends Event>> events = new TreeMap<>();
    private final NavigableMap<Long, byte[]> encoded = new TreeMap<>(); // with a codec only
    private EventIds eventIds;
    private long oldestKeptAfter;
    private long checkpointEventId;
    private long releasedUntil;
    private long batches;
    private long eventCount;
    private long checkpoints;

    private volatile StateAt<S> committed;
    private volatile boolean closed;

    /** An empty journal with a random id. */
    public MemoryJournal(StateFolder<S> folder, Clock clock) {
        this(UUID.randomUUID().toString(), folder, Optional.empty(), clock, new StateAt<>(folder.empty(), 0));
    }

    /** An empty journal with a random id that encodes each event with {@code codec}, as the file journal does. */
    public MemoryJournal(StateFolder<S> folder, JournalCodec<S> codec, Clock clock) {
        this(UUID.randomUUID().toString(), folder, Optional.of(codec), clock, new StateAt<>(folder.empty(), 0));
    }

    /** A journal that starts at {@code start}, as if recovered (events before it are not kept). */
    public MemoryJournal(String journalId, StateFolder<S> folder, Optional<JournalCodec<S>> codec, Clock clock, StateAt<S> start) {
        this.journalId = journalId;
        this.folder = folder;
        this.codec = codec;
        this.clock = clock;
        this.committed = start;
        this.eventIds = new EventIds(start.eventId());
        this.oldestKeptAfter = start.eventId();
        this.checkpointEventId = start.eventId();
        this.waiters = new EventWaiters(this::lastEventId);
    }

    /**
     * This journal as a file journal reopened on the same directory would be: the same id, events,
     * state, checkpoint and release marks, a new open journal (this one is closed first). A test's
     * server restarts on it as on its files.
     */
    public MemoryJournal<S> reopened() {
        close();
        synchronized (lock) {
            MemoryJournal<S> next = new MemoryJournal<>(journalId, folder, codec, clock, committed);
            synchronized (next.lock) {
                next.events.putAll(events);
                next.encoded.putAll(encoded);
                next.oldestKeptAfter = oldestKeptAfter;
                next.checkpointEventId = checkpointEventId;
                next.releasedUntil = releasedUntil;
            }
            return next;
        }
    }

    // ---------------------------------------------------------------- writing

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <E extends Event> CompletableFuture<List<Stamped<E>>> persist(PersistRequest<S, E> request) {
        CompletableFuture<List<Stamped<E>>> future = new CompletableFuture<>();
        if (request.events().isEmpty()) {
            future.complete(List.of());
            return future;
        }
        synchronized (lock) {
            if (closed) {
                future.completeExceptionally(closedProblem());
                return future;
            }
            long before = eventIds.last();
            List<Stamped<E>> stamped = new ArrayList<>(request.events().size());
            for (int i = 0; i < request.events().size(); i++) {
                long eventId = eventIds.next(clock.millis());
                Optional<Long> timestamp = request.timestamps().get(i).filter(t -> t != eventId / 1000);
                stamped.add(new Stamped<>(eventId, timestamp, request.events().get(i)));
            }
            S current = committed.state();
            Optional<S> adopted = request.fold().foldedOnto(current);
            Checked<S> next = adopted.isPresent() ? Checked.ok(adopted.get()) : apply(current, (List) stamped);
            Checked<List<byte[]>> bytes = next.isFail() ? Checked.ok(List.of()) : encode((List) stamped);
            if (bytes instanceof Checked.Fail<List<byte[]>> f) {
                next = Checked.fail(f.problem());
            }
            if (next instanceof Checked.Fail<S> f) {
                eventIds = new EventIds(before);
                future.completeExceptionally(new ProblemException(f.problem()));
                return future;
            }
            List<Stamped<E>> result = List.copyOf(stamped);
            commit(next.orThrow(), (List) result, bytes.orThrow(),
                    new Acknowledgements.Done(eventIds.last(), () -> future.complete(result), future));
        }
        return future;
    }

    @Override
    public CompletableFuture<Long> appendReplicated(List<? extends Stamped<? extends Event>> replicated) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        synchronized (lock) {
            if (closed) {
                future.completeExceptionally(closedProblem());
                return future;
            }
            if (replicated.isEmpty()) {
                future.complete(committed.eventId());
                return future;
            }
            long previous = eventIds.last();
            for (Stamped<? extends Event> st : replicated) {
                if (st.eventId() <= previous) {
                    future.completeExceptionally(new ProblemException(Problem.of("ReplicatedEventOutOfOrder",
                            "Replicated event " + st.eventId() + " does not come after event " + previous + " of journal " + journalId)));
                    return future;
                }
                previous = st.eventId();
            }
            Checked<S> next = apply(committed.state(), replicated);
            Checked<List<byte[]>> bytes = next.isFail() ? Checked.ok(List.of()) : encode(replicated);
            if (bytes instanceof Checked.Fail<List<byte[]>> f) {
                next = Checked.fail(f.problem());
            }
            if (next instanceof Checked.Fail<S> f) {
                future.completeExceptionally(new ProblemException(f.problem()));
                return future;
            }
            long last = previous;
            eventIds = new EventIds(last);
            // a standby's appends never wait for acknowledgements
            commit(next.orThrow(), replicated, bytes.orThrow(), null);
            future.complete(last);
        }
        return future;
    }

    private Checked<S> apply(S state, List<? extends Stamped<? extends Event>> stamped) {
        S next = state;
        for (Stamped<? extends Event> st : stamped) {
            Checked<S> c = folder.apply(next, st);
            if (c instanceof Checked.Fail<S> f) {
                return Checked.fail(f.problem().withPrefix("Event " + st.keyedEvent()));
            }
            next = c.orThrow();
        }
        return Checked.ok(next);
    }

    /** The codec's bytes of each event (none without a codec); {@code JournalEncode} when one cannot be encoded. */
    private Checked<List<byte[]>> encode(List<? extends Stamped<? extends Event>> stamped) {
        if (codec.isEmpty()) {
            return Checked.ok(List.of());
        }
        List<byte[]> bytes = new ArrayList<>(stamped.size());
        for (Stamped<? extends Event> st : stamped) {
            try {
                bytes.add(codec.get().encodeEvent(st));
            } catch (RuntimeException e) {
                return Checked.fail(Problem.of("JournalEncode", "Event " + st.keyedEvent() + " cannot be encoded: " + e));
            }
        }
        return Checked.ok(bytes);
    }

    /** Under the lock, so that requests complete in the order they were committed. */
    private void commit(S state, List<? extends Stamped<? extends Event>> stamped, List<byte[]> bytes,
                        Acknowledgements.Done done) {
        for (int i = 0; i < stamped.size(); i++) {
            events.put(stamped.get(i).eventId(), stamped.get(i));
            if (!bytes.isEmpty()) {
                encoded.put(stamped.get(i).eventId(), bytes.get(i));
            }
        }
        batches++;
        eventCount += stamped.size();
        committed = new StateAt<>(state, stamped.get(stamped.size() - 1).eventId());
        if (done != null) {
            acknowledgements.completeOrHold(List.of(done));
        }
        waiters.wake(committed.eventId());
    }

    /** Marks the events up to now as checkpointed; completes at once with the last event id. */
    @Override
    public CompletableFuture<Long> checkpoint() {
        synchronized (lock) {
            if (closed) {
                return CompletableFuture.failedFuture(closedProblem());
            }
            checkpointEventId = committed.eventId();
            checkpoints++;
            dropObsolete();
            return CompletableFuture.completedFuture(checkpointEventId);
        }
    }

    // ---------------------------------------------------------------- replication

    @Override
    public void requireAcknowledgement(boolean on) {
        acknowledgements.require(on);
    }

    @Override
    public Checked<Long> acknowledge(long eventId) {
        return acknowledgements.acknowledge(eventId, lastEventId(), journalId);
    }

    @Override
    public long acknowledgedEventId() {
        return acknowledgements.acknowledgedEventId();
    }

    // ---------------------------------------------------------------- reading

    @Override
    public Checked<List<Stamped<? extends Event>>> read(long after, int limit) {
        synchronized (lock) {
            if (after < oldestKeptAfter) {
                return FileJournal.torn(after, oldestKeptAfter);
            }
            List<Stamped<? extends Event>> result = new ArrayList<>();
            for (Stamped<? extends Event> st : events.tailMap(after, false).values()) {
                if (result.size() >= limit) {
                    break;
                }
                result.add(st);
            }
            return Checked.ok(result);
        }
    }

    @Override
    public CompletableFuture<Void> whenEventsAfter(long after) {
        return waiters.whenEventsAfter(after);
    }

    @Override
    public Checked<List<Stamped<? extends Event>>> await(long after, int limit, Duration timeout) {
        if (!waiters.await(after, timeout)) {
            return Checked.ok(List.of());
        }
        return read(after, limit);
    }

    @Override
    public void release(long untilEventId) {
        synchronized (lock) {
            releasedUntil = Math.max(releasedUntil, Math.min(untilEventId, committed.eventId()));
            dropObsolete();
        }
    }

    // guarded by lock
    private void dropObsolete() {
        long limit = Math.min(checkpointEventId, releasedUntil);
        if (limit > oldestKeptAfter) {
            events.headMap(limit, true).clear();
            encoded.headMap(limit, true).clear();
            oldestKeptAfter = limit;
        }
    }

    // ---------------------------------------------------------------- state

    @Override
    public S currentState() {
        return committed.state();
    }

    @Override
    public StateAt<S> currentStateAt() {
        return committed;
    }

    @Override
    public Optional<byte[]> encodedEvent(long eventId) {
        synchronized (lock) {
            return Optional.ofNullable(encoded.get(eventId));
        }
    }

    @Override
    public StateFolder<S> folder() {
        return folder;
    }

    @Override
    public long lastEventId() {
        return committed.eventId();
    }

    @Override
    public String journalId() {
        return journalId;
    }

    @Override
    public long releasedEventId() {
        synchronized (lock) {
            return releasedUntil;
        }
    }

    @Override
    public long oldestKeptAfterEventId() {
        synchronized (lock) {
            return oldestKeptAfter;
        }
    }

    /** No fsyncs and one "segment"; batches are persist calls. */
    @Override
    public JournalStats stats() {
        synchronized (lock) {
            return new JournalStats(0, 0, batches, eventCount, checkpoints, checkpointEventId, 1);
        }
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        acknowledgements.failHeld(closedProblem());
        waiters.close();
    }

    public boolean isClosed() {
        return closed;
    }

    private ProblemException closedProblem() {
        return new ProblemException(Problem.of("JournalClosed", "Journal " + journalId + " (in memory) is closed"));
    }
}
