package io.jobwerk.agent;

import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.SubagentId;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.Outcome;
import io.jobwerk.engine.subagent.SubagentMetrics;
import io.jobwerk.runtime.EngineKeeper;
import io.jobwerk.subagent.process.JobLaunch;
import io.jobwerk.subagent.process.JobProcessRunner;
import io.jobwerk.subagent.process.OutputSink;
import io.jobwerk.subagent.process.RunningProcess;
import io.jobwerk.subagent.process.SystemMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * The Director's integrated Subagent: runs job processes in this JVM's process space and reports
 * their output and outcome straight to the keeper as order events. Always available.
 */
final class LocalSubagent implements SubagentDriver {

    private static final Logger LOG = Logger.getLogger(LocalSubagent.class.getName());

    private final SubagentId subagentId;
    private final JobProcessRunner runner;
    private final EngineKeeper keeper;
    private final Map<OrderId, RunningProcess> running = new ConcurrentHashMap<>();

    LocalSubagent(SubagentId subagentId, JobProcessRunner runner, EngineKeeper keeper) {
        this.subagentId = subagentId;
        this.runner = runner;
        this.keeper = keeper;
    }

    @Override
    public SubagentId subagentId() {
        return subagentId;
    }

    @Override
    public boolean isAvailable() {
        return true;
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
        RunningProcess process = runner.start(launch, new OutputSink() {
            @Override
            public void stdout(String chunk) {
                keeper.emit(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderStdoutWritten(chunk))));
            }

            @Override
            public void stderr(String chunk) {
                keeper.emit(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderStderrWritten(chunk))));
            }
        });
        running.put(orderId, process);
        process.outcome().whenComplete((outcome, error) -> {
            running.remove(orderId, process);
            Outcome o = error == null ? outcome : new Outcome.Failed(Optional.of(rootMessage(error)), Map.of());
            keeper.emit(List.of(KeyedEvent.of(orderId, new OrderEvent.OrderProcessed(o)))).thenAccept(r -> {
                if (r.isFail()) {
                    LOG.warning("Order " + orderId + ": OrderProcessed not persisted: " + r.problemOption().orElseThrow());
                }
            });
        });
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

    /** Kills every process (shutdown of the Director without waiting for jobs). */
    @Override
    public void close() {
        running.values().forEach(p -> p.kill(true));
    }
}
