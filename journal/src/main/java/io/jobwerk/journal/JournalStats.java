package io.jobwerk.journal;

/**
 * Counters since the journal was opened, for tests, benchmarks and metrics.
 *
 * @param fsyncs calls of {@code FileChannel.force} on segment files
 * @param fsyncNanos time spent in those calls
 * @param batches write batches (each ends with one fsync)
 * @param events events written (persisted or replicated)
 * @param checkpoints checkpoints completed
 * @param checkpointEventId the event id the newest checkpoint covers (0: none)
 * @param segments segment files currently kept
 */
public record JournalStats(long fsyncs, long fsyncNanos, long batches, long events, long checkpoints, long checkpointEventId, int segments) {
}
