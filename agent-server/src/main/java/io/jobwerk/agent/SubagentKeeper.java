package io.jobwerk.agent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.OrderObstacle;
import io.jobwerk.engine.motor.OrderScope;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.StickySubagentEntry;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.subagent.SubagentMetrics;
import io.jobwerk.engine.subagent.SubagentSelection;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.runtime.CommitListener;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.runtime.ProcessStarter;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.subagent.internal.InternalJobRunner;
import io.jobwerk.subagent.internal.InternalLaunch;
import io.jobwerk.subagent.process.JobLaunch;
import io.jobwerk.subagent.process.JobProcessRunner;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Director's Subagents behind one {@link ProcessStarter}: the integrated {@link LocalSubagent}
 * and a {@link RemoteSubagentDriver} for every other {@code SubagentItem} of this Agent (kept in
 * step with the items as they are attached, changed or deleted).
 *
 * <p>Which Subagent runs a job: inside a {@code StickySubagent} block whose first job has run, the
 * stuck one; else the job's {@code subagentBundleIdExpr}, evaluated in the order's scope (or the
 * sticky block's bundle), names a {@code SubagentBundle} — chosen from by {@link SubagentSelection}
 * over the available members — or a single Subagent; without either, the Director's own Subagent.
 * Lost and disabled Subagents are not available. When none is, the order stays Ready and
 * {@link #obstacle} says why ({@link OrderObstacle.NoSubagentAvailable}).
 *
 * <p>{@code $js7SubagentProcessCount} is the number of orders the Director's state has processing
 * on the Subagent, which includes the starts decided earlier in the same keeper round.
 */
final class SubagentKeeper implements ProcessStarter, CommitListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SubagentKeeper.class);

    private final AgentPath agentPath;
    private final SubagentId directorSubagentId;
    private final JobProcessRunner runner;
    private final InternalJobRunner internalRunner;
    private final String subagentUserId;
    private final String subagentPassword;
    private final String directorRunId;
    private final MotorEnvironment env;
    private final Clock clock;
    private final Map<SubagentId, RemoteSubagentDriver> remotes = new ConcurrentHashMap<>();
    private final SubagentSelection selection = new SubagentSelection(); // keeper thread only
    private final Map<OrderId, OrderObstacle.NoSubagentAvailable> obstacles = new ConcurrentHashMap<>();
    private final AtomicLong taskCounter = new AtomicLong();
    private final Scheduler scheduler;
    private final java.util.concurrent.ExecutorService closer;
    private volatile boolean closed;
    // Set once by attach, before the keeper starts (the keeper needs this starter, the drivers the keeper).
    private volatile EngineKeeper keeper;
    private volatile LocalSubagent local;
    private volatile boolean stopping;

    /**
     * @param directorSubagentId the integrated Subagent, running processes with {@code runner}
     * @param subagentUserId the Director logs in at its remote Subagents with this user and password
     * @param directorRunId the Director's identity at its Subagents, the same across its restarts (from its journal), so they keep its processes
     */
    SubagentKeeper(AgentPath agentPath, SubagentId directorSubagentId, JobProcessRunner runner, InternalJobRunner internalRunner,
                   String subagentUserId, String subagentPassword, String directorRunId, MotorEnvironment env, Scheduler scheduler) {
        this.agentPath = agentPath;
        this.directorSubagentId = directorSubagentId;
        this.runner = runner;
        this.internalRunner = internalRunner;
        this.subagentUserId = subagentUserId;
        this.subagentPassword = subagentPassword;
        this.directorRunId = directorRunId;
        this.env = env;
        this.scheduler = scheduler;
        this.clock = scheduler.clock();
        this.closer = scheduler.pool("subagent-driver-closer", 1);
    }

    /** Connects to the keeper (before it starts). */
    void attach(EngineKeeper keeper) {
        this.keeper = keeper;
        this.local = new LocalSubagent(directorSubagentId, runner, internalRunner, keeper, scheduler);
        keeper.addListener(this);
    }

    /** Starts drivers for the Subagent items of the (recovered) state. */
    void start(EngineState state) {
        reconcile(state);
    }

    int localProcessCount() {
        return local.processCount();
    }

    /** From now on no job starts on any Subagent: orders stay Ready, waiting for a Subagent ("the Agent is stopping"). */
    void stopStartingJobs() {
        stopping = true;
    }

    /** SIGTERM to the job processes of the integrated Subagent (SIGKILL after each job's sigkill delay). */
    void terminateLocalJobs() {
        local.terminateAll();
    }

    /** Why the order waits for a Subagent, if it does. */
    Optional<OrderObstacle.NoSubagentAvailable> obstacle(EngineState state, OrderId orderId) {
        Order order = state.orders().get(orderId);
        if (order == null || !order.isState(OrderState.Kind.READY)) {
            return Optional.empty();
        }
        return Optional.ofNullable(obstacles.get(orderId));
    }

    /** Whether each known Subagent is available now. */
    Map<SubagentId, Boolean> availability() {
        Map<SubagentId, Boolean> map = new LinkedHashMap<>();
        map.put(local.subagentId(), local.isAvailable());
        remotes.forEach((id, d) -> map.put(id, d.isAvailable()));
        return map;
    }

    @Override
    public void committed(List<Stamped<? extends Event>> events, EngineState state) {
        boolean itemsChanged = false;
        for (Stamped<? extends Event> s : events) {
            Event e = s.keyedEvent().event();
            if (e instanceof ItemEvent || e instanceof io.jobwerk.engine.event.SystemEvent.ItemDetached) {
                itemsChanged = true;
            } else if (e instanceof OrderEvent && !obstacles.isEmpty() && s.keyedEvent().key().isPresent()) {
                OrderId id = new OrderId(s.keyedEvent().key().get());
                Order order = state.orders().get(id);
                if (order == null || !order.isState(OrderState.Kind.READY)) {
                    obstacles.remove(id);
                }
            }
        }
        if (itemsChanged) {
            reconcile(state);
        }
    }

    private synchronized void reconcile(EngineState state) {
        if (closed) {
            return;
        }
        Map<SubagentId, Item.SubagentItem> wanted = new HashMap<>();
        for (Item item : state.items().values()) {
            if (item instanceof Item.SubagentItem s && s.agentPath().equals(agentPath) && !s.id().equals(local.subagentId())) {
                wanted.put(s.id(), s);
            }
        }
        remotes.entrySet().removeIf(e -> {
            Item.SubagentItem w = wanted.get(e.getKey());
            if (w == null || !w.uri().equals(e.getValue().item().uri())) {
                // Called on the keeper's thread (a commit listener): closing waits for the driver's connections.
                closer.execute(e.getValue()::close);
                return true;
            }
            return false;
        });
        for (Item.SubagentItem item : wanted.values()) {
            remotes.computeIfAbsent(item.id(), id -> {
                LOG.info("Subagent " + id + " at " + item.uri());
                return new RemoteSubagentDriver(item, subagentUserId, subagentPassword, directorRunId, keeper, local::runsInternal, scheduler).start();
            });
        }
    }

    private Optional<SubagentDriver> driver(SubagentId id) {
        return id.equals(local.subagentId()) ? Optional.of(local) : Optional.ofNullable(remotes.get(id));
    }

    @Override
    public Optional<SubagentId> selectSubagent(EngineState state, Order order) {
        Checked<SubagentId> chosen = choose(state, order);
        if (chosen.isOk()) {
            obstacles.remove(order.id());
            return Optional.of(chosen.orThrow());
        }
        obstacles.put(order.id(), new OrderObstacle.NoSubagentAvailable(chosen.problemOption().orElseThrow().message()));
        return Optional.empty();
    }

    private Checked<SubagentId> choose(EngineState state, Order order) {
        if (stopping) {
            return Checked.fail(Problem.of("NoSubagentAvailable", "The Agent is stopping: no job starts"));
        }
        // As JS7 (recorded: random2-27): a StickySubagent block holds only the jobs of its own Agent.
        Optional<StickySubagentEntry> sticky = order.stickySubagents().isEmpty() ? Optional.empty()
                : Optional.of(order.stickySubagents().get(0)).filter(s -> s.agentPath().equals(agentPath));
        if (sticky.isPresent() && sticky.get().stuckSubagentId().isPresent()) {
            SubagentId stuck = sticky.get().stuckSubagentId().get();
            return isAvailable(state, stuck) ? Checked.ok(stuck)
                    : Checked.fail(Problem.of("NoSubagentAvailable", "The stuck Subagent " + stuck + " is not available"));
        }
        Checked<WorkflowJob> job = state.workflowOf(order).flatMap(w -> w.job(order.position()));
        if (job.isFail()) {
            return Checked.fail(job.problemOption().orElseThrow());
        }
        Optional<Expr> expr = job.orThrow().subagentBundleIdExpr();
        Checked<Optional<String>> name;
        if (expr.isPresent()) {
            name = OrderScope.of(state, order, clock.instant(), env)
                    .flatMap(scope -> expr.get().evaluate(scope))
                    .flatMap(ValueConversions::convertToString).map(Optional::of)
                    .mapProblem(p -> p.withPrefix("subagentBundleIdExpr"));
        } else {
            name = Checked.ok(sticky.flatMap(StickySubagentEntry::subagentBundleId).map(SubagentBundleId::string));
        }
        if (name.isFail()) {
            return Checked.fail(name.problemOption().orElseThrow());
        }
        if (name.orThrow().isEmpty()) {
            SubagentId director = local.subagentId();
            return isAvailable(state, director) ? Checked.ok(director)
                    : Checked.fail(Problem.of("NoSubagentAvailable", "The Director's Subagent " + director + " is not available"));
        }
        String n = name.orThrow().get();
        Optional<Item.SubagentBundle> bundle = SubagentBundleId.checked(n).flatMap(state::subagentBundle).toOptional();
        if (bundle.isPresent()) {
            return chooseFrom(state, bundle.get());
        }
        Optional<SubagentId> single = SubagentId.checked(n).toOptional().filter(id -> state.subagent(id).isOk());
        if (single.isPresent()) {
            return isAvailable(state, single.get()) ? Checked.ok(single.get())
                    : Checked.fail(Problem.of("NoSubagentAvailable", "Subagent " + single.get() + " is not available"));
        }
        return Checked.fail(Problem.of("UnknownSubagentBundle", "No SubagentBundle or Subagent '" + n + "'"));
    }

    private Checked<SubagentId> chooseFrom(EngineState state, Item.SubagentBundle bundle) {
        boolean needsCounts = bundle.subagentToPriority().values().stream().anyMatch(e -> !isNumber(e));
        Map<SubagentId, Integer> counts = needsCounts ? processCounts(state) : Map.of();
        Map<SubagentId, SubagentMetrics> available = new LinkedHashMap<>();
        for (SubagentId id : bundle.subagentToPriority().keySet()) {
            if (driver(id).map(SubagentDriver::isCoupling).orElse(false)) {
                // Choosing now would skip a Subagent that may have the highest priority; its first attempt is short.
                return Checked.fail(Problem.of("NoSubagentAvailable", "SubagentBundle " + bundle.id() + ": Subagent " + id + " is coupling"));
            }
            if (isAvailable(state, id)) {
                available.put(id, driver(id).orElseThrow().metrics().withProcessCount(counts.getOrDefault(id, 0)));
            }
        }
        SubagentSelection.Selected selected = selection.select(bundle, available);
        selected.problems().forEach(p -> LOG.warn(p.toString()));
        return selected.subagentId().map(Checked::ok).orElseGet(() -> Checked.fail(Problem.of("NoSubagentAvailable",
                "SubagentBundle " + bundle.id() + ": no member is available (" + available.size() + " of "
                        + bundle.subagentToPriority().size() + " reachable)")));
    }

    private static boolean isNumber(Expr e) {
        try {
            new BigDecimal(e.source().trim());
            return true;
        } catch (NumberFormatException x) {
            return false;
        }
    }

    private static Map<SubagentId, Integer> processCounts(EngineState state) {
        Map<SubagentId, Integer> counts = new HashMap<>();
        for (Order o : state.orders().values()) {
            if (o.state() instanceof OrderState.Processing p) {
                counts.merge(p.subagentId(), 1, Integer::sum);
            }
        }
        return counts;
    }

    private boolean isAvailable(EngineState state, SubagentId id) {
        Optional<Item.SubagentItem> item = state.subagent(id).toOptional();
        if (item.isPresent() && item.get().disabled()) {
            return false;
        }
        return driver(id).map(SubagentDriver::isAvailable).orElse(false);
    }

    @Override
    public void start(EngineState state, Order order, SubagentId subagentId) {
        Optional<SubagentDriver> driver = driver(subagentId);
        if (driver.isEmpty()) {
            processed(order.id(), new Outcome.Disrupted(new Outcome.ProcessLost(Optional.of(
                    Problem.of("UnknownSubagent", "Subagent " + subagentId + " is not known to the Director"))), false));
            return;
        }
        if (JobLaunches.isInternalJob(state, order)) {
            // Internal jobs run in the Director's JVM, whichever Subagent was selected (JS7 runs them in the Subagent's JVM):
            // their fate is the Director's, not that Subagent's (see docs/architecture.md).
            Checked<InternalLaunch> launch = JobLaunches.buildInternal(state, order, clock.instant(), env);
            if (launch.isFail()) {
                processed(order.id(), new Outcome.Failed(Optional.of(launch.problemOption().orElseThrow().message()), Map.of()));
                return;
            }
            local.startInternal(order.id(), launch.orThrow());
            LOG.atDebug().log(() -> "Order " + order.id() + ": internal job runs in the Director, " + subagentId + " was selected");
            return;
        }
        String taskId = "task-" + clock.millis() + "-" + taskCounter.incrementAndGet();
        Checked<JobLaunch> launch = JobLaunches.build(state, order, taskId, clock.instant(), env, agentPath.string());
        if (launch.isFail()) {
            processed(order.id(), new Outcome.Failed(Optional.of(launch.problemOption().orElseThrow().message()), Map.of()));
            return;
        }
        driver.get().start(order.id(), launch.orThrow());
    }

    private void processed(OrderId orderId, Outcome outcome) {
        OrderProcessedRecording.record(keeper, () -> "Order " + orderId + ": OrderProcessed(" + outcome + ")", orderId, outcome,
                        state -> OrderProcessedRecording.isProcessing(state, orderId))
                .thenAccept(r -> r.problemOption().ifPresent(p -> LOG.warn("Order " + orderId + ": OrderProcessed not persisted: " + p)));
    }

    @Override
    public void kill(Order order, boolean immediately) {
        if (order.state() instanceof OrderState.Processing p) {
            runsOn(order, p).ifPresent(d -> d.kill(order.id(), immediately));
        }
    }

    /** After a reset: the order's process is killed and its output and outcome dropped. */
    void forget(Order order) {
        if (order.state() instanceof OrderState.Processing p) {
            runsOn(order, p).ifPresent(d -> d.forget(order.id()));
        }
    }

    /** Where the order's process runs: an internal job in the Director, whichever Subagent was selected. */
    private Optional<SubagentDriver> runsOn(Order order, OrderState.Processing p) {
        return local.runsInternal(order.id()) ? Optional.of(local) : driver(p.subagentId());
    }

    /**
     * {@code ResetSubagent}: the processes running on the remote Subagent are recorded as lost and it
     * is dedicated anew (see {@link RemoteSubagentDriver#reset}); completes when the loss is durable.
     * The Director's own Subagent is reset with the Agent ({@code ResetAgent}).
     */
    Checked<java.util.concurrent.CompletableFuture<Void>> resetSubagent(SubagentId subagentId) {
        if (subagentId.equals(local.subagentId())) {
            return Checked.fail(Problem.of("SubagentResetNotPossible", "Subagent " + subagentId
                    + " is the Director's own; reset the Agent instead (ResetAgent)"));
        }
        RemoteSubagentDriver driver = remotes.get(subagentId);
        if (driver == null) {
            return Checked.fail(Problem.of("UnknownSubagent", "Subagent " + subagentId + " is not a Subagent of Agent " + agentPath));
        }
        return Checked.ok(driver.reset());
    }

    @Override
    public synchronized void close() {
        closed = true;
        remotes.values().forEach(RemoteSubagentDriver::close);
        remotes.clear();
        closer.shutdown();
        if (local != null) {
            local.close();
        }
    }
}
