package io.jobwerk.subagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.Sessions;
import io.jobwerk.http.event.EventRoute;
import io.jobwerk.http.event.MemoryEventFeed;
import io.jobwerk.http.server.Exchanges;
import io.jobwerk.http.server.WebServer;
import io.jobwerk.subagent.process.JobProcessRunner;
import io.jobwerk.subagent.process.ProcessConf;
import io.jobwerk.subagent.process.SystemMetrics;
import io.undertow.server.RoutingHandler;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Subagent: runs job processes for its Agent Director, which calls it (never the reverse).
 *
 * <ul>
 *   <li>{@code GET /subagent/api}: overview {@code {version, runId, startedAt, processCount, lastEventId,
 *       directorTimeout, cpuLoad, freeMemorySize, totalMemorySize, committedVirtualMemorySize}}</li>
 *   <li>{@code POST /subagent/api/session}: JS7 Login/Logout</li>
 *   <li>{@code POST /subagent/api/command}: a {@link SubagentCommand} as {@link SubagentCommandJson}
 *       (this and the event stream need the permission {@code AgentDirector}, the overview a valid user)</li>
 *   <li>{@code GET /subagent/api/event?after=…}: NDJSON of {@code OrderStdoutWritten},
 *       {@code OrderStderrWritten}, {@code OrderProcessed} keyed by order id, with the
 *       {@code taskId} of the process ({@link ProcessEventJson}), kept in memory (no journal)
 *       until the Director releases them</li>
 * </ul>
 *
 * <p>Without a request of its Director for {@link SubagentConf#directorTimeout()} (the event
 * stream's long-poll is a request), the Subagent kills all its processes: the Director will have
 * recorded them as lost and started the jobs elsewhere, so they must not run on. Likewise a
 * {@code CoupleDirector} of a new Director run kills the processes of the earlier run, and is
 * answered only once they have ended.
 */
public final class SubagentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubagentServer.class);
    public static final String VERSION = "0.1.0";
    // Covers the usual sigkill delay (JS7: 15 s) and the SIGKILL after it.
    private static final Duration COUPLING_KILL_TIMEOUT = Duration.ofSeconds(20);

    private final SubagentConf conf;
    private final String runId = UUID.randomUUID().toString();
    private final Instant startedAt;
    private final MemoryEventFeed feed;
    private final JobProcessRunner runner;
    private final OrderProcesses processes;
    private final DirectorWatch directorWatch;
    private final Scheduler scheduler;
    private final TaskQueue watchTimer;
    private final EventRoute events;
    private final WebServer web;
    private String directorRunId; // guarded by this
    private String dedicatedTo; // guarded by this: the Agent of the coupled Director, if it said

    private SubagentServer(SubagentConf conf, Scheduler scheduler) {
        Clock clock = scheduler.clock();
        this.conf = conf;
        this.scheduler = scheduler;
        this.startedAt = clock.instant();
        this.feed = new MemoryEventFeed(conf.eventCapacity(), clock, 0);
        this.runner = new JobProcessRunner(ProcessConf.of(conf.dataDirectory()));
        this.processes = new OrderProcesses(runner, feed);
        this.directorWatch = new DirectorWatch(conf.directorTimeout());
        this.watchTimer = scheduler.queue("jobwerk-director-watch");
        Duration tick = Duration.ofMillis(Math.max(10, Math.min(1000, conf.directorTimeout().toMillis() / 10)));
        watchTimer.scheduleWithFixedDelay(tick, tick, this::watchDirector);
        Authentication auth = new Authentication(conf.users(), new Sessions(Duration.ofHours(1), clock), Duration.ofSeconds(1), scheduler);
        this.events = new EventRoute(feed, s -> EngineJson.print(ProcessEventJson.encode(s)));
        RoutingHandler routes = new RoutingHandler()
                .get("/subagent/api", auth.require(Permission.ValidUser, contact((ex, user) -> Exchanges.respondJson(ex, 200, overview()))))
                .post("/subagent/api/session", auth.sessionRoute())
                .post("/subagent/api/command", auth.require(Permission.AgentDirector, (ex, user) -> command(ex)))
                .get("/subagent/api/event", auth.require(Permission.AgentDirector, contact((ex, user) -> events.handle(ex))));
        this.web = WebServer.start(conf.web(), routes, this::close); // when it cannot listen, what was started is closed (web is null yet)
    }

    /** Starts serving. */
    public static SubagentServer start(SubagentConf conf) {
        return start(conf, RealScheduler.instance());
    }

    /** As {@link #start(SubagentConf)}, with time and threads (the director watch's) from {@code scheduler}. */
    public static SubagentServer start(SubagentConf conf, Scheduler scheduler) {
        return new SubagentServer(conf, scheduler);
    }

    public int port() {
        return web.port();
    }

    public String runId() {
        return runId;
    }

    public int processCount() {
        return processes.size();
    }

    /**
     * The first step of a graceful stop: the Director's new processes are refused (it starts them again
     * elsewhere or after the restart, as a lost process); the running ones go on and report.
     */
    public void stopStartingJobs() {
        processes.refuseStarts();
    }

    /** SIGTERM to every job process and its descendants, SIGKILL after each job's sigkill delay. */
    public void terminateJobs() {
        processes.killAll("the Subagent stops");
    }

    /**
     * A request of a user with {@code AgentDirector} (the event stream's long-poll included) is the
     * Director's sign of life; another user watching the overview must not keep the processes alive.
     */
    private Authentication.AuthenticatedHandler contact(Authentication.AuthenticatedHandler handler) {
        return (exchange, user) -> {
            if (user.may(Permission.AgentDirector)) {
                directorWatch.contact(scheduler.nanoTime());
            }
            handler.handle(exchange, user);
        };
    }

    private void watchDirector() {
        synchronized (this) { // with the coupling's lock: a coupling either comes first (contact) or finds the processes given up
            if (!directorWatch.lostAt(scheduler.nanoTime())) {
                return;
            }
            // Its processes are given up, not continued: when it couples again it records them as lost (and
            // restarts the jobs) instead of taking over the outcomes of the kills as the jobs' own.
            directorRunId = null;
        }
        int n = processes.killAll("no request of the Director for " + conf.directorTimeout().toMillis() + " ms");
        if (n > 0) {
            LOG.warn("Director lost: killed " + n + " processes");
        }
    }

    /** Every command is the Director's sign of life, but a refused coupling of another Agent's Director. */
    private void command(io.undertow.server.HttpServerExchange exchange) {
        Checked<SubagentCommand> command = Exchanges.readJson(exchange).flatMap(SubagentCommandJson::decode);
        if (command.isFail() || command.orThrow().kind() != SubagentCommand.Kind.COUPLE_DIRECTOR) {
            directorWatch.contact(scheduler.nanoTime());
        }
        if (command.isFail()) {
            Exchanges.respondProblem(exchange, command.problemOption().orElseThrow());
            return;
        }
        ObjectNode accepted = EngineJson.MAPPER.createObjectNode().put("TYPE", "Accepted");
        SubagentCommand c = command.orThrow();
        switch (c.kind()) {
            case COUPLE_DIRECTOR -> {
                var couple = (SubagentCommand.CoupleDirector) c;
                String director = couple.directorRunId();
                String previous;
                synchronized (this) {
                    if (directorRunId != null && dedicatedTo != null && couple.agentPath().isPresent()
                            && !couple.agentPath().get().equals(dedicatedTo)) {
                        // Else the other Agent's coupling would kill this one's processes behind its back
                        Exchanges.respondProblem(exchange, Problem.of("SubagentAlreadyDedicated", "This Subagent serves Agent '"
                                + dedicatedTo + "'; Agent '" + couple.agentPath().get() + "' may have it once that Agent's Director"
                                + " has been silent for the director timeout (" + conf.directorTimeout().toMillis() + " ms) or the Subagent"
                                + " is restarted", Map.of("agentPath", dedicatedTo)));
                        return;
                    }
                    previous = directorRunId;
                    directorRunId = director;
                    dedicatedTo = couple.agentPath().orElse(null);
                    directorWatch.contact(scheduler.nanoTime());
                }
                boolean continued = director.equals(previous);
                // Also after a silence (previous is null then): the kills' outcomes are in the feed before lastEventId is answered
                if (!continued && processes.size() > 0) {
                    // Answer only when they are gone: the new run may start the same jobs right after.
                    if (!processes.killAllAndAwait("a new run of the Director coupled; the previous run gave up its processes",
                            COUPLING_KILL_TIMEOUT)) {
                        LOG.warn("Processes of the previous Director run did not end within " + COUPLING_KILL_TIMEOUT);
                    }
                }
                if (continued) {
                    LOG.info("Director " + director + " coupled again; its " + processes.size() + " processes go on");
                }
                Exchanges.respondJson(exchange, 200, SubagentCommandJson.encode(new SubagentCommand.DirectorCoupled(
                        runId, conf.directorTimeout().toMillis(), feed.lastEventId(), continued, feed.keptAfterEventId(),
                        continued ? processes.unseenTasks(couple.observedEventId()) : Map.of())));
            }
            case START_ORDER_PROCESS -> {
                var start = (SubagentCommand.StartOrderProcess) c;
                if (start.subagentRunId().isPresent() && !start.subagentRunId().get().equals(runId)) {
                    Exchanges.respondProblem(exchange, Problem.of("SubagentRunIdMismatch", "StartOrderProcess " + start.launch().taskId()
                            + " was meant for Subagent run " + start.subagentRunId().get() + "; this is run " + runId));
                    return;
                }
                Exchanges.respond(exchange, processes.start(start.orderId(), start.launch()), state -> SubagentCommandJson.encode(
                        new SubagentCommand.StartOrderProcessResponse(start.launch().taskId(), state)));
            }
            case KILL_PROCESS -> {
                var kill = (SubagentCommand.KillProcess) c;
                processes.kill(kill.orderId(), kill.taskId(), kill.immediately());
                Exchanges.respondJson(exchange, 200, accepted);
            }
            case RELEASE_EVENTS -> {
                feed.release(((SubagentCommand.ReleaseEvents) c).untilEventId());
                Exchanges.respondJson(exchange, 200, accepted);
            }
            case NO_OPERATION -> Exchanges.respondJson(exchange, 200, accepted);
        }
    }

    private JsonNode overview() {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.put("version", VERSION);
        o.put("runId", runId);
        o.put("startedAt", startedAt.toEpochMilli());
        o.put("lastEventId", feed.lastEventId());
        o.put("directorTimeout", conf.directorTimeout().toMillis() / 1000.0);
        SubagentMetricsJson.put(o, SystemMetrics.read(processes.size()));
        o.put("java", System.getProperty("java.version"));
        return o;
    }

    /** Stops serving and kills the processes still running (SIGKILL). */
    @Override
    public void close() {
        events.close();
        if (web != null) {
            web.close();
        }
        watchTimer.closeNow();
        processes.killAll("the Subagent shuts down");
        runner.close();
    }
}
