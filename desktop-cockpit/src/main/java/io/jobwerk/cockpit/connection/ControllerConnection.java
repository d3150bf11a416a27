package io.jobwerk.cockpit.connection;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.json.EventJson;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.client.EngineClient;
import io.jobwerk.http.client.EventStreamHandle;
import io.jobwerk.scheduler.RealScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A live connection to one Controller. On its own thread it logs in, reads the snapshot
 * ({@code GET /controller/api/snapshot}, headed by its {@code SnapshotEventId}), rebuilds it into an
 * {@link EngineState} by the core, then follows {@code GET /controller/api/event} from exactly there,
 * applying each event with the core's {@link EngineState#applyEvent}. The states reach the UI thread
 * through an {@link UpdateCoalescer}, batched. Any failure (connection lost, an event that does not
 * apply, events released) starts over with a new snapshot after the back-off of its
 * {@link ConnectionLifecycle}, so it reconnects by itself (a refused login waits for {@link #retryNow});
 * every change of its {@link ConnectionState} is told on the UI thread.
 * Commands go out on a thread of their own.
 */
public final class ControllerConnection implements ControllerReads, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ControllerConnection.class.getName());
    private static final Duration POLL = Duration.ofSeconds(20);
    private static final int MAX_BATCH = 2000;

    private final ConnectionConf conf;
    private EngineClient client; // made on first use (guarded by this): not on the UI thread, which constructs the connection
    private boolean clientClosed; // guarded by this
    private final UiThread ui;
    private final UpdateCoalescer updates;
    private final Consumer<ConnectionState> onState;
    private final Consumer<UserPermissions> onPermissions;
    private final Clock clock;
    private final ExecutorService commands;
    private final ExecutorService reads;
    private final Thread reader;
    private volatile boolean closed;
    // The event stream's poll under way: close cancels it, as an interrupt does not end a blocked socket read
    private volatile EventStreamHandle poll = new EventStreamHandle();
    private final ConnectionLifecycle lifecycle; // owned by the reader thread
    private final Object pause = new Object();
    private boolean retryRequested; // guarded by pause

    public ControllerConnection(ConnectionConf conf, UiThread ui, Consumer<LiveUpdate> onUpdate,
                                Consumer<ConnectionState> onState, Clock clock) {
        this(conf, ui, onUpdate, onState, p -> { }, clock);
    }

    /** @param onPermissions told on the UI thread the user's permissions, read on each connect ({@code GET …/session}) */
    public ControllerConnection(ConnectionConf conf, UiThread ui, Consumer<LiveUpdate> onUpdate,
                                Consumer<ConnectionState> onState, Consumer<UserPermissions> onPermissions, Clock clock) {
        this.conf = conf;
        this.onPermissions = onPermissions;
        this.ui = ui;
        this.updates = new UpdateCoalescer(ui, onUpdate);
        this.onState = onState;
        this.clock = clock;
        this.lifecycle = new ConnectionLifecycle(clock.instant());
        this.commands = RealScheduler.instance().pool("cockpit-commands " + conf.name(), 1);
        this.reads = RealScheduler.instance().pool("cockpit-reads " + conf.name(), 2);
        this.reader = RealScheduler.instance().newThread("cockpit-events " + conf.name(), this::run);
    }

    public ConnectionConf conf() {
        return conf;
    }

    public ControllerConnection start() {
        reader.start();
        return this;
    }

    /** How often the UI thread was handed updates (the benchmark checks it stays far below the events). */
    public long uiHandOvers() {
        return updates.handOvers();
    }

    /** Sends a command; completes (on the command thread) with the Controller's response or its problem. */
    public CompletableFuture<Checked<CommandResponse>> execute(Command command) {
        return CompletableFuture.supplyAsync(
                () -> client().command(CommandJson.encode(command)).flatMap(CommandJson::decodeResponse), commands);
    }

    /** Changes items ({@code POST apiUri/item}) on the command thread, e.g. a Subagent enabled or disabled. */
    public CompletableFuture<Checked<Boolean>> postItems(List<io.jobwerk.engine.item.ItemOperation> operations) {
        return CompletableFuture.supplyAsync(() -> client().postNdjson("/item",
                io.jobwerk.engine.json.ItemOperationJson.encodeNdjson(operations)).map(ok -> true), commands);
    }

    /** {@code GET apiUri/segments…?query} on a reading thread (not the commands'), e.g. a page of the history. */
    @Override
    public CompletableFuture<Checked<JsonNode>> get(List<String> pathSegments, java.util.Map<String, String> query) {
        return CompletableFuture.supplyAsync(() -> client().get(pathSegments, query), reads);
    }

    /** {@code GET apiUri/segments…} of a text with its headers (an order's log), on a reading thread: a big log must not hold up commands. */
    @Override
    public CompletableFuture<Checked<EngineClient.TextAnswer>> getText(List<String> pathSegments) {
        return CompletableFuture.supplyAsync(() -> client().getTextAnswer(pathSegments), reads);
    }

    /** {@code GET apiUri/segments…} on the command thread, e.g. an order's obstacles as the Controller sees them. */
    public CompletableFuture<Checked<JsonNode>> get(List<String> pathSegments) {
        return CompletableFuture.supplyAsync(() -> client().get(pathSegments), commands);
    }

    private void run() {
        while (!closed) {
            tell(lifecycle.attempting(clock.instant()));
            Problem problem = follow();
            if (closed) {
                break;
            }
            ConnectionState failed = lifecycle.failed(problem, clock.instant());
            tell(failed);
            LOG.log(Level.FINE, () -> conf.name() + ": " + problem);
            pauseUntil(failed.retryAt());
        }
        tell(lifecycle.closed(clock.instant()));
    }

    /** Waits until {@code at} or, with none (login refused), until {@link #retryNow} or {@link #close}. */
    private void pauseUntil(Optional<Instant> at) {
        synchronized (pause) {
            while (!closed && !retryRequested) {
                long millis = at.map(t -> Duration.between(clock.instant(), t).toMillis()).orElse(Long.MAX_VALUE);
                if (millis <= 0) {
                    break;
                }
                try {
                    pause.wait(Math.min(millis, 60_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    closed = true;
                }
            }
            retryRequested = false;
        }
    }

    /** Tries again now instead of after the back-off (or after a refused login: the operator asks). */
    public void retryNow() {
        synchronized (pause) {
            retryRequested = true;
            pause.notifyAll();
        }
    }

    /** One session: snapshot, then events until something fails; returns why it ended. */
    private Problem follow() {
        // A Controller without the route (older) or any other failure leaves them unknown: nothing is
        // disabled then, and the Controller still checks each command; a lost connection fails the snapshot next.
        UserPermissions permissions = client().get(List.of("session")).map(UserPermissions::fromJson)
                .toOptional().orElseGet(() -> UserPermissions.unknown(conf.userId()));
        ui.execute(() -> onPermissions.accept(permissions));
        Checked<List<JsonNode>> objects = client().getNdjson("/snapshot");
        if (objects.isFail()) {
            return objects.problemOption().orElseThrow();
        }
        Optional<Long> snapshotEventId = EngineStateJson.snapshotEventId(objects.orThrow());
        if (snapshotEventId.isEmpty()) {
            return Problem.of("NoSnapshotEventId", conf.apiUri() + "/snapshot does not say which event it is at (a Controller of an older version?)");
        }
        Checked<EngineState> snapshot = EngineStateJson.fromSnapshotObjects(objects.orThrow());
        if (snapshot.isFail()) {
            return snapshot.problemOption().orElseThrow();
        }
        EngineState[] state = {snapshot.orThrow()};
        long[] eventId = {snapshotEventId.get()};
        updates.publish(new LiveUpdate(state[0], eventId[0], true, Set.of(), true, List.of()));
        tell(lifecycle.connected(clock.instant()));
        Problem[] failed = {null};
        while (!closed && failed[0] == null) {
            EventStreamHandle handle = new EventStreamHandle();
            poll = handle;
            if (closed) { // checked after publishing the handle: close either cancels it or is seen here
                handle.cancel();
            }
            Checked<Long> read = client().readEventBatches(eventId[0], POLL, MAX_BATCH, handle, batch -> {
                Checked<LiveUpdate> applied = apply(state[0], batch);
                if (applied.isFail()) {
                    failed[0] = applied.problemOption().orElseThrow();
                    return false;
                }
                LiveUpdate update = applied.orThrow();
                state[0] = update.state();
                eventId[0] = update.eventId();
                updates.publish(update);
                return !closed;
            });
            if (read.isFail() && failed[0] == null) {
                failed[0] = read.problemOption().orElseThrow();
            }
        }
        return failed[0] != null ? failed[0] : Problem.of("Closed", "closed");
    }

    /** The batch's events applied to {@code state} by the core; a problem names the event that did not apply. */
    static Checked<LiveUpdate> apply(EngineState state, List<JsonNode> batch) {
        EngineState s = state;
        long eventId = 0;
        Set<OrderId> changed = new HashSet<>();
        List<OrderOutput> output = new ArrayList<>();
        List<OrderEventLine> orderEvents = new ArrayList<>();
        boolean itemsChanged = false;
        for (JsonNode json : batch) {
            Checked<Stamped<Event>> decoded = EventJson.decodeStamped(json);
            if (decoded.isFail()) {
                return Checked.fail(decoded.problemOption().orElseThrow().withPrefix("Event " + json.path("eventId").asText()));
            }
            Stamped<Event> stamped = decoded.orThrow();
            EngineState before = s;
            Checked<EngineState> next = s.applyEvent(stamped.keyedEvent(), stamped.timestampMillis().map(Instant::ofEpochMilli));
            if (next.isFail()) {
                return Checked.fail(next.problemOption().orElseThrow().withPrefix("Event " + stamped.eventId() + " does not apply"));
            }
            s = next.orThrow();
            eventId = stamped.eventId();
            Event event = stamped.keyedEvent().event();
            if (event instanceof OrderEvent orderEvent) {
                OrderId orderId = new OrderId(stamped.keyedEvent().key().orElseThrow());
                changed.add(orderId);
                if (orderEvent instanceof OrderEvent.OrderStdoutWritten w) {
                    output.add(new OrderOutput(orderId, OrderOutput.Kind.STDOUT, w.chunk(), eventId));
                } else if (orderEvent instanceof OrderEvent.OrderStderrWritten w) {
                    output.add(new OrderOutput(orderId, OrderOutput.Kind.STDERR, w.chunk(), eventId));
                } else if (orderEvent instanceof OrderEvent.OrderProcessingStarted || orderEvent instanceof OrderEvent.OrderProcessed) {
                    Instant at = stamped.timestampMillis().map(Instant::ofEpochMilli).orElse(Instant.EPOCH);
                    StepLines.of(before, orderId, orderEvent, at, eventId).ifPresent(output::add);
                }
                if (!(orderEvent instanceof OrderEvent.OrderStdoutWritten || orderEvent instanceof OrderEvent.OrderStderrWritten)) {
                    orderEvents.add(eventLine(orderId, eventId, stamped, json));
                }
            } else if (!(event instanceof SystemEvent.AgentEventsObserved || event instanceof SystemEvent.SubagentEventsObserved)) {
                itemsChanged = true;
            }
        }
        return Checked.ok(new LiveUpdate(s, eventId, false, changed, itemsChanged, output, orderEvents));
    }

    private static final java.util.Set<String> FRAME_FIELDS = java.util.Set.of("eventId", "timestamp", "Key", "TYPE");

    private static OrderEventLine eventLine(OrderId orderId, long eventId, Stamped<Event> stamped, JsonNode json) {
        StringBuilder fields = new StringBuilder();
        json.fields().forEachRemaining(f -> {
            if (!FRAME_FIELDS.contains(f.getKey())) {
                fields.append(fields.length() == 0 ? "" : ", ").append(f.getKey()).append('=').append(f.getValue());
            }
        });
        return new OrderEventLine(orderId, eventId, stamped.timestampMillis().map(Instant::ofEpochMilli).orElse(Instant.EPOCH),
                json.path("TYPE").asText(stamped.keyedEvent().event().getClass().getSimpleName()), fields.toString());
    }

    private void tell(ConnectionState state) {
        ui.execute(() -> onState.accept(state));
    }

    @Override
    public void close() {
        closed = true;
        poll.cancel();
        reader.interrupt();
        commands.shutdownNow();
        reads.shutdownNow();
        closeClient();
    }

    /**
     * The HTTP client, made by the first thread that needs it (the connection's, to log in): making it
     * loads OkHttp and reads the JDK's trust store, ~15 % of the UI thread's CPU before the first frame
     * when the UI thread made it. After {@link #close} a closed one, whose requests fail.
     */
    private synchronized EngineClient client() {
        if (client == null) {
            client = new EngineClient(conf.apiUri(), conf.userId(), conf.password());
            if (clientClosed) {
                client.close();
            }
        }
        return client;
    }

    private synchronized void closeClient() {
        clientClosed = true;
        if (client != null) {
            client.close();
        }
    }
}
