package io.jobwerk.controller;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.AgentReset;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandExecutor;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.http.protocol.AgentCommand;
import io.jobwerk.engine.command.ItemOperationExecutor;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.AgentPath;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.EngineStateJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.json.OrderObstacleJson;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.OrderObstacleCalculator;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.history.DailyPlanService;
import io.jobwerk.history.EventBrokerService;
import io.jobwerk.history.broker.NatsEventPublisher;
import io.jobwerk.history.HistoryService;
import io.jobwerk.history.web.DailyPlanRoute;
import io.jobwerk.history.web.HistoryRoute;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.Sessions;
import io.jobwerk.http.auth.UserAccount;
import io.jobwerk.http.event.EventRoute;
import io.jobwerk.http.event.JournalEventFeed;
import io.jobwerk.http.protocol.PathSegment;
import io.jobwerk.http.server.Exchanges;
import io.jobwerk.http.server.WebServer;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.JournalConf;
import io.jobwerk.journal.ProblemException;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineJournalCodec;
import io.jobwerk.runtime.EngineKeeper;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.undertow.util.Headers;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A Controller: holds deployed workflows and items and the orders, decides what runs where,
 * attaches orders to Agents and mirrors their events, and serves the JS7 engine API under
 * {@code /controller/api}.
 */
public final class Controller implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Controller.class);

    public static final String VERSION = "0.1.0";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

    private final ControllerConf conf;
    private final Journal<EngineState> journal;
    private final EngineKeeper keeper;
    private final Clock clock;
    private final EventRoute events;
    private final WebServer web;
    private final Instant startedAt;
    private final Map<AgentPath, AgentDriver> drivers = new ConcurrentHashMap<>();
    private final Map<AgentPath, String> driverUris = new ConcurrentHashMap<>();
    private final Scheduler scheduler;
    private final java.util.concurrent.ExecutorService closer;
    private volatile Runnable shutdownHook = () -> { };
    private final FileWatchDriver fileWatches;
    private final HistoryService history;
    private final DailyPlanService dailyPlan;
    private final ControllerMetrics metrics;
    private final Optional<EventBrokerService> eventBroker;

    private Controller(ControllerConf conf, Journal<EngineState> journal, Scheduler scheduler) {
        this.conf = conf;
        this.journal = journal;
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
        this.startedAt = clock.instant();
        this.closer = scheduler.pool("agent-driver-closer", 1);
        MotorEnvironment env = new MotorEnvironment(conf.controllerId(), Map.of(), Duration.ofSeconds(15));
        this.keeper = new EngineKeeper(journal, Placement.CONTROLLER, env, scheduler, Optional.empty());
        keeper.addListener(this::committed);
        this.metrics = new ControllerMetrics(journal.currentState(), journal::lastEventId, keeper::state);
        keeper.addListener(metrics);
        keeper.start();
        this.history = HistoryService.start(conf.historyConf(), new JournalHistorySource(journal),
                id -> journal.currentState().workflow(id).toOptional(), clock);
        this.eventBroker = conf.eventBroker().map(broker -> EventBrokerService.start(history, new NatsEventPublisher(broker)));
        this.dailyPlan = DailyPlanService.start(history, conf.dailyPlanConf(), new DailyPlanService.Engine() {
            @Override public EngineState state() { return journal.currentState(); }
            @Override public Checked<CommandResponse> execute(Command command) throws Exception { return keeperExecute(command); }
        }, clock);
        syncDrivers(journal.currentState());
        this.fileWatches = new FileWatchDriver(keeper, scheduler, conf.agentUserId(), conf.agentPassword()).start(Duration.ofSeconds(1));
        Authentication auth = new Authentication(conf.users(), new Sessions(Duration.ofHours(1), clock), Duration.ofSeconds(1), scheduler);
        this.events = new EventRoute(new JournalEventFeed(journal), EngineJournalCodec.eventLines(journal));
        RoutingHandler routes = new RoutingHandler()
                .get("/controller/api", auth.require(Permission.ValidUser, (ex, u) -> Exchanges.respondJson(ex, 200, overview())))
                .post("/controller/api/session", auth.sessionRoute())
                .post("/controller/api/command", auth.require(Permission.ValidUser, this::command))
                .post("/controller/api/order", auth.require(Permission.ControlOrder, (ex, u) -> addOrders(ex)))
                .post("/controller/api/item", auth.require(Permission.UpdateItem, (ex, u) -> deploy(ex)))
                .get("/controller/api/event", auth.require(Permission.ValidUser, (ex, u) -> events.handle(ex)))
                .get("/controller/api/snapshot", auth.require(Permission.ValidUser, (ex, u) -> snapshot(ex)))
                .get("/controller/api/order/{orderId}", auth.require(Permission.ValidUser, (ex, u) -> order(ex)))
                .get("/controller/api/order/{orderId}/obstacles", auth.require(Permission.ValidUser, (ex, u) -> obstacles(ex)))
                .get("/metrics", auth.require(Permission.ReadMetrics, (ex, u) -> metrics(ex)));
        new HistoryRoute(history).addTo(routes, auth);
        new DailyPlanRoute(dailyPlan).addTo(routes, auth);
        this.web = WebServer.start(conf.web(), routes, this::close); // when it cannot listen, what was started is closed (web is null yet)
    }

    public static Controller start(ControllerConf conf) {
        return start(conf, RealScheduler.instance());
    }

    /** As {@link #start(ControllerConf)}, with time and threads from {@code scheduler}. */
    public static Controller start(ControllerConf conf, Scheduler scheduler) {
        Clock clock = scheduler.clock();
        JournalConf journalConf = JournalConf.of("Controller:" + conf.controllerId()).withFsync(conf.fsync());
        Checked<Journal<EngineState>> journal = Journal.open(conf.dataDirectory().resolve("journal"), journalConf,
                new EngineJournalCodec(), EngineFolder.controller(), clock);
        if (journal.isFail()) {
            throw new ProblemException(journal.problemOption().orElseThrow().withPrefix("Controller journal"));
        }
        return new Controller(conf, journal.orThrow(), scheduler);
    }

    public int port() {
        return web.port();
    }

    public EngineKeeper keeper() {
        return keeper;
    }

    /** The Agents this Controller has a driver for (every AgentRef whose director is deployed). */
    public java.util.Set<AgentPath> agentsWithDriver() {
        return java.util.Set.copyOf(drivers.keySet());
    }

    /** What {@code ShutDown} runs (the process's main stops the servers). */
    public void onShutDown(Runnable hook) {
        this.shutdownHook = hook;
    }

    /** Deploys items as the item route does; for set-up code (e.g. the standalone Agent). */
    public Checked<Boolean> deploy(List<ItemOperation> operations) {
        Optional<Problem> unsigned = unsignedRefused(operations);
        if (unsigned.isPresent()) {
            return Checked.fail(unsigned.get());
        }
        try {
            return keeper.transact(state -> ItemOperationExecutor.execute(state, operations,
                            signed -> conf.signatures().verify(signed).flatMap(ItemJson::decodeSignedWorkflow))
                    .map(events -> Decision.of(events, Boolean.TRUE))).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            return Checked.fail(Problem.of("ServiceUnavailable", "Deployment did not complete: " + e));
        }
    }

    /** With signatures required, an unsigned workflow is refused, naming it and its place in the request. */
    private Optional<Problem> unsignedRefused(List<ItemOperation> operations) {
        if (conf.signatures().acceptsUnsigned()) {
            return Optional.empty();
        }
        for (int i = 0; i < operations.size(); i++) {
            if (operations.get(i) instanceof ItemOperation.AddOrChangeSimple simple
                    && simple.deployable() instanceof ItemOperation.Deployable.UnsignedWorkflow workflow) {
                return Optional.of(Problem.of("UnsignedItemRefused", "Workflow " + workflow.workflow().id().path()
                        + " (operation " + (i + 1) + ") is not signed: this Controller accepts only workflows signed by a trusted key",
                        Map.of("operation", Integer.toString(i + 1))));
            }
        }
        return Optional.empty();
    }

    // ---- reacting to committed events ----

    private void committed(List<Stamped<? extends Event>> events, EngineState state) {
        boolean itemsChanged = false;
        for (Stamped<? extends Event> s : events) {
            Event e = s.keyedEvent().event();
            if (e instanceof ItemEvent) {
                itemsChanged = true;
                if (e instanceof ItemEvent.ItemDeleted deleted && !deleted.key().startsWith("Workflow:")) {
                    drivers.values().forEach(d -> d.detach(deleted.key()));
                }
            } else if (e instanceof OrderEvent && s.keyedEvent().key().isPresent()) {
                Order order = state.orders().get(new OrderId(s.keyedEvent().key().get()));
                if (order != null && order.attachedState().isPresent()) {
                    AgentDriver driver = drivers.get(order.attachedState().get().agentPath());
                    if (driver != null && e instanceof OrderEvent.OrderTransferred) {
                        driver.transferred(order.id());
                    } else if (driver != null && needsAgent((OrderEvent) e)) {
                        driver.touch(order.id());
                    }
                }
            }
        }
        if (itemsChanged) {
            syncDrivers(state);
            drivers.values().forEach(AgentDriver::itemsChanged);
        }
    }

    /** Events after which the Agent must hear from the Controller: attach, detach, a mark. */
    private static boolean needsAgent(OrderEvent e) {
        return switch (e.kind()) {
            // ATTACHED: a mark set while the order was still attaching goes out once the Agent has it
            case ATTACHABLE, ATTACHED, DETACHABLE, CANCELLATION_MARKED, SUSPENSION_MARKED, RESUMPTION_MARKED, GO_MARKED -> true;
            default -> false;
        };
    }

    /**
     * One driver per AgentRef whose director is known, replaced when the director's URI changes and
     * closed when the AgentRef is deleted. Called on the keeper's thread (a commit listener): a
     * driver closes on {@link #closer}, since closing its client waits for its connections.
     */
    private synchronized void syncDrivers(EngineState state) {
        for (AgentPath path : List.copyOf(drivers.keySet())) {
            if (state.agentRef(path).isFail()) {
                LOG.info("Agent " + path + " deleted: its driver stops");
                AgentDriver old = drivers.remove(path);
                driverUris.remove(path);
                closer.execute(old::close);
            }
        }
        for (Item item : state.items().values()) {
            if (item instanceof Item.AgentRef agent) {
                Optional<Item.SubagentItem> director = state.subagent(agent.directors().get(0)).toOptional();
                if (director.isEmpty()) {
                    continue;
                }
                String uri = director.get().uri();
                if (!uri.equals(driverUris.get(agent.path()))) {
                    AgentDriver old = drivers.remove(agent.path());
                    if (old != null) {
                        closer.execute(old::close);
                    }
                    drivers.put(agent.path(), new AgentDriver(agent.path(), uri, keeper, conf.agentUserId(), conf.agentPassword(), scheduler).start());
                    driverUris.put(agent.path(), uri);
                }
            }
        }
    }

    // ---- routes ----

    private void command(HttpServerExchange exchange, UserAccount user) throws Exception {
        Checked<Command> command = Exchanges.readJson(exchange).flatMap(CommandJson::decode);
        if (command.isFail()) {
            Exchanges.respondProblem(exchange, command.problemOption().orElseThrow());
            return;
        }
        Command c = command.orThrow();
        Optional<Permission> missing = CommandPermissions.missing(user, c);
        if (missing.isPresent()) {
            Exchanges.respondProblem(exchange, Authentication.forbidden(user, missing.get()).withPrefix(c.typeName()));
            return;
        }
        if (c.kind() == Command.Kind.SHUT_DOWN || c.kind() == Command.Kind.EMERGENCY_STOP) {
            Exchanges.respondJson(exchange, 200, CommandJson.encode(CommandResponse.ACCEPTED));
            Thread t = scheduler.newThread("controller-shutdown", shutdownHook);
            t.start();
            return;
        }
        Exchanges.respond(exchange, execute(c), r -> CommandJson.encode(r));
    }

    /**
     * Executes a command other than a lone {@code ShutDown}: server commands here, the others by the
     * keeper. A {@code Batch} holding server commands runs in order, each command answered in its
     * place of the {@code BatchResponse} (as JS7): the engine commands between server commands go to
     * the keeper together, and a server command is carried out once those before it are committed.
     * {@code ShutDown} and {@code EmergencyStop} are refused inside a Batch ({@code NotInBatch}): the
     * Controller would stop before it answered the Batch.
     */
    private Checked<CommandResponse> execute(Command command) throws Exception {
        return switch (command.kind()) {
            case TAKE_SNAPSHOT -> takeSnapshot();
            case RELEASE_EVENTS -> releaseEvents((Command.ReleaseEvents) command);
            case RESET_AGENT -> resetAgent((Command.ResetAgent) command);
            case RESET_SUBAGENT -> resetSubagent((Command.ResetSubagent) command);
            case SHUT_DOWN, EMERGENCY_STOP -> Checked.fail(Problem.of("NotInBatch", command.typeName() + " must be sent alone, not inside a Batch",
                    Map.of("command", command.typeName())));
            case BATCH -> CommandExecutor.isCarriedOutByServer(command) ? executeBatch((Command.Batch) command) : keeperExecute(command);
            case CREATE_DAILY_PLAN, SUBMIT_DAILY_PLAN, CANCEL_DAILY_PLAN, DELETE_DAILY_PLAN ->
                    dailyPlan.execute((Command.DailyPlanCommand) command);
            case ADD_ORDER, ADD_ORDERS, CANCEL_ORDERS, SUSPEND_ORDERS, RESUME_ORDER, RESUME_ORDERS, GO_ORDER, ANSWER_ORDER_PROMPT,
                    DELETE_ORDERS_WHEN_TERMINATED, CHANGE_ORDER, TRANSFER_ORDERS, POST_NOTICE, DELETE_NOTICE, CONTROL_WORKFLOW_PATH,
                    CONTROL_WORKFLOW, NO_OPERATION -> keeperExecute(command);
        };
    }

    private Checked<CommandResponse> executeBatch(Command.Batch batch) throws Exception {
        List<Checked<CommandResponse>> responses = new ArrayList<>();
        List<Command> forKeeper = new ArrayList<>();
        for (Command command : batch.commands()) {
            if (CommandExecutor.isCarriedOutByServer(command)) {
                executeTogether(forKeeper, responses);
                responses.add(execute(command));
            } else {
                forKeeper.add(command);
            }
        }
        executeTogether(forKeeper, responses);
        return Checked.ok(new CommandResponse.BatchResponse(responses));
    }

    /** Executes {@code commands} as one Batch of the keeper, adds their responses and clears the list. */
    private void executeTogether(List<Command> commands, List<Checked<CommandResponse>> responses) throws Exception {
        if (commands.isEmpty()) {
            return;
        }
        Checked<CommandResponse> response = keeperExecute(new Command.Batch(commands));
        if (response.isOk()) {
            responses.addAll(((CommandResponse.BatchResponse) response.orThrow()).responses());
        } else {
            commands.forEach(c -> responses.add(response));
        }
        commands.clear();
    }

    private Checked<CommandResponse> keeperExecute(Command command) throws Exception {
        return keeper.execute(command).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * {@code ReleaseEvents}: the journal may delete the events up to {@code untilEventId}, but never
     * one the history has not stored (JS7 deletes only what every registered reader released): the
     * command waits up to 10 s for the history to store them, then releases what it has stored.
     */
    private Checked<CommandResponse> releaseEvents(Command.ReleaseEvents command) throws InterruptedException {
        long until = Math.min(command.untilEventId(), journal.lastEventId());
        history.awaitStored(until, Duration.ofSeconds(10));
        journal.release(Math.min(until, history.storedEventId()));
        return Checked.ok(CommandResponse.ACCEPTED);
    }

    /** The history service: order and task history, job logs. */
    public HistoryService history() {
        return history;
    }

    /** {@code TakeSnapshot}: a checkpoint of the journal, written when this answers. */
    private Checked<CommandResponse> takeSnapshot() throws Exception {
        try {
            journal.checkpoint().get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return Checked.ok(CommandResponse.ACCEPTED);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof ProblemException p) {
                return Checked.fail(p.problem());
            }
            throw e;
        }
    }

    /**
     * {@code ResetAgent}: the Agent is told to reset (kill its processes, forget its orders, workflows
     * and items); its {@code AgentReset} event, mirrored, takes the orders back, and the motor attaches
     * them anew. With {@code force}, an Agent that cannot be told is reset in the Controller's view
     * alone: its orders come back at once (the Agent must then start on empty data, as in JS7).
     */
    private Checked<CommandResponse> resetAgent(Command.ResetAgent command) throws Exception {
        AgentDriver driver = drivers.get(command.agentPath());
        if (driver == null) {
            return keeper.state().agentRef(command.agentPath()).flatMap(a -> Checked.fail(Problem.of("AgentNotCoupled",
                    "Agent '" + command.agentPath() + "' has no Director to reset", Map.of("agentPath", command.agentPath().string()))));
        }
        Checked<JsonNode> told = driver.reset();
        if (told.isOk()) {
            return Checked.ok(CommandResponse.ACCEPTED);
        }
        if (!command.force()) {
            return Checked.fail(told.problemOption().orElseThrow().withPrefix("Agent '" + command.agentPath()
                    + "' cannot be reset (force resets the Controller's view alone)"));
        }
        return keeper.transact(state -> Checked.ok(Decision.of(AgentReset.orderEvents(state, command.agentPath()), (CommandResponse) CommandResponse.ACCEPTED)))
                .get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * {@code ResetSubagent}: forwarded to the Director of the Subagent's Agent, which records the
     * processes running there as lost (their jobs restart) and dedicates the Subagent anew. A problem
     * when the Subagent is unknown or its Agent cannot be told.
     */
    private Checked<CommandResponse> resetSubagent(Command.ResetSubagent command) {
        return keeper.state().subagent(command.subagentId()).flatMap(item -> {
            AgentDriver driver = drivers.get(item.agentPath());
            if (driver == null) {
                return Checked.fail(Problem.of("AgentNotCoupled", "Agent '" + item.agentPath() + "' of Subagent "
                        + command.subagentId() + " has no Director", Map.of("agentPath", item.agentPath().string())));
            }
            return driver.commandOnce(new AgentCommand.ResetSubagent(command.subagentId(), command.force()))
                    .map(json -> CommandResponse.ACCEPTED);
        });
    }

    /** {@code POST /controller/api/order}: one FreshOrder (201; 409 if the id exists), a JSON array or NDJSON. */
    private void addOrders(HttpServerExchange exchange) throws Exception {
        Checked<String> body = Exchanges.readBody(exchange);
        if (body.isFail()) {
            Exchanges.respondProblem(exchange, body.problemOption().orElseThrow());
            return;
        }
        String text = body.orThrow().strip();
        List<JsonNode> nodes = new ArrayList<>();
        Checked<JsonNode> single = EngineJson.parse(text);
        if (single.isOk() && single.orThrow().isObject()) {
            nodes.add(single.orThrow());
        } else if (single.isOk() && single.orThrow().isArray()) {
            single.orThrow().forEach(nodes::add);
        } else {
            int line = 0;
            for (String l : text.split("\n")) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                Checked<JsonNode> json = EngineJson.parse(l);
                if (json.isFail()) {
                    Exchanges.respondProblem(exchange, json.problemOption().orElseThrow().withPrefix("Line " + line));
                    return;
                }
                nodes.add(json.orThrow());
            }
        }
        List<FreshOrder> orders = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            Checked<FreshOrder> order = CommandJson.decodeFreshOrder(nodes.get(i));
            if (order.isFail()) {
                Problem p = order.problemOption().orElseThrow();
                Exchanges.respondProblem(exchange, nodes.size() == 1 ? p : p.withPrefix("Order " + (i + 1)));
                return;
            }
            orders.add(order.orThrow());
        }
        boolean isSingle = single.isOk() && single.orThrow().isObject();
        Command command = isSingle ? new Command.AddOrder(orders.get(0)) : new Command.AddOrders(orders);
        Checked<CommandResponse> response = keeper.execute(command).get(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (response.isFail()) {
            Exchanges.respondProblem(exchange, response.problemOption().orElseThrow());
        } else if (response.orThrow() instanceof CommandResponse.AddOrderResponse r && r.ignoredBecauseDuplicate()) {
            Exchanges.respondProblem(exchange, Problem.of("DuplicateOrder", "Order '" + orders.get(0).id() + "' already exists"));
        } else if (isSingle) {
            exchange.getResponseHeaders().put(Headers.LOCATION, "/controller/api/order/" + PathSegment.encode(orders.get(0).id().string()));
            Exchanges.respondJson(exchange, 201, EngineJson.MAPPER.createObjectNode());
        } else {
            Exchanges.respondJson(exchange, 200, CommandJson.encode(CommandResponse.ACCEPTED));
        }
    }

    /** {@code POST /controller/api/item}: an NDJSON stream of item operations, all or nothing. */
    private void deploy(HttpServerExchange exchange) {
        Checked<List<ItemOperation>> operations = Exchanges.readBody(exchange).flatMap(ItemOperationJson::decodeNdjson);
        if (operations.isFail()) {
            Exchanges.respondProblem(exchange, operations.problemOption().orElseThrow());
            return;
        }
        Checked<Boolean> result = deploy(operations.orThrow());
        Exchanges.respond(exchange, result, ok -> CommandJson.encode(CommandResponse.ACCEPTED));
    }

    /** {@code GET /controller/api/order/ID} (ID percent-encoded as one path segment): the order. */
    private void order(HttpServerExchange exchange) {
        Checked<OrderId> orderId = Exchanges.pathParameter(exchange, "orderId").flatMap(OrderId::existing);
        if (orderId.isFail()) {
            Exchanges.respondProblem(exchange, orderId.problemOption().orElseThrow());
            return;
        }
        Order order = keeper.state().orders().get(orderId.orThrow());
        if (order == null) {
            Exchanges.respondProblem(exchange, Problem.of("UnknownOrder", "Unknown order '" + orderId.orThrow() + "'"));
            return;
        }
        Exchanges.respondJson(exchange, 200, io.jobwerk.engine.json.OrderJson.encode(order));
    }

    /**
     * {@code GET /controller/api/order/ID/obstacles}: why the order does not move on. An order
     * attached to an Agent is asked there (the Agent knows its Subagents and its own job counts);
     * else, or when the Agent cannot answer, the core's {@link OrderObstacleCalculator} on the
     * Controller's state (which knows whether the Agent is coupled).
     */
    private void obstacles(HttpServerExchange exchange) {
        Checked<OrderId> id = Exchanges.pathParameter(exchange, "orderId").flatMap(OrderId::existing);
        EngineState state = keeper.state();
        Order order = id.toOptional().map(i -> state.orders().get(i)).orElse(null);
        if (order == null) {
            Exchanges.respondProblem(exchange, id.isFail() ? id.problemOption().orElseThrow()
                    : Problem.of("UnknownOrder", "Unknown order '" + id.orThrow() + "'"));
            return;
        }
        Optional<AgentDriver> driver = order.attachedState()
                .filter(a -> a instanceof io.jobwerk.engine.order.AttachedState.Attached)
                .map(a -> drivers.get(a.agentPath()));
        Optional<JsonNode> fromAgent = driver.flatMap(d -> d.obstacles(order.id()).toOptional());
        if (fromAgent.isPresent()) {
            Exchanges.respondJson(exchange, 200, fromAgent.get());
        } else {
            Exchanges.respondJson(exchange, 200, OrderObstacleJson.encode(
                    new OrderObstacleCalculator(state, clock.instant()).obstacles(order)));
        }
    }

    private void snapshot(HttpServerExchange exchange) {
        var at = keeper.journal().currentStateAt();
        Exchanges.respond(exchange, 200, Exchanges.NDJSON, EngineStateJson.snapshotNdjson(at.state(), at.eventId()));
    }

    private ObjectNode overview() {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("id", conf.controllerId());
        o.put("version", VERSION);
        o.put("startedAt", startedAt.toEpochMilli());
        o.put("orderCount", keeper.state().orders().size());
        var agents = o.putArray("agents"); // those with a driver
        drivers.keySet().stream().map(AgentPath::string).sorted().forEach(agents::add);
        o.put("lastEventId", journal.lastEventId());
        o.put("journalId", journal.journalId());
        o.put("historyEventId", history.storedEventId());
        eventBroker.ifPresent(broker -> o.put("publishedEventId", broker.publishedEventId()));
        o.put("java", System.getProperty("java.version"));
        return o;
    }

    private void metrics(HttpServerExchange exchange) {
        Exchanges.respond(exchange, 200, ControllerMetrics.CONTENT_TYPE, metrics.text());
    }

    @Override
    public void close() {
        fileWatches.close();
        events.close(); // else the web server waits for every event long-poll to end
        if (web != null) {
            web.close();
        }
        drivers.values().forEach(AgentDriver::close);
        closer.shutdown();
        keeper.close();
        dailyPlan.close();
        eventBroker.ifPresent(EventBrokerService::close);
        history.close();
        journal.close();
    }

}
