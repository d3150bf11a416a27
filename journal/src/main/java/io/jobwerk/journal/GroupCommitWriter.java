package io.jobwerk.journal;

import io.jobwerk.engine.base.ProblemException;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.EventIds;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The journal's one writer thread and group commit: it takes all waiting requests at once, stamps,
 * checks (applies) and encodes their events, writes them with one {@code write}, calls
 * {@code FileChannel.force} once and then publishes the new state and completes them all. Applying
 * here, in order, is what makes "events that do not apply are rejected, nothing written" exact: a
 * request is checked against the state including the earlier requests of its batch. Between
 * batches it rotates the segment when it is full or a checkpoint asks for it, and starts due
 * checkpoints. A timer of the scheduler looks in (a {@code Tick} request, at most one queued) every
 * {@code min(1 s, checkpoint interval)}, so that an idle journal is checkpointed by interval too; a
 * look-in alone does not rotate, as writing nothing never did.
 *
 * <p>After an I/O error it is broken: it fails everything waiting and every later request.
 */
final class GroupCommitWriter<S> {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);

    /** The writer's collaborators, owned by the journal. */
    record Parts<S>(Path dir, JournalConf conf, JournalCodec<S> codec, StateFolder<S> folder, Clock clock,
                    Scheduler scheduler, String journalId, Segments segments, RecentEvents recent,
                    Checkpointer<S> checkpointer, Acknowledgements acknowledgements, EventWaiters waiters) {}

    private sealed interface Request permits Persist, Replicate, TakeCheckpoint, Tick, Stop {}

    private record Persist<S>(PersistRequest<S, ? extends Event> request,
                              CompletableFuture<List<Stamped<? extends Event>>> future) implements Request {}

    private record Replicate(List<? extends Stamped<? extends Event>> events, CompletableFuture<Long> future) implements Request {}

    private record TakeCheckpoint(CompletableFuture<Long> future) implements Request {}

    /** The timer's look-in: a checkpoint may be due by time alone. */
    private record Tick() implements Request {}

    private record Stop(CompletableFuture<Void> future) implements Request {}

    private final Parts<S> parts;
    private final JournalConf conf;
    private final BlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final AtomicBoolean tickQueued = new AtomicBoolean();
    private final Thread thread;
    private final TaskQueue timer;

    // writer thread only
    private final LogFormat.FrameBuffer frames = new LogFormat.FrameBuffer();
    private FileChannel channel;
    private long channelSize;
    private EventIds eventIds;
    private volatile boolean rotateRequested;

    // state and last event id as one value: written by the writer only, after the events are durable
    private volatile Journal.StateAt<S> committed;
    private volatile Throwable broken;
    private volatile boolean stopping;
    private volatile long fsyncs;
    private volatile long fsyncNanos;
    private volatile long batches;
    private volatile long events;

    GroupCommitWriter(Parts<S> parts, FileChannel channel, long channelSize, Journal.StateAt<S> recovered) {
        this.parts = parts;
        this.conf = parts.conf();
        this.channel = channel;
        this.channelSize = channelSize;
        this.committed = recovered;
        this.eventIds = new EventIds(recovered.eventId());
        this.thread = parts.scheduler().newThread("journal-writer-" + conf.nodeId(), this::run);
        this.timer = parts.scheduler().queue("journal-timer-" + conf.nodeId());
    }

    void start() {
        thread.start();
        Duration lookIn = Duration.ofMillis(Math.max(1, Math.min(1000, conf.checkpointInterval().toMillis())));
        timer.scheduleWithFixedDelay(lookIn, lookIn, () -> {
            if (tickQueued.compareAndSet(false, true)) {
                queue.add(new Tick());
            }
        });
    }

    Journal.StateAt<S> committed() {
        return committed;
    }

    JournalStats stats() {
        return new JournalStats(fsyncs, fsyncNanos, batches, events, parts.checkpointer().written(),
                parts.checkpointer().checkpointEventId(), parts.segments().count());
    }

    /** The next segment is started after the next batch (or look-in): a checkpoint has covered the current one. */
    void requestRotation() {
        rotateRequested = true;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    <E extends Event> CompletableFuture<List<Stamped<E>>> persist(PersistRequest<S, E> request) {
        CompletableFuture<List<Stamped<? extends Event>>> future = new CompletableFuture<>();
        if (request.events().isEmpty()) {
            future.complete(List.of());
        } else {
            enqueue(new Persist<>(request, future), future);
        }
        return (CompletableFuture) future;
    }

    CompletableFuture<Long> appendReplicated(List<? extends Stamped<? extends Event>> events) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        if (events.isEmpty()) {
            future.complete(committed.eventId());
        } else {
            enqueue(new Replicate(List.copyOf(events), future), future);
        }
        return future;
    }

    CompletableFuture<Long> checkpoint() {
        CompletableFuture<Long> future = new CompletableFuture<>();
        enqueue(new TakeCheckpoint(future), future);
        return future;
    }

    private void enqueue(Request request, CompletableFuture<?> future) {
        Throwable b = broken;
        if (b != null) {
            future.completeExceptionally(brokenProblem(b));
        } else if (stopping) {
            future.completeExceptionally(closedProblem());
        } else {
            queue.add(request);
            // the writer may have stopped between the checks above and the add: nobody else would answer
            if ((stopping || broken != null) && !thread.isAlive()) {
                failQueued();
            }
        }
    }

    /**
     * Writes what was queued before, takes a final checkpoint if so configured, fails the persists
     * still waiting for an acknowledgement, closes the file and wakes all readers; then returns.
     */
    void stop() {
        stopping = true;
        timer.close();
        queue.add(new Stop(new CompletableFuture<>()));
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<Request> batch = new ArrayList<>();
        try {
            while (true) {
                Request first = queue.take();
                batch.clear();
                batch.add(first);
                int size = size(first);
                Request r;
                while (!(batch.get(batch.size() - 1) instanceof Stop) && size < conf.maxBatchEvents()
                        && (r = queue.poll()) != null) {
                    batch.add(r);
                    size += size(r);
                }
                Stop stop = batch.get(batch.size() - 1) instanceof Stop s ? s : null;
                writeBatch(stop == null ? batch : batch.subList(0, batch.size() - 1));
                if (stop != null) {
                    shutDown(stop);
                    return;
                }
                boolean lookInOnly = batch.size() == 1 && first instanceof Tick;
                if (!lookInOnly && (channelSize >= conf.segmentBytes() || rotateRequested)) {
                    rotate();
                }
                Journal.StateAt<S> at = committed;
                parts.checkpointer().maybeStart(at.state(), at.eventId());
            }
        } catch (Throwable t) {
            LOG.error("Journal " + parts.dir() + " is broken", t);
            broken = t;
            failQueued();
            parts.acknowledgements().failHeld(brokenProblem(t));
            closeChannel();
        }
    }

    private static int size(Request r) {
        if (r instanceof Persist<?> p) {
            return p.request().events().size();
        } else if (r instanceof Replicate rep) {
            return rep.events().size();
        }
        return 0;
    }

    private void writeBatch(List<Request> batch) throws IOException {
        frames.clear();
        S s = committed.state();
        List<Acknowledgements.Done> done = new ArrayList<>();
        List<Stamped<? extends Event>> written = new ArrayList<>();
        List<byte[]> writtenBytes = new ArrayList<>();
        List<CompletableFuture<Long>> checkpointRequests = new ArrayList<>();
        for (Request request : batch) {
            if (request instanceof Persist<?> any) {
                @SuppressWarnings("unchecked")
                Persist<S> p = (Persist<S>) any;
                long before = eventIds.last();
                List<Stamped<? extends Event>> stamped = stamp(p.request());
                Optional<S> adopted = p.request().fold().foldedOnto(s);
                Checked<S> next = adopted.isPresent()
                        ? frame(stamped, writtenBytes).map(ok -> adopted.get())
                        : applyAndFrame(s, stamped, writtenBytes);
                if (next instanceof Checked.Fail<S> f) {
                    eventIds = new EventIds(before);
                    p.future().completeExceptionally(new ProblemException(f.problem()));
                    continue;
                }
                s = next.orThrow();
                written.addAll(stamped);
                List<Stamped<? extends Event>> result = List.copyOf(stamped);
                done.add(new Acknowledgements.Done(eventIds.last(), () -> p.future().complete(result), p.future()));
            } else if (request instanceof Replicate rep) {
                Checked<Boolean> ordered = checkOrder(rep.events());
                Checked<S> next = ordered.isFail() ? Checked.fail(ordered.problemOption().orElseThrow())
                        : applyAndFrame(s, rep.events(), writtenBytes);
                if (next instanceof Checked.Fail<S> f) {
                    rep.future().completeExceptionally(new ProblemException(f.problem()));
                    continue;
                }
                s = next.orThrow();
                written.addAll(rep.events());
                long last = rep.events().get(rep.events().size() - 1).eventId();
                eventIds = new EventIds(last);
                done.add(new Acknowledgements.Done(last, () -> rep.future().complete(last), rep.future()));
            } else if (request instanceof TakeCheckpoint tc) {
                checkpointRequests.add(tc.future());
            } else if (request instanceof Tick) {
                tickQueued.set(false);
            }
        }
        if (!written.isEmpty()) {
            writeAndSync(done);
            publish(s, written, writtenBytes);
            batches++;
            parts.acknowledgements().completeOrHold(done);
            parts.waiters().wake(committed.eventId());
        }
        for (CompletableFuture<Long> f : checkpointRequests) {
            Journal.StateAt<S> at = committed;
            parts.checkpointer().start(at.state(), at.eventId(), f);
        }
    }

    private List<Stamped<? extends Event>> stamp(PersistRequest<S, ? extends Event> request) {
        List<Stamped<? extends Event>> stamped = new ArrayList<>(request.events().size());
        for (int i = 0; i < request.events().size(); i++) {
            long eventId = eventIds.next(parts.clock().millis());
            // A timestamp equal to the event id's time is implied, as JS7 writes it.
            Optional<Long> timestamp = request.timestamps().get(i).filter(t -> t != eventId / 1000);
            stamped.add(new Stamped<>(eventId, timestamp, request.events().get(i)));
        }
        return stamped;
    }

    /** Replicated events must come in strictly increasing order after the last one written. */
    private Checked<Boolean> checkOrder(List<? extends Stamped<? extends Event>> events) {
        long previous = eventIds.last();
        for (Stamped<? extends Event> st : events) {
            if (st.eventId() <= previous) {
                return Checked.fail(Problem.of("ReplicatedEventOutOfOrder", "Replicated event " + st.eventId()
                        + " does not come after event " + previous + " of journal " + parts.journalId()));
            }
            previous = st.eventId();
        }
        return Checked.ok(Boolean.TRUE);
    }

    private void writeAndSync(List<Acknowledgements.Done> done) throws IOException {
        try {
            ByteBuffer b = frames.flip();
            while (b.hasRemaining()) {
                channel.write(b);
            }
            channelSize = channel.position();
            if (conf.fsync()) {
                long t0 = parts.scheduler().nanoTime();
                channel.force(false);
                fsyncNanos += parts.scheduler().nanoTime() - t0;
                fsyncs++;
            }
        } catch (IOException | RuntimeException e) {
            for (Acknowledgements.Done d : done) {
                d.future().completeExceptionally(e);
            }
            throw e;
        }
    }

    /** Applies the events to {@code s} and frames them as one transaction; frames nothing on failure. */
    private Checked<S> applyAndFrame(S s, List<? extends Stamped<? extends Event>> stamped, List<byte[]> payloadsOut) {
        S next = s;
        for (Stamped<? extends Event> st : stamped) {
            Checked<S> c = parts.folder().apply(next, st);
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
                payloads.add(parts.codec().encodeEvent(st));
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
        parts.recent().add(written, bytes);
        events += written.size();
        parts.checkpointer().count(written.size());
        committed = new Journal.StateAt<>(s, written.get(written.size() - 1).eventId());
    }

    private void rotate() throws IOException {
        rotateRequested = false;
        Optional<Segment> next = parts.segments().rotate(committed.eventId(), parts.clock().millis());
        if (next.isPresent()) {
            FileChannel opened = FileChannel.open(next.get().path(), StandardOpenOption.WRITE);
            channelSize = opened.size();
            opened.position(channelSize);
            channel.close();
            channel = opened;
        }
    }

    private void shutDown(Stop stop) {
        failQueued();
        parts.checkpointer().close(conf.checkpointOnClose() ? Optional.of(committed) : Optional.empty(), closedProblem());
        parts.acknowledgements().failHeld(closedProblem());
        closeChannel();
        stop.future().complete(null);
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.warn("Cannot close " + parts.dir(), e);
        }
        parts.waiters().close();
    }

    /** Answers every queued request: failed as closed or broken. */
    void failQueued() {
        Throwable b = broken;
        ProblemException p = b != null ? brokenProblem(b) : closedProblem();
        for (Request r; (r = queue.poll()) != null; ) {
            if (r instanceof Persist<?> x) {
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

    ProblemException closedProblem() {
        return new ProblemException(Problem.of("JournalClosed", "Journal " + parts.dir() + " is closed"));
    }

    private ProblemException brokenProblem(Throwable t) {
        return new ProblemException(Problem.of("JournalBroken", "Journal " + parts.dir()
                + " is broken after an error, reopen it: " + t));
    }
}
