package io.jobwerk.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.OrderObstacleJson;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.OrderObstacle;
import io.jobwerk.engine.motor.OrderObstacleCalculator;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.Outcome;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.Sessions;
import io.jobwerk.http.event.EventRoute;
import io.jobwerk.http.event.JournalEventFeed;
import io.jobwerk.http.protocol.AgentCommand;
import io.jobwerk.http.protocol.AgentCommandJson;
import io.jobwerk.http.server.Exchanges;
import io.jobwerk.http.server.WebServer;
import io.jobwerk.journal.Journal;
import io.jobwerk.journal.JournalConf;
import io.jobwerk.journal.ProblemException;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineJournalCodec;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.subagent.internal.InternalJobRunner;
import io.jobwerk.subagent.process.JobProcessRunner;
import io.jobwerk.subagent.process.ProcessConf;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RoutingHandler;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Agent Director: runs the orders a Controller attached, on its own, also while no Controller is
 * connected. Its journal holds its state; its event stream ({@code GET /agent/api/event}) is what
 * the Controller mirrors. Job processes run on the integrated Subagent.
 */
public final class AgentDirector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentDirector.class);
    public static final String VERSION = "0.1.0";

    private final AgentConf conf;
    private final Journal<EngineState> journal;
    private final JobProcessRunner runner;
    private final SubagentKeeper subagents;
    private final InternalJobRunner internalRunner;
    private final EngineKeeper keeper;
    private final AgentCommandExecutor commandExecutor;
    private final EventRoute events;
    private final WebServer web;
    private final Instant startedAt;
    private final Clock clock;
    private final FileWatcher fileWatcher = new FileWatcher();

    private AgentDirector(AgentConf conf, Journal<EngineState> journal, Scheduler scheduler) {
        this.conf = conf;
        this.journal = journal;
        this.clock = scheduler.clock();
        this.startedAt = clock.instant();
        MotorEnvironment env = new MotorEnvironment(conf.controllerId(), System.getenv(), conf.defaultSigkillDelay());
        this.runner = new JobProcessRunner(ProcessConf.of(conf.dataDirectory()));
        this.internalRunner = InternalJobRunner.withDefaults();
        this.subagents = new SubagentKeeper(conf.agentPath(), conf.subagentId(), runner, internalRunner, conf.subagentUserId(),
                conf.subagentPassword(), "Agent:" + conf.agentPath() + ":" + journal.journalId(), env, scheduler);
        this.keeper = new EngineKeeper(journal, Placement.agent(conf.agentPath()), env, scheduler, Optional.of(subagents));
        subagents.attach(keeper);
        this.commandExecutor = new AgentCommandExecutor(conf.agentPath());
        markLostProcesses();
        subagents.start(journal.currentState());
        keeper.start();
        announceReady(clock);
        Authentication auth = new Authentication(conf.users(), new Sessions(Duration.ofHours(1), clock), Duration.ofSeconds(1), scheduler);
        this.events = new EventRoute(new JournalEventFeed(journal), EngineJournalCodec.eventLines(journal));
        RoutingHandler routes = new RoutingHandler()
                .get("/agent/api", auth.require(Permission.ValidUser, (ex, user) -> Exchanges.respondJson(ex, 200, overview())))
                .post("/agent/api/session", auth.sessionRoute())
                .post("/agent/api/command", auth.require(Permission.UpdateItem, (ex, user) -> command(ex)))
                .get("/agent/api/event", auth.require(Permission.ValidUser, (ex, user) -> events.handle(ex)))
                .get("/agent/api/snapshot", auth.require(Permission.ValidUser, (ex, user) -> snapshot(ex)))
                .get("/agent/api/order/{orderId}/obstacles", auth.require(Permission.ValidUser, (ex, user) -> obstacles(ex)))
                .post("/agent/api/fileWatch", auth.require(Permission.UpdateItem, (ex, user) -> fileWatch(ex, clock)));
        this.web = WebServer.start(conf.web(), routes, this::close); // when it cannot listen, what was started is closed (web is null yet)
    }

    /**
     * {@code AgentReady} (keyless, the Controller mirrors it keyed by the Agent path) and
     * {@code SubagentCoupled} for the Director's own Subagent, which is coupled while the Director runs.
     */
    private void announceReady(Clock clock) {
        long now = clock.millis();
        List<KeyedEvent<? extends io.jobwerk.engine.event.Event>> events = List.of(
                KeyedEvent.keyless(new SystemEvent.AgentReady(java.time.ZoneId.systemDefault().getId(), Optional.empty())),
                KeyedEvent.of(conf.subagentId(), new SystemEvent.SubagentCoupled()));
        keeper.transact(state -> Checked.ok(Decision.timestamped(events, List.of(Optional.of(now), Optional.of(now)), Boolean.TRUE,
                Optional.empty()))).join().problemOption().ifPresent(p -> LOG.warn("AgentReady not persisted: " + p));
    }

    /** Opens (or creates) the journal, recovers, and starts serving. */
    public static AgentDirector start(AgentConf conf) {
        return start(conf, RealScheduler.instance());
    }

    /** As {@link #start(AgentConf)}, with time and threads from {@code scheduler}. */
    public static AgentDirector start(AgentConf conf, Scheduler scheduler) {
        Clock clock = scheduler.clock();
        JournalConf journalConf = JournalConf.of("Agent:" + conf.agentPath()).withFsync(conf.fsync());
        Checked<Journal<EngineState>> journal = Journal.open(conf.dataDirectory().resolve("journal"), journalConf,
                new EngineJournalCodec(), EngineFolder.agent(), clock);
        if (journal.isFail()) {
            throw new ProblemException(journal.problemOption().orElseThrow().withPrefix("Agent journal"));
        }
        return new AgentDirector(conf, journal.orThrow(), scheduler);
    }

    /**
     * {@code POST /agent/api/fileWatch} with a {@code FileWatch} item: one scan of its directory,
     * {@code {"directory":"/abs","files":["stable-name",…]}} (Jobwerk's own; the Controller polls it).
     */
    private void fileWatch(io.undertow.server.HttpServerExchange exchange, Clock clock) {
        Checked<FileWatcher.Scan> scan = Exchanges.readJson(exchange).flatMap(io.jobwerk.engine.json.ItemJson::decode)
                .flatMap(item -> item instanceof io.jobwerk.engine.item.Item.FileWatch w ? Checked.ok(w)
                        : Checked.<io.jobwerk.engine.item.Item.FileWatch>fail(io.jobwerk.engine.base.Problem.of("BadRequest", "Expected a FileWatch item")))
                .flatMap(w -> fileWatcher.scan(w, clock.instant()));
        Exchanges.respond(exchange, scan, sc -> {
            var o = io.jobwerk.engine.json.EngineJson.MAPPER.createObjectNode();
            o.put("directory", sc.directory());
            var a = o.putArray("files");
            sc.files().forEach(a::add);
            return o;
        });
    }

    public int port() {
        return web.port();
    }

    /**
     * The first step of a graceful stop: no job starts any more (orders wait with the obstacle
     * {@code NoSubagentAvailable: The Agent is stopping}); running jobs go on and their outcomes are recorded.
     */
    public void stopStartingJobs() {
        subagents.stopStartingJobs();
    }

    /**
     * Jobs running in this Director's processes and JVM (those of remote Subagents run on there): a
     * job counts until its outcome is durable, so a stop after the last one ended loses no outcome.
     */
    public int runningJobCount() {
        long processing = keeper.state().orders().values().stream()
                .filter(o -> o.state() instanceof io.jobwerk.engine.order.OrderState.Processing p && p.subagentId().equals(conf.subagentId()))
                .count();
        return (int) Math.max(processing, subagents.localProcessCount());
    }

    /** Job processes (and internal jobs) running now, whether or not their outcome will be recorded. */
    public int processCount() {
        return subagents.localProcessCount();
    }

    /**
     * SIGTERM to each running job process and its descendants, SIGKILL after the job's sigkill delay;
     * their outcomes are not recorded, so after the restart the steps run again ({@code Disrupted(ProcessLost)}).
     */
    public void terminateJobs() {
        subagents.terminateLocalJobs();
    }

    public EngineKeeper keeper() {
        return keeper;
    }

    /**
     * Processes that ran in the Director's JVM or on its integrated Subagent ended with it: they are
     * lost, and the job restarts (JS7 ProcessLost). A process on a remote Subagent may still run
     * there: its driver takes it over when it couples, or records it as lost then.
     */
    private void markLostProcesses() {
        EngineState state = journal.currentState();
        List<KeyedEvent<OrderEvent>> events = new ArrayList<>();
        for (Order order : state.orders().values()) {
            if (order.state() instanceof OrderState.Processing p && !mayRunOnRemoteSubagent(state, order, p.subagentId())) {
                events.add(KeyedEvent.of(order.id(), new OrderEvent.OrderProcessed(
                        new Outcome.Disrupted(new Outcome.ProcessLost(Optional.empty()), false))));
            }
        }
        if (!events.isEmpty()) {
            LOG.info("Agent " + conf.agentPath() + ": " + events.size() + " processes were lost while the Director was down");
            try {
                journal.persist(events).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Cannot record lost processes: " + e, e);
            }
        }
    }

    private boolean mayRunOnRemoteSubagent(EngineState state, Order order, io.jobwerk.engine.item.SubagentId subagentId) {
        return !subagentId.equals(conf.subagentId()) && state.subagent(subagentId).isOk() && !JobLaunches.isInternalJob(state, order);
    }

    private void command(HttpServerExchange exchange) throws Exception {
        Checked<JsonNode> json = Exchanges.readJson(exchange);
        Checked<AgentCommand> command = json.flatMap(AgentCommandJson::decode);
        if (command.isFail()) {
            Exchanges.respondProblem(exchange, command.problemOption().orElseThrow());
            return;
        }
        if (command.orThrow() instanceof AgentCommand.ReleaseEvents release) {
            journal.release(release.untilEventId());
        }
        if (command.orThrow() instanceof AgentCommand.ResetSubagent reset) {
            Checked<CommandResponse> reply = subagents.resetSubagent(reset.subagentId()).flatMap(lossRecorded -> {
                try {
                    lossRecorded.get(60, TimeUnit.SECONDS);
                    return Checked.ok(CommandResponse.ACCEPTED);
                } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                    return Checked.fail(Problem.of("SubagentResetPending", "Subagent " + reset.subagentId()
                            + ": the loss of its processes is not yet recorded (retried): " + e));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Checked.fail(Problem.of("Interrupted", "Interrupted"));
                }
            });
            Exchanges.respond(exchange, reply, CommandJson::encode);
            return;
        }
        List<Order> processing = new ArrayList<>();
        Checked<CommandResponse> result = keeper.transact(state -> {
            if (command.orThrow() instanceof AgentCommand.Reset) {
                state.orders().values().stream().filter(o -> o.state() instanceof OrderState.Processing).forEach(processing::add);
            }
            return commandExecutor.execute(state, command.orThrow());
        }).get(60, TimeUnit.SECONDS);
        if (result.isOk()) {
            // After the reset is durable: the outcomes of these processes then find no order and are dropped.
            processing.forEach(subagents::forget);
        }
        Exchanges.respond(exchange, result, CommandJson::encode);
    }

    /**
     * {@code GET /agent/api/order/ORDER/obstacles}: why the order does not move on (the core's
     * {@link OrderObstacleCalculator}), and {@code NoSubagentAvailable}, which only the Director knows.
     */
    private void obstacles(HttpServerExchange exchange) {
        Checked<OrderId> orderId = Exchanges.pathParameter(exchange, "orderId").flatMap(OrderId::existing);
        EngineState state = keeper.state();
        if (orderId.isOk() && !state.orders().containsKey(orderId.orThrow())) {
            orderId = Checked.fail(Problem.of("UnknownOrder", "No order " + orderId.orThrow() + " on Agent " + conf.agentPath()));
        }
        Exchanges.respond(exchange, orderId, id -> {
            List<OrderObstacle> list = new ArrayList<>(new OrderObstacleCalculator(state, clock.instant()).obstacles(state.orders().get(id)));
            subagents.obstacle(state, id).ifPresent(list::add);
            return OrderObstacleJson.encode(list);
        });
    }

    /** {@code GET /agent/api/snapshot}: the Agent's state as NDJSON snapshot objects (as the Controller's). */
    private void snapshot(HttpServerExchange exchange) {
        Exchanges.respond(exchange, 200, Exchanges.NDJSON, io.jobwerk.engine.json.EngineStateJson.snapshotNdjson(keeper.state()));
    }

    private ObjectNode overview() {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("id", conf.agentPath().string());
        o.put("version", VERSION);
        o.put("startedAt", startedAt.toEpochMilli());
        o.put("orderCount", journal.currentState().orders().size());
        o.put("processCount", subagents.localProcessCount());
        ObjectNode available = o.putObject("subagents");
        subagents.availability().forEach((id, up) -> available.put(id.string(), up));
        o.put("lastEventId", journal.lastEventId());
        o.put("releasedEventId", journal.releasedEventId());
        o.put("java", System.getProperty("java.version"));
        return o;
    }

    @Override
    public void close() {
        events.close();
        if (web != null) {
            web.close();
        }
        keeper.close();
        // After the keeper: outcomes of the processes killed now are not recorded, so after a restart they are lost (and restarted).
        subagents.close();
        runner.close();
        internalRunner.close();
        journal.close();
    }


}
