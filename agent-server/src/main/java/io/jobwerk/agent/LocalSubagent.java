package io.jobwerk.agent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.subagent.SubagentMetrics;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.scheduler.Scheduler;
import io.jobwerk.subagent.internal.InternalJobRunner;
import io.jobwerk.subagent.internal.InternalLaunch;
import io.jobwerk.subagent.process.JobLaunch;
import io.jobwerk.subagent.process.JobProcessRunner;
import io.jobwerk.subagent.process.OutputSink;
import io.jobwerk.subagent.process.RunningProcess;
import io.jobwerk.subagent.process.SystemMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Director's integrated Subagent: runs job processes in this JVM's process space, and internal
 * jobs ({@code InternalExecutable}) in this JVM, and reports their output and outcome straight to the
 * keeper as order events. Always available.
 */
final class LocalSubagent implements SubagentDriver {

    private static final Logger LOG = LoggerFactory.getLogger(LocalSubagent.class);

    private final SubagentId subagentId;
    private final JobProcessRunner runner;
    private final InternalJobRunner internalRunner;
    private final EngineKeeper keeper;
    private final Map<OrderId, RunningProcess> running = new ConcurrentHashMap<>();
    // Orders running an internal job here, whichever Subagent was selected for them.
    private final Set<OrderId> internal = ConcurrentHashMap.newKeySet();
    /** Starts processes off the keeper thread; 8 threads overlap fork/exec (more do not start faster here). */
    private final ExecutorService launchers;
    private volatile boolean closed;
    private volatile boolean terminating;

    LocalSubagent(SubagentId subagentId, JobProcessRunner runner, InternalJobRunner internalRunner, EngineKeeper keeper,
                  Scheduler scheduler) {
        this.subagentId = subagentId;
        this.launchers = scheduler.pool("jobwerk-process-launcher", 8);
        this.runner = runner;
        this.internalRunner = internalRunner;
        this.keeper = keeper;
    }

    @Override
    public SubagentId subagentId() {
        return subagentId;
    }

    @Override
    public boolean isAvailable() {
        return !closed;
    }

    @Override
    public SubagentMetrics metrics() {
        return SystemMetrics.read(running.size());
    }

    int processCount() {
        return running.size();
    }

    @Override
    public void start(OrderId orderId, JobLaunch launch) {
        LaunchingProcess launching = new LaunchingProcess();
        OutputSink sink = sink(orderId, () -> launching);
        track(orderId, launching); // before it can write output
        launchers.execute(() -> {
            if (!closed) { // else the Director is stopping: the process never starts
                launching.start(() -> runner.start(launch, sink));
                if (closed) {
                    launching.kill(true); // started while close() ran
                }
            }
        });
    }

    /** Runs an internal job in this JVM. */
    void startInternal(OrderId orderId, InternalLaunch launch) {
        internal.add(orderId);
        AtomicReference<RunningProcess> self = new AtomicReference<>();
        RunningProcess process = internalRunner.start(launch, sink(orderId, self::get));
        track(orderId, process);
        self.set(process);
    }

    /** Whether the order runs an internal job here now (its selected Subagent may be another). */
    boolean runsInternal(OrderId orderId) {
        return internal.contains(orderId);
    }

    /**
     * Output of the order's current process ({@code self}; until it is known, of the one starting).
     * Late output of a forgotten or earlier process is dropped: a shell whose child a tree kill hit
     * first may still write "Killed" before its own SIGKILL lands, while the order runs its next attempt.
     */
    private OutputSink sink(OrderId orderId, Supplier<RunningProcess> self) {
        return new OutputSink() {
            @Override
            public void stdout(String chunk) {
                if (!isCurrent()) {
                    return;
                }
                keeper.emit(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderStdoutWritten(chunk)))).thenAccept(r -> logLost(orderId, () -> "stdout", r));
            }

            @Override
            public void stderr(String chunk) {
                if (!isCurrent()) {
                    return;
                }
                keeper.emit(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderStderrWritten(chunk)))).thenAccept(r -> logLost(orderId, () -> "stderr", r));
            }

            private boolean isCurrent() {
                RunningProcess process = self.get();
                return process == null || running.get(orderId) == process;
            }
        };
    }

    private void track(OrderId orderId, RunningProcess process) {
        RunningProcess earlier = running.put(orderId, process);
        if (earlier != null) {
            LOG.warn("Order " + orderId + ": a process of an earlier attempt still runs; its outcome will be ignored");
        }
        process.outcome().whenComplete((outcome, error) -> {
            // Only the order's current process reports: an earlier attempt's outcome must not end the next one.
            boolean current = running.remove(orderId, process);
            if (current) {
                internal.remove(orderId);
            }
            if (!current) {  // an earlier attempt's, or a forgotten process
                return;
            }
            if (terminating) { // the Agent stops: as after close(), the step counts as lost and runs again after the restart
                return;
            }
            Outcome o = error == null ? outcome : new Outcome.Failed(Optional.of(rootMessage(error)), Map.of());
            // Internal jobs run here whichever Subagent was selected, so any Subagent counts.
            OrderProcessedRecording.record(keeper, () -> "Order " + orderId + ": OrderProcessed(" + o + ") on Subagent " + subagentId, orderId, o,
                    state -> OrderProcessedRecording.isProcessing(state, orderId))
                    .thenAccept(r -> logLost(orderId, () -> "OrderProcessed(" + o + ")", r));
        });
    }

    /** {@code what} is made only for the log line: a record's toString is slow (String.format in JDK 17). */
    private static void logLost(OrderId orderId, Supplier<String> what, Checked<?> persisted) {
        persisted.problemOption().ifPresent(p -> LOG.warn("Order " + orderId + ": " + what.get() + " not persisted: " + p));
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t instanceof CompletionException) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    @Override
    public void kill(OrderId orderId, boolean immediately) {
        RunningProcess process = running.get(orderId);
        if (process != null) {
            process.kill(immediately);
        }
    }

    @Override
    public void forget(OrderId orderId) {
        RunningProcess process = running.remove(orderId);
        internal.remove(orderId);
        if (process != null) {
            process.kill(true);  // no longer the order's current process: its outcome is not reported
        }
    }

    /**
     * SIGTERM to every job process and its descendants, SIGKILL after the job's sigkill delay, for the
     * Agent's stop: their outcomes are not recorded, as after {@link #close}, so after the restart the
     * steps are {@code Disrupted(ProcessLost)} and run again.
     */
    void terminateAll() {
        terminating = true;
        running.values().forEach(p -> p.kill(false));
    }

    /** Kills every process (shutdown of the Director without waiting for jobs); starts not yet begun are dropped. */
    @Override
    public void close() {
        closed = true;
        launchers.shutdownNow();
        try {
            launchers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        running.values().forEach(p -> p.kill(true));
    }
}
