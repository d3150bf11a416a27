package io.jobwerk.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The segment files a journal keeps, oldest first: creates the next one (rotation) and deletes the
 * oldest ones once they are both released by every reader and covered by a checkpoint. Rotation
 * is the writer's; deletion may come from any thread.
 */
final class Segments {
    private static final Logger LOG = LoggerFactory.getLogger(Segments.class);

    private final Path dir;
    private final JournalConf conf;
    private final String journalId;
    private final CopyOnWriteArrayList<Segment> kept;
    private final Object deletionLock = new Object();
    private volatile long releasedUntil;

    /** The recovered segments, at least one. */
    Segments(Path dir, JournalConf conf, String journalId, List<Segment> recovered) {
        if (recovered.isEmpty()) {
            throw new IllegalArgumentException("a journal has at least one segment");
        }
        this.dir = dir;
        this.conf = conf;
        this.journalId = journalId;
        this.kept = new CopyOnWriteArrayList<>(recovered);
    }

    /**
     * Creates the segment for the events after {@code afterEventId}, its header written and synced
     * under a temporary name and then renamed: a segment file never lacks its header, whatever moment
     * a crash hits (a half-created file would otherwise look like a foreign one).
     */
    static Segment create(Path dir, JournalHeader header) throws IOException {
        Path path = Segment.path(dir, header.afterEventId());
        Path temporary = Segment.temporaryPath(path);
        LogFormat.FrameBuffer buf = new LogFormat.FrameBuffer();
        buf.putMagic();
        buf.put(header.afterEventId(), false, header.toJson());
        try (FileChannel ch = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            ByteBuffer b = buf.flip();
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE);
        Segment.syncDirectory(dir);
        return new Segment(path, header.afterEventId());
    }

    /**
     * Starts the next segment after {@code lastEventId} (created at {@code epochMilli}) and keeps it;
     * empty when the newest segment already starts there (it holds no event).
     */
    java.util.Optional<Segment> rotate(long lastEventId, long epochMilli) throws IOException {
        if (newest().afterEventId() == lastEventId) {
            return java.util.Optional.empty();
        }
        Segment next = create(dir, new JournalHeader(JournalHeader.FORMAT_VERSION, journalId, conf.nodeId(), lastEventId, epochMilli));
        kept.add(next);
        return java.util.Optional.of(next);
    }

    /** The kept segments as of now, oldest first. */
    List<Segment> snapshot() {
        return List.copyOf(kept);
    }

    Segment newest() {
        return kept.get(kept.size() - 1);
    }

    /** The id after which the oldest kept segment starts: reading after an earlier id is torn. */
    long oldestAfterEventId() {
        return kept.get(0).afterEventId();
    }

    int count() {
        return kept.size();
    }

    long releasedUntil() {
        return releasedUntil;
    }

    /** Every reader has the events up to {@code untilEventId}; deletes what a checkpoint covers too. */
    void release(long untilEventId, long checkpointEventId) {
        releasedUntil = Math.max(releasedUntil, untilEventId);
        deleteObsolete(checkpointEventId);
    }

    /** Deletes the oldest segments whose events are all released and covered by the checkpoint; never the newest. */
    void deleteObsolete(long checkpointEventId) {
        synchronized (deletionLock) {
            long limit = Math.min(checkpointEventId, releasedUntil);
            boolean deleted = false;
            while (kept.size() > 1 && kept.get(1).afterEventId() <= limit) {
                Segment old = kept.get(0);
                try {
                    Files.deleteIfExists(old.path());
                } catch (IOException e) {
                    LOG.warn("Cannot delete " + old.path(), e);
                    break;
                }
                kept.remove(0);
                deleted = true;
            }
            if (deleted) {
                try {
                    Segment.syncDirectory(dir);
                } catch (IOException e) {
                    LOG.warn("Cannot sync directory " + dir, e);
                }
            }
        }
    }
}
