package io.jobwerk.runtime;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandExecutor;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.motor.JobQueue;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.Placement;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.journal.Journal;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running engine of a Controller or Agent Director: its {@link EngineState} in a {@link Journal},
 * and the order motor that moves orders on.
 *
 * <p>One keeper thread makes every decision, so decisions never race: it takes all waiting requests
 * (commands, events from outside such as process outcomes), decides each on the state as advanced by
 * the previous ones, lets the motor move the orders touched (and those whose wait is over), starts
 * job processes the {@link JobQueue} allows, and persists the whole round as one journal batch
 * (one fsync for all). Requests complete when their events are durable; the state advances only then.
 * The decisions are {@link KeeperRound}'s (no threads, clock or journal); the keeper persists the
 * round and dispatches what it says: processes to start and kill, the next wake time.
 */
public final class EngineKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EngineKeeper.class);
    private static final String JOURNAL_ERROR = "JournalError";
    private static final String ROUND_FAILED = "EngineRoundFailed";

    private record Request<R>(Function<EngineState, Checked<Decision<R>>> decide, CompletableFuture<Checked<R>> future) {}

    private static final Function<EngineState, Checked<Decision<Boolean>>> TOUCH_ALL =
            state -> Checked.ok(Decision.of(List.of(), Boolean.TRUE));

    private final Journal<EngineState> journal;
    private final Clock clock;
    private final Optional<ProcessStarter> processStarter;
    private final List<CommitListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final LinkedBlockingQueue<Request<?>> requests = new LinkedBlockingQueue<>();
    private final KeeperRound round; // keeper thread only: the decisions, and what they remember between rounds
    private final Thread thread;
    private final TaskQueue retryTimer;
    private volatile boolean closed;

    public EngineKeeper(Journal<EngineState> journal, Placement placement, MotorEnvironment env, Scheduler scheduler,
                        Optional<ProcessStarter> processStarter) {
        this.journal = journal;
        this.clock = scheduler.clock();
        this.processStarter = processStarter;
        this.round = new KeeperRound(journal.folder(), placement, env, processStarter.map(p -> p::selectSubagent));
        this.thread = scheduler.newThread("jobwerk-keeper", this::run);
        this.retryTimer = scheduler.queue("jobwerk-keeper-retry");
    }

    /** Starts the keeper thread: every order of the recovered state is looked at once. */
    public EngineKeeper start() {
        thread.start();
        // Recovered orders: move those that can move, schedule the waiting ones.
        transact(TOUCH_ALL);
        return this;
    }

    public void addListener(CommitListener listener) {
        listeners.add(listener);
    }

    /** The state as committed. */
    public EngineState state() {
        return journal.currentState();
    }

    public Journal<EngineState> journal() {
        return journal;
    }

    /**
     * Decides on the current state (on the keeper thread) and persists the events; completes with
     * the decision's result once durable, or with the decision's problem (nothing persisted).
     */
    public <R> CompletableFuture<Checked<R>> transact(Function<EngineState, Checked<Decision<R>>> decide) {
        CompletableFuture<Checked<R>> future = new CompletableFuture<>();
        if (closed) {
            future.complete(Checked.fail(Problem.of("ServiceUnavailable", "The engine is shutting down")));
            return future;
        }
        requests.add(new Request<>(decide, future));
        return future;
    }

    /** Executes a Controller command with the engine's command executors. */
    public CompletableFuture<Checked<CommandResponse>> execute(Command command) {
        return transact(state -> CommandExecutor.execute(state, command, clock.instant())
                .map(r -> Decision.of(r.events(), r.response())));
    }

    /** Persists events that happened outside (a process ended, an Agent's events to mirror). */
    public CompletableFuture<Checked<Boolean>> emit(List<? extends KeyedEvent<? extends Event>> events) {
        return transact(state -> Checked.ok(Decision.of(events, Boolean.TRUE)));
    }

    /**
     * As {@link #transact}, for a fact that must not be lost (a process's outcome, a lost Subagent):
     * while its events cannot be persisted (the journal failed, or the round failed), the failure
     * is logged with {@code what} (made only then) and the decision is made again on the then current state, after
     * 0.1 s, doubling up to 5 s, until it is durable, the decision itself fails (its problem is the
     * result, e.g. the order has moved on), or the keeper closes.
     */
    public <R> CompletableFuture<Checked<R>> transactRetrying(Supplier<String> what, Function<EngineState, Checked<Decision<R>>> decide) {
        CompletableFuture<Checked<R>> result = new CompletableFuture<>();
        transactRetrying(what, decide, result, 100);
        return result;
    }

    private <R> void transactRetrying(Supplier<String> what, Function<EngineState, Checked<Decision<R>>> decide,
                                      CompletableFuture<Checked<R>> result, long delayMillis) {
        transact(decide).whenComplete((checked, error) -> {
            Optional<Problem> problem = error != null ? Optional.of(Problem.of(ROUND_FAILED, String.valueOf(error)))
                    : checked.problemOption();
            if (problem.isEmpty() || !isPersistFailure(problem.get()) || closed) {
                result.complete(error != null ? Checked.fail(problem.orElseThrow()) : checked);
                return;
            }
            LOG.warn(what.get() + ": not persisted, trying again in " + delayMillis + " ms: " + problem.get());
            retryTimer.schedule(java.time.Duration.ofMillis(delayMillis),
                    () -> transactRetrying(what, decide, result, Math.min(5000, delayMillis * 2)));
        });
    }

    /** A failure to persist (worth trying again), not a decision's problem. */
    public static boolean isPersistFailure(Problem problem) {
        return problem.code().equals(JOURNAL_ERROR) || problem.code().equals(ROUND_FAILED);
    }

    private void run() {
        while (!closed) {
            List<Request<?>> batch = new ArrayList<>();
            try {
                Request<?> first = requests.poll(millisUntilNextWake(), TimeUnit.MILLISECONDS);
                if (first != null) {
                    batch.add(first);
                    requests.drainTo(batch, 10_000);
                }
                runRound(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failAll(batch, Problem.of("ServiceUnavailable", "The engine is shutting down"));
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("Engine keeper round failed", e);
                round.roundFailed(clock.instant());
                // Callers must not wait for ever; a request already answered keeps its answer.
                failAll(batch, Problem.of(ROUND_FAILED, "Internal error in the engine: " + e));
            }
        }
    }

    private static void failAll(List<Request<?>> batch, Problem problem) {
        for (Request<?> request : batch) {
            completeWith(request, problem);
        }
    }

    private long millisUntilNextWake() {
        return round.nextWake().map(wake -> Math.max(1, Math.min(wake.toEpochMilli() - clock.millis(), 1000))).orElse(1000L);
    }

    /** One round: decided by {@link KeeperRound}, persisted as one batch, then dispatched. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void runRound(List<Request<?>> batch) throws InterruptedException {
        Instant now = clock.instant();
        EngineState base = journal.currentState();
        List<KeeperRound.Request> requests = new ArrayList<>(batch.size());
        for (Request<?> request : batch) {
            requests.add(new KeeperRound.Request((Function) request.decide(), (Object) request.decide() == TOUCH_ALL));
        }
        KeeperRound.Plan plan = round.decide(base, requests, now);
        List<Runnable> completions = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Request<?> request = batch.get(i);
            Checked<Decision<?>> result = plan.results().get(i);
            if (result.isFail()) {
                completeWith(request, result.problemOption().orElseThrow());
            } else {
                Object answer = result.orThrow().result();
                completions.add(() -> completeOk(request, answer));
            }
        }
        if (plan.events().isEmpty()) {
            completions.forEach(Runnable::run);
            round.nothingMoved(plan);
            return;
        }
        try {
            List<Stamped<Event>> stamped = persist(plan.events(), plan.timestamps(), base, plan.state());
            completions.forEach(Runnable::run);
            EngineState committed = journal.currentState();
            List<Stamped<? extends Event>> committedEvents = new ArrayList<>(stamped);
            for (CommitListener l : listeners) {
                try {
                    l.committed(committedEvents, committed);
                } catch (RuntimeException e) {
                    LOG.warn("Commit listener failed", e);
                }
            }
            KeeperRound.Dispatch dispatch = round.committed(plan, committedEvents, committed);
            processStarter.ifPresent(starter -> {
                dispatch.starts().forEach(start -> starter.start(committed, start.order(), start.subagentId()));
                dispatch.kills().forEach(kill -> starter.kill(kill.order(), kill.immediately()));
            });
        } catch (ExecutionException e) {
            Problem problem = Problem.of(JOURNAL_ERROR, "Events could not be persisted: " + e.getCause().getMessage());
            LOG.error(problem.message(), e.getCause());
            round.persistFailed(journal.currentState(), now);
            for (Request<?> request : batch) {
                completeWith(request, problem);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Stamped<Event>> persist(List<KeyedEvent<? extends Event>> events, List<Optional<Long>> timestamps,
                                         EngineState base, EngineState folded)
            throws InterruptedException, ExecutionException {
        List<KeyedEvent<Event>> list = (List) events;
        // the round folded its events with the journal's folder: the journal need not apply them again
        return journal.persistFolded(list, timestamps, base, folded).get();
    }

    @SuppressWarnings("unchecked")
    private static <R> void completeOk(Request<R> request, Object result) {
        request.future().complete(Checked.ok((R) result));
    }

    private static <R> void completeWith(Request<R> request, Problem problem) {
        request.future().complete(Checked.fail(problem));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Request<?> r; (r = requests.poll()) != null; ) {
            completeWith(r, Problem.of("ServiceUnavailable", "The engine is shutting down"));
        }
        retryTimer.closeNow().forEach(Runnable::run); // each retry, answered now that the keeper is closed
    }
}
