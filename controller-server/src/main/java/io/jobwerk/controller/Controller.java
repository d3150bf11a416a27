package io.jobwerk.controller;

import io.jobwerk.controller.web.CommandRoute;
import io.jobwerk.controller.web.ItemRoute;
import io.jobwerk.controller.web.MetricsRoute;
import io.jobwerk.controller.web.OrderObstaclesRoute;
import io.jobwerk.controller.web.OrderRoute;
import io.jobwerk.controller.web.OverviewRoute;
import io.jobwerk.controller.web.SessionRoute;
import io.jobwerk.controller.web.SnapshotRoute;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.ProblemException;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.history.DailyPlanService;
import io.jobwerk.history.EventBrokerService;
import io.jobwerk.history.HistoryService;
import io.jobwerk.history.broker.NatsEventPublisher;
import io.jobwerk.history.web.DailyPlanRoute;
import io.jobwerk.history.web.HistoryRoute;
import io.jobwerk.http.auth.Authentication;
import io.jobwerk.http.auth.Sessions;
import io.jobwerk.http.event.EventRoute;
import io.jobwerk.http.event.JournalEventFeed;
import io.jobwerk.http.server.WebServer;
import io.jobwerk.journal.Journal;
import io.jobwerk.runtime.EngineFolder;
import io.jobwerk.runtime.EngineJournalCodec;
import io.jobwerk.runtime.EngineJournals;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.Scheduler;
import io.undertow.server.RoutingHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A Controller: holds deployed workflows and items and the orders, decides what runs where,
 * attaches orders to Agents and mirrors their events, and serves the JS7 engine API under
 * {@code /controller/api}. This class wires the parts: the keeper on the journal, the
 * {@link AgentDrivers}, the history, daily plan and event broker, and the routes of
 * {@code io.jobwerk.controller.web}.
 */
public final class Controller implements AutoCloseable {

    public static final String VERSION = "0.1.0";

    private final ControllerConf conf;
    private final Journal<EngineState> journal;
    private final EngineKeeper keeper;
    private final Scheduler scheduler;
    private final Instant startedAt;
    private final AgentDrivers drivers;
    private final ItemDeployment deployment;
    private final ControllerCommandExecutor commands;
    private final EventRoute events;
    private final WebServer web;
    private volatile Runnable shutdownHook = () -> { };
    private final FileWatchDriver fileWatches;
    private final HistoryService history;
    private final DailyPlanService dailyPlan;
    private final Optional<EventBrokerService> eventBroker;

    private Controller(ControllerConf conf, Journal<EngineState> journal, Scheduler scheduler) {
        this.conf = conf;
        this.journal = journal;
        this.scheduler = scheduler;
        this.startedAt = scheduler.clock().instant();
        MotorEnvironment env = new MotorEnvironment(conf.controllerId(), Map.of(), Duration.ofSeconds(15));
        this.keeper = new EngineKeeper(journal, Placement.CONTROLLER, env, scheduler, Optional.empty());
        this.drivers = new AgentDrivers(keeper, conf, scheduler);
        keeper.addListener(drivers);
        ControllerMetrics metrics = new ControllerMetrics(journal.currentState(), journal::lastEventId, keeper::state);
        keeper.addListener(metrics);
        keeper.start();
        this.deployment = new ItemDeployment(keeper, conf.signatures());
        this.history = HistoryService.open(conf.historyConf(), new JournalHistorySource(journal),
                id -> journal.currentState().workflow(id).toOptional(), scheduler);
        this.eventBroker = conf.eventBroker().map(broker -> EventBrokerService.start(history, new NatsEventPublisher(broker), scheduler));
        this.dailyPlan = DailyPlanService.start(history, conf.dailyPlanConf(), new DailyPlanService.Engine() {
            @Override public EngineState state() { return journal.currentState(); }
            @Override public Checked<CommandResponse> execute(Command command) throws Exception { return commands.keeperExecute(command); }
        }, scheduler);
        this.commands = new ControllerCommandExecutor(keeper, journal, history, dailyPlan, drivers);
        drivers.sync(journal.currentState());
        this.fileWatches = new FileWatchDriver(keeper, scheduler, conf.agentUserId(), conf.agentPassword()).start(Duration.ofSeconds(1));
        Authentication auth = new Authentication(conf.users(), new Sessions(Duration.ofHours(1), scheduler.clock()), Duration.ofSeconds(1), scheduler);
        this.events = new EventRoute(new JournalEventFeed(journal), EngineJournalCodec.eventLines(journal));
        RoutingHandler routes = new RoutingHandler();
        new OverviewRoute(this::overview).addTo(routes, auth);
        routes.post("/controller/api/session", auth.sessionRoute());
        new SessionRoute().addTo(routes, auth);
        new CommandRoute(commands::execute, this::startShutDown).addTo(routes, auth);
        new OrderRoute(keeper).addTo(routes, auth);
        new ItemRoute(deployment::deploy).addTo(routes, auth);
        events.addTo(routes, "/controller/api/event", auth);
        new SnapshotRoute(journal).addTo(routes, auth);
        new OrderObstaclesRoute(keeper, drivers::obstaclesFromAgent, scheduler.clock()).addTo(routes, auth);
        new MetricsRoute(ControllerMetrics.CONTENT_TYPE, metrics::text).addTo(routes, auth);
        new HistoryRoute(history).addTo(routes, auth);
        new DailyPlanRoute(dailyPlan).addTo(routes, auth);
        this.web = WebServer.start(conf.web(), routes, this::close); // when it cannot listen, what was started is closed (web is null yet)
        history.start(); // after the web server: the history's catch-up after a restart does not delay the first answer
    }

    public static Controller start(ControllerConf conf) {
        return start(conf, RealScheduler.instance());
    }

    /** As {@link #start(ControllerConf)}, with time and threads from {@code scheduler}. */
    public static Controller start(ControllerConf conf, Scheduler scheduler) {
        return start(conf, scheduler, EngineJournals.files(conf.dataDirectory().resolve("journal"), conf.fsync()));
    }

    /**
     * As {@link #start(ControllerConf, Scheduler)}, with the journal from {@code journals} (named
     * {@code Controller:ID}) instead of the files in the data directory (which still holds the history).
     */
    public static Controller start(ControllerConf conf, Scheduler scheduler, EngineJournals journals) {
        Checked<Journal<EngineState>> journal = journals.open("Controller:" + conf.controllerId(), EngineFolder.controller(), scheduler);
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
    public Set<AgentPath> agentsWithDriver() {
        return drivers.agentPaths();
    }

    /** What {@code ShutDown} runs (the process's main stops the servers). */
    public void onShutDown(Runnable hook) {
        this.shutdownHook = hook;
    }

    /** Deploys items as the item route does; for set-up code (e.g. the standalone Agent). */
    public Checked<Boolean> deploy(List<ItemOperation> operations) {
        return deployment.deploy(operations);
    }

    /** The history service: order and task history, job logs. */
    public HistoryService history() {
        return history;
    }

    private void startShutDown() {
        scheduler.newThread("controller-shutdown", shutdownHook).start();
    }

    private OverviewRoute.Overview overview() {
        return new OverviewRoute.Overview(conf.controllerId(), VERSION, startedAt, keeper.state().orders().size(),
                drivers.agentPaths().stream().map(AgentPath::string).sorted().toList(), journal.lastEventId(), journal.journalId(),
                history.storedEventId(), eventBroker.map(b -> OptionalLong.of(b.publishedEventId())).orElse(OptionalLong.empty()));
    }

    @Override
    public void close() {
        fileWatches.close();
        events.close(); // else the web server waits for every event long-poll to end
        if (web != null) {
            web.close();
        }
        drivers.close();
        keeper.close();
        dailyPlan.close();
        eventBroker.ifPresent(EventBrokerService::close);
        history.close();
        journal.close();
    }
}
