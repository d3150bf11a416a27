package io.jobwerk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.engine.json.EventJson;
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
import io.jobwerk.subagent.process.JobLaunch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Director's link to a Subagent server ({@code SubagentItem.uri + "/subagent/api"}).
 *
 * <p>Couples with {@code CoupleDirector} (a new Director run makes the Subagent kill what an earlier
 * run started), then long-polls the Subagent's event stream and persists its events in the
 * Director's journal through the keeper — only those of orders still processing on this Subagent —
 * and releases them. The polls come at least every third of the Subagent's director timeout, so a
 * living Director is never taken for lost. Commands ({@code StartOrderProcess}, {@code KillProcess})
 * go out in order on one thread.
 *
 * <p>When the Subagent cannot be reached it is unavailable for new processes at once. Its running
 * processes are recorded as lost ({@code OrderProcessed(Disrupted(ProcessLost))}, so the motor
 * restarts the jobs, on another Subagent if one is available) when the connection is refused (the
 * Subagent's process is gone), when it comes back as a new run, or after it has been unreachable
 * for longer than its director timeout plus a second (then it has killed them itself).
 */
final class RemoteSubagentDriver implements SubagentDriver {

    private static final Logger LOG = Logger.getLogger(RemoteSubagentDriver.class.getName());
    private static final long[] RECONNECT_DELAYS_MS = {500, 1000, 2000, 5000};
    private static final int RELEASE_EVERY = 500;

    private final Item.SubagentItem item;
    private final String directorRunId;
    private final EngineKeeper keeper;
    private final EngineClient client;
    private final ExecutorService commands;
    private final Thread eventThread;
    private volatile boolean closed;
    private volatile boolean coupled;
    private volatile boolean firstAttemptDone;
    private volatile SubagentMetrics metrics = SubagentMetrics.ofProcessCount(0);
    // Event-thread only:
    private String subagentRunId;
    private long after;
    private long released;
    private Duration directorTimeout = Duration.ofSeconds(30);
    private long failingSinceNanos;
    private boolean lostReported;
    private CompletableFuture<?> lastEmit = CompletableFuture.completedFuture(null);
    private int unreleased;

    RemoteSubagentDriver(Item.SubagentItem item, String userId, String password, String directorRunId, EngineKeeper keeper) {
        this.item = item;
        this.directorRunId = directorRunId;
        this.keeper = keeper;
        this.client = new EngineClient(item.uri() + "/subagent/api", userId, password);
        this.commands = Executors.newSingleThreadExecutor(r -> daemon(r, "subagent-driver-" + item.id() + "-commands"));
        this.eventThread = daemon(this::run, "subagent-driver-" + item.id() + "-events");
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
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
        return coupled && !closed;
    }

    @Override
    public boolean isCoupling() {
        return !firstAttemptDone && !closed;
    }

    @Override
    public SubagentMetrics metrics() {
        return metrics;
    }

    @Override
    public void start(OrderId orderId, JobLaunch launch) {
        commands.execute(() -> {
            Checked<JsonNode> response = client.command(SubagentCommandJson.encode(new SubagentCommand.StartOrderProcess(orderId, launch)));
            if (response.isFail()) {
                Problem problem = response.problemOption().orElseThrow();
                LOG.warning("Subagent " + item.id() + ": StartOrderProcess " + orderId + ": " + problem);
                boolean connection = problem.code().startsWith("Connection");
                Outcome outcome = connection ? processLost(problem)
                        : new Outcome.Failed(Optional.of(problem.message()), Map.of());
                keeper.transact(state -> Checked.ok(Decision.of(eventsIfProcessingHere(state, List.of(
                        KeyedEvent.of(orderId, new OrderEvent.OrderProcessed(outcome)))), Boolean.TRUE)));
            }
        });
    }

    @Override
    public void kill(OrderId orderId, boolean immediately) {
        commands.execute(() -> client.command(SubagentCommandJson.encode(new SubagentCommand.KillProcess(orderId, immediately)))
                .problemOption().ifPresent(p -> LOG.warning("Subagent " + item.id() + ": KillProcess " + orderId + ": " + p)));
    }

    private void run() {
        int failures = 0;
        while (!closed) {
            try {
                Checked<Boolean> round = coupled ? pollEvents() : couple();
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
                Thread.sleep(RECONNECT_DELAYS_MS[Math.min(failures++, RECONNECT_DELAYS_MS.length - 1)]);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Subagent " + item.id() + " driver", e);
            }
        }
    }

    private Checked<Boolean> couple() {
        Checked<SubagentCommand.DirectorCoupled> response = client.command(SubagentCommandJson.encode(
                new SubagentCommand.CoupleDirector(directorRunId))).flatMap(SubagentCommandJson::decodeCoupled);
        if (response.isFail()) {
            return Checked.fail(response.problemOption().orElseThrow());
        }
        SubagentCommand.DirectorCoupled c = response.orThrow();
        if (subagentRunId == null) {
            // Events before belong to an earlier Director run, whose processes were recorded as lost.
            after = c.lastEventId();
        } else if (!subagentRunId.equals(c.subagentRunId())) {
            lose(Problem.of("SubagentRestarted", "Subagent " + item.id() + " was restarted; its processes are lost"));
            after = 0;
        }
        released = after;
        subagentRunId = c.subagentRunId();
        directorTimeout = Duration.ofMillis(c.directorTimeoutMillis());
        failingSinceNanos = 0;
        lostReported = false;
        refreshMetrics();
        coupled = true;
        firstAttemptDone = true;
        LOG.info("Subagent " + item.id() + " coupled at " + item.uri());
        keeper.emit(List.of()); // a round of the keeper: orders waiting for a Subagent may start now
        return Checked.ok(true);
    }

    private void refreshMetrics() {
        client.get("").toOptional().ifPresent(json -> metrics = SubagentMetricsJson.decode(json));
    }

    private Checked<Boolean> pollEvents() throws InterruptedException {
        refreshMetrics();
        if (closed) {
            return Checked.ok(false);
        }
        Duration poll = directorTimeout.dividedBy(3);
        if (poll.compareTo(Duration.ofSeconds(10)) > 0) {
            poll = Duration.ofSeconds(10);
        }
        Checked<Long> result = client.readEvents(after, poll, json -> {
            Checked<Stamped<Event>> stamped = EventJson.decodeStamped(json);
            if (stamped.isFail()) {
                LOG.warning("Subagent " + item.id() + ": undecodable event: " + stamped.problemOption().orElseThrow());
            } else {
                emit(stamped.orThrow());
            }
            return !closed;
        });
        if (closed) {
            return Checked.ok(false); // no request after close: the Subagent's director timeout runs from the last one
        }
        release();
        if (result.isFail()) {
            Problem p = result.problemOption().orElseThrow();
            if (p.code().equals("EventSeqTorn")) {
                // Events were dropped before the Director read them: outcomes may be missing.
                lose(p);
                coupled = false;
                subagentRunId = null;
                return Checked.ok(false);
            }
            return Checked.fail(p);
        }
        return Checked.ok(true);
    }

    private void emit(Stamped<Event> stamped) throws RuntimeException {
        KeyedEvent<Event> keyed = stamped.keyedEvent();
        after = stamped.eventId();
        long eventId = after;
        lastEmit = keeper.transact(state -> Checked.ok(Decision.of(eventsIfProcessingHere(state, List.of(keyed)), eventId)));
        if (++unreleased >= RELEASE_EVERY) {
            release();
        }
    }

    /** Releases the Subagent's events up to the last one the keeper has persisted. */
    private void release() {
        if (closed) {
            return;
        }
        try {
            lastEmit.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return;
        }
        unreleased = 0;
        if (after > released) {
            long until = after;
            client.command(SubagentCommandJson.encode(new SubagentCommand.ReleaseEvents(until))).toOptional().ifPresent(ok -> released = until);
        }
    }

    private void failed(Problem problem) {
        if (coupled || failingSinceNanos == 0) {
            LOG.warning("Subagent " + item.id() + " is not reachable: " + problem);
            failingSinceNanos = System.nanoTime();
        }
        coupled = false;
        boolean gone = problem.code().equals("ConnectionRefused");
        boolean silentTooLong = System.nanoTime() - failingSinceNanos > directorTimeout.plusSeconds(1).toNanos();
        if (!lostReported && (gone || silentTooLong)) {
            lostReported = true;
            lose(problem);
        }
    }

    /** Records the processes running here as lost, so their jobs restart. */
    private void lose(Problem problem) {
        keeper.transact(state -> {
            List<KeyedEvent<? extends Event>> events = new ArrayList<>();
            for (Order order : state.orders().values()) {
                if (order.state() instanceof OrderState.Processing p && p.subagentId().equals(item.id())) {
                    events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderProcessed(processLost(problem))));
                }
            }
            if (!events.isEmpty()) {
                LOG.warning("Subagent " + item.id() + " lost (" + problem.message() + "): " + events.size() + " processes lost");
            }
            return Checked.ok(Decision.of(events, Boolean.TRUE));
        });
    }

    private static Outcome processLost(Problem problem) {
        return new Outcome.Disrupted(new Outcome.ProcessLost(Optional.of(problem)), false);
    }

    /** The events whose order is still processing on this Subagent (late events of a lost process are dropped). */
    private List<KeyedEvent<? extends Event>> eventsIfProcessingHere(EngineState state, List<? extends KeyedEvent<? extends Event>> events) {
        List<KeyedEvent<? extends Event>> result = new ArrayList<>();
        for (KeyedEvent<? extends Event> e : events) {
            Order order = e.key().map(k -> state.orders().get(new OrderId(k))).orElse(null);
            if (order != null && order.state() instanceof OrderState.Processing p && p.subagentId().equals(item.id())) {
                result.add(e);
            }
        }
        return result;
    }

    @Override
    public void close() {
        closed = true;
        coupled = false;
        eventThread.interrupt();
        commands.shutdownNow();
        client.close();
    }
}
