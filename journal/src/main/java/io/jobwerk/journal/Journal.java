package io.jobwerk.journal;

import io.jobwerk.engine.base.ProblemException;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.EventIds;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A node's event journal: the durable, ordered log of its events and the state they fold into.
 * {@link FileJournal} keeps it in segment files and checkpoints ({@link #open}); {@link MemoryJournal}
 * keeps it in memory, for tests that need a journal's semantics but no files.
 *
 * <p><b>Writing.</b> {@link #persist} stamps the events with strictly increasing ids
 * ({@link EventIds}, from the journal's clock), checks that they apply to the current state (or, with
 * {@link PersistRequest.Fold.ByCaller}, takes the state the caller already folded) and completes once
 * they are durable. Calls are committed in the order they arrive; the events of one call form a
 * transaction (recovered all or none). {@link #currentState()} advances only after the events are durable.
 *
 * <p><b>Reading.</b> {@link #read}, {@link #await} and {@link #whenEventsAfter} serve event
 * streams; {@link #release} lets old events go once a checkpoint covers them too; reading before the
 * oldest kept event is {@code EventSeqTorn}.
 *
 * <p><b>Replication.</b> A standby journal appends the active node's already stamped events with
 * {@link #appendReplicated} and reports back; on the active side, while
 * {@link #requireAcknowledgement(boolean) acknowledgements are required}, a persist completes only
 * after {@link #acknowledge} covers its events. Reads and {@link #currentState()} see events as soon
 * as they are durable locally.
 *
 * <p>Thread-safe. Futures may complete on a thread of the journal: attach long-running continuations
 * with the {@code *Async} methods. After closing, persists fail with {@code JournalClosed}.
 *
 * @param <S> the state, an immutable value
 */
public interface Journal<S> extends AutoCloseable {

    /**
     * Opens the file journal in {@code dir} with event ids from {@code clock} and real threads; see
     * {@link FileJournal#open}.
     */
    static <S> Checked<Journal<S>> open(Path dir, JournalConf conf, JournalCodec<S> codec, StateFolder<S> folder, Clock clock) {
        return FileJournal.open(dir, conf, codec, folder, clock, RealScheduler.instance()).map(j -> j);
    }

    /** Opens the file journal in {@code dir} with the clock and threads of {@code scheduler}; see {@link FileJournal#open}. */
    static <S> Checked<Journal<S>> open(Path dir, JournalConf conf, JournalCodec<S> codec, StateFolder<S> folder,
                                        Scheduler scheduler) {
        return FileJournal.open(dir, conf, codec, folder, scheduler.clock(), scheduler).map(j -> j);
    }

    // ---------------------------------------------------------------- writing

    /**
     * Persists the request's events as one transaction: stamps them, checks that they apply to the
     * state (or adopts the caller's fold), and makes them durable. The future completes with the
     * stamped events once they are durable (and, in acknowledgement mode, acknowledged by the
     * standby); it completes exceptionally with a {@link ProblemException} when an event does not
     * apply or cannot be encoded (nothing is written then), or when the journal is closed or broken.
     */
    <E extends Event> CompletableFuture<List<Stamped<E>>> persist(PersistRequest<S, E> request);

    /** {@link #persist(PersistRequest)} of the events, each with its event id's time, folded by the journal. */
    default <E extends Event> CompletableFuture<List<Stamped<E>>> persist(List<KeyedEvent<E>> events) {
        return persist(PersistRequest.of(events));
    }

    /**
     * {@link #persist(PersistRequest)} of the events, each with the time it happened elsewhere (e.g. a
     * mirrored Agent event keeps the Agent's time as its {@code timestamp}); an empty one takes the
     * event id's time. {@code IllegalArgumentException} unless there is one timestamp per event.
     */
    default <E extends Event> CompletableFuture<List<Stamped<E>>> persist(List<KeyedEvent<E>> events,
                                                                          List<Optional<Long>> timestamps) {
        return persist(PersistRequest.timed(events, timestamps));
    }

    /**
     * {@link #persist(PersistRequest)} of events the caller has already folded from {@code base} into
     * {@code folded} (see {@link PersistRequest.Fold.ByCaller}).
     */
    default <E extends Event> CompletableFuture<List<Stamped<E>>> persistFolded(List<KeyedEvent<E>> events,
                                                                                List<Optional<Long>> timestamps,
                                                                                S base, S folded) {
        return persist(PersistRequest.folded(events, timestamps, base, folded));
    }

    /**
     * Appends events stamped by the active node (standby side of replication), as one transaction.
     * Their ids must increase strictly and lie after {@link #lastEventId()}, and they must apply to
     * the state; else the future fails with a {@link ProblemException} and nothing is written.
     * Completes with the last event id once durable; never waits for acknowledgements.
     */
    CompletableFuture<Long> appendReplicated(List<? extends Stamped<? extends Event>> events);

    /**
     * Takes a checkpoint now (as JS7's {@code TakeSnapshot}); completes with the event id it covers
     * once it is written. Released events it covers can then go.
     */
    CompletableFuture<Long> checkpoint();

    // ---------------------------------------------------------------- replication

    /**
     * Switches acknowledgement mode (JS7: while the cluster is coupled). While on, a persist
     * completes only when {@link #acknowledge} has covered its last event; switching it off
     * completes all waiting persists.
     */
    void requireAcknowledgement(boolean on);

    /**
     * The standby has durably stored all events up to {@code eventId}: completes the persists they
     * cover; returns the acknowledged event id. A problem when {@code eventId} lies beyond
     * {@link #lastEventId()}.
     */
    Checked<Long> acknowledge(long eventId);

    /** The highest acknowledged event id (0: none). */
    long acknowledgedEventId();

    // ---------------------------------------------------------------- reading

    /**
     * Up to {@code limit} durable events with ids greater than {@code after}, oldest first; empty
     * when there are none yet. {@code EventSeqTorn} when events after {@code after} were released
     * and are gone.
     */
    Checked<List<Stamped<? extends Event>>> read(long after, int limit);

    /** Completes as soon as an event with an id above {@code after} is durable (or the journal closes). */
    CompletableFuture<Void> whenEventsAfter(long after);

    /**
     * Like {@link #read}, but waits up to {@code timeout} for the first event after {@code after};
     * returns as soon as there is one, an empty list on timeout. Blocks the calling thread.
     */
    Checked<List<Stamped<? extends Event>>> await(long after, int limit, Duration timeout);

    /**
     * Every reader has stored the events up to {@code untilEventId}: they may go, as soon as a
     * checkpoint covers them too. Reading after an id before the oldest kept one then yields
     * {@code EventSeqTorn}.
     */
    void release(long untilEventId);

    // ---------------------------------------------------------------- state

    /** The state after all durable events. */
    S currentState();

    /** A state and the id of the last event folded into it (0: none). */
    record StateAt<S>(S state, long eventId) {}

    /**
     * {@link #currentState()} together with the id of its last event, read as one value, so a
     * client served this snapshot can follow the event stream exactly after it.
     */
    StateAt<S> currentStateAt();

    /**
     * The codec's bytes of a durable event still held in memory, exactly as written to the log, so
     * that an event stream using the same encoding need not encode it again; empty when the event
     * is not in memory (older, not yet durable, or a journal without a codec). The array is shared:
     * do not modify it.
     */
    Optional<byte[]> encodedEvent(long eventId);

    /** The fold this journal applies events with (live and in recovery). */
    StateFolder<S> folder();

    /** The id of the last durable event; 0 for an empty journal. */
    long lastEventId();

    String journalId();

    /** The highest event id released by {@link #release} since this journal was opened (0: none). */
    long releasedEventId();

    /** The id after which events are kept: reading after an earlier id is {@code EventSeqTorn}. */
    long oldestKeptAfterEventId();

    JournalStats stats();

    /**
     * Completes what was persisted before, takes a final checkpoint if so configured, and closes.
     * Later persists fail with {@code JournalClosed}; waiting persists that still need an
     * acknowledgement fail too.
     */
    @Override
    void close();
}
