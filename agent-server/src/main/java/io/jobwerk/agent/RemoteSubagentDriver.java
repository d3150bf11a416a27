package io.jobwerk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.engine.motor.OrderEventSource;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.Outcome;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.subagent.SubagentMetrics;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.subagent.SubagentCommand;
import io.jobwerk.subagent.SubagentCommandJson;
import io.jobwerk.subagent.SubagentMetricsJson;
import io.jobwerk.subagent.ProcessEvent;
import io.jobwerk.subagent.ProcessEventJson;
import io.jobwerk.subagent.process.JobLaunch;
import io.jobwerk.scheduler.Backoff;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.Set;
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
 * director timeout, so a living Director is never taken for lost. Starts go out on one thread; an
 * unanswered start is sent again with the same task id until answered (the Subagent never starts a
 * task twice), each resend scheduled rather than waited for on that thread. Kills go out on their own
 * thread, keyed by task id, so they never queue behind starts; a kill of a task whose start is not
 * yet answered is sent at once (the process may run) and again once the start is answered.
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

    private final Item.SubagentItem item;
    private final String directorRunId;
    private final Predicate<OrderId> runsInDirector;
    // The run id this driver dedicates the Subagent with; a reset replaces it, and the event thread couples again.
    private volatile String dedicationRunId;
    private volatile String coupledRunId;
    private volatile boolean resetting;
    private final AtomicInteger resets = new AtomicInteger();
    private final EngineKeeper keeper;
    private final EngineClient client;
    private final Scheduler scheduler;
    private final ExecutorService commands;
    private final ExecutorService kills;
    private final TaskQueue retries;
    // Task ids whose start has not been answered yet, and kills of such tasks to send again once it is.
    private final Set<String> unansweredStarts = ConcurrentHashMap.newKeySet();
    private final Map<String, Boolean> pendingKills = new ConcurrentHashMap<>();
    private final Thread eventThread;
    private volatile boolean closed;
    private volatile boolean coupled;
    private volatile boolean firstAttemptDone;
    private volatile SubagentMetrics metrics = SubagentMetrics.ofProcessCount(0);
    // The task each order processing here runs; an event of another task (an earlier attempt) is ignored.
    private final Map<OrderId, String> expectedTasks = new ConcurrentHashMap<>();
    private volatile String subagentRunId; // written by the event thread
    // The event before the first one the keeper failed to persist, or -1: set on the keeper thread
    // before a later event is decided, so no event after a failed one is persisted until read again.
    private volatile long rewindAfter = -1;
    // Event-thread only:
    private long after;
    private long released;
    private Duration directorTimeout = Duration.ofSeconds(30);
    private long failingSinceNanos;
    private boolean lostReported;
    private CompletableFuture<?> lastEmit = CompletableFuture.completedFuture(null);
    private int unreleased;
    private boolean rereadPending;

    /**
     * @param runsInDirector orders whose process runs in the Director although this Subagent was
     *                       selected (internal jobs): they are not lost with this Subagent
     */
    RemoteSubagentDriver(Item.SubagentItem item, String userId, String password, String directorRunId, EngineKeeper keeper,
                         Predicate<OrderId> runsInDirector, Scheduler scheduler) {
        this.scheduler = scheduler;
        this.item = item;
        this.directorRunId = directorRunId;
        this.dedicationRunId = directorRunId;
        this.runsInDirector = runsInDirector;
        this.keeper = keeper;
        this.client = new EngineClient(item.uri() + "/subagent/api", userId, password);
        this.commands = scheduler.pool("subagent-driver-" + item.id() + "-commands", 1);
        this.kills = scheduler.pool("subagent-driver-" + item.id() + "-kills", 1);
        this.retries = scheduler.queue("subagent-driver-" + item.id() + "-retries");
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
        return coupled && !closed && !resetting && dedicationRunId.equals(coupledRunId);
    }

    @Override
    public boolean isCoupling() {
        return !firstAttemptDone && !closed;
    }

    @Override
    public SubagentMetrics metrics() {
        return metrics;
    }

    /**
     * Sends the start until the Subagent answers: an unanswered start may have started the process
     * there, so the same task is sent again (the Subagent starts a task once and answers a repeated
     * start with its state), never declared lost for a timeout. Only a Subagent that is really gone
     * (refused connection, another run) or was given up by the event thread loses the process.
     */
    @Override
    public void start(OrderId orderId, JobLaunch launch) {
        expectedTasks.put(orderId, launch.taskId());
        unansweredStarts.add(launch.taskId());
        SubagentCommand.StartOrderProcess command = new SubagentCommand.StartOrderProcess(orderId, launch, Optional.ofNullable(subagentRunId));
        commands.execute(() -> sendStart(command, 0));
    }

    /** One attempt; an unanswered start is scheduled again, so the command thread is free meanwhile. */
    private void sendStart(SubagentCommand.StartOrderProcess command, int attempt) {
        OrderId orderId = command.orderId();
        String taskId = command.launch().taskId();
        if (closed || !taskId.equals(expectedTasks.get(orderId))) {
            answered(taskId); // the Director has recorded an outcome meanwhile (the Subagent was lost, or the process ended)
            return;
        }
        Checked<JsonNode> response = client.command(SubagentCommandJson.encode(command));
        if (response.isOk()) {
            if (attempt > 0) {
                LOG.info("Subagent " + item.id() + ": StartOrderProcess " + orderId + " " + taskId + " answered: " + response.orThrow());
            }
            Boolean killImmediately = answered(taskId);
            if (killImmediately != null) {
                // The kill may have reached the Subagent before this start did.
                sendKill(orderId, taskId, killImmediately, 0);
            }
            return;
        }
        Problem problem = response.problemOption().orElseThrow();
        if (isUnanswered(problem)) {
            LOG.warn("Subagent " + item.id() + ": StartOrderProcess " + orderId + " " + taskId + " unanswered, sending it again: " + problem);
            schedule(commands, () -> sendStart(command, attempt + 1), attempt);
            return;
        }
        answered(taskId);
        LOG.warn("Subagent " + item.id() + ": StartOrderProcess " + orderId + " " + taskId + ": " + problem);
        boolean lost = problem.code().equals("ConnectionRefused") || problem.code().equals("SubagentRunIdMismatch")
                || problem.code().equals(io.jobwerk.subagent.OrderProcesses.STOPPING);
        if (lost) {
            // Unavailable before the loss is recorded, else the restart may choose this Subagent again. The event
            // thread couples again: it notices the new run or the refusal and records the other processes as lost.
            coupled = false;
        }
        Outcome outcome = lost ? processLost(problem) : new Outcome.Failed(Optional.of(problem.message()), Map.of());
        OrderProcessedRecording.record(keeper, () -> "Subagent " + item.id() + ": OrderProcessed of " + orderId + " " + taskId, orderId, outcome,
                        state -> isExpected(state, orderId, taskId))
                .thenAccept(r -> ended(orderId, taskId, r));
    }

    /** The start of the task needs no further attempt; returns a kill asked for meanwhile ({@code immediately}), if any. */
    private synchronized Boolean answered(String taskId) {
        unansweredStarts.remove(taskId);
        return pendingKills.remove(taskId);
    }

    private void schedule(ExecutorService executor, Runnable runnable, int attempt) {
        if (closed) {
            return;
        }
        retries.schedule(RECONNECT_DELAYS.delay(attempt), () -> { // dropped when closed meanwhile
            if (!closed) {
                executor.execute(runnable);
            }
        });
    }

    /**
     * The start may or may not have reached the Subagent; also a process of an earlier attempt still
     * being killed there ({@code OrderProcessRunning}) is waited for.
     */
    private static boolean isUnanswered(Problem problem) {
        return switch (problem.code()) {
            case "ConnectionFailed", "ServiceUnavailable", "HttpError", "OrderProcessRunning" -> true;
            default -> false;
        };
    }

    private void ended(OrderId orderId, String taskId, Checked<?> persisted) {
        if (persisted.isOk()) {
            expectedTasks.remove(orderId, taskId);
        } else {
            LOG.warn("Subagent " + item.id() + ": OrderProcessed of " + orderId + " " + taskId + " not recorded: "
                    + persisted.problemOption().orElseThrow());
        }
    }

    /** Kills the task the order is processing here now; a kill arriving late never hits a later task of the order. */
    @Override
    public void kill(OrderId orderId, boolean immediately) {
        String taskId = expectedTasks.get(orderId);
        if (taskId == null) {
            LOG.info("Subagent " + item.id() + ": KillProcess " + orderId + ": no process of the order is known here");
            return;
        }
        synchronized (this) {
            if (unansweredStarts.contains(taskId)) {
                pendingKills.merge(taskId, immediately, Boolean::logicalOr);
            }
        }
        kills.execute(() -> sendKill(orderId, taskId, immediately, 0));
    }

    private void sendKill(OrderId orderId, String taskId, boolean immediately, int attempt) {
        if (closed || !taskId.equals(expectedTasks.get(orderId))) {
            return; // the task has an outcome
        }
        Checked<JsonNode> response = client.command(SubagentCommandJson.encode(new SubagentCommand.KillProcess(orderId, taskId, immediately)));
        response.problemOption().ifPresent(p -> {
            LOG.warn("Subagent " + item.id() + ": KillProcess " + orderId + " " + taskId + ": " + p);
            if (isUnanswered(p)) {
                schedule(kills, () -> sendKill(orderId, taskId, immediately, attempt + 1), attempt); // a kill of a task is idempotent
            }
        });
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            try {
                if (resetting) {
                    scheduler.sleep(RESET_POLL); // the reset records the processes as lost before the Subagent is dedicated anew
                    continue;
                }
                Checked<Boolean> round = coupled && dedicationRunId.equals(coupledRunId) ? pollEvents() : couple();
                if (round.isOk()) {
                    failures = 0;
                    continue;
                }
                if (closed) {
                    return;
                }
                failed(round.problemOption().orElseThrow());
                if (!firstAttemptDone) {
                    firstAttemptDone = true;
                    keeper.emit(List.of()); // orders waiting for this first attempt choose among the others now
                }
                scheduler.sleep(RECONNECT_DELAYS.delay(failures++));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Subagent " + item.id() + " driver", e);
            }
        }
    }

    private Checked<Boolean> couple() {
        String runId = dedicationRunId;
        // Where this Director run starts: after the last Subagent event whose effect it has persisted
        Optional<Long> observed = subagentRunId == null ? Optional.ofNullable(keeper.state().observedEventIds().get(observedKey()))
                : Optional.empty();
        Checked<SubagentCommand.DirectorCoupled> response = client.command(SubagentCommandJson.encode(
                new SubagentCommand.CoupleDirector(runId, Optional.of(item.agentPath().string()), observed)))
                .flatMap(SubagentCommandJson::decodeCoupled);
        if (response.isFail()) {
            return Checked.fail(response.problemOption().orElseThrow());
        }
        SubagentCommand.DirectorCoupled c = response.orThrow();
        if (subagentRunId == null) {
            // The first coupling of this Director run: orders still processing here from before a
            // restart of the Director go on where the Subagent kept their processes, and are lost otherwise.
            long position = c.continued() ? Math.max(observed.orElse(c.keptAfterEventId()), c.keptAfterEventId()) : c.lastEventId();
            if (!adopt(c, position)) {
                return Checked.fail(Problem.of("SubagentLossNotRecorded", "The processes of Subagent " + item.id() + " could not be taken over"));
            }
            after = position;
        } else if (!subagentRunId.equals(c.subagentRunId())) {
            if (!lose(Problem.of("SubagentRestarted", "Subagent " + item.id() + " was restarted; its processes are lost"), false,
                    Optional.of(0L))) {
                return lossNotRecorded();
            }
            after = 0;
        } else if (!c.continued()) {
            // It gave up this Director's processes (killed them for a silence, or for a new dedication): their
            // kills' outcomes are not the jobs' own, and a later restart must not list them either.
            if (!lose(Problem.of("SubagentGaveUpProcesses", "Subagent " + item.id() + " gave up the processes of this Director"), false,
                    Optional.of(c.lastEventId()))) {
                return lossNotRecorded();
            }
            after = c.lastEventId();
        }
        released = after;
        subagentRunId = c.subagentRunId();
        directorTimeout = Duration.ofMillis(c.directorTimeoutMillis());
        failingSinceNanos = 0;
        lostReported = false;
        refreshMetrics();
        coupledRunId = runId;
        coupled = true;
        firstAttemptDone = true;
        LOG.info("Subagent " + item.id() + " coupled at " + item.uri());
        // SubagentCoupled, in a round of the keeper: orders waiting for a Subagent may start now
        long now = scheduler.clock().millis();
        keeper.transact(state -> Checked.ok(Decision.timestamped(List.of(KeyedEvent.of(item.id(), new SystemEvent.SubagentCoupled())),
                List.of(Optional.of(now)), Boolean.TRUE, Optional.empty())));
        return Checked.ok(true);
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
        Duration poll = directorTimeout.dividedBy(3);
        if (poll.compareTo(Duration.ofSeconds(10)) > 0) {
            poll = Duration.ofSeconds(10);
        }
        Checked<Long> result = client.readEvents(after, poll, json -> {
            Checked<Stamped<ProcessEvent>> stamped = ProcessEventJson.decode(json);
            if (stamped.isFail()) {
                LOG.warn("Subagent " + item.id() + ": undecodable event: " + stamped.problemOption().orElseThrow());
                after = json.path("eventId").asLong(after);
            } else {
                emit(stamped.orThrow());
            }
            return !closed && rewindAfter < 0 && !rereadPending && !resetting;
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
                if (!lose(p, true)) {
                    return lossNotRecorded();
                }
                coupled = false;
                subagentRunId = null;
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
        KeyedEvent<SystemEvent> observed = observedUntil(eventId);
        // The result tells whether the event was taken (it may be of an earlier task, or wait for a re-read).
        CompletableFuture<Checked<Boolean>> emitted = keeper.transact(state -> {
            boolean take = rewindAfter < 0 && isExpected(state, orderId, event.taskId());
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
        if (coupled || failingSinceNanos == 0) {
            LOG.warn("Subagent " + item.id() + " is not reachable: " + problem);
            failingSinceNanos = scheduler.nanoTime();
        }
        coupled = false;
        couplingFailed(problem);
        boolean gone = problem.code().equals("ConnectionRefused");
        boolean silentTooLong = scheduler.nanoTime() - failingSinceNanos > directorTimeout.plusSeconds(1).toNanos();
        if (!lostReported && (gone || silentTooLong)) {
            lostReported = lose(problem, true); // else tried again with the next failure
        }
    }

    /**
     * Takes over the orders processing here (from before the Director's restart) whose task the
     * Subagent still knows, and records the others as lost; returns whether that is durable.
     */
    private boolean adopt(SubagentCommand.DirectorCoupled coupled, long position) {
        Problem problem = coupled.continued()
                ? Problem.of("ProcessUnknown", "Subagent " + item.id() + " does not know the process any more")
                : Problem.of("SubagentNotContinued", "Subagent " + item.id() + " did not keep the processes of this Director");
        Map<OrderId, String> adopted = new java.util.HashMap<>();
        Map<OrderId, Boolean> killsAsked = new java.util.HashMap<>(); // marked while the Director was down or coupling
        Map<OrderId, String> leftovers = new java.util.HashMap<>(coupled.processes()); // listed, but not this Director's now
        boolean durable = decideDurably("taking over its processes", state -> {
            adopted.clear();
            killsAsked.clear();
            List<KeyedEvent<? extends Event>> events = new ArrayList<>();
            for (Order order : state.orders().values()) {
                if (isProcessingHere(order) && !expectedTasks.containsKey(order.id())) {
                    String taskId = coupled.processes().get(order.id());
                    if (taskId != null) {
                        adopted.put(order.id(), taskId);
                        OrderEventSource.killRequested(order).ifPresent(kill -> killsAsked.put(order.id(), kill.immediately()));
                    } else {
                        events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderProcessed(processLost(problem))));
                    }
                }
            }
            if (!events.isEmpty()) {
                LOG.warn("Subagent " + item.id() + ": " + events.size() + " processes from before the Director's restart are lost: "
                        + problem.message());
            }
            // On the keeper thread, before a kill of a later round looks for the task
            expectedTasks.putAll(adopted);
            events.add(observedUntil(position)); // with the losses: an outcome before it is never listed again
            return Checked.ok(Decision.of(events, Boolean.TRUE));
        });
        if (!durable) {
            return false;
        }
        leftovers.entrySet().removeIf(e -> e.getValue().equals(expectedTasks.get(e.getKey())));
        leftovers.forEach((orderId, taskId) -> {
            LOG.warn("Subagent " + item.id() + ": the process of " + orderId + " " + taskId + " is no job of this Director now; killing it");
            kills.execute(() -> client.command(SubagentCommandJson.encode(new SubagentCommand.KillProcess(orderId, taskId, true))));
        });
        if (!adopted.isEmpty()) {
            LOG.info("Subagent " + item.id() + ": " + adopted.size() + " processes from before the Director's restart go on");
        }
        killsAsked.forEach(this::kill);
        return true;
    }

    /**
     * {@code SubagentCouplingFailed} with the problem, unless the state records this very failure
     * already: a Subagent tried again and again is journaled once per distinct problem (as JS7).
     */
    private void couplingFailed(Problem problem) {
        long now = scheduler.clock().millis();
        String key = "Subagent:" + item.id();
        keeper.transact(state -> {
            boolean known = state.coupling(key).filter(c -> !c.isCoupled() && c.problem().equals(Optional.of(problem))).isPresent();
            return Checked.ok(known ? Decision.of(List.of(), Boolean.FALSE)
                    : Decision.timestamped(List.of(KeyedEvent.of(item.id(), new SystemEvent.SubagentCouplingFailed(problem))),
                            List.of(Optional.of(now)), Boolean.TRUE, Optional.empty()));
        });
    }

    /**
     * Records the processes running here as lost, so their jobs restart; returns whether that is
     * durable. With {@code rededicate}, the Subagent is then coupled with a new id, so it kills what
     * may still run of them (it may not have noticed what made them lost here). A {@code position}
     * is persisted with the losses as the Subagent events observed (the events before it are not read).
     */
    private boolean lose(Problem problem, boolean rededicate) {
        return lose(problem, rededicate, Optional.empty());
    }

    private boolean lose(Problem problem, boolean rededicate, Optional<Long> position) {
        Map<OrderId, String> lost = new java.util.HashMap<>();
        boolean durable = decideDurably("the loss of its processes (" + problem.message() + ")", state -> {
            lost.clear();
            List<KeyedEvent<? extends Event>> events = new ArrayList<>();
            for (Order order : state.orders().values()) {
                if (isProcessingHere(order)) {
                    events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderProcessed(processLost(problem))));
                    lost.put(order.id(), expectedTasks.getOrDefault(order.id(), ""));
                }
            }
            if (!events.isEmpty()) {
                LOG.warn("Subagent " + item.id() + " lost (" + problem.message() + "): " + events.size() + " processes lost");
            }
            position.ifPresent(p -> events.add(observedUntil(p)));
            return Checked.ok(Decision.of(events, Boolean.TRUE));
        });
        if (!durable) {
            return false;
        }
        lost.forEach(expectedTasks::remove);
        if (rededicate) {
            dedicationRunId = directorRunId + "-lost-" + java.util.UUID.randomUUID();
        }
        return true;
    }

    /** A keeper transaction, awaited; whether its events are durable (a failure is logged, the caller tries again). */
    private boolean decideDurably(String what, java.util.function.Function<EngineState, Checked<Decision<Boolean>>> decide) {
        Checked<Boolean> persisted;
        try {
            persisted = keeper.transact(decide).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            persisted = Checked.fail(Problem.of("EngineRoundFailed", String.valueOf(e)));
        }
        persisted.problemOption().ifPresent(p -> LOG.error("Subagent " + item.id() + ": " + what + " could not be recorded, trying again: " + p));
        return persisted.isOk();
    }

    private KeyedEvent<SystemEvent> observedUntil(long subagentEventId) {
        return KeyedEvent.of(item.id().string(), new SystemEvent.SubagentEventsObserved(subagentEventId));
    }

    private String observedKey() {
        return "Subagent:" + item.id().string();
    }

    private static Outcome processLost(Problem problem) {
        return new Outcome.Disrupted(new Outcome.ProcessLost(Optional.of(problem)), false);
    }

    /** Whether the order's process runs on this Subagent (not an internal job, which runs in the Director). */
    private boolean isProcessingHere(Order order) {
        return order.state() instanceof OrderState.Processing p && p.subagentId().equals(item.id()) && !runsInDirector.test(order.id());
    }

    private <T> Checked<T> lossNotRecorded() {
        return Checked.fail(Problem.of("SubagentLossNotRecorded", "The loss of Subagent " + item.id() + "'s processes could not be recorded"));
    }

    /** Whether the order is processing here the task the event belongs to (late events of a lost or earlier process are dropped). */
    private boolean isExpected(EngineState state, OrderId orderId, String taskId) {
        Order order = state.orders().get(orderId);
        return order != null && order.state() instanceof OrderState.Processing p && p.subagentId().equals(item.id())
                && taskId.equals(expectedTasks.get(orderId));
    }

    /**
     * {@code ResetSubagent}: the Subagent is unavailable at once; off the caller's thread, its
     * processes are recorded as lost (retried until durable, so their jobs restart as usual), then
     * the event thread couples with a new Director run id, and the Subagent kills what the earlier
     * dedication started before it answers. Returns when the loss is recorded.
     */
    CompletableFuture<Void> reset() {
        resetting = true;
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread t = scheduler.newThread("subagent-driver-" + item.id() + "-reset", () -> {
            Problem problem = Problem.of("SubagentReset", "Subagent " + item.id() + " was reset; its processes are lost");
            try {
                while (!closed && !lose(problem, false)) { // the reset dedicates anew below
                    scheduler.sleep(RECONNECT_DELAYS.delay(0));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // Unique also across restarts of the Director, which count resets anew
            dedicationRunId = directorRunId + "-reset-" + resets.incrementAndGet() + "-" + java.util.UUID.randomUUID();
            resetting = false;
            LOG.info("Subagent " + item.id() + " reset: dedicating it anew as " + dedicationRunId);
            done.complete(null);
        });
        t.start();
        return done;
    }

    @Override
    public void close() {
        closed = true;
        coupled = false;
        eventThread.interrupt();
        commands.shutdownNow();
        kills.shutdownNow();
        retries.closeNow();
        client.close();
    }
}
