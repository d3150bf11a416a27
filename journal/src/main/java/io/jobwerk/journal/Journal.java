package io.jobwerk.journal;

import io.jobwerk.engine.base.ProblemException;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.EventIds;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import io.jobwerk.scheduler.RealScheduler;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's event journal: the durable, ordered log of its events and the state they fold into.
 *
 * <p><b>Writing.</b> {@link #persist} stamps the events with strictly increasing ids
 * ({@link EventIds}, from the {@link Clock} given to {@link #open}), checks that they apply to the
 * current state (or, with {@link #persistFolded}, takes the state the caller already folded), appends
 * them to the log and completes once they are fsync'd. One writer thread
 * takes all waiting calls at once, writes them, calls {@code FileChannel.force} once and then
 * completes them all (group commit). The events of one call form a transaction: after a crash they
 * are recovered all or none. {@link #currentState()} advances only after the events are durable.
 *
 * <p><b>Checkpoints.</b> Every {@link JournalConf#checkpointEvents()} events or
 * {@link JournalConf#checkpointInterval()} a separate thread writes the (immutable) state into a
 * MapDB file, without holding up writers. Recovery ({@link #open}) loads the checkpoint and
 * replays the log records after it through the same {@link StateFolder#apply}; a torn tail of the
 * newest segment is truncated (such events were never acknowledged).
 *
 * <p><b>Reading.</b> {@link #read}, {@link #await} and {@link #whenEventsAfter} serve event
 * streams from memory (recent events) or the segment files; {@link #release} lets segment files be
 * deleted once a checkpoint covers them; reading before the oldest kept event is
 * {@code EventSeqTorn}.
 *
 * <p><b>Replication.</b> A standby journal appends the active node's already stamped events with
 * {@link #appendReplicated} and reports back; on the active side, while
 * {@link #requireAcknowledgement(boolean) acknowledgements are required}, a persist completes only
 * after {@link #acknowledge} covers its events. Reads (and so the replication feed) and
 * {@link #currentState()} see events as soon as they are durable locally.
 *
 * <p>Thread-safe. Futures complete on the journal's writer thread: attach long-running
 * continuations with the {@code *Async} methods. After an I/O error the journal is broken and fails
 * every further persist; reopen it to recover.
 *
 * @param <S> the state, an immutable value
 */
public final class Journal<S> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final Path dir;
    private final JournalConf conf;
    private final JournalCodec<S> codec;
    private final StateFolder<S> folder;
    private final Clock clock;
    private final JournalLock directoryLock;
    private final String journalId;

    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private final ExecutorService checkpointer;
    private final AtomicBoolean checkpointRunning = new AtomicBoolean();
    private final CopyOnWriteArrayList<Segment> segments;
    private final Object segmentsLock = new Object();
    private final ConcurrentSkipListMap<Long, Kept> memory = new ConcurrentSkipListMap<>();

    // writer thread only
    private final LogFormat.FrameBuffer frames = new LogFormat.FrameBuffer();
    private FileChannel channel;
    private long channelSize;
    private EventIds eventIds;
    private long eventsSinceCheckpoint;
    private long lastCheckpointMillis;
    private int memoryCount;

    private volatile S state;
    private volatile long lastEventId;
    // state and lastEventId as one value, for readers that need both (a snapshot and where events go on)
    private volatile StateAt<S> stateAt;
    // all events with an id above it are in memory
    private volatile long memoryFloor;
    private volatile long checkpointEventId;
    private volatile long releasedUntil;
    private volatile boolean rotateRequested;
    private volatile Throwable broken;
    private volatile boolean closed;
    private volatile long fsyncs;
    private volatile long fsyncNanos;
    private volatile long batches;
    private volatile long eventCount;
    private volatile long checkpoints;

    private final Object lock = new Object();
    // guarded by lock
    private final ArrayDeque<Done> pendingAcks = new ArrayDeque<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private boolean requireAck;
    private long acknowledgedEventId;

    private sealed interface Request permits Persist, Replicate, TakeCheckpoint, Stop {
    }

    /** {@code base} and {@code folded}: null, or the caller's fold of the events onto {@code base} (see {@link #persistFolded}). */
    private record Persist(List<? extends KeyedEvent<? extends Event>> events, List<Optional<Long>> timestamps,
                           Object base, Object folded,
                           CompletableFuture<List<Stamped<? extends Event>>> future) implements Request {
    }

    private record Replicate(List<? extends Stamped<? extends Event>> events, CompletableFuture<Long> future)
            implements Request {
    }

    private record TakeCheckpoint(CompletableFuture<Long> future) implements Request {
    }

    private record Stop(CompletableFuture<Void> future) implements Request {
    }

    private record Done(long lastEventId, Runnable complete, CompletableFuture<?> future) {
    }

    private record Waiter(long after, CompletableFuture<Void> future) {
    }

    /** A recent event in memory, with the codec's bytes as written. */
    private record Kept(Stamped<? extends Event> stamped, byte[] bytes) {
    }

    private Journal(Path dir, JournalConf conf, JournalCodec<S> codec, StateFolder<S> folder, Clock clock,
                    Recovered<S> recovered, JournalLock lock) {
        this.dir = dir;
        this.directoryLock = lock;
        this.conf = conf;
        this.codec = codec;
        this.folder = folder;
        this.clock = clock;
        this.journalId = recovered.journalId;
        this.segments = new CopyOnWriteArrayList<>(recovered.segments);
        this.channel = recovered.channel;
        this.channelSize = recovered.channelSize;
        this.state = recovered.state;
        this.lastEventId = recovered.lastEventId;
        this.stateAt = new StateAt<>(recovered.state, recovered.lastEventId);
        this.memoryFloor = recovered.lastEventId;
        this.checkpointEventId = recovered.checkpointEventId;
        this.eventIds = new EventIds(recovered.lastEventId);
        this.eventsSinceCheckpoint = recovered.replayedEvents;
        this.lastCheckpointMillis = clock.millis();
        this.checkpointer = RealScheduler.instance().pool("journal-checkpoint-" + conf.nodeId(), 1);
        this.writer = RealScheduler.instance().newThread("journal-writer-" + conf.nodeId(), this::runWriter);
    }

    /**
     * Opens the journal in {@code dir}, creating it when the directory holds none, and recovers the
     * state: checkpoint plus the events after it.
     *
     * <p>Results: a torn or garbage tail of the newest segment is truncated (clean recovery); a
     * newer format version ({@code JournalVersionTooNew}), another node's journal
     * ({@code JournalForeignNode}), another journal id ({@code JournalIdMismatch}), a damaged file
     * other than the newest segment's tail ({@code JournalFileInvalid},
     * {@code JournalCheckpointInvalid}), a missing checkpoint when old segments were released
     * ({@code JournalCheckpointMissing}) or a gap between files ({@code JournalGap}) are problems
     * naming the file; nothing is changed on disk then. A missing checkpoint is rebuilt by replay
     * when the log still starts at the beginning.
     */
    public static <S> Checked<Journal<S>> open(Path dir, JournalConf conf, JournalCodec<S> codec,
                                               StateFolder<S> folder, Clock clock) {
        Checked<JournalLock> locked = JournalLock.acquire(dir);
        if (locked.isFail()) {
            return Checked.fail(locked.problemOption().orElseThrow());
        }
        JournalLock lock = locked.orThrow();
        Checked<Recovered<S>> recovered;
        try {
            recovered = recover(dir, conf, codec, folder, clock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            return Checked.fail(Problem.of("JournalIoError", "Journal " + dir + " cannot be opened: " + e,
                    Map.of("file", dir.toString())));
        }
        if (recovered.isFail()) {
            lock.close();
            return Checked.fail(recovered.problemOption().orElseThrow());
        }
        Journal<S> journal = new Journal<>(dir, conf, codec, folder, clock, recovered.orThrow(), lock);
        journal.writer.start();
        return Checked.ok(journal);
    }

    private static final class Recovered<S> {
        String journalId;
        List<Segment> segments = new ArrayList<>();
        FileChannel channel;
        long channelSize;
        S state;
        long lastEventId;
        long checkpointEventId;
        long replayedEvents;
    }

    private static <S> Checked<Recovered<S>> recover(Path dir, JournalConf conf, JournalCodec<S> codec,
                                                     StateFolder<S> folder, Clock clock) throws IOException {
        Files.createDirectories(dir);
        CheckpointStore.deleteLeftover(dir);
        Segment.deleteTemporaries(dir);
        Recovered<S> r = new Recovered<>();
        List<Segment> segs = new ArrayList<>(Segment.list(dir));
        Path checkpointFile = CheckpointStore.file(dir);
        String journalId = null;
        if (Files.exists(checkpointFile)) {
            Checked<CheckpointStore.Loaded<S>> loaded = CheckpointStore.read(dir, codec);
            if (loaded instanceof Checked.Fail<CheckpointStore.Loaded<S>> f) {
                return Checked.fail(f.problem());
            }
            CheckpointStore.Meta meta = loaded.orThrow().meta();
            Optional<Problem> owner = checkOwner(checkpointFile, meta.nodeId(), meta.journalId(), conf, null);
            if (owner.isPresent()) {
                return Checked.fail(owner.get());
            }
            journalId = meta.journalId();
            r.state = loaded.orThrow().state();
            r.checkpointEventId = meta.eventId();
        } else {
            r.state = folder.empty();
            if (!segs.isEmpty() && segs.get(0).afterEventId() > 0) {
                return Checked.fail(Problem.of("JournalCheckpointMissing", "Checkpoint " + checkpointFile
                        + " is missing, and the log starts after event " + segs.get(0).afterEventId()
                        + ", so the state before it cannot be rebuilt", Map.of("file", checkpointFile.toString())));
            }
        }
        // a crash while starting a segment leaves a file shorter than its header: it holds no event
        while (!segs.isEmpty()) {
            Segment newest = segs.get(segs.size() - 1);
            Checked<JournalHeader> header;
            try (LogFormat.Reader reader = new LogFormat.Reader(newest.path())) {
                header = reader.readHeader();
            }
            if (header.problemOption().map(p -> p.code().equals("JournalHeaderTorn")).orElse(false)) {
                LOG.atWarn().log(() -> "Deleting " + newest.path() + ": " + header.problemOption().orElseThrow());
                Files.delete(newest.path());
                segs.remove(segs.size() - 1);
            } else {
                break;
            }
        }
        long last = r.checkpointEventId;
        long validEnd = 0;
        for (int i = 0; i < segs.size(); i++) {
            Segment seg = segs.get(i);
            boolean newest = i == segs.size() - 1;
            try (LogFormat.Reader reader = new LogFormat.Reader(seg.path())) {
                Checked<JournalHeader> checkedHeader = reader.readHeader();
                if (checkedHeader instanceof Checked.Fail<JournalHeader> f) {
                    return Checked.fail(f.problem());
                }
                JournalHeader header = checkedHeader.orThrow();
                Optional<Problem> owner = checkOwner(seg.path(), header.nodeId(), header.journalId(), conf, journalId);
                if (owner.isPresent()) {
                    return Checked.fail(owner.get());
                }
                journalId = header.journalId();
                if (header.afterEventId() != seg.afterEventId() || header.afterEventId() > last) {
                    return Checked.fail(Problem.of("JournalGap", "Journal file " + seg.path() + " starts after event "
                            + header.afterEventId() + ", but the events before reach only " + last
                            + " (header says " + header.afterEventId() + ")", Map.of("file", seg.path().toString())));
                }
                if (!newest && segs.get(i + 1).afterEventId() <= r.checkpointEventId) {
                    continue;  // wholly covered by the checkpoint: kept for readers only, no need to read it
                }
                List<LogRecord> transaction = new ArrayList<>();
                long transactionStart = reader.position();
                for (LogRecord rec = reader.next(); rec != null; rec = reader.next()) {
                    transaction.add(rec);
                    if (rec.continues()) {
                        continue;
                    }
                    for (LogRecord t : transaction) {
                        if (t.eventId() <= r.checkpointEventId) {
                            continue;
                        }
                        if (t.eventId() <= last) {
                            return badRecord(seg.path(), t, "event id " + t.eventId() + " does not increase (after " + last + ")");
                        }
                        Checked<Stamped<? extends Event>> decoded = codec.decodeEvent(t.payload());
                        if (decoded instanceof Checked.Fail<Stamped<? extends Event>> f) {
                            return badRecord(seg.path(), t, f.problem().message());
                        }
                        Stamped<? extends Event> stamped = decoded.orThrow();
                        if (stamped.eventId() != t.eventId()) {
                            return badRecord(seg.path(), t, "payload has event id " + stamped.eventId());
                        }
                        Checked<S> next = folder.apply(r.state, stamped);
                        if (next instanceof Checked.Fail<S> f) {
                            return badRecord(seg.path(), t, "event does not apply: " + f.problem().message());
                        }
                        r.state = next.orThrow();
                        last = t.eventId();
                        r.replayedEvents++;
                    }
                    if (!transaction.isEmpty()) {
                        last = Math.max(last, transaction.get(transaction.size() - 1).eventId());
                    }
                    transaction.clear();
                    transactionStart = reader.position();
                }
                if (!transaction.isEmpty() || reader.tornReason() != null) {
                    String why = reader.tornReason() != null ? reader.tornReason() : "transaction not completed";
                    if (!newest) {
                        return Checked.fail(Problem.of("JournalFileInvalid", "Journal file " + seg.path()
                                + " is damaged at byte " + transactionStart + " (" + why
                                + "), and it is not the newest segment", Map.of("file", seg.path().toString())));
                    }
                    long end = transactionStart;
                    LOG.atWarn().log(() -> "Truncating the torn tail of " + seg.path() + " at byte " + end + ": " + why);
                }
                validEnd = transactionStart;
            }
        }
        if (journalId == null) {
            journalId = conf.journalId().orElseGet(() -> UUID.randomUUID().toString());
        }
        r.journalId = journalId;
        r.lastEventId = last;
        r.segments = segs;
        if (segs.isEmpty()) {
            Segment seg = createSegment(dir, new JournalHeader(JournalHeader.FORMAT_VERSION, journalId, conf.nodeId(),
                    last, clock.millis()));
            r.segments.add(seg);
            r.channel = FileChannel.open(seg.path(), StandardOpenOption.WRITE);
            r.channelSize = r.channel.size();
        } else {
            Path newest = segs.get(segs.size() - 1).path();
            r.channel = FileChannel.open(newest, StandardOpenOption.WRITE);
            if (r.channel.size() != validEnd) {
                r.channel.truncate(validEnd);
                r.channel.force(true);
            }
            r.channelSize = validEnd;
        }
        r.channel.position(r.channelSize);
        return Checked.ok(r);
    }

    private static <T> Checked<T> badRecord(Path file, LogRecord rec, String why) {
        return Checked.fail(Problem.of("JournalFileInvalid", "Journal file " + file + ", event " + rec.eventId() + ": " + why,
                Map.of("file", file.toString(), "eventId", Long.toString(rec.eventId()))));
    }

    private static Optional<Problem> checkOwner(Path file, String nodeId, String fileJournalId, JournalConf conf,
                                            String knownJournalId) {
        if (!conf.nodeId().equals(nodeId)) {
            return Optional.of(Problem.of("JournalForeignNode", "Journal file " + file + " belongs to node '" + nodeId
                    + "', not to this node '" + conf.nodeId() + "'", Map.of("file", file.toString(), "nodeId", nodeId)));
        }
        String expected = knownJournalId != null ? knownJournalId : conf.journalId().orElse(null);
        if (expected != null && !expected.equals(fileJournalId)) {
            return Optional.of(Problem.of("JournalIdMismatch", "Journal file " + file + " belongs to journal "
                    + fileJournalId + ", expected " + expected, Map.of("file", file.toString())));
        }
        return Optional.empty();
    }

    private static Segment createSegment(Path dir, JournalHeader header) throws IOException {
        Path path = Segment.path(dir, header.afterEventId());
        Path temporary = Segment.temporaryPath(path);
        LogFormat.FrameBuffer buf = new LogFormat.FrameBuffer();
        buf.putMagic();
        buf.put(header.afterEventId(), false, header.toJson());
        // written under a temporary name and renamed: a segment file never lacks its header,
        // whatever moment a crash hits (a half-created file would otherwise look like a foreign one)
        try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = buf.flip();
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(temporary, path, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        Segment.syncDirectory(dir);
        return new Segment(path, header.afterEventId());
    }

    // ---------------------------------------------------------------- writing

    /**
     * Persists the events as one transaction: stamps them, checks that they apply to the state,
     * appends and fsyncs them. The future completes with the stamped events once they are durable
     * (and, in acknowledgement mode, acknowledged by the standby); it completes exceptionally with
     * a {@link ProblemException} when an event does not apply (nothing is written then), when the
     * journal is closed or broken.
     */
    public <E extends Event> CompletableFuture<List<Stamped<E>>> persist(List<KeyedEvent<E>> events) {
        return persist(events, java.util.Collections.nCopies(events.size(), Optional.empty()));
    }

    /**
     * As {@link #persist(List)}, each event with the time it happened elsewhere (e.g. a mirrored
     * Agent event keeps the Agent's time as its {@code timestamp}); an empty one takes the event id's time.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <E extends Event> CompletableFuture<List<Stamped<E>>> persist(List<KeyedEvent<E>> events, List<Optional<Long>> timestamps) {
        return enqueuePersist(events, timestamps, null, null);
    }

    /**
     * As {@link #persist(List, List)}, for a caller that has already folded the events: {@code folded}
     * must be what this journal's {@link StateFolder} yields when it applies the events, in order, to
     * {@code base} (an engine's keeper decides on the state it advances event by event anyway). When
     * the events are written and the journal's state is still {@code base} (the same object), the
     * journal takes {@code folded} as its new state instead of applying the events a second time;
     * otherwise (another persist came first) it checks and applies them as {@link #persist} does.
     *
     * <p>The caller vouches for {@code folded}: a state that is not the fold of the events would
     * make recovery, which replays the events through the folder, end in another state than the
     * live one.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <E extends Event> CompletableFuture<List<Stamped<E>>> persistFolded(List<KeyedEvent<E>> events,
                                                                               List<Optional<Long>> timestamps,
                                                                               S base, S folded) {
        return enqueuePersist(events, timestamps, java.util.Objects.requireNonNull(base), java.util.Objects.requireNonNull(folded));
    }

    /** {@code base} and {@code folded} null: the writer applies and checks the events itself. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private <E extends Event> CompletableFuture<List<Stamped<E>>> enqueuePersist(List<KeyedEvent<E>> events,
                                                                              List<Optional<Long>> timestamps, S base, S folded) {
        if (timestamps.size() != events.size()) {
            throw new IllegalArgumentException("one timestamp per event expected");
        }
        CompletableFuture<List<Stamped<? extends Event>>> future = new CompletableFuture<>();
        if (events.isEmpty()) {
            future.complete(List.of());
        } else {
            enqueue(new Persist(List.copyOf(events), List.copyOf(timestamps), base, folded, future), future);
        }
        return (CompletableFuture) future;
    }

    /**
     * Appends events stamped by the active node (standby side of replication), as one transaction.
     * Their ids must increase strictly and lie after {@link #lastEventId()}, and they must apply to
     * the state; else the future fails with a {@link ProblemException} and nothing is written.
     * Completes with the last event id once durable; never waits for acknowledgements.
     */
    public CompletableFuture<Long> appendReplicated(List<? extends Stamped<? extends Event>> events) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        if (events.isEmpty()) {
            future.complete(lastEventId);
        } else {
            enqueue(new Replicate(List.copyOf(events), future), future);
        }
        return future;
    }

    /**
     * Takes a checkpoint now (as JS7's {@code TakeSnapshot}); completes with the event id it covers
     * once it is written. Segments that are released and covered can then be deleted.
     */
    public CompletableFuture<Long> checkpoint() {
        CompletableFuture<Long> future = new CompletableFuture<>();
        enqueue(new TakeCheckpoint(future), future);
        return future;
    }

    private void enqueue(Request request, CompletableFuture<?> future) {
        Throwable b = broken;
        if (b != null) {
            future.completeExceptionally(brokenProblem(b));
        } else if (closed) {
            future.completeExceptionally(closedProblem());
        } else {
            queue.add(request);
            // the writer may have stopped between the checks above and the add: nobody else would answer
            if ((closed || broken != null) && !writer.isAlive()) {
                failQueued();
            }
        }
    }

    private void runWriter() {
        List<Request> batch = new ArrayList<>();
        long pollMillis = Math.max(1, Math.min(1000, conf.checkpointInterval().toMillis()));
        try {
            while (true) {
                Request first = queue.poll(pollMillis, TimeUnit.MILLISECONDS);
                if (first == null) {
                    maybeCheckpoint();
                    continue;
                }
                batch.clear();
                batch.add(first);
                int events = size(first);
                Request r;
                while (!(batch.get(batch.size() - 1) instanceof Stop) && events < conf.maxBatchEvents()
                        && (r = queue.poll()) != null) {
                    batch.add(r);
                    events += size(r);
                }
                Stop stop = batch.get(batch.size() - 1) instanceof Stop s ? s : null;
                writeBatch(stop == null ? batch : batch.subList(0, batch.size() - 1));
                if (stop != null) {
                    shutDown(stop);
                    return;
                }
                if (channelSize >= conf.segmentBytes() || rotateRequested) {
                    rotate();
                }
                maybeCheckpoint();
            }
        } catch (Throwable t) {
            LOG.error("Journal " + dir + " is broken", t);
            broken = t;
            failQueued();
            failPending(brokenProblem(t));
            closeChannel();
        }
    }

    private static int size(Request r) {
        if (r instanceof Persist p) {
            return p.events().size();
        } else if (r instanceof Replicate rep) {
            return rep.events().size();
        }
        return 0;
    }

    private void writeBatch(List<Request> batch) throws IOException {
        frames.clear();
        S s = state;
        List<Done> done = new ArrayList<>();
        List<Stamped<? extends Event>> written = new ArrayList<>();
        List<byte[]> writtenBytes = new ArrayList<>();
        List<CompletableFuture<Long>> checkpointRequests = new ArrayList<>();
        for (Request request : batch) {
            if (request instanceof Persist p) {
                long before = eventIds.last();
                List<Stamped<? extends Event>> stamped = new ArrayList<>(p.events().size());
                for (int i = 0; i < p.events().size(); i++) {
                    long eventId = eventIds.next(clock.millis());
                    // A timestamp equal to the event id's time is implied, as JS7 writes it.
                    Optional<Long> timestamp = p.timestamps().get(i).filter(t -> t != eventId / 1000);
                    stamped.add(new Stamped<>(eventId, timestamp, p.events().get(i)));
                }
                @SuppressWarnings("unchecked")
                Checked<S> next = p.base() != null && p.base() == s
                        ? frame(stamped, writtenBytes).map(ok -> (S) p.folded())
                        : applyAndFrame(s, stamped, writtenBytes);
                if (next instanceof Checked.Fail<S> f) {
                    eventIds = new EventIds(before);
                    p.future().completeExceptionally(new ProblemException(f.problem()));
                    continue;
                }
                s = next.orThrow();
                written.addAll(stamped);
                List<Stamped<? extends Event>> result = List.copyOf(stamped);
                done.add(new Done(eventIds.last(), () -> p.future().complete(result), p.future()));
            } else if (request instanceof Replicate rep) {
                long previous = eventIds.last();
                Problem problem = null;
                for (Stamped<? extends Event> st : rep.events()) {
                    if (st.eventId() <= previous) {
                        problem = Problem.of("ReplicatedEventOutOfOrder", "Replicated event " + st.eventId()
                                + " does not come after event " + previous + " of journal " + journalId);
                        break;
                    }
                    previous = st.eventId();
                }
                Checked<S> next = problem != null ? Checked.fail(problem) : applyAndFrame(s, rep.events(), writtenBytes);
                if (next instanceof Checked.Fail<S> f) {
                    rep.future().completeExceptionally(new ProblemException(f.problem()));
                    continue;
                }
                s = next.orThrow();
                written.addAll(rep.events());
                eventIds = new EventIds(previous);
                long last = previous;
                done.add(new Done(last, () -> rep.future().complete(last), rep.future()));
            } else if (request instanceof TakeCheckpoint tc) {
                checkpointRequests.add(tc.future());
            }
        }
        if (!written.isEmpty()) {
            try {
                ByteBuffer b = frames.flip();
                while (b.hasRemaining()) {
                    channel.write(b);
                }
                channelSize = channel.position();
                if (conf.fsync()) {
                    long t0 = System.nanoTime();
                    channel.force(false);
                    fsyncNanos += System.nanoTime() - t0;
                    fsyncs++;
                }
            } catch (IOException | RuntimeException e) {
                for (Done d : done) {
                    d.future().completeExceptionally(e);
                }
                throw e;
            }
            publish(s, written, writtenBytes);
            batches++;
            complete(done);
        }
        for (CompletableFuture<Long> f : checkpointRequests) {
            startCheckpoint(f);
        }
    }

    /** Applies the events to {@code s} and frames them as one transaction; frames nothing on failure. */
    private Checked<S> applyAndFrame(S s, List<? extends Stamped<? extends Event>> stamped, List<byte[]> payloadsOut) {
        S next = s;
        for (Stamped<? extends Event> st : stamped) {
            Checked<S> c = folder.apply(next, st);
            if (c instanceof Checked.Fail<S> f) {
                return Checked.fail(f.problem().withPrefix("Event " + st.keyedEvent()));
            }
            next = c.orThrow();
        }
        S result = next;
        return frame(stamped, payloadsOut).map(ok -> result);
    }

    /** Frames the events as one transaction and adds their payloads to {@code payloadsOut}; frames nothing when one cannot be encoded. */
    private Checked<Boolean> frame(List<? extends Stamped<? extends Event>> stamped, List<byte[]> payloadsOut) {
        List<byte[]> payloads = new ArrayList<>(stamped.size());
        for (Stamped<? extends Event> st : stamped) {
            try {
                payloads.add(codec.encodeEvent(st));
            } catch (RuntimeException e) {
                return Checked.fail(Problem.of("JournalEncode", "Event " + st.keyedEvent() + " cannot be encoded: " + e));
            }
        }
        for (int i = 0; i < stamped.size(); i++) {
            frames.put(stamped.get(i).eventId(), i < stamped.size() - 1, payloads.get(i));
        }
        payloadsOut.addAll(payloads);
        return Checked.ok(Boolean.TRUE);
    }

    private void publish(S s, List<Stamped<? extends Event>> written, List<byte[]> bytes) {
        for (int i = 0; i < written.size(); i++) {
            memory.put(written.get(i).eventId(), new Kept(written.get(i), bytes.get(i)));
        }
        memoryCount += written.size();
        while (memoryCount > conf.memoryEvents()) {
            long first = memory.firstKey();
            memoryFloor = first;
            memory.remove(first);
            memoryCount--;
        }
        state = s;
        eventCount += written.size();
        eventsSinceCheckpoint += written.size();
        lastEventId = written.get(written.size() - 1).eventId();
        stateAt = new StateAt<>(s, lastEventId);
    }

    private void complete(List<Done> done) {
        List<Runnable> ready = new ArrayList<>(done.size());
        List<Waiter> woken = new ArrayList<>();
        synchronized (lock) {
            for (Done d : done) {
                if (requireAck && d.lastEventId() > acknowledgedEventId) {
                    pendingAcks.add(d);
                } else {
                    ready.add(d.complete());
                }
            }
            long last = lastEventId;
            waiters.removeIf(w -> {
                if (w.after() < last) {
                    woken.add(w);
                    return true;
                }
                return false;
            });
        }
        ready.forEach(Runnable::run);
        woken.forEach(w -> w.future().complete(null));
    }

    private void rotate() throws IOException {
        rotateRequested = false;
        long last = lastEventId;
        if (segments.get(segments.size() - 1).afterEventId() == last) {
            return;
        }
        Segment seg = createSegment(dir, new JournalHeader(JournalHeader.FORMAT_VERSION, journalId, conf.nodeId(),
                last, clock.millis()));
        FileChannel next = FileChannel.open(seg.path(), StandardOpenOption.WRITE);
        channelSize = next.size();
        next.position(channelSize);
        channel.close();
        channel = next;
        segments.add(seg);
    }

    private void maybeCheckpoint() {
        if (eventsSinceCheckpoint == 0 || checkpointRunning.get()) {
            return;
        }
        if (eventsSinceCheckpoint >= conf.checkpointEvents()
                || clock.millis() - lastCheckpointMillis >= conf.checkpointInterval().toMillis()) {
            startCheckpoint(null);
        }
    }

    /** Called on the writer thread, so {@code state} and {@code lastEventId} belong together. */
    private void startCheckpoint(CompletableFuture<Long> future) {
        S s = state;
        long id = lastEventId;
        eventsSinceCheckpoint = 0;
        lastCheckpointMillis = clock.millis();
        checkpointRunning.set(true);
        checkpointer.execute(() -> {
            try {
                if (id > checkpointEventId || !Files.exists(CheckpointStore.file(dir))) {
                    CheckpointStore.write(dir, new CheckpointStore.Meta(JournalHeader.FORMAT_VERSION, journalId,
                            conf.nodeId(), id), codec.snapshotEntries(s));
                    checkpointEventId = id;
                    checkpoints++;
                    rotateRequested = true;
                    deleteObsoleteSegments();
                }
                if (future != null) {
                    future.complete(id);
                }
            } catch (Throwable t) {
                LOG.warn("Checkpoint of journal " + dir + " failed, the log keeps all events", t);
                if (future != null) {
                    future.completeExceptionally(t);
                }
            } finally {
                checkpointRunning.set(false);
            }
        });
    }

    private void deleteObsoleteSegments() {
        synchronized (segmentsLock) {
            long limit = Math.min(checkpointEventId, releasedUntil);
            boolean deleted = false;
            while (segments.size() > 1 && segments.get(1).afterEventId() <= limit) {
                Segment old = segments.get(0);
                try {
                    Files.deleteIfExists(old.path());
                } catch (IOException e) {
                    LOG.warn("Cannot delete " + old.path(), e);
                    break;
                }
                segments.remove(0);
                deleted = true;
            }
            if (deleted) {
                try {
                    Segment.syncDirectory(dir);
                } catch (IOException e) {
                    LOG.warn("Cannot sync directory " + dir, e);
                }
            }
        }
    }

    // ---------------------------------------------------------------- replication

    /**
     * Switches acknowledgement mode (JS7: while the cluster is coupled). While on, a persist
     * completes only when {@link #acknowledge} has covered its last event; switching it off
     * completes all waiting persists.
     */
    public void requireAcknowledgement(boolean on) {
        List<Done> ready;
        synchronized (lock) {
            requireAck = on;
            ready = on ? List.of() : new ArrayList<>(pendingAcks);
            if (!on) {
                pendingAcks.clear();
            }
        }
        ready.forEach(d -> d.complete().run());
    }

    /**
     * The standby has durably stored all events up to {@code eventId}: completes the persists they
     * cover; returns the acknowledged event id. A problem when {@code eventId} lies beyond
     * {@link #lastEventId()}.
     */
    public Checked<Long> acknowledge(long eventId) {
        List<Done> ready = new ArrayList<>();
        synchronized (lock) {
            if (eventId > lastEventId) {
                return Checked.fail(Problem.of("AcknowledgementTooEarly", "Acknowledged event " + eventId
                        + " has not been written by journal " + journalId + " (last is " + lastEventId + ")"));
            }
            acknowledgedEventId = Math.max(acknowledgedEventId, eventId);
            while (!pendingAcks.isEmpty() && pendingAcks.peekFirst().lastEventId() <= acknowledgedEventId) {
                ready.add(pendingAcks.pollFirst());
            }
        }
        ready.forEach(d -> d.complete().run());
        return Checked.ok(eventId);
    }

    public long acknowledgedEventId() {
        synchronized (lock) {
            return acknowledgedEventId;
        }
    }

    // ---------------------------------------------------------------- reading

    /**
     * Up to {@code limit} durable events with ids greater than {@code after}, oldest first; empty
     * when there are none yet. {@code EventSeqTorn} when events after {@code after} were released
     * and deleted.
     */
    public Checked<List<Stamped<? extends Event>>> read(long after, int limit) {
        long last = lastEventId;
        List<Segment> segs = List.copyOf(segments);
        long oldest = segs.get(0).afterEventId();
        if (after < oldest) {
            return torn(after, oldest);
        }
        if (after >= last || limit <= 0) {
            return Checked.ok(List.of());
        }
        if (after >= memoryFloor) {
            List<Stamped<? extends Event>> result = new ArrayList<>(Math.min(limit, 1024));
            for (Kept kept : memory.tailMap(after, false).values()) {
                if (kept.stamped().eventId() > last || result.size() == limit) {
                    break;
                }
                result.add(kept.stamped());
            }
            if (after >= memoryFloor) {
                return Checked.ok(result);
            }
        }
        try {
            return readFiles(segs, after, last, limit);
        } catch (NoSuchFileException e) {
            return torn(after, segments.get(0).afterEventId());
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
                            return badRecord(file, rec, decoded.problemOption().orElseThrow().message());
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

    private static <T> Checked<T> torn(long after, long oldest) {
        return Checked.fail(Problem.of("EventSeqTorn", "EventSeqTorn: the events after " + after
                        + " are no longer kept; the journal keeps only the events after " + oldest,
                Map.of("after", Long.toString(after), "oldestAfter", Long.toString(oldest))));
    }

    /** Completes as soon as an event with an id above {@code after} is durable (or the journal closes). */
    public CompletableFuture<Void> whenEventsAfter(long after) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        synchronized (lock) {
            if (lastEventId > after || closed) {
                future.complete(null);
            } else {
                waiters.add(new Waiter(after, future));
            }
        }
        return future;
    }

    /**
     * Like {@link #read}, but waits up to {@code timeout} for the first event after {@code after};
     * returns as soon as there is one, an empty list on timeout. Blocks the calling thread.
     */
    public Checked<List<Stamped<? extends Event>>> await(long after, int limit, Duration timeout) {
        CompletableFuture<Void> f = whenEventsAfter(after);
        try {
            f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            synchronized (lock) {
                waiters.removeIf(w -> w.future() == f);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Checked.ok(List.of());
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return read(after, limit);
    }

    /**
     * Every reader has stored the events up to {@code untilEventId}: segment files holding only
     * such events may be deleted, as soon as a checkpoint covers them too. Reading after an id
     * before the oldest kept segment then yields {@code EventSeqTorn}.
     */
    public void release(long untilEventId) {
        releasedUntil = Math.max(releasedUntil, Math.min(untilEventId, lastEventId));
        deleteObsoleteSegments();
    }

    // ---------------------------------------------------------------- state

    /** The state after all durable events. */
    public S currentState() {
        return state;
    }

    /**
     * The codec's bytes of a durable event still held in memory, exactly as written to the log, so
     * that an event stream using the same encoding need not encode it again; empty when the event
     * is not in memory (older, or not yet durable). The array is shared: do not modify it.
     */
    public Optional<byte[]> encodedEvent(long eventId) {
        Kept kept = eventId <= lastEventId ? memory.get(eventId) : null;
        return kept == null ? Optional.empty() : Optional.of(kept.bytes());
    }

    /** The fold this journal applies events with (live and in recovery). */
    public StateFolder<S> folder() {
        return folder;
    }

    /** A state and the id of the last event folded into it (0: none). */
    public record StateAt<S>(S state, long eventId) {}

    /**
     * {@link #currentState()} together with the id of its last event, read as one value, so a
     * client served this snapshot can follow the event stream exactly after it.
     */
    public StateAt<S> currentStateAt() {
        return stateAt;
    }

    /** The id of the last durable event; 0 for an empty journal. */
    public long lastEventId() {
        return lastEventId;
    }

    public String journalId() {
        return journalId;
    }

    /** The highest event id released by {@link #release} since this journal was opened (0: none). */
    public long releasedEventId() {
        return releasedUntil;
    }

    /** The id after which events are kept: reading after an earlier id is {@code EventSeqTorn}. */
    public long oldestKeptAfterEventId() {
        return segments.get(0).afterEventId();
    }

    public JournalStats stats() {
        return new JournalStats(fsyncs, fsyncNanos, batches, eventCount, checkpoints, checkpointEventId, segments.size());
    }

    public Path directory() {
        return dir;
    }

    // ---------------------------------------------------------------- closing

    /**
     * Writes what was persisted before, takes a final checkpoint if so configured, and closes the
     * files. Later persists fail with {@code JournalClosed}; waiting persists that still need an
     * acknowledgement fail too.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        queue.add(new Stop(stopped));
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        checkpointer.shutdown();
        try {
            checkpointer.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failQueued();
        directoryLock.close();
    }

    private void shutDown(Stop stop) {
        failQueued();
        if (conf.checkpointOnClose() && lastEventId > checkpointEventId) {
            CompletableFuture<Long> done = new CompletableFuture<>();
            startCheckpoint(done);
            done.exceptionally(t -> null).join();
        }
        failPending(closedProblem());
        closeChannel();
        stop.future().complete(null);
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Cannot close " + dir, e);
        }
        List<Waiter> woken;
        synchronized (lock) {
            woken = new ArrayList<>(waiters);
            waiters.clear();
        }
        woken.forEach(w -> w.future().complete(null));
    }

    private void failQueued() {
        Throwable b = broken;
        ProblemException p = b != null ? brokenProblem(b) : closedProblem();
        for (Request r; (r = queue.poll()) != null; ) {
            if (r instanceof Persist x) {
                x.future().completeExceptionally(p);
            } else if (r instanceof Replicate x) {
                x.future().completeExceptionally(p);
            } else if (r instanceof TakeCheckpoint x) {
                x.future().completeExceptionally(p);
            } else if (r instanceof Stop x) {
                x.future().complete(null);
            }
        }
    }

    private void failPending(ProblemException p) {
        List<Done> failed;
        synchronized (lock) {
            failed = new ArrayList<>(pendingAcks);
            pendingAcks.clear();
        }
        failed.forEach(d -> d.future().completeExceptionally(p));
    }

    private ProblemException closedProblem() {
        return new ProblemException(Problem.of("JournalClosed", "Journal " + dir + " is closed"));
    }

    private ProblemException brokenProblem(Throwable t) {
        return new ProblemException(Problem.of("JournalBroken", "Journal " + dir + " is broken after an error, reopen it: " + t));
    }
}
