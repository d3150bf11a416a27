package io.jobwerk.agent;

import io.jobwerk.agent.SubagentCouplingTable.Action;
import io.jobwerk.agent.SubagentCouplingTable.Phase;
import io.jobwerk.agent.SubagentCouplingTable.Trigger;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.subagent.SubagentMetrics;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.http.client.EventStreamHandle;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.Backoff;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.subagent.ProcessEvent;
import io.jobwerk.subagent.ProcessEventJson;
import io.jobwerk.subagent.SubagentCommand;
import io.jobwerk.subagent.SubagentCommandJson;
import io.jobwerk.subagent.SubagentMetricsJson;
import io.jobwerk.subagent.process.JobLaunch;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Director's link to a Subagent server ({@code SubagentItem.uri + "/subagent/api"}).
 *
 * <p>Couples with {@code CoupleDirector} (a new Director run makes the Subagent kill what an earlier
 * run started), then long-polls the Subagent's event stream and persists its events in the
 * Director's journal through the keeper — only those of the task each order is processing on this
 * Subagent now (every event carries its task id) — and releases them once persisted; events the
 * keeper could not persist are read again. The polls come at least every third of the Subagent's
 * director timeout, so a living Director is never taken for lost. Starts and kills go out through
 * {@link RemoteSubagentProcesses}; what is journaled about the Subagent is decided by
 * {@link RemoteSubagentRecorder}.
 *
 * <p>The coupling is a value, {@link SubagentCoupling}, stepped by {@link SubagentCouplingTable}
 * ({@code docs/subagent-coupling.md}): this class carries out each step's actions and takes the step
 * (one whose loss must be durable first only once it is).
 *
 * <p>{@link #reset} ({@code ResetSubagent}) records the processes running here as lost, then couples
 * with a new Director run id, so the Subagent kills what the old dedication started.
 *
 * <p>When the Subagent cannot be reached it is unavailable for new processes at once. Its running
 * processes are recorded as lost ({@code OrderProcessed(Disrupted(ProcessLost))}, so the motor
 * restarts the jobs, on another Subagent if one is available) when the connection is refused (the
 * Subagent's process is gone), when it comes back as a new run, or after it has been unreachable
 * for longer than its director timeout plus a second (then it has killed them itself).
 */
final class RemoteSubagentDriver implements SubagentDriver {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteSubagentDriver.class);
    static final Backoff RECONNECT_DELAYS = Backoff.ofMillis(500, 1000, 2000, 5000);
    private static final Duration RESET_POLL = Duration.ofMillis(50);
    private static final int RELEASE_EVERY = 500;
    /** The longest poll of the Subagent's event stream; the metrics are refreshed at least as often. */
    static final Duration LONGEST_POLL = Duration.ofSeconds(10);

    private final Item.SubagentItem item;
    private final String directorRunId;
    // Where the coupling stands; its steps come from SubagentCouplingTable (see take).
    private final AtomicReference<SubagentCoupling> coupling;
    private final AtomicInteger resets = new AtomicInteger();
    private final EngineKeeper keeper;
    private final EngineClient client;
    private final Scheduler scheduler;
    private final RemoteSubagentProcesses processes;
    private final Thread eventThread;
    private final Duration longestPoll;
    // The poll under way: cancelled when it must end before its time (a failed persist, a reset, close)
    private volatile EventStreamHandle poll = new EventStreamHandle();
    private volatile boolean closed;
    private volatile SubagentMetrics metrics = SubagentMetrics.ofProcessCount(0);
    // The task each order processing here runs; an event of another task (an earlier attempt) is ignored.
    private final Map<OrderId, String> expectedTasks = new ConcurrentHashMap<>();
    private final RemoteSubagentRecorder recorder;
    // The event before the first one the keeper failed to persist, or -1: set on the keeper thread
    // before a later event is decided, so no event after a failed one is persisted until read again.
    private volatile long rewindAfter = -1;
    // Event-thread only:
    private long after;
    private long released;
    private CompletableFuture<?> lastEmit = CompletableFuture.completedFuture(null);
    private int unreleased;
    private boolean rereadPending;

    /**
     * @param runsInDirector orders whose process runs in the Director although this Subagent was
     *                       selected (internal jobs): they are not lost with this Subagent
     */
    RemoteSubagentDriver(Item.SubagentItem item, String userId, String password, String directorRunId, EngineKeeper keeper,
                         Predicate<OrderId> runsInDirector, Scheduler scheduler) {
        this(item, userId, password, directorRunId, keeper, runsInDirector, scheduler, LONGEST_POLL);
    }

    /** @param longestPoll the longest poll of the event stream (a test's may be longer than {@link #LONGEST_POLL}) */
    RemoteSubagentDriver(Item.SubagentItem item, String userId, String password, String directorRunId, EngineKeeper keeper,
                         Predicate<OrderId> runsInDirector, Scheduler scheduler, Duration longestPoll) {
        this.scheduler = scheduler;
        this.longestPoll = longestPoll;
        this.item = item;
        this.directorRunId = directorRunId;
        this.coupling = new AtomicReference<>(SubagentCoupling.initial(directorRunId));
        this.keeper = keeper;
        this.recorder = new RemoteSubagentRecorder(item, keeper, runsInDirector, expectedTasks);
        this.client = new EngineClient(item.uri() + "/subagent/api", userId, password);
        this.processes = new RemoteSubagentProcesses(item, client, keeper, recorder, expectedTasks, scheduler,
                () -> coupling.get().subagentRunId(), () -> take(SubagentCoupling::startRefused));
        this.eventThread = scheduler.newThread("subagent-driver-" + item.id() + "-events", this::run);
    }

    RemoteSubagentDriver start() {
        eventThread.start();
        return this;
    }

    Item.SubagentItem item() {
        return item;
    }

    @Override
    public SubagentId subagentId() {
        return item.id();
    }

    @Override
    public boolean isAvailable() {
        return !closed && coupling.get().isAvailable();
    }

    @Override
    public boolean isCoupling() {
        return !closed && coupling.get().isCoupling();
    }

    @Override
    public SubagentMetrics metrics() {
        return metrics;
    }

    @Override
    public void start(OrderId orderId, JobLaunch launch) {
        processes.start(orderId, launch);
    }

    @Override
    public void kill(OrderId orderId, boolean immediately) {
        processes.kill(orderId, immediately);
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            try {
                SubagentCoupling now = coupling.get();
                if (now.phase() == Phase.RESETTING) {
                    scheduler.sleep(RESET_POLL); // the reset records the processes as lost before the Subagent is dedicated anew
                    continue;
                }
                Checked<Boolean> round = now.isAvailable() ? pollEvents() : couple();
                if (round.isOk()) {
                    failures = 0;
                    continue;
                }
                if (closed) {
                    return;
                }
                failed(round.problemOption().orElseThrow());
                scheduler.sleep(RECONNECT_DELAYS.delay(failures++));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Subagent " + item.id() + " driver", e);
            }
        }
    }

    private Checked<Boolean> couple() {
        SubagentCoupling before = coupling.get();
        String runId = before.dedicationRunId();
        // Where this Director run starts: after the last Subagent event whose effect it has persisted
        Optional<Long> observed = before.subagentRunId().isEmpty()
                ? Optional.ofNullable(keeper.state().observedEventIds().get(recorder.observedKey()))
                : Optional.empty();
        Checked<SubagentCommand.DirectorCoupled> response = client.command(SubagentCommandJson.encode(
                new SubagentCommand.CoupleDirector(runId, Optional.of(item.agentPath().string()), observed)))
                .flatMap(SubagentCommandJson::decodeCoupled);
        if (response.isFail()) {
            return Checked.fail(response.problemOption().orElseThrow());
        }
        SubagentCommand.DirectorCoupled c = response.orThrow();
        SubagentCoupling.Step planned = before.coupled(runId, c);
        long position = SubagentCoupling.resumeAfter(planned.trigger(), c, observed, after);
        if (planned.has(Action.ADOPT) && !adopt(c, planned.trigger(), position)) {
            return Checked.fail(Problem.of("SubagentLossNotRecorded", "The processes of Subagent " + item.id() + " could not be taken over"));
        }
        if (planned.has(Action.LOSE) && !recorder.lose(SubagentCoupling.lossProblem(planned.trigger(), item.id(), c.continued()), Optional.of(position))) {
            return lossNotRecorded();
        }
        if (planned.afterLoss()) {
            after = position;
        }
        released = after;
        refreshMetrics();
        SubagentCoupling.Step step = take(now -> now.coupled(runId, c));
        LOG.info("Subagent " + item.id() + " coupled at " + item.uri());
        if (step.has(Action.EMIT_COUPLED)) {
            // SubagentCoupled, in a round of the keeper: orders waiting for a Subagent may start now
            long now = scheduler.clock().millis();
            keeper.transact(state -> Checked.ok(Decision.timestamped(List.of(KeyedEvent.of(item.id(), new SystemEvent.SubagentCoupled())),
                    List.of(Optional.of(now)), Boolean.TRUE, Optional.empty())));
        }
        return Checked.ok(true);
    }

    /**
     * Takes the step the table prescribes for the coupling as it is now (another thread may have moved
     * it since a step was planned on it) and returns it, with the actions for the caller to carry out.
     */
    private SubagentCoupling.Step take(Function<SubagentCoupling, SubagentCoupling.Step> transition) {
        while (true) {
            SubagentCoupling current = coupling.get();
            SubagentCoupling.Step step = transition.apply(current);
            if (coupling.compareAndSet(current, step.next())) {
                return step;
            }
        }
    }

    private void refreshMetrics() {
        client.get("").toOptional().ifPresent(json -> metrics = SubagentMetricsJson.decode(json));
    }

    private Checked<Boolean> pollEvents() throws InterruptedException {
        rereadPending = false;
        refreshMetrics();
        if (closed) {
            return Checked.ok(false);
        }
        Duration timeout = coupling.get().directorTimeout().dividedBy(3);
        if (timeout.compareTo(longestPoll) > 0) {
            timeout = longestPoll;
        }
        EventStreamHandle handle = new EventStreamHandle();
        poll = handle;
        // Checked after publishing the handle: a failed persist, a reset or close either cancels this handle or is seen here
        if (closed || rewindAfter >= 0 || coupling.get().phase() == Phase.RESETTING) {
            handle.cancel();
        }
        Checked<Long> result = client.readEvents(after, timeout, handle, json -> {
            Checked<Stamped<ProcessEvent>> stamped = ProcessEventJson.decode(json);
            if (stamped.isFail()) {
                LOG.warn("Subagent " + item.id() + ": undecodable event: " + stamped.problemOption().orElseThrow());
                after = json.path("eventId").asLong(after);
            } else {
                emit(stamped.orThrow());
            }
            return !closed && rewindAfter < 0 && !rereadPending && coupling.get().phase() != Phase.RESETTING;
        });
        if (closed) {
            return Checked.ok(false); // no request after close: the Subagent's director timeout runs from the last one
        }
        if (!release()) {
            return Checked.ok(true); // read again what was not persisted
        }
        if (result.isFail()) {
            Problem p = result.problemOption().orElseThrow();
            if (p.code().equals("EventSeqTorn")) {
                // Events were dropped before the Director read them: outcomes may be missing.
                if (!recorder.lose(p, Optional.empty())) {
                    return lossNotRecorded();
                }
                String newRunId = lostRunId();
                take(now -> now.streamTorn(newRunId));
                return Checked.ok(false);
            }
            return Checked.fail(p);
        }
        return Checked.ok(true);
    }

    private void emit(Stamped<ProcessEvent> stamped) {
        OrderId orderId = new OrderId(stamped.keyedEvent().key().orElseThrow());
        ProcessEvent event = stamped.keyedEvent().event();
        long previous = after;
        long eventId = stamped.eventId();
        after = eventId;
        KeyedEvent<OrderEvent> keyed = KeyedEvent.of(orderId, event.orderEvent());
        // With the event, the position after it: a restarted Director reads on from there, so it takes no event twice
        KeyedEvent<SystemEvent> observed = recorder.observedUntil(eventId);
        // The result tells whether the event was taken (it may be of an earlier task, or wait for a re-read).
        CompletableFuture<Checked<Boolean>> emitted = keeper.transact(state -> {
            boolean take = rewindAfter < 0 && recorder.isExpected(state, orderId, event.taskId());
            List<KeyedEvent<? extends Event>> events = take ? List.of(keyed, observed) : rewindAfter < 0 ? List.of(observed) : List.of();
            return Checked.ok(Decision.of(events, take));
        });
        emitted.whenComplete((r, e) -> {
            Problem problem = e != null ? Problem.of("EngineRoundFailed", String.valueOf(e)) : r.problemOption().orElse(null);
            if (problem == null) {
                if (r.orThrow() && event.orderEvent() instanceof OrderEvent.OrderProcessed) {
                    expectedTasks.remove(orderId, event.taskId());
                }
            } else if (EngineKeeper.isPersistFailure(problem)) {
                synchronized (this) {
                    if (rewindAfter < 0 || previous < rewindAfter) {
                        rewindAfter = previous;
                    }
                }
                poll.cancel(); // read again now, not when the poll would end
                LOG.warn("Subagent " + item.id() + ": event " + eventId + " of " + orderId + " " + event.taskId()
                        + " not persisted, it will be read again: " + problem);
            } else {
                LOG.warn("Subagent " + item.id() + ": event " + eventId + " of " + orderId + " " + event.taskId() + " not applied: " + problem);
            }
        });
        lastEmit = emitted;
        if (++unreleased >= RELEASE_EVERY && !release()) {
            rereadPending = true; // the stream stops; the next poll reads again after the last persisted event
        }
    }

    /**
     * Waits until the keeper has decided on every event handed to it, then releases the Subagent's
     * events up to the last one read. Returns false when an event was not persisted: then nothing
     * is released and the stream is read again after the last persisted event.
     */
    private boolean release() {
        if (closed) {
            return true;
        }
        try {
            lastEmit.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("Subagent " + item.id() + ": its events up to " + after + " are not yet persisted; not released: " + e);
            return true;
        }
        unreleased = 0;
        long rewind = rewindAfter;
        if (rewind >= 0) {
            after = rewind;
            rewindAfter = -1;
            try {
                scheduler.sleep(RECONNECT_DELAYS.delay(0)); // a failing journal is not asked again at once
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
        if (after > released) {
            long until = after;
            client.command(SubagentCommandJson.encode(new SubagentCommand.ReleaseEvents(until))).toOptional().ifPresent(ok -> released = until);
        }
        return true;
    }

    private void failed(Problem problem) {
        long now = scheduler.nanoTime();
        SubagentCoupling.Step step = take(c -> c.failed(problem, now));
        if (step.next().failingSinceNanos().equals(Optional.of(now))) {
            LOG.warn("Subagent " + item.id() + " is not reachable: " + problem);
        }
        for (Action action : step.actions()) {
            switch (action) {
                case REPORT_FAILURE -> recorder.couplingFailed(problem, scheduler.clock().millis());
                case LOSE_AND_REDEDICATE -> {
                    if (recorder.lose(problem, Optional.empty())) { // else tried again with the next failure
                        String newRunId = lostRunId();
                        take(c -> c.lossRecorded(newRunId));
                    }
                }
                case WAKE_WAITING_ORDERS -> keeper.emit(List.of()); // orders waiting for this first attempt choose among the others now
                default -> throw new IllegalStateException("Unexpected action " + action + " after a failure");
            }
        }
    }

    /** Takes over the processes the Subagent kept (see {@link RemoteSubagentRecorder#adopt}), killing what is no job of this Director now. */
    private boolean adopt(SubagentCommand.DirectorCoupled coupled, Trigger trigger, long position) {
        Optional<RemoteSubagentRecorder.Adoption> adoption = recorder.adopt(coupled, trigger, position);
        adoption.ifPresent(a -> {
            a.leftovers().forEach(processes::killLeftover);
            a.killsAsked().forEach(processes::kill);
        });
        return adoption.isPresent();
    }

    /** A new dedication run id after a loss: the Subagent kills what it still runs for the one before. */
    private String lostRunId() {
        return directorRunId + "-lost-" + java.util.UUID.randomUUID();
    }

    private <T> Checked<T> lossNotRecorded() {
        return Checked.fail(Problem.of("SubagentLossNotRecorded", "The loss of Subagent " + item.id() + "'s processes could not be recorded"));
    }

    /**
     * {@code ResetSubagent}: the Subagent is unavailable at once; off the caller's thread, its
     * processes are recorded as lost (retried until durable, so their jobs restart as usual), then
     * the event thread couples with a new Director run id, and the Subagent kills what the earlier
     * dedication started before it answers. Returns when the loss is recorded.
     */
    CompletableFuture<Void> reset() {
        take(SubagentCoupling::reset);
        poll.cancel();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = scheduler.newThread("subagent-driver-" + item.id() + "-reset", () -> {
            Problem problem = SubagentCoupling.lossProblem(Trigger.RESET, item.id(), false);
            try {
                while (!closed && !recorder.lose(problem, Optional.empty())) { // the reset dedicates anew below
                    scheduler.sleep(RECONNECT_DELAYS.delay(0));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Unique also across restarts of the Director, which count resets anew
            String newRunId = directorRunId + "-reset-" + resets.incrementAndGet() + "-" + java.util.UUID.randomUUID();
            take(c -> c.resetDone(newRunId));
            LOG.info("Subagent " + item.id() + " reset: dedicating it anew as " + newRunId);
            done.complete(null);
        });
        t.start();
        return done;
    }

    @Override
    public void close() {
        closed = true;
        take(SubagentCoupling::close);
        poll.cancel(); // an interrupt does not end a blocked socket read
        eventThread.interrupt();
        processes.close();
        client.close();
    }
}
