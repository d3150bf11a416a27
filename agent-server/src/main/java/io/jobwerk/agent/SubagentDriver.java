package io.jobwerk.agent;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.subagent.SubagentMetrics;
import io.jobwerk.subagent.process.JobLaunch;

/**
 * One Subagent as the Director uses it: the integrated one ({@link LocalSubagent}) or a remote one
 * ({@link RemoteSubagentDriver}). A driver reports its processes' output and outcomes to the
 * Director's keeper as order events.
 */
interface SubagentDriver extends AutoCloseable {

    SubagentId subagentId();

    /** Whether a process may be started on it now (reachable and coupled). */
    boolean isAvailable();

    /**
     * Whether the driver is still making its first attempt to reach the Subagent: then it is not
     * yet known whether it is available, and a selection waits rather than skip it.
     */
    default boolean isCoupling() {
        return false;
    }

    /** The latest metrics the Subagent reported; the process count is the Director's to fill in. */
    SubagentMetrics metrics();

    /** Starts the order's process; the order's {@code OrderProcessingStarted} is durable. Must not block. */
    void start(OrderId orderId, JobLaunch launch);

    /** Kills the order's process if it runs here. Must not block. */
    void kill(OrderId orderId, boolean immediately);

    /**
     * Kills the order's process at once, its output and outcome no longer recorded: the Agent was reset
     * and a new order of the same id may come. Must not block. (A remote Subagent's events are recorded
     * only for orders still processing there; the default merely kills.)
     */
    default void forget(OrderId orderId) {
        kill(orderId, true);
    }

    @Override
    void close();
}
