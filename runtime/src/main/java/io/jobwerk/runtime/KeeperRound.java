package io.jobwerk.runtime;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
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
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.StateFolder;
import java.time.Duration;
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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keeper's decisions, without threads, clock or journal: {@link #decide} turns the state, the
 * waiting requests and the time into the round's events (the requests', the motor's, the process
 * starts'); once the journal has committed them, {@link #committed} says which processes to start and
 * kill; {@link #nextWake} when an order waits for the time. The {@link EngineKeeper} persists and
 * dispatches. Not thread-safe: it remembers between rounds which orders wait for a time or a process
 * (so a round looks only at the orders it concerns), and is used by the keeper thread alone.
 */
final class KeeperRound {

    private static final Logger LOG = LoggerFactory.getLogger(EngineKeeper.class);
    private static final int MAX_MOTOR_ITERATIONS = 1000;
    static final Duration WAKE_RETRY_DELAY = Duration.ofSeconds(1);

    /** The Subagent for an order's job, or empty when none is available now; {@link ProcessStarter#selectSubagent}. */
    @FunctionalInterface
    interface SubagentChoice {
        Optional<SubagentId> select(EngineState state, Order order);
    }

    /** A request's decision on the state as advanced by the requests before it in the round. */
    record Request(Function<EngineState, Checked<Decision<?>>> decide, boolean touchesAll) {}

    /**
     * What a round decided.
     *
     * @param results    for each request, its decision, or the problem it is answered with at once (nothing of it persisted)
     * @param events     the round's events, to be persisted as one batch (none: nothing to persist)
     * @param timestamps one per event: the time it happened elsewhere, or empty for the journal's time
     * @param state      the state with the events applied by the journal's folder
     */
    record Plan(List<Checked<Decision<?>>> results, List<KeyedEvent<? extends Event>> events, List<Optional<Long>> timestamps,
                EngineState state, Instant now, List<OrderId> toStart, Set<OrderId> touched, Set<OrderId> due) {}

    record Start(Order order, SubagentId subagentId) {}

    record Kill(Order order, boolean immediately) {}

    /** The processes to start (their {@code OrderProcessingStarted} committed) and to kill (marked while processing). */
    record Dispatch(List<Start> starts, List<Kill> kills) {}

    private final StateFolder<EngineState> folder;
    private final boolean foldIsApplyEventAlone; // then a decision's own applied state is the fold
    private final Placement placement;
    private final MotorEnvironment env;
    private final Optional<SubagentChoice> subagentChoice;
    private final TreeMap<Instant, Set<OrderId>> wakeTimes = new TreeMap<>();
    private final Map<OrderId, Instant> orderWakeTime = new HashMap<>();
    private int waitingForProcess; // candidates the last JobQueue look left waiting
    // after a failed round, due orders are woken again only from then on (no busy retry)
    private Instant wakeRetryNotBefore = Instant.EPOCH;
    // The first round looks too: a journal written before versions were deleted explicitly may hold unused ones.
    private boolean versionsToCheck = true;
    // the orders JobQueue concerns, as of this round: Ready at a job, and Processing
    private final Set<OrderId> readyAtJob = new HashSet<>();
    private final Set<OrderId> processing = new HashSet<>();

    /** @param subagentChoice where this engine starts job processes (a Director, a standalone engine); none on a Controller */
    KeeperRound(StateFolder<EngineState> folder, Placement placement, MotorEnvironment env, Optional<SubagentChoice> subagentChoice) {
        this.folder = folder;
        this.foldIsApplyEventAlone = folder instanceof EngineFolder f && f.isApplyEventAlone();
        this.placement = placement;
        this.env = env;
        this.subagentChoice = subagentChoice;
    }

    /**
     * Decides each request on the state as advanced by those before it, lets the motor move the orders
     * touched (and those whose wake time is due), drops unused workflow versions and selects the
     * processes to start.
     */
    Plan decide(EngineState committed, List<Request> requests, Instant now) {
        EngineState state = committed;
        List<Checked<Decision<?>>> results = new ArrayList<>();
        List<KeyedEvent<? extends Event>> events = new ArrayList<>();
        List<Optional<Long>> timestamps = new ArrayList<>(); // of the requests' events; the motor's have none
        Set<OrderId> touched = new LinkedHashSet<>();
        for (Request request : requests) {
            Checked<Decision<?>> decided = decide(request, state);
            if (decided.isFail()) {
                results.add(decided);
                continue;
            }
            Decision<?> d = decided.orThrow();
            Optional<EngineState> appliedByDecision = foldIsApplyEventAlone ? d.applied() : Optional.empty();
            Checked<EngineState> applied = appliedByDecision.isPresent() ? Checked.ok(appliedByDecision.get())
                    : fold(state, d.events(), d.timestamps());
            if (applied.isFail()) {
                results.add(Checked.fail(applied.problemOption().orElseThrow()));
                continue;
            }
            results.add(decided);
            state = applied.orThrow();
            events.addAll(d.events());
            timestamps.addAll(d.timestamps());
            TouchedOrders.collect(d.events(), state, touched);
            if (request.touchesAll()) {
                touched.addAll(state.orders().keySet());
            }
        }
        // Due wake times stay scheduled until the round is committed (committed() replaces them),
        // so a failed round leaves them for the next one.
        Set<OrderId> due = new LinkedHashSet<>();
        if (!now.isBefore(wakeRetryNotBefore)) {
            wakeTimes.headMap(now, true).values().forEach(due::addAll);
        }
        touched.addAll(due);
        state = moveOrders(state, now, touched, events);
        state = dropUnusedVersions(state, events);
        List<OrderId> toStart = new ArrayList<>();
        if (subagentChoice.isPresent()) {
            updateJobQueueOrders(state, now, touched, events);
            if (waitingForProcess > 0 || anyReady(state, touched, events)) {
                state = startProcesses(state, now, events, toStart);
            }
        }
        while (timestamps.size() < events.size()) {
            timestamps.add(Optional.empty());
        }
        return new Plan(results, events, timestamps, state, now, toStart, touched, due);
    }

    /** Nothing to persist: a wake time not after now would only wake the due orders again at once. */
    void nothingMoved(Plan plan) {
        scheduleWakeTimes(plan.state(), plan.now(), plan.due(), true);
    }

    /** The round's events are committed as {@code events}, giving {@code state}: what to start and kill now. */
    Dispatch committed(Plan plan, List<Stamped<? extends Event>> events, EngineState state) {
        List<Start> starts = new ArrayList<>();
        for (OrderId id : plan.toStart()) {
            Order current = state.orders().get(id);
            if (current != null && current.state() instanceof OrderState.Processing p) {
                starts.add(new Start(current, p.subagentId()));
            }
        }
        List<Kill> kills = subagentChoice.isPresent() ? killsOfMarked(events, state) : List.of();
        scheduleWakeTimes(state, plan.now(), touchedOrders(events, plan.touched()), false);
        return new Dispatch(starts, kills);
    }

    /**
     * The round's events were not persisted: due orders are woken again only after
     * {@link #WAKE_RETRY_DELAY}, and the orders waiting for a process are looked up again in the committed state.
     */
    void persistFailed(EngineState committed, Instant now) {
        roundFailed(now);
        readyAtJob.clear(); // the round's state was not committed: start again from the committed one
        processing.clear();
        JobQueue queue = new JobQueue(committed, now);
        committed.orders().keySet().forEach(id -> updateJobQueueOrder(committed, queue, id));
    }

    /** The round failed with an internal error: due orders are woken again only after {@link #WAKE_RETRY_DELAY}. */
    void roundFailed(Instant now) {
        wakeRetryNotBefore = now.plus(WAKE_RETRY_DELAY);
    }

    /** When the next round is due for an order waiting for the time (not before a retry after a failed round), if any. */
    Optional<Instant> nextWake() {
        if (wakeTimes.isEmpty()) {
            return Optional.empty();
        }
        Instant first = wakeTimes.firstKey();
        return Optional.of(first.isAfter(wakeRetryNotBefore) ? first : wakeRetryNotBefore);
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

    private static Checked<Decision<?>> decide(Request request, EngineState state) {
        try {
            return request.decide().apply(state);
        } catch (RuntimeException e) {
            LOG.error("Decision failed", e);
            return Checked.fail(Problem.of("InternalError", "Internal error: " + e));
        }
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
                TouchedOrders.collect(events, state, next);
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

    private EngineState startProcesses(EngineState state, Instant now, List<KeyedEvent<? extends Event>> out, List<OrderId> toStart) {
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
            Optional<SubagentId> subagent = subagentChoice.orElseThrow().select(state, order);
            if (subagent.isEmpty()) {
                waitingForProcess++; // look again next round, as for a limit
                continue;
            }
            // As JS7 (recorded: random2-27): a StickySubagent block sticks only to a job of its own Agent.
            Optional<AgentPath> jobAgent = state.workflowOf(order).flatMap(w -> w.job(order.position())).toOptional().map(job -> job.agentPath());
            boolean stick = order.stickySubagents().stream().findFirst()
                    .filter(sticky -> sticky.stuckSubagentId().isEmpty() && jobAgent.equals(Optional.of(sticky.agentPath())))
                    .isPresent();
            KeyedEvent<OrderEvent> started = KeyedEvent.of(id, new OrderEvent.OrderProcessingStarted(subagent.get(), stick));
            Checked<EngineState> applied = fold(state, List.of(started));
            if (applied.isOk()) {
                state = applied.orThrow();
                out.add(started);
                toStart.add(id);
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

    private static List<Kill> killsOfMarked(List<Stamped<? extends Event>> events, EngineState state) {
        List<Kill> kills = new ArrayList<>();
        for (Stamped<? extends Event> s : events) {
            Event e = s.keyedEvent().event();
            if (e instanceof OrderEvent.OrderCancellationMarked || e instanceof OrderEvent.OrderSuspensionMarked) {
                Order order = state.orders().get(new OrderId(s.keyedEvent().key().orElseThrow()));
                if (order != null && order.isState(OrderState.Kind.PROCESSING)) {
                    OrderEventSource.killRequested(order).ifPresent(kill -> kills.add(new Kill(order, kill.immediately())));
                }
            }
        }
        return kills;
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
}
