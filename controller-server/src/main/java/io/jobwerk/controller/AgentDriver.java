package io.jobwerk.controller;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.http.client.EventStreamHandle;
import io.jobwerk.http.protocol.AgentCommand;
import io.jobwerk.http.protocol.AgentCommandJson;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.Backoff;
import io.jobwerk.scheduler.Scheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Controller's link to one Agent Director. It pushes commands (attach items and orders, detach,
 * marks) and pulls the Agent's event stream, mirroring the order events into the Controller's
 * journal together with the Agent event id they came from ({@code AgentEventsObserved}), so after a
 * restart of either side the stream resumes exactly after the last event stored. Connections are
 * retried with growing delays (0.2, 0.5, 1, 2, 3 s); nothing is lost while the Agent is unreachable.
 * After each (re)connection the driver first reads what the Agent has (a stream without waiting),
 * then releases the Agent's events up to there, so a restarted Agent may drop them at once; later
 * it releases every {@value #RELEASE_PERIOD_SECONDS} s.
 *
 * <p>The event stream is the coupling: its first successful read after the start or a failure emits
 * {@code AgentCoupled} (before the events it brings, as JS7), a failed read {@code AgentCouplingFailed}
 * with the problem, once per distinct problem (the state's {@code CouplingState} says what was
 * emitted last, also across a restart). The Agent's own {@code AgentReady} and its Subagents'
 * {@code SubagentCoupled}/{@code SubagentCouplingFailed} are mirrored (the Agent's keyless
 * {@code AgentReady} keyed by the Agent path), so the Controller's state knows every coupling.
 *
 * <p>What to send is decided by {@link AgentCommandSelection} and what to mirror by {@link AgentMirror},
 * both pure; this class is their shell: two threads, HTTP, back-off and the keeper's futures.
 */
final class AgentDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentDriver.class);
    // A restarted Agent is back within a few seconds: retry soon, but do not hammer an Agent that is away.
    static final Backoff RETRY_DELAYS = Backoff.ofMillis(200, 500, 1000, 2000, 3000);
    private static final int RELEASE_PERIOD_SECONDS = 30;
    private static final Duration RELEASE_PERIOD = Duration.ofSeconds(RELEASE_PERIOD_SECONDS);
    private static final Duration LONG_POLL = Duration.ofSeconds(30);
    private static final int MAX_COMMAND_BATCH = 1000; // orders per Batch command

    private final AgentPath agentPath;
    private final EngineKeeper keeper;
    private final Scheduler scheduler;
    private final EngineClient client;
    private final String peerKey;
    private final LinkedBlockingQueue<OrderId> pending = new LinkedBlockingQueue<>();
    // Orders transferred to another workflow version while at the Agent (or being attached to it).
    private final Set<OrderId> transfers = ConcurrentHashMap.newKeySet();
    // Deleted simple items to detach from the Agent. Not journaled: after a Controller restart the Agent keeps them (harmless, unused).
    private final Set<String> detaching = ConcurrentHashMap.newKeySet();
    private final Thread commandThread;
    private final Thread eventThread;
    private volatile boolean closed;
    // The event stream's poll under way: cancelled when a mirrored batch was not persisted, and on close
    private volatile EventStreamHandle poll = new EventStreamHandle();
    private volatile long released;
    // The Agent's own items (AgentRef, its SubagentItems, SubagentBundles) go out when they change, not
    // only with the next attached order: the Director couples with its Subagents before jobs arrive.
    private volatile boolean itemsChanged = true;
    private static final int MAX_IN_FLIGHT = 1000; // batches handed to the keeper, not yet durable
    private static final int MAX_MIRROR_BATCH = 1000; // Agent events per keeper decision
    private final ArrayDeque<CompletableFuture<Checked<Boolean>>> inFlight = new ArrayDeque<>(); // event thread only
    // Event thread only: the Agent event id of the last event handed to the keeper; a decision
    // mirrors an event only right after its predecessor, so one not persisted is never skipped.
    private long handedAfter;
    private boolean notPersisted; // event thread only
    // Event thread only: whether AgentCoupled has been handed to the keeper for the current connection.
    private boolean coupled;

    AgentDriver(AgentPath agentPath, String uri, EngineKeeper keeper, String userId, String password, Scheduler scheduler) {
        this.agentPath = agentPath;
        this.keeper = keeper;
        this.scheduler = scheduler;
        this.peerKey = AgentMirror.peerKey(agentPath);
        this.client = new EngineClient(uri + "/agent/api", userId, password);
        this.commandThread = scheduler.newThread("agent-driver-" + agentPath + "-commands", this::sendCommands);
        this.eventThread = scheduler.newThread("agent-driver-" + agentPath + "-events", this::mirrorEvents);
    }

    AgentDriver start() {
        commandThread.start();
        eventThread.start();
        // Orders the Controller left half-way (attaching, detaching, marked, transferred) are taken up again;
        // a transfer to the version the Agent has already changes nothing there.
        for (Order order : keeper.state().orders().values()) {
            if (order.attachedState().map(a -> a.agentPath().equals(agentPath)).orElse(false)) {
                transfers.add(order.id());
                pending.add(order.id());
            }
        }
        return this;
    }

    /** The Agent's answer to {@code GET /agent/api/order/ID/obstacles}. */
    Checked<JsonNode> obstacles(OrderId orderId) {
        return client.get(List.of("order", orderId.string(), "obstacles"));
    }

    /**
     * {@code ResetAgent}: tells the Agent to reset; the driver takes the orders back when the Agent's
     * {@code AgentReset} arrives in its event stream. A problem when the Agent cannot be told.
     */
    Checked<JsonNode> reset() {
        return commandOnce(new AgentCommand.Reset());
    }

    /**
     * Sends a command that is not idempotent (e.g. {@code ResetSubagent}) to the Agent now, at most
     * once: a connection that fails after the request may have been sent is a problem, never a silent resend.
     */
    Checked<JsonNode> commandOnce(AgentCommand command) {
        return client.commandOnce(AgentCommandJson.encode(command));
    }

    /** The simple item was deleted: the Agent forgets it with the next batch ({@code DetachItem}). */
    void detach(String key) {
        detaching.add(key);
        itemsChanged = true;
    }

    /** Sends the Agent's items again (they changed). */
    void itemsChanged() {
        itemsChanged = true;
    }

    /** The order, at the Agent or being attached to it, was transferred to another workflow version. */
    void transferred(OrderId orderId) {
        transfers.add(orderId);
        pending.add(orderId);
    }

    /** Looks at the order again: it may need attaching, detaching or a mark sent. */
    void touch(OrderId orderId) {
        pending.add(orderId);
    }

    private void sendCommands() {
        int failures = 0;
        while (!closed) {
            try {
                OrderId first = pending.poll(itemsChanged ? 0 : 1000, TimeUnit.MILLISECONDS);
                boolean sendItems = itemsChanged;
                if (first == null && !sendItems) {
                    continue;
                }
                itemsChanged = false;
                Set<OrderId> ids = new LinkedHashSet<>();
                if (first != null) {
                    ids.add(first);
                }
                List<OrderId> more = new ArrayList<>();
                pending.drainTo(more, MAX_COMMAND_BATCH - 1);
                ids.addAll(more);
                EngineState state = keeper.state();
                List<AgentCommand> commands = new ArrayList<>();
                List<String> detached = List.of();
                if (sendItems) {
                    commands.addAll(AgentCommandSelection.ownItems(state, agentPath));
                    detached = AgentCommandSelection.detachable(state, List.copyOf(detaching));
                    detaching.removeAll(detached);
                    detached.forEach(key -> commands.add(new AgentCommand.DetachItem(key)));
                }
                Set<OrderId> claimed = new LinkedHashSet<>();
                for (OrderId id : ids) {
                    if (transfers.remove(id)) {
                        claimed.add(id);
                    }
                }
                AgentCommandSelection.Selection selection = AgentCommandSelection.forOrders(state, agentPath, ids, claimed);
                transfers.addAll(selection.keptTransfers());
                Set<OrderId> transferring = selection.transferring();
                commands.addAll(selection.commands());
                if (commands.isEmpty()) {
                    continue;
                }
                Checked<JsonNode> response = client.command(AgentCommandJson.encode(new AgentCommand.Batch(commands)));
                if (response.isFail()) {
                    LOG.warn("Agent " + agentPath + ": " + response.problemOption().orElseThrow());
                    transfers.addAll(transferring);
                    detaching.addAll(detached);
                    pending.addAll(ids);
                    if (sendItems) {
                        itemsChanged = true;
                    }
                    scheduler.sleep(RETRY_DELAYS.delay(failures++));
                } else {
                    failures = 0;
                    logRejected(commands, response.orThrow());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Agent " + agentPath + " command sender", e);
            }
        }
    }

    /**
     * The Agent executes each command of a Batch on its own and answers each (JS7 BatchResponse); a
     * rejected command is logged, not sent again: the Agent decided on it, and the order is looked at
     * again when it changes.
     */
    private void logRejected(List<AgentCommand> commands, JsonNode answer) {
        Checked<CommandResponse> response = CommandJson.decodeResponse(answer);
        if (response.isFail() || !(response.orThrow() instanceof CommandResponse.BatchResponse batch)
                || batch.responses().size() != commands.size()) {
            LOG.warn("Agent " + agentPath + ": unexpected answer to a Batch of " + commands.size() + " commands: " + answer);
            return;
        }
        for (int i = 0; i < commands.size(); i++) {
            AgentCommand command = commands.get(i);
            batch.responses().get(i).problemOption().ifPresent(p ->
                    LOG.warn("Agent " + agentPath + " rejected " + describe(command) + ": " + p));
        }
    }

    static String describe(AgentCommand command) {
        return switch (command.kind()) {
            case ATTACH_ITEM -> "AttachItem " + ((AgentCommand.AttachItem) command).item().key();
            case ATTACH_WORKFLOW -> "AttachSignedItem " + ((AgentCommand.AttachWorkflow) command).workflow().id();
            case ATTACH_ORDER -> "AttachOrder " + ((AgentCommand.AttachOrder) command).order().id();
            case DETACH_ORDER -> "DetachOrder " + ((AgentCommand.DetachOrder) command).orderId();
            case MARK_ORDER -> "MarkOrder " + ((AgentCommand.MarkOrder) command).orderId();
            case TRANSFER_ORDER -> "TransferOrder " + ((AgentCommand.TransferOrder) command).orderId();
            case DETACH_ITEM -> "DetachItem " + ((AgentCommand.DetachItem) command).key();
            case RESET, RESET_SUBAGENT, RELEASE_EVENTS, BATCH, NO_OPERATION -> command.kind().toString();
        };
    }

    private void mirrorEvents() {
        int failures = 0;
        boolean catchingUp = true;
        long lastRelease = scheduler.nanoTime();
        while (!closed) {
            long after = keeper.state().observedEventId(peerKey);
            handedAfter = after;
            // Catching up: a zero timeout ends the stream after the events the Agent has now.
            EventStreamHandle handle = new EventStreamHandle();
            poll = handle;
            if (closed) { // checked after publishing the handle: close either cancels it or is seen here
                handle.cancel();
            }
            Checked<Long> result = client.readEventBatches(after, catchingUp ? Duration.ZERO : LONG_POLL, MAX_MIRROR_BATCH, handle, this::mirror);
            awaitMirrored();
            if (closed) {
                return;
            }
            if (notPersisted) {
                notPersisted = false;
                coupled = false; // AgentCoupled may be among what was not persisted
                Duration delay = RETRY_DELAYS.delay(failures++);
                LOG.warn("Agent " + agentPath + ": reading its events after " + keeper.state().observedEventId(peerKey)
                        + " again in " + delay.toMillis() + " ms, as some were not persisted");
                sleep(delay);
                continue;
            }
            if (result.isFail()) {
                LOG.warn("Agent " + agentPath + " event stream: " + result.problemOption().orElseThrow());
                couplingFailed(result.problemOption().orElseThrow());
                catchingUp = true;
                sleep(RETRY_DELAYS.delay(failures++));
                continue;
            }
            failures = 0;
            if (!coupled) { // the Agent answered without events
                coupled = true;
                long now = scheduler.clock().millis();
                await(keeper.transact(state -> Checked.ok(AgentMirror.coupledDecision(agentPath, now))));
            }
            long observed = keeper.state().observedEventId(peerKey);
            // After a reconnection always: a restarted Agent has forgotten what was released before.
            boolean due = AgentMirror.releaseDue(catchingUp, observed, released,
                    Duration.ofNanos(scheduler.nanoTime() - lastRelease), RELEASE_PERIOD);
            catchingUp = false;
            if (due) {
                if (client.command(AgentCommandJson.encode(new AgentCommand.ReleaseEvents(observed))).isOk()) {
                    released = observed;
                    lastRelease = scheduler.nanoTime();
                }
            }
        }
    }

    /**
     * Hands a batch of Agent events (those already received, see {@link EngineClient#readEventBatches}),
     * with the Agent event id of the last, to the keeper as one atomic decision, without waiting for
     * it to be durable: the keeper takes all waiting batches in one round, so they are persisted
     * together (one write, one fsync), and a batch records one {@code AgentEventsObserved} for all its
     * events instead of one per event. At most {@value #MAX_IN_FLIGHT} batches wait at a time; the
     * stream resumes after the last durable one ({@link #awaitMirrored}).
     */
    private boolean mirror(List<JsonNode> jsons) {
        List<Stamped<Event>> batch = new ArrayList<>(jsons.size());
        for (JsonNode json : jsons) {
            Checked<Stamped<Event>> stamped = EventJson.decodeStamped(json);
            if (stamped.isFail()) {
                LOG.warn("Agent " + agentPath + ": cannot read event " + json + ": " + stamped.problemOption().orElseThrow());
                break; // the events before are mirrored; the stream is read again after them
            }
            batch.add(stamped.orThrow());
        }
        if (!batch.isEmpty()) {
            long previous = handedAfter;
            handedAfter = batch.get(batch.size() - 1).eventId();
            Optional<Long> couplingTime = coupled ? Optional.empty() : Optional.of(scheduler.clock().millis());
            coupled = true;
            CompletableFuture<Checked<Boolean>> decided = keeper.transact(state -> Checked.ok(state.observedEventId(peerKey) == previous
                    ? mirrored(state, batch, couplingTime)
                    // An event before was not persisted: these wait for the stream to be read again from there.
                    : Decision.of(List.of(), Boolean.FALSE)));
            decided.whenComplete((result, failure) -> {
                if (failure != null || result.isFail()) {
                    poll.cancel(); // read again now, not when the next event or the poll's end comes
                }
            });
            inFlight.add(decided);
        }
        // Decided ones are looked at now: after a failed persist the stream is read again at once.
        while (inFlight.size() > MAX_IN_FLIGHT || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
            if (!awaitOldest()) {
                return false;
            }
        }
        return batch.size() == jsons.size() && !closed;
    }

    /** On the keeper thread: the mirror's decision; an Agent reset makes the items go out again. */
    private Decision<Boolean> mirrored(EngineState state, List<Stamped<Event>> batch, Optional<Long> couplingTime) {
        AgentMirror.Mirrored mirrored = AgentMirror.mirror(state, agentPath, batch, couplingTime);
        if (mirrored.agentReset()) {
            itemsChanged = true;
        }
        mirrored.skipped().forEach(what -> LOG.warn("Agent " + agentPath + ": " + what));
        return mirrored.decision();
    }

    private boolean awaitOldest() {
        try {
            Checked<Boolean> persisted = inFlight.remove().get();
            if (persisted.isFail()) {
                LOG.warn("Agent " + agentPath + ": mirrored events not persisted: " + persisted.problemOption().orElseThrow());
                notPersisted = true;
                return false;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            LOG.warn("Agent " + agentPath + ": mirrored events not persisted", e);
            notPersisted = true;
            return false;
        }
    }

    /** Waits until every event handed to the keeper is durable (or failed). */
    private void awaitMirrored() {
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    /**
     * {@code AgentCouplingFailed} with the problem, unless the state records this very failure already:
     * a connection tried again and again is journaled once per distinct problem.
     */
    private void couplingFailed(Problem problem) {
        coupled = false;
        long now = scheduler.clock().millis();
        await(keeper.transact(state -> Checked.ok(AgentMirror.couplingFailedDecision(state, agentPath, problem, now))));
    }

    /** Waits for a coupling event to be durable; a failure is logged (the next connection tells again). */
    private void await(CompletableFuture<Checked<Boolean>> future) {
        try {
            future.get().problemOption().ifPresent(p -> LOG.warn("Agent " + agentPath + ": coupling event not persisted: " + p));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("Agent " + agentPath + ": coupling event not persisted", e);
        }
    }

    private void sleep(Duration duration) {
        try {
            scheduler.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        poll.cancel(); // an interrupt does not end a blocked socket read
        commandThread.interrupt();
        eventThread.interrupt();
        client.close();
    }
}
