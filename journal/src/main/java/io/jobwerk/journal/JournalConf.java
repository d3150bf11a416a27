package io.jobwerk.journal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Configuration of a {@link Journal}.
 *
 * @param nodeId the cluster node owning the journal (e.g. {@code "Primary"}); opening a journal
 *               written by another node fails
 * @param journalId for a new journal, its id (a standby takes the active node's id); for an existing
 *                  journal, the id it must have. Empty: a new journal gets a random UUID and any id is accepted
 * @param segmentBytes a new segment file is started once the current one reaches this size
 * @param checkpointEvents a checkpoint into MapDB is taken after this many events ...
 * @param checkpointInterval ... or after this much time with at least one event, whichever comes first
 * @param maxBatchEvents at most this many events are written per fsync
 * @param memoryEvents the most recent events kept in memory to serve {@link Journal#read} without file access
 * @param checkpointOnClose whether {@link Journal#close()} takes a final checkpoint (faster next start)
 * @param fsync false only for tests and benchmarks that measure everything but the disk
 */
public record JournalConf(
        String nodeId,
        Optional<String> journalId,
        long segmentBytes,
        long checkpointEvents,
        Duration checkpointInterval,
        int maxBatchEvents,
        int memoryEvents,
        boolean checkpointOnClose,
        boolean fsync) {

    public JournalConf {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(journalId, "journalId");
        Objects.requireNonNull(checkpointInterval, "checkpointInterval");
        if (nodeId.isBlank() || segmentBytes < 1024 || checkpointEvents < 1 || maxBatchEvents < 1 || memoryEvents < 0) {
            throw new IllegalArgumentException("Invalid JournalConf: nodeId must not be blank, segmentBytes >= 1024, "
                    + "checkpointEvents >= 1, maxBatchEvents >= 1, memoryEvents >= 0");
        }
    }

    /**
     * Defaults: 64 MiB segments, a checkpoint every 200,000 events or 10 minutes, 10,000 events
     * per fsync, 10,000 events in memory, checkpoint on close, fsync on. A checkpoint costs CPU in
     * proportion to the state (about 0.6 s for 100,000 orders here) and recovery replays at most
     * {@code checkpointEvents} events (0.2-1 s per 200,000 test events here, depending on the load).
     */
    public static JournalConf of(String nodeId) {
        return new JournalConf(nodeId, Optional.empty(), 64L << 20, 200_000, Duration.ofMinutes(10),
                10_000, 10_000, true, true);
    }

    public JournalConf withJournalId(String id) {
        return new JournalConf(nodeId, Optional.of(id), segmentBytes, checkpointEvents, checkpointInterval,
                maxBatchEvents, memoryEvents, checkpointOnClose, fsync);
    }

    public JournalConf withSegmentBytes(long bytes) {
        return new JournalConf(nodeId, journalId, bytes, checkpointEvents, checkpointInterval,
                maxBatchEvents, memoryEvents, checkpointOnClose, fsync);
    }

    public JournalConf withCheckpoint(long events, Duration interval) {
        return new JournalConf(nodeId, journalId, segmentBytes, events, interval,
                maxBatchEvents, memoryEvents, checkpointOnClose, fsync);
    }

    public JournalConf withMemoryEvents(int events) {
        return new JournalConf(nodeId, journalId, segmentBytes, checkpointEvents, checkpointInterval,
                maxBatchEvents, events, checkpointOnClose, fsync);
    }

    public JournalConf withCheckpointOnClose(boolean on) {
        return new JournalConf(nodeId, journalId, segmentBytes, checkpointEvents, checkpointInterval,
                maxBatchEvents, memoryEvents, on, fsync);
    }

    public JournalConf withFsync(boolean on) {
        return new JournalConf(nodeId, journalId, segmentBytes, checkpointEvents, checkpointInterval,
                maxBatchEvents, memoryEvents, checkpointOnClose, on);
    }
}
