package io.jobwerk.agent;

import io.jobwerk.agent.filewatch.FileWatcher;
import io.jobwerk.agent.web.CommandRoute;
import io.jobwerk.agent.web.FileWatchRoute;
import io.jobwerk.agent.web.OrderObstaclesRoute;
import io.jobwerk.agent.web.OverviewRoute;
import io.jobwerk.agent.web.SnapshotRoute;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.ProblemException;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.SystemEvent;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.Outcome;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Sessions;
import io.jobwerk.http.event.EventRoute;
import io.jobwerk.http.event.JournalEventFeed;
import io.jobwerk.http.server.WebServer;
import io.jobwerk.journal.Journal;
import io.jobwerk.runtime.Decision;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineJournalCodec;
import io.jobwerk.runtime.EngineJournals;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.subagent.internal.InternalJobRunner;
import io.jobwerk.subagent.process.JobProcessRunner;
import io.jobwerk.subagent.process.ProcessConf;
import io.undertow.server.RoutingHandler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final EventRoute events;
    private final WebServer web;
    private final Instant startedAt;
    private final Clock clock;

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
        markLostProcesses();
        subagents.start(journal.currentState());
        keeper.start();
        announceReady(clock);
        Authentication auth = new Authentication(conf.users(), new Sessions(Duration.ofHours(1), clock), Duration.ofSeconds(1), scheduler);
        this.events = new EventRoute(new JournalEventFeed(journal), EngineJournalCodec.eventLines(journal));
        DirectorCommandExecutor commands = new DirectorCommandExecutor(journal, keeper, subagents, new AgentCommandExecutor(conf.agentPath()));
        RoutingHandler routes = new RoutingHandler();
        new OverviewRoute(this::overview).addTo(routes, auth);
        routes.post("/agent/api/session", auth.sessionRoute());
        new CommandRoute(commands::execute).addTo(routes, auth);
        events.addTo(routes, "/agent/api/event", auth);
        new SnapshotRoute(keeper).addTo(routes, auth);
        new OrderObstaclesRoute(conf.agentPath(), keeper, (state, id) -> subagents.obstacle(state, id).map(o -> o), clock).addTo(routes, auth);
        new FileWatchRoute(new FileWatcher(), clock).addTo(routes, auth);
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
        return start(conf, scheduler, EngineJournals.files(conf.dataDirectory().resolve("journal"), conf.fsync()));
    }

    /**
     * As {@link #start(AgentConf, Scheduler)}, with the journal from {@code journals} (named
     * {@code Agent:PATH}) instead of the files in the data directory (which still holds the job files).
     */
    public static AgentDirector start(AgentConf conf, Scheduler scheduler, EngineJournals journals) {
        Checked<Journal<EngineState>> journal = journals.open("Agent:" + conf.agentPath(), EngineFolder.agent(), scheduler);
        if (journal.isFail()) {
            throw new ProblemException(journal.problemOption().orElseThrow().withPrefix("Agent journal"));
        }
        return new AgentDirector(conf, journal.orThrow(), scheduler);
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

    private OverviewRoute.Overview overview() {
        Map<String, Boolean> subagentsAvailable = new LinkedHashMap<>();
        subagents.availability().forEach((id, up) -> subagentsAvailable.put(id.string(), up));
        return new OverviewRoute.Overview(conf.agentPath().string(), VERSION, startedAt, journal.currentState().orders().size(),
                subagents.localProcessCount(), subagentsAvailable, journal.lastEventId(), journal.releasedEventId());
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
