package io.jobwerk.runtime;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.BoardState;
import io.jobwerk.engine.board.NoticeEvent;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandExecutor;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.BoardPath;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.engine.lock.LockState;
import io.jobwerk.engine.motor.JobQueue;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.OrderEventSource;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.motor.UnusedWorkflowVersions;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.Journal;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running engine of a Controller or Agent Director: its {@link EngineState} in a {@link Journal},
 * and the order motor that moves orders on.
 *
 * <p>One keeper thread makes every decision, so decisions never race: it takes all waiting requests
 * (commands, events from outside such as process outcomes), decides each on the state as advanced by
 * the previous ones, lets the motor move the orders touched (and those whose wait is over), starts
 * job processes the {@link JobQueue} allows, and persists the whole round as one journal batch
 * (one fsync for all). Requests complete when their events are durable; the state advances only then.
 */
public final class EngineKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineKeeper.class);
    private static final int MAX_MOTOR_ITERATIONS = 1000;
    private static final String JOURNAL_ERROR = "JournalError";
    private static final String ROUND_FAILED = "EngineRoundFailed";
    private static final java.time.Duration WAKE_RETRY_DELAY = java.time.Duration.ofSeconds(1);

    private record Request<R>(Function<EngineState, Checked<Decision<R>>> decide, CompletableFuture<Checked<R>> future) {}

    private static final Function<EngineState, Checked<Decision<Boolean>>> TOUCH_ALL =
            state -> Checked.ok(Decision.of(List.of(), Boolean.TRUE));

    private final Journal<EngineState> journal;
    private final io.jobwerk.journal.StateFolder<EngineState> folder;
    private final boolean foldIsApplyEventAlone; // then a decision's own applied state is the fold
    private final Placement placement;
    private final MotorEnvironment env;
    private final Clock clock;
    private final Optional<ProcessStarter> processStarter;
    private final List<CommitListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Request<?>> requests = new LinkedBlockingQueue<>();
    private final TreeMap<Instant, Set<OrderId>> wakeTimes = new TreeMap<>(); // keeper thread only
    private final Map<OrderId, Instant> orderWakeTime = new HashMap<>(); // keeper thread only
    private int waitingForProcess; // keeper thread only: candidates the last JobQueue look left waiting
    // keeper thread only: after a failed round, due orders are woken again only from then on (no busy retry)
    private Instant wakeRetryNotBefore = Instant.EPOCH;
    // Keeper thread only. The first round looks too: a journal written before versions were deleted explicitly may hold unused ones.
    private boolean versionsToCheck = true;
    // keeper thread only: the orders JobQueue concerns, as of this round: Ready at a job, and Processing
    private final Set<OrderId> readyAtJob = new HashSet<>();
    private final Set<OrderId> processing = new HashSet<>();
    private final Thread thread;
    private final TaskQueue retryTimer;
    private volatile boolean closed;

    public EngineKeeper(Journal<EngineState> journal, Placement placement, MotorEnvironment env, Scheduler scheduler,
                        Optional<ProcessStarter> processStarter) {
        this.journal = journal;
        this.folder = journal.folder();
        this.foldIsApplyEventAlone = folder instanceof EngineFolder f && f.isApplyEventAlone();
        this.placement = placement;
        this.env = env;
        this.clock = scheduler.clock();
        this.processStarter = processStarter;
        this.thread = scheduler.newThread("jobwerk-keeper", this::run);
        this.retryTimer = scheduler.queue("jobwerk-keeper-retry");
    }

    /** Starts the keeper thread: every order of the recovered state is looked at once. */
    public EngineKeeper start() {
        thread.start();
        // Recovered orders: move those that can move, schedule the waiting ones.
        transact(TOUCH_ALL);
        return this;
    }

    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    /** The state as committed. */
    public EngineState state() {
        return journal.currentState();
    }

    public Journal<EngineState> journal() {
        return journal;
    }

    /**
     * Decides on the current state (on the keeper thread) and persists the events; completes with
     * the decision's result once durable, or with the decision's problem (nothing persisted).
     */
    public <R> CompletableFuture<Checked<R>> transact(Function<EngineState, Checked<Decision<R>>> decide) {
        CompletableFuture<Checked<R>> future = new CompletableFuture<>();
        if (closed) {
            future.complete(Checked.fail(Problem.of("ServiceUnavailable", "The engine is shutting down")));
            return future;
        }
        requests.add(new Request<>(decide, future));
        return future;
    }

    /** Executes a Controller command with the engine's command executors. */
    public CompletableFuture<Checked<CommandResponse>> execute(Command command) {
        return transact(state -> CommandExecutor.execute(state, command, clock.instant())
                .map(r -> Decision.of(r.events(), r.response())));
    }

    /** Persists events that happened outside (a process ended, an Agent's events to mirror). */
    public CompletableFuture<Checked<Boolean>> emit(List<? extends KeyedEvent<? extends Event>> events) {
        return transact(state -> Checked.ok(Decision.of(events, Boolean.TRUE)));
    }

    /**
     * As {@link #transact}, for a fact that must not be lost (a process's outcome, a lost Subagent):
     * while its events cannot be persisted (the journal failed, or the round failed), the failure
     * is logged with {@code what} (made only then) and the decision is made again on the then current state, after
     * 0.1 s, doubling up to 5 s, until it is durable, the decision itself fails (its problem is the
     * result, e.g. the order has moved on), or the keeper closes.
     */
    public <R> CompletableFuture<Checked<R>> transactRetrying(Supplier<String> what, Function<EngineState, Checked<Decision<R>>> decide) {
        CompletableFuture<Checked<R>> result = new CompletableFuture<>();
        transactRetrying(what, decide, result, 100);
        return result;
    }

    private <R> void transactRetrying(Supplier<String> what, Function<EngineState, Checked<Decision<R>>> decide,
                                      CompletableFuture<Checked<R>> result, long delayMillis) {
        transact(decide).whenComplete((checked, error) -> {
            Optional<Problem> problem = error != null ? Optional.of(Problem.of(ROUND_FAILED, String.valueOf(error)))
                    : checked.problemOption();
            if (problem.isEmpty() || !isPersistFailure(problem.get()) || closed) {
                result.complete(error != null ? Checked.fail(problem.orElseThrow()) : checked);
                return;
            }
            LOG.warn(what.get() + ": not persisted, trying again in " + delayMillis + " ms: " + problem.get());
            retryTimer.schedule(java.time.Duration.ofMillis(delayMillis),
                    () -> transactRetrying(what, decide, result, Math.min(5000, delayMillis * 2)));
        });
    }

    /** A failure to persist (worth trying again), not a decision's problem. */
    public static boolean isPersistFailure(Problem problem) {
        return problem.code().equals(JOURNAL_ERROR) || problem.code().equals(ROUND_FAILED);
    }

    private void run() {
        while (!closed) {
            List<Request<?>> batch = new ArrayList<>();
            try {
                Request<?> first = requests.poll(millisUntilNextWake(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    requests.drainTo(batch, 10_000);
                }
                round(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(batch, Problem.of("ServiceUnavailable", "The engine is shutting down"));
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("Engine keeper round failed", e);
                wakeRetryNotBefore = clock.instant().plus(WAKE_RETRY_DELAY);
                // Callers must not wait for ever; a request already answered keeps its answer.
                failAll(batch, Problem.of(ROUND_FAILED, "Internal error in the engine: " + e));
            }
        }
    }

    private static void failAll(List<Request<?>> batch, Problem problem) {
        for (Request<?> request : batch) {
            completeWith(request, problem);
        }
    }

    private long millisUntilNextWake() {
        if (wakeTimes.isEmpty()) {
            return 1000;
        }
        long ms = Math.max(wakeTimes.firstKey().toEpochMilli(), wakeRetryNotBefore.toEpochMilli()) - clock.millis();
        return Math.max(1, Math.min(ms, 1000));
    }

    private void round(List<Request<?>> batch) throws InterruptedException {
        Instant now = clock.instant();
        EngineState base = journal.currentState();
        EngineState state = base;
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        List<Optional<Long>> timestamps = new ArrayList<>(); // of the requests' events; the motor's have none
        List<Runnable> completions = new ArrayList<>();
        Set<OrderId> touched = new LinkedHashSet<>();
        for (Request<?> request : batch) {
            var decided = decide(request, state);
            if (decided.isFail()) {
                completeWith(request, decided.problemOption().orElseThrow());
                continue;
            }
            Optional<EngineState> appliedByDecision = foldIsApplyEventAlone ? decided.orThrow().applied() : Optional.empty();
            Checked<EngineState> applied = appliedByDecision.isPresent() ? Checked.ok(appliedByDecision.get())
                    : fold(state, decided.orThrow().events(), decided.orThrow().timestamps());
            if (applied.isFail()) {
                completeWith(request, applied.problemOption().orElseThrow());
                continue;
            }
            state = applied.orThrow();
            events.addAll(decided.orThrow().events());
            timestamps.addAll(decided.orThrow().timestamps());
            collectTouched(decided.orThrow().events(), state, touched);
            Decision<?> d = decided.orThrow();
            completions.add(() -> completeOk(request, d.result()));
            if ((Object) request.decide() == TOUCH_ALL) {
                touched.addAll(state.orders().keySet());
            }
        }
        // Due wake times stay scheduled until the round is committed (scheduleWakeTimes replaces them),
        // so a failed round leaves them for the next one.
        Set<OrderId> due = new LinkedHashSet<>();
        if (!now.isBefore(wakeRetryNotBefore)) {
            wakeTimes.headMap(now, true).values().forEach(due::addAll);
        }
        touched.addAll(due);
        state = moveOrders(state, now, touched, events);
        state = dropUnusedVersions(state, events);
        List<Order> toStart = new ArrayList<>();
        if (processStarter.isPresent()) {
            updateJobQueueOrders(state, now, touched, events);
            if (waitingForProcess > 0 || anyReady(state, touched, events)) {
                state = startProcesses(state, now, events, toStart);
            }
        }
        if (events.isEmpty()) {
            completions.forEach(Runnable::run);
            // Nothing moved: a wake time not after now would only wake them again at once.
            scheduleWakeTimes(state, now, due, true);
            return;
        }
        try {
            while (timestamps.size() < events.size()) {
                timestamps.add(Optional.empty());
            }
            List<Stamped<Event>> stamped = persist(events, timestamps, base, state);
            completions.forEach(Runnable::run);
            EngineState committed = journal.currentState();
            List<Stamped<? extends Event>> committedEvents = new ArrayList<>(stamped);
            for (CommitListener l : listeners) {
                try {
                    l.committed(committedEvents, committed);
                } catch (RuntimeException e) {
                    LOG.warn("Commit listener failed", e);
                }
            }
            processStarter.ifPresent(starter -> {
                for (Order order : toStart) {
                    Order current = committed.orders().get(order.id());
                    if (current != null && current.state() instanceof OrderState.Processing p) {
                        starter.start(committed, current, p.subagentId());
                    }
                }
            });
            killMarkedProcesses(committedEvents, committed);
            scheduleWakeTimes(committed, now, touchedOrders(committedEvents, touched), false);
        } catch (ExecutionException e) {
            Problem problem = Problem.of(JOURNAL_ERROR, "Events could not be persisted: " + e.getCause().getMessage());
            LOG.error(problem.message(), e.getCause());
            wakeRetryNotBefore = now.plus(WAKE_RETRY_DELAY);
            readyAtJob.clear(); // the round's state was not committed: start again from the committed one
            processing.clear();
            EngineState committed = journal.currentState();
            JobQueue queue = new JobQueue(committed, now);
            committed.orders().keySet().forEach(id -> updateJobQueueOrder(committed, queue, id));
            for (Request<?> request : batch) {
                completeWith(request, problem);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Stamped<Event>> persist(List<KeyedEvent<? extends Event>> events, List<Optional<Long>> timestamps,
                                         EngineState base, EngineState folded)
            throws InterruptedException, ExecutionException {
        List<KeyedEvent<Event>> list = (List) events;
        // the round folded its events with the journal's folder: the journal need not apply them again
        return journal.persistFolded(list, timestamps, base, folded).get();
    }

    /**
     * The events applied with the journal's folder, as the journal will apply them (on a Director it
     * drops detached orders), so the round's state is the one the journal takes over. The folder sees
     * no event id yet (0): {@link EngineFolder} reads the keyed event and an explicit timestamp.
     */
    private Checked<EngineState> fold(EngineState state, List<? extends KeyedEvent<? extends Event>> events) {
        return fold(state, events, List.of());
    }

    /** As {@link #fold(EngineState, List)}, each event with its decision's timestamp (a coupling's time), if given. */
    private Checked<EngineState> fold(EngineState state, List<? extends KeyedEvent<? extends Event>> events, List<Optional<Long>> timestamps) {
        EngineState s = state;
        for (int i = 0; i < events.size(); i++) {
            KeyedEvent<? extends Event> e = events.get(i);
            Checked<EngineState> next = folder.apply(s, new Stamped<>(0, i < timestamps.size() ? timestamps.get(i) : Optional.empty(), e));
            if (next.isFail()) {
                return next;
            }
            s = next.orThrow();
        }
        return Checked.ok(s);
    }

    @SuppressWarnings("unchecked")
    private static <R> Checked<Decision<R>> decide(Request<R> request, EngineState state) {
        try {
            return request.decide().apply(state);
        } catch (RuntimeException e) {
            LOG.error("Decision failed", e);
            return Checked.fail(Problem.of("InternalError", "Internal error: " + e));
        }
    }

    @SuppressWarnings("unchecked")
    private static <R> void completeOk(Request<R> request, Object result) {
        request.future().complete(Checked.ok((R) result));
    }

    private static <R> void completeWith(Request<R> request, Problem problem) {
        request.future().complete(Checked.fail(problem));
    }

    private EngineState dropUnusedVersions(EngineState state, List<KeyedEvent<? extends Event>> events) {
        if (!versionsToCheck && events.stream().noneMatch(e -> UnusedWorkflowVersions.mayLeaveUnused(e.event()))) {
            return state;
        }
        versionsToCheck = false;
        var dropped = UnusedWorkflowVersions.events(state, placement);
        Checked<EngineState> applied = fold(state, dropped);
        if (applied.isFail()) {
            LOG.warn("Unused workflow versions not dropped: " + applied.problemOption().orElseThrow());
            return state;
        }
        events.addAll(dropped);
        return applied.orThrow();
    }

    /** Runs the motor for the touched orders (and those their events touch) until nothing moves. */
    private EngineState moveOrders(EngineState state, Instant now, Set<OrderId> touched, List<KeyedEvent<? extends Event>> out) {
        Set<OrderId> pending = new LinkedHashSet<>(touched);
        int iterations = 0;
        while (!pending.isEmpty() && iterations++ < MAX_MOTOR_ITERATIONS) {
            Set<OrderId> next = new LinkedHashSet<>();
            OrderEventSource motor = new OrderEventSource(state, now, placement, env);
            for (OrderId id : pending) {
                if (!state.orders().containsKey(id)) {
                    continue;
                }
                List<KeyedEvent<OrderEvent>> events = motor.nextEvents(id);
                if (events.isEmpty()) {
                    continue;
                }
                Checked<EngineState> applied = fold(state, events);
                if (applied.isFail()) {
                    LOG.warn("Order " + id + ": motor events do not apply: " + applied.problemOption().orElseThrow());
                    continue;
                }
                state = applied.orThrow();
                motor = new OrderEventSource(state, now, placement, env);
                out.addAll(events);
                collectTouched(events, state, next);
            }
            // An order touched only by another's event (a fork's child, Ready at its job at once)
            // has no event of its own: the job queue must hear of it through `touched`.
            touched.addAll(next);
            pending = next;
        }
        return state;
    }

    /**
     * Whether an order of this round is Ready. Only such an order can have become a candidate for a
     * process: the JobQueue's look at all orders is skipped otherwise (unless candidates were left
     * waiting last time, for a limit or an admission time, which may have passed).
     */
    private static boolean anyReady(EngineState state, Set<OrderId> touched, List<KeyedEvent<? extends Event>> events) {
        for (OrderId id : touched) {
            if (isReady(state, id)) {
                return true;
            }
        }
        for (KeyedEvent<? extends Event> e : events) {
            if (e.event() instanceof OrderEvent && e.key().isPresent() && isReady(state, new OrderId(e.key().get()))) {
                return true;
            }
        }
        return false;
    }

    /** Keeps {@link #readyAtJob} and {@link #processing} up to date with the orders of this round, so a JobQueue look need not see all orders. */
    private void updateJobQueueOrders(EngineState state, Instant now, Set<OrderId> touched, List<KeyedEvent<? extends Event>> events) {
        JobQueue queue = new JobQueue(state, now);
        for (OrderId id : touched) {
            updateJobQueueOrder(state, queue, id);
        }
        for (KeyedEvent<? extends Event> e : events) {
            if (e.event() instanceof OrderEvent && e.key().isPresent()) {
                updateJobQueueOrder(state, queue, new OrderId(e.key().get()));
            }
        }
    }

    private void updateJobQueueOrder(EngineState state, JobQueue queue, OrderId id) {
        Order order = state.orders().get(id);
        readyAtJob.remove(id);
        processing.remove(id);
        if (order != null && queue.concerns(order)) {
            (order.isState(OrderState.Kind.PROCESSING) ? processing : readyAtJob).add(id);
        }
    }

    private static boolean isReady(EngineState state, OrderId id) {
        Order order = state.orders().get(id);
        return order != null && order.isState(OrderState.Kind.READY);
    }

    private EngineState startProcesses(EngineState state, Instant now, List<KeyedEvent<? extends Event>> out, List<Order> toStart) {
        if (processStarter.isEmpty()) {
            return state;
        }
        EngineState s = state;
        List<Order> ready = readyAtJob.stream().map(id -> s.orders().get(id)).filter(o -> o != null).toList();
        JobQueue.Selection selection = new JobQueue(state, now).select(ready, processing.size(),
                () -> processing.stream().map(id -> s.orders().get(id)).filter(o -> o != null).toList());
        waitingForProcess = selection.waiting();
        for (OrderId id : selection.startable()) {
            Order order = state.orders().get(id);
            if (order == null || !placementOwns(order, state)) {
                continue;
            }
            Optional<SubagentId> subagent = processStarter.get().selectSubagent(state, order);
            if (subagent.isEmpty()) {
                waitingForProcess++; // look again next round, as for a limit
                continue;
            }
            boolean stick = !order.stickySubagents().isEmpty() && order.stickySubagents().get(0).stuckSubagentId().isEmpty();
            KeyedEvent<OrderEvent> started = KeyedEvent.of(id, new OrderEvent.OrderProcessingStarted(subagent.get(), stick));
            Checked<EngineState> applied = fold(state, List.of(started));
            if (applied.isOk()) {
                state = applied.orThrow();
                out.add(started);
                toStart.add(state.orders().get(id));
                readyAtJob.remove(id);
                processing.add(id);
            }
        }
        return state;
    }

    private boolean placementOwns(Order order, EngineState state) {
        if (placement instanceof Placement.Agent agent) {
            // attached here (not detaching: a job of another Agent was started here, found by the JS7 corpus)
            // and its job is this Agent's
            return order.attachedState().equals(Optional.of(new AttachedState.Attached(agent.agentPath())))
                    && state.workflowOf(order).flatMap(w -> w.job(order.position())).map(j -> j.agentPath().equals(agent.agentPath()))
                            .orElse(false);
        }
        return placement instanceof Placement.Standalone;
    }

    private void killMarkedProcesses(List<Stamped<? extends Event>> events, EngineState state) {
        if (processStarter.isEmpty()) {
            return;
        }
        for (Stamped<? extends Event> s : events) {
            Event e = s.keyedEvent().event();
            if (e instanceof OrderEvent.OrderCancellationMarked || e instanceof OrderEvent.OrderSuspensionMarked) {
                Order order = state.orders().get(new OrderId(s.keyedEvent().key().orElseThrow()));
                if (order != null && order.isState(OrderState.Kind.PROCESSING)) {
                    OrderEventSource.killRequested(order).ifPresent(kill -> processStarter.get().kill(order, kill.immediately()));
                }
            }
        }
    }

    /** The orders an event may affect besides its own: lock waiters, board waiters, fork parents. */
    private static void collectTouched(List<? extends KeyedEvent<? extends Event>> events, EngineState state, Set<OrderId> touched) {
        for (KeyedEvent<? extends Event> ke : events) {
            Event e = ke.event();
            if (e instanceof OrderEvent oe && ke.key().isPresent()) {
                OrderId id = new OrderId(ke.key().get());
                touched.add(id);
                Order order = state.orders().get(id);
                if (order != null) {
                    order.parent().ifPresent(touched::add);
                }
                switch (oe.kind()) {
                    case LOCKS_RELEASED, CANCELLED, FINISHED, DELETED, JOINED, LOCKS_DEQUEUED -> {
                        for (LockState lock : state.locks().values()) {
                            touched.addAll(lock.queue());
                        }
                    }
                    case NOTICE_POSTED -> touchBoardWaiters(state, touched);
                    case ORDER_ADDED -> touched.add(((OrderEvent.OrderOrderAdded) oe).orderId());
                    case FORKED -> ((OrderEvent.OrderForked) oe).children().forEach(c -> touched.add(c.orderId()));
                    default -> { }
                }
            } else if (e instanceof NoticeEvent) {
                touchBoardWaiters(state, touched);
            } else if (e instanceof io.jobwerk.engine.workflow.WorkflowControlEvent
                    || e instanceof io.jobwerk.engine.item.ItemEvent) {
                touched.addAll(state.orders().keySet());
            }
        }
    }

    private static void touchBoardWaiters(EngineState state, Set<OrderId> touched) {
        for (Map.Entry<BoardPath, BoardState> board : state.boards().entrySet()) {
            board.getValue().expectingOrders().values().forEach(touched::addAll);
        }
    }

    private static Set<OrderId> touchedOrders(List<Stamped<? extends Event>> events, Set<OrderId> touched) {
        Set<OrderId> set = new LinkedHashSet<>(touched);
        for (Stamped<? extends Event> s : events) {
            if (s.keyedEvent().event() instanceof OrderEvent && s.keyedEvent().key().isPresent()) {
                set.add(new OrderId(s.keyedEvent().key().get()));
            }
        }
        return set;
    }

    private void scheduleWakeTimes(EngineState state, Instant now, Set<OrderId> orders, boolean onlyAfterNow) {
        OrderEventSource motor = new OrderEventSource(state, now, placement, env);
        for (OrderId id : orders) {
            Instant previous = orderWakeTime.remove(id);
            if (previous != null) {
                Set<OrderId> set = wakeTimes.get(previous);
                if (set != null && set.remove(id) && set.isEmpty()) {
                    wakeTimes.remove(previous);
                }
            }
            if (!state.orders().containsKey(id)) {
                continue;
            }
            motor.nextWakeTime(id).filter(t -> !onlyAfterNow || t.isAfter(now)).ifPresent(t -> {
                orderWakeTime.put(id, t);
                wakeTimes.computeIfAbsent(t, k -> new LinkedHashSet<>()).add(id);
            });
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Request<?> r; (r = requests.poll()) != null; ) {
            completeWith(r, Problem.of("ServiceUnavailable", "The engine is shutting down"));
        }
        retryTimer.closeNow().forEach(Runnable::run); // each retry, answered now that the keeper is closed
    }
}
