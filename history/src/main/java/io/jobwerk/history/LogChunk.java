package io.jobwerk.history;

import java.util.Optional;

/** A piece of a job's output ({@code stream} 'O' for stdout, 'E' for stderr), keyed by its event's id. */
public record LogChunk(long eventId, OrderKey main, Optional<Long> taskId, char stream, String chunk) {
}
