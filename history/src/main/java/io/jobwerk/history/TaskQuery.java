package io.jobwerk.history;

import java.util.Optional;

/**
 * A filter over tasks, newest first (by {@code startedAt}). {@code orderId} matches the order's
 * own tasks and, for a top-level order, those of its fork children.
 */
public record TaskQuery(Optional<String> orderId, Optional<String> workflowPath, Optional<String> jobName, Optional<String> agentPath,
                        Optional<Long> from, Optional<Long> to, int limit, int offset) {
}
