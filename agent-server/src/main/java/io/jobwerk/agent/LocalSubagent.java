package io.jobwerk.agent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.Outcome;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.runtime.ProcessStarter;
import io.jobwerk.subagent.internal.InternalJobRunner;
import io.jobwerk.subagent.internal.InternalLaunch;
import io.jobwerk.subagent.process.JobLaunch;
import io.jobwerk.subagent.process.JobProcessRunner;
import io.jobwerk.subagent.process.OutputSink;
import io.jobwerk.subagent.process.RunningProcess;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The Director's integrated Subagent: runs job processes in this JVM's process space, and internal
 * jobs ({@code InternalExecutable}) in this JVM, and reports their output and outcome back to the
 * keeper as order events.
 */
final class LocalSubagent implements ProcessStarter {

    private static final Logger LOG = Logger.getLogger(LocalSubagent.class.getName());

    private final SubagentId subagentId;
    private final String agentPath;
    private final JobProcessRunner runner;
    private final InternalJobRunner internalRunner;
    private final MotorEnvironment env;
    private final Clock clock;
    private final Map<OrderId, RunningProcess> running = new ConcurrentHashMap<>();
    private final AtomicLong taskCounter = new AtomicLong();
    /** Starts processes off the keeper thread; 8 threads overlap fork/exec (more do not start faster here). */
    private final ExecutorService launchers = Executors.newFixedThreadPool(8, r -> {
        Thread t = new Thread(r, "jobwerk-process-launcher");
        t.setDaemon(true);
        return t;
    });
    private volatile EngineKeeper keeper;
    private volatile boolean closed;

    LocalSubagent(SubagentId subagentId, String agentPath, JobProcessRunner runner, InternalJobRunner internalRunner,
                  MotorEnvironment env, Clock clock) {
        this.subagentId = subagentId;
        this.agentPath = agentPath;
        this.runner = runner;
        this.internalRunner = internalRunner;
        this.env = env;
        this.clock = clock;
    }

    void attach(EngineKeeper keeper) {
        this.keeper = keeper;
    }

    SubagentId subagentId() {
        return subagentId;
    }

    int processCount() {
        return running.size();
    }

    @Override
    public Optional<SubagentId> selectSubagent(EngineState state, Order order) {
        Optional<Item.SubagentItem> item = state.subagent(subagentId).toOptional();
        if (item.isPresent() && item.get().disabled()) {
            return Optional.empty();
        }
        return Optional.of(subagentId);
    }

    @Override
    public void start(EngineState state, Order order, SubagentId subagentId) {
        Checked<WorkflowJob> job = state.workflowOf(order).flatMap(w -> w.job(order.position()));
        OrderId orderId = order.id();
        OutputSink sink = new OutputSink() {
            @Override
            public void stdout(String chunk) {
                keeper.emit(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderStdoutWritten(chunk))));
            }

            @Override
            public void stderr(String chunk) {
                keeper.emit(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderStderrWritten(chunk))));
            }
        };
        RunningProcess process;
        if (job.isOk() && job.orThrow().executable() instanceof Executable.Internal) {
            Checked<InternalLaunch> launch = JobLaunches.buildInternal(state, order, clock.instant(), env);
            if (launch.isFail()) {
                processed(orderId, new Outcome.Failed(Optional.of(launch.problemOption().orElseThrow().message()), Map.of()));
                return;
            }
            process = internalRunner.start(launch.orThrow(), sink);
        } else {
            String taskId = "task-" + clock.millis() + "-" + taskCounter.incrementAndGet();
            Checked<JobLaunch> launch = JobLaunches.build(state, order, taskId, clock.instant(), env, agentPath);
            if (launch.isFail()) {
                processed(orderId, new Outcome.Failed(Optional.of(launch.problemOption().orElseThrow().message()), Map.of()));
                return;
            }
            LaunchingProcess launching = new LaunchingProcess();
            JobLaunch jobLaunch = launch.orThrow();
            launchers.execute(() -> {
                if (!closed) { // else the Director is stopping: the process never starts
                    launching.start(() -> runner.start(jobLaunch, sink));
                    if (closed) {
                        launching.kill(true); // started while killAll ran
                    }
                }
            });
            process = launching;
        }
        running.put(orderId, process);
        process.outcome().whenComplete((outcome, error) -> {
            running.remove(orderId, process);
            processed(orderId, error == null ? outcome
                    : new Outcome.Failed(Optional.of(rootMessage(error)), Map.of()));
        });
    }

    private void processed(OrderId orderId, Outcome outcome) {
        keeper.emit(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderProcessed(outcome)))).thenAccept(r -> {
            if (r.isFail()) {
                LOG.warning("Order " + orderId + ": OrderProcessed not persisted: " + r.problemOption().orElseThrow());
            }
        });
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t instanceof java.util.concurrent.CompletionException) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    @Override
    public void kill(Order order, boolean immediately) {
        RunningProcess process = running.get(order.id());
        if (process != null) {
            process.kill(immediately);
        }
    }

    /** Kills every process (shutdown of the Director without waiting for jobs). */
    void killAll() {
        closed = true;
        launchers.shutdownNow(); // starts not begun are dropped
        try {
            launchers.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.values().forEach(p -> p.kill(true));
    }

    Problem describe() {
        return Problem.of("Subagent", "Subagent " + subagentId + " runs " + running.size() + " processes");
    }
}
