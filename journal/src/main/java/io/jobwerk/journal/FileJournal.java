package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.scheduler.Scheduler;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@link Journal} in a directory: events appended to segment files with group commit, the
 * state checkpointed into a MapDB file, both recovered on {@link #open}. It wires its parts, each
 * with one job: {@link JournalRecovery} (checkpoint plus replay, torn tail truncated),
 * {@link GroupCommitWriter} (one writer thread, one fsync per batch), {@link Segments} (rotation and
 * deletion of released, checkpointed files), {@link Checkpointer} (checkpoints on their own thread),
 * {@link Acknowledgements} (replication) and, for readers, {@link RecentEvents} and {@link EventWaiters}.
 *
 * <p>Threads and the look-in timer come from the {@link Scheduler}, event ids from the {@link Clock}
 * given to {@link #open}. After an I/O error the journal is broken and fails every further persist;
 * reopen it to recover. Futures complete on the writer thread.
 *
 * @param <S> the state, an immutable value
 */
public final class FileJournal<S> implements Journal<S> {

    private final Path dir;
    private final JournalCodec<S> codec;
    private final StateFolder<S> folder;
    private final JournalLock directoryLock;
    private final String journalId;
    private final Segments segments;
    private final RecentEvents recent;
    private final Checkpointer<S> checkpointer;
    private final Acknowledgements acknowledgements = new Acknowledgements();
    private final EventWaiters waiters;
    private final GroupCommitWriter<S> writer;
    private volatile boolean closed;

    private FileJournal(Path dir, JournalConf conf, JournalCodec<S> codec, StateFolder<S> folder, Clock clock,
                        Scheduler scheduler, JournalRecovery.Recovered<S> recovered, JournalLock directoryLock) {
        this.dir = dir;
        this.codec = codec;
        this.folder = folder;
        this.directoryLock = directoryLock;
        this.journalId = recovered.journalId();
        this.segments = new Segments(dir, conf, journalId, recovered.segments());
        this.recent = new RecentEvents(conf.memoryEvents(), recovered.lastEventId());
        this.checkpointer = new Checkpointer<>(dir, conf, codec, journalId, clock,
                scheduler.pool("journal-checkpoint-" + conf.nodeId(), 1),
                recovered.checkpointEventId(), recovered.replayedEvents(), this::checkpointWritten);
        this.waiters = new EventWaiters(this::lastEventId);
        this.writer = new GroupCommitWriter<>(new GroupCommitWriter.Parts<>(dir, conf, codec, folder, clock, scheduler,
                journalId, segments, recent, checkpointer, acknowledgements, waiters),
                recovered.channel(), recovered.channelSize(), new StateAt<>(recovered.state(), recovered.lastEventId()));
    }

    /**
     * Opens the journal in {@code dir}, creating it when the directory holds none, and recovers the
     * state: checkpoint plus the events after it. Event ids come from {@code clock}, threads and the
     * checkpoint look-in timer from {@code scheduler}.
     *
     * <p>Results: a torn or garbage tail of the newest segment is truncated (clean recovery); a
     * newer format version ({@code JournalVersionTooNew}), another node's journal
     * ({@code JournalForeignNode}), another journal id ({@code JournalIdMismatch}), a damaged file
     * other than the newest segment's tail ({@code JournalFileInvalid},
     * {@code JournalCheckpointInvalid}), a missing checkpoint when old segments were released
     * ({@code JournalCheckpointMissing}) or a gap between files ({@code JournalGap}) are problems
     * naming the file; nothing is changed on disk then. A missing checkpoint is rebuilt by replay
     * when the log still starts at the beginning. {@code JournalInUse} when another process has it open.
     */
    public static <S> Checked<FileJournal<S>> open(Path dir, JournalConf conf, JournalCodec<S> codec,
                                                   StateFolder<S> folder, Clock clock, Scheduler scheduler) {
        Checked<JournalLock> locked = JournalLock.acquire(dir);
        if (locked.isFail()) {
            return Checked.fail(locked.problemOption().orElseThrow());
        }
        JournalLock lock = locked.orThrow();
        Checked<JournalRecovery.Recovered<S>> recovered;
        try {
            recovered = JournalRecovery.recover(dir, conf, codec, folder, clock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            return Checked.fail(Problem.of("JournalIoError", "Journal " + dir + " cannot be opened: " + e,
                    Map.of("file", dir.toString())));
        }
        if (recovered.isFail()) {
            lock.close();
            return Checked.fail(recovered.problemOption().orElseThrow());
        }
        FileJournal<S> journal = new FileJournal<>(dir, conf, codec, folder, clock, scheduler, recovered.orThrow(), lock);
        journal.writer.start();
        return Checked.ok(journal);
    }

    private void checkpointWritten(long eventId) {
        writer.requestRotation();
        segments.deleteObsolete(eventId);
    }

    // ---------------------------------------------------------------- writing

    @Override
    public <E extends Event> CompletableFuture<List<Stamped<E>>> persist(PersistRequest<S, E> request) {
        return writer.persist(request);
    }

    @Override
    public CompletableFuture<Long> appendReplicated(List<? extends Stamped<? extends Event>> events) {
        return writer.appendReplicated(events);
    }

    @Override
    public CompletableFuture<Long> checkpoint() {
        return writer.checkpoint();
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
        long last = lastEventId();
        List<Segment> segs = segments.snapshot();
        long oldest = segs.get(0).afterEventId();
        if (after < oldest) {
            return torn(after, oldest);
        }
        if (after >= last || limit <= 0) {
            return Checked.ok(List.of());
        }
        Optional<List<Stamped<? extends Event>>> inMemory = recent.read(after, last, limit);
        if (inMemory.isPresent()) {
            return Checked.ok(inMemory.get());
        }
        try {
            return readFiles(segs, after, last, limit);
        } catch (NoSuchFileException e) {
            return torn(after, segments.oldestAfterEventId());
        } catch (IOException e) {
            return Checked.fail(Problem.of("JournalIoError", "Journal " + dir + " cannot be read: " + e));
        }
    }

    private Checked<List<Stamped<? extends Event>>> readFiles(List<Segment> segs, long after, long last, int limit)
            throws IOException {
        int start = 0;
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i).afterEventId() <= after) {
                start = i;
            }
        }
        List<Stamped<? extends Event>> result = new ArrayList<>(Math.min(limit, 1024));
        for (int i = start; i < segs.size() && result.size() < limit; i++) {
            Path file = segs.get(i).path();
            try (LogFormat.Reader reader = new LogFormat.Reader(file)) {
                Checked<JournalHeader> header = reader.readHeader();
                if (header.isFail()) {
                    return Checked.fail(header.problemOption().orElseThrow());
                }
                for (LogRecord rec = reader.next(); rec != null; rec = reader.next()) {
                    if (rec.eventId() > last) {
                        return Checked.ok(result);
                    }
                    if (rec.eventId() > after) {
                        Checked<Stamped<? extends Event>> decoded = codec.decodeEvent(rec.payload());
                        if (decoded.isFail()) {
                            return Checked.fail(Problem.of("JournalFileInvalid", "Journal file " + file + ", event "
                                    + rec.eventId() + ": " + decoded.problemOption().orElseThrow().message(),
                                    Map.of("file", file.toString(), "eventId", Long.toString(rec.eventId()))));
                        }
                        result.add(decoded.orThrow());
                        if (result.size() == limit) {
                            return Checked.ok(result);
                        }
                    }
                }
            }
        }
        return Checked.ok(result);
    }

    static <T> Checked<T> torn(long after, long oldest) {
        return Checked.fail(Problem.of("EventSeqTorn", "EventSeqTorn: the events after " + after
                        + " are no longer kept; the journal keeps only the events after " + oldest,
                Map.of("after", Long.toString(after), "oldestAfter", Long.toString(oldest))));
    }

    @Override
    public CompletableFuture<Void> whenEventsAfter(long after) {
        return closed ? CompletableFuture.completedFuture(null) : waiters.whenEventsAfter(after);
    }

    @Override
    public Checked<List<Stamped<? extends Event>>> await(long after, int limit, Duration timeout) {
        if (!closed && !waiters.await(after, timeout)) {
            return Checked.ok(List.of());
        }
        return read(after, limit);
    }

    @Override
    public void release(long untilEventId) {
        segments.release(Math.min(untilEventId, lastEventId()), checkpointer.checkpointEventId());
    }

    // ---------------------------------------------------------------- state

    @Override
    public S currentState() {
        return writer.committed().state();
    }

    @Override
    public Optional<byte[]> encodedEvent(long eventId) {
        return recent.bytes(eventId, lastEventId());
    }

    @Override
    public StateFolder<S> folder() {
        return folder;
    }

    @Override
    public StateAt<S> currentStateAt() {
        return writer.committed();
    }

    @Override
    public long lastEventId() {
        return writer.committed().eventId();
    }

    @Override
    public String journalId() {
        return journalId;
    }

    @Override
    public long releasedEventId() {
        return segments.releasedUntil();
    }

    @Override
    public long oldestKeptAfterEventId() {
        return segments.oldestAfterEventId();
    }

    @Override
    public JournalStats stats() {
        return writer.stats();
    }

    /** The directory holding the segment files, the checkpoint and the lock. */
    public Path directory() {
        return dir;
    }

    // ---------------------------------------------------------------- closing

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        writer.stop();
        // the writer closed it already, unless it broke
        checkpointer.close(Optional.empty(), writer.closedProblem());
        writer.failQueued();
        directoryLock.close();
    }
}
