package io.jobwerk.journal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes checkpoints of the (immutable) state on its own executor, without holding up the writer:
 * every {@link JournalConf#checkpointEvents()} events or {@link JournalConf#checkpointInterval()},
 * and when asked. One at a time; a due checkpoint while one runs waits for the next occasion.
 * After each written checkpoint {@code afterCheckpoint} runs with the event id it covers (the
 * journal starts a new segment and deletes covered ones).
 *
 * <p>{@link #count}, {@link #maybeStart} and {@link #start} are for the writer thread only, so the
 * state and event id it hands in belong together.
 */
final class Checkpointer<S> {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    /** Called with the event id a checkpoint just written covers. */
    interface AfterCheckpoint {
        void written(long eventId);
    }

    private final Path dir;
    private final JournalConf conf;
    private final JournalCodec<S> codec;
    private final String journalId;
    private final Clock clock;
    private final ExecutorService executor;
    private final AfterCheckpoint afterCheckpoint;
    private final AtomicBoolean running = new AtomicBoolean();
    private final Set<CompletableFuture<Long>> asked = ConcurrentHashMap.newKeySet(); // not completed yet
    private volatile long checkpointEventId;
    private volatile long written;
    // writer thread only
    private long eventsSince;
    private long lastStartMillis;

    Checkpointer(Path dir, JournalConf conf, JournalCodec<S> codec, String journalId, Clock clock, ExecutorService executor,
                 long checkpointEventId, long eventsSince, AfterCheckpoint afterCheckpoint) {
        this.dir = dir;
        this.conf = conf;
        this.codec = codec;
        this.journalId = journalId;
        this.clock = clock;
        this.executor = executor;
        this.checkpointEventId = checkpointEventId;
        this.eventsSince = eventsSince;
        this.lastStartMillis = clock.millis();
        this.afterCheckpoint = afterCheckpoint;
    }

    /** The event id the newest checkpoint covers (0: none). */
    long checkpointEventId() {
        return checkpointEventId;
    }

    /** Checkpoints written since the journal was opened. */
    long written() {
        return written;
    }

    /** {@code events} more events are durable. */
    void count(int events) {
        eventsSince += events;
    }

    /**
     * Starts a checkpoint of {@code state} (after event {@code eventId}) when enough events or time
     * have passed: {@link JournalConf#checkpointEvents()}, or fewer when the state is small. A crash
     * makes recovery replay every event since the last checkpoint, and a checkpoint costs about as
     * much per snapshot entry as replaying a few events does; so once the events since the last
     * checkpoint outnumber {@value #EVENTS_PER_SNAPSHOT_ENTRY} times the state's entries (and at least
     * {@value #MIN_EVENTS}), a checkpoint costs less than what it saves. An Agent whose orders come
     * and go holds a small state: it then replays at most some ten thousand events after kill -9,
     * not up to {@code checkpointEvents}.
     */
    void maybeStart(S state, long eventId) {
        if (eventsSince == 0 || running.get()) {
            return;
        }
        if (eventsSince >= dueAfterEvents(state) || clock.millis() - lastStartMillis >= conf.checkpointInterval().toMillis()) {
            start(state, eventId, null);
        }
    }

    static final long MIN_EVENTS = 10_000;
    static final long EVENTS_PER_SNAPSHOT_ENTRY = 4;

    private long dueAfterEvents(S state) {
        long size = codec.snapshotSize(state);
        if (size < 0 || eventsSince < MIN_EVENTS) {
            return conf.checkpointEvents();
        }
        return Math.min(conf.checkpointEvents(), Math.max(MIN_EVENTS, EVENTS_PER_SNAPSHOT_ENTRY * size));
    }

    /**
     * Starts writing a checkpoint of {@code state} (after event {@code eventId}); {@code future}, if
     * any, completes with the event id once written. Writes nothing when the newest checkpoint
     * already covers the event (and its file exists).
     */
    void start(S state, long eventId, CompletableFuture<Long> future) {
        eventsSince = 0;
        lastStartMillis = clock.millis();
        running.set(true);
        if (future != null) {
            asked.add(future);
        }
        executor.execute(() -> {
            try {
                write(state, eventId);
                if (future != null) {
                    future.complete(eventId);
                }
            } catch (Throwable t) {
                LOG.warn("Checkpoint of journal " + dir + " failed, the log keeps all events", t);
                if (future != null) {
                    future.completeExceptionally(t);
                }
            } finally {
                if (future != null) {
                    asked.remove(future);
                }
                running.set(false);
            }
        });
    }

    private void write(S state, long eventId) throws IOException {
        if (eventId > checkpointEventId || !Files.exists(CheckpointStore.file(dir))) {
            CheckpointStore.write(dir, new CheckpointStore.Meta(JournalHeader.FORMAT_VERSION, journalId,
                    conf.nodeId(), eventId), codec.snapshotEntries(state));
            checkpointEventId = eventId;
            written++;
            afterCheckpoint.written(eventId);
        }
    }

    /**
     * Lets a running checkpoint end (up to a minute), drops those not started (failing their asked
     * futures with {@code closed}), and then, if {@code last} is given and not yet covered, writes
     * the final checkpoint on the calling thread (so closing never waits for a scheduler's time to
     * move, as a virtual one's does).
     */
    void close(Optional<Journal.StateAt<S>> last, RuntimeException closed) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(1, TimeUnit.MINUTES)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        for (CompletableFuture<Long> future : List.copyOf(asked)) {
            future.completeExceptionally(closed);
        }
        if (last.isPresent() && last.get().eventId() > checkpointEventId) {
            try {
                write(last.get().state(), last.get().eventId());
            } catch (IOException | RuntimeException e) {
                LOG.warn("The final checkpoint of journal " + dir + " failed, the log keeps all events", e);
            }
        }
    }
}
