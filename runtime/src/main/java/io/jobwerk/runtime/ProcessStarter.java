package io.jobwerk.runtime;

import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import java.util.Optional;

/**
 * Where the keeper's job processes go: the Director's Subagent selection and drivers, or an
 * in-process runner. The keeper persists {@code OrderProcessingStarted} first and calls
 * {@link #start} only once that is durable, so a process never runs without its start recorded.
 */
public interface ProcessStarter {

    /** The Subagent to run the order's job on, or empty when none is available now (the order waits). */
    Optional<SubagentId> selectSubagent(EngineState state, Order order);

    /**
     * Starts the process for an order whose {@code OrderProcessingStarted} is committed. The outcome
     * (and output) comes back through {@link EngineKeeper#emit}. Must not block.
     */
    void start(EngineState state, Order order, SubagentId subagentId);

    /** Kills the order's process, if it runs ({@code immediately}: SIGKILL, else SIGTERM first). */
    void kill(Order order, boolean immediately);
}
