package io.jobwerk.history;

import java.util.Optional;

/**
 * A filter over top-level orders' entries, newest first (by {@code startedAt}).
 *
 * @param from only entries started at or after (epoch ms)
 * @param to   only entries started before (epoch ms)
 */
public record OrderQuery(Optional<String> workflowPath, Optional<String> state, Optional<Long> from, Optional<Long> to,
                         int limit, int offset) {
}
