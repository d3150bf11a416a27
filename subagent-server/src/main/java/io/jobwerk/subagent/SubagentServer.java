package io.jobwerk.subagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.http.auth.Sessions;
import io.jobwerk.http.event.EventRoute;
import io.jobwerk.http.event.MemoryEventFeed;
import io.jobwerk.http.server.WebServer;
import io.jobwerk.subagent.web.CommandRoute;
import io.jobwerk.subagent.web.DirectorContact;
import io.jobwerk.subagent.web.OverviewRoute;
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
import java.util.UUID;

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

    public static final String VERSION = "0.1.0";

    private final SubagentConf conf;
    private final String runId = UUID.randomUUID().toString();
    private final Instant startedAt;
    private final MemoryEventFeed feed;
    private final JobProcessRunner runner;
    private final OrderProcesses processes;
    private final SubagentCommandExecutor commands;
    private final TaskQueue watchTimer;
    private final EventRoute events;
    private final WebServer web;

    private SubagentServer(SubagentConf conf, Scheduler scheduler) {
        Clock clock = scheduler.clock();
        this.conf = conf;
        this.startedAt = clock.instant();
        this.feed = new MemoryEventFeed(conf.eventCapacity(), clock, 0);
        this.runner = new JobProcessRunner(ProcessConf.of(conf.dataDirectory()));
        this.processes = new OrderProcesses(runner, feed);
        this.commands = new SubagentCommandExecutor(conf, runId, feed, processes, scheduler);
        this.watchTimer = scheduler.queue("jobwerk-director-watch");
        Duration tick = Duration.ofMillis(Math.max(10, Math.min(1000, conf.directorTimeout().toMillis() / 10)));
        watchTimer.scheduleWithFixedDelay(tick, tick, commands::watchDirector);
        Authentication auth = new Authentication(conf.users(), new Sessions(Duration.ofHours(1), clock), Duration.ofSeconds(1), scheduler);
        this.events = new EventRoute(feed, s -> EngineJson.print(ProcessEventJson.encode(s)));
        DirectorContact contact = commands::contact;
        RoutingHandler routes = new RoutingHandler();
        new OverviewRoute(this::overview, contact).addTo(routes, auth);
        routes.post("/subagent/api/session", auth.sessionRoute());
        new CommandRoute(commands::execute).addTo(routes, auth);
        routes.get("/subagent/api/event", auth.require(Permission.AgentDirector, contact.counting((ex, user) -> events.handle(ex))));
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
     * The jobs a graceful stop waits for: those running, and those ended whose outcome
     * ({@code OrderProcessed}) the Director has not released yet. It releases what it has persisted;
     * a Subagent that stopped before would take the outcome with it, and the Director would count the
     * process as lost and start the job again.
     */
    public int unreportedJobCount() {
        return processes.size() + feed.countKept(e -> e.keyedEvent().event() instanceof ProcessEvent p
                && p.orderEvent() instanceof OrderEvent.OrderProcessed);
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
