package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Recovery of a journal directory: the checkpoint, then the log records after it replayed through
 * the same {@link StateFolder#apply} as live operation. A torn tail of the newest segment (a crash
 * while writing it) is truncated at the last whole transaction; a newest segment shorter than its
 * header is deleted. Any other damage is a problem naming the file, and nothing is changed then.
 */
final class JournalRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(JournalRecovery.class);

    private JournalRecovery() {}

    /**
     * What recovery found: the segments (at least one), the newest open for appending at
     * {@code channelSize}, and the state after the last whole transaction.
     */
    record Recovered<S>(String journalId, List<Segment> segments, FileChannel channel, long channelSize, S state,
                        long lastEventId, long checkpointEventId, long replayedEvents) {}

    private static final class Replay<S> {
        S state;
        long checkpointEventId;
        long replayedEvents;
    }

    static <S> Checked<Recovered<S>> recover(Path dir, JournalConf conf, JournalCodec<S> codec,
                                                     StateFolder<S> folder, Clock clock) throws IOException {
        Files.createDirectories(dir);
        CheckpointStore.deleteLeftover(dir);
        Segment.deleteTemporaries(dir);
        Replay<S> r = new Replay<>();
        List<Segment> segs = new ArrayList<>(Segment.list(dir));
        Optional<Path> existingCheckpoint = CheckpointStore.existing(dir);
        Path checkpointFile = existingCheckpoint.orElse(CheckpointStore.file(dir));
        String journalId = null;
        if (existingCheckpoint.isPresent()) {
            Checked<CheckpointStore.Loaded<S>> loaded = CheckpointStore.read(checkpointFile, codec);
            if (loaded instanceof Checked.Fail<CheckpointStore.Loaded<S>> f) {
                return Checked.fail(f.problem());
            }
            CheckpointStore.Meta meta = loaded.orThrow().meta();
            Optional<Problem> owner = checkOwner(checkpointFile, meta.nodeId(), meta.journalId(), conf, null);
            if (owner.isPresent()) {
                return Checked.fail(owner.get());
            }
            journalId = meta.journalId();
            r.state = loaded.orThrow().state();
            r.checkpointEventId = meta.eventId();
        } else {
            r.state = folder.empty();
            if (!segs.isEmpty() && segs.get(0).afterEventId() > 0) {
                return Checked.fail(Problem.of("JournalCheckpointMissing", "Checkpoint " + checkpointFile
                        + " is missing, and the log starts after event " + segs.get(0).afterEventId()
                        + ", so the state before it cannot be rebuilt", Map.of("file", checkpointFile.toString())));
            }
        }
        // a crash while starting a segment leaves a file shorter than its header: it holds no event
        while (!segs.isEmpty()) {
            Segment newest = segs.get(segs.size() - 1);
            Checked<JournalHeader> header;
            try (LogFormat.Reader reader = new LogFormat.Reader(newest.path())) {
                header = reader.readHeader();
            }
            if (header.problemOption().map(p -> p.code().equals("JournalHeaderTorn")).orElse(false)) {
                LOG.atWarn().log(() -> "Deleting " + newest.path() + ": " + header.problemOption().orElseThrow());
                Files.delete(newest.path());
                segs.remove(segs.size() - 1);
            } else {
                break;
            }
        }
        long last = r.checkpointEventId;
        long validEnd = 0;
        for (int i = 0; i < segs.size(); i++) {
            Segment seg = segs.get(i);
            boolean newest = i == segs.size() - 1;
            try (LogFormat.Reader reader = new LogFormat.Reader(seg.path())) {
                Checked<JournalHeader> checkedHeader = reader.readHeader();
                if (checkedHeader instanceof Checked.Fail<JournalHeader> f) {
                    return Checked.fail(f.problem());
                }
                JournalHeader header = checkedHeader.orThrow();
                Optional<Problem> owner = checkOwner(seg.path(), header.nodeId(), header.journalId(), conf, journalId);
                if (owner.isPresent()) {
                    return Checked.fail(owner.get());
                }
                journalId = header.journalId();
                if (header.afterEventId() != seg.afterEventId() || header.afterEventId() > last) {
                    return Checked.fail(Problem.of("JournalGap", "Journal file " + seg.path() + " starts after event "
                            + header.afterEventId() + ", but the events before reach only " + last
                            + " (header says " + header.afterEventId() + ")", Map.of("file", seg.path().toString())));
                }
                if (!newest && segs.get(i + 1).afterEventId() <= r.checkpointEventId) {
                    continue;  // wholly covered by the checkpoint: kept for readers only, no need to read it
                }
                List<LogRecord> transaction = new ArrayList<>();
                long transactionStart = reader.position();
                for (LogRecord rec = reader.next(); rec != null; rec = reader.next()) {
                    transaction.add(rec);
                    if (rec.continues()) {
                        continue;
                    }
                    for (LogRecord t : transaction) {
                        if (t.eventId() <= r.checkpointEventId) {
                            continue;
                        }
                        if (t.eventId() <= last) {
                            return badRecord(seg.path(), t, "event id " + t.eventId() + " does not increase (after " + last + ")");
                        }
                        Checked<Stamped<? extends Event>> decoded = codec.decodeEvent(t.payload());
                        if (decoded instanceof Checked.Fail<Stamped<? extends Event>> f) {
                            return badRecord(seg.path(), t, f.problem().message());
                        }
                        Stamped<? extends Event> stamped = decoded.orThrow();
                        if (stamped.eventId() != t.eventId()) {
                            return badRecord(seg.path(), t, "payload has event id " + stamped.eventId());
                        }
                        Checked<S> next = folder.apply(r.state, stamped);
                        if (next instanceof Checked.Fail<S> f) {
                            return badRecord(seg.path(), t, "event does not apply: " + f.problem().message());
                        }
                        r.state = next.orThrow();
                        last = t.eventId();
                        r.replayedEvents++;
                    }
                    if (!transaction.isEmpty()) {
                        last = Math.max(last, transaction.get(transaction.size() - 1).eventId());
                    }
                    transaction.clear();
                    transactionStart = reader.position();
                }
                if (!transaction.isEmpty() || reader.tornReason() != null) {
                    String why = reader.tornReason() != null ? reader.tornReason() : "transaction not completed";
                    if (!newest) {
                        return Checked.fail(Problem.of("JournalFileInvalid", "Journal file " + seg.path()
                                + " is damaged at byte " + transactionStart + " (" + why
                                + "), and it is not the newest segment", Map.of("file", seg.path().toString())));
                    }
                    long end = transactionStart;
                    LOG.atWarn().log(() -> "Truncating the torn tail of " + seg.path() + " at byte " + end + ": " + why);
                }
                validEnd = transactionStart;
            }
        }
        if (journalId == null) {
            journalId = conf.journalId().orElseGet(() -> UUID.randomUUID().toString());
        }
        FileChannel channel;
        long channelSize;
        if (segs.isEmpty()) {
            Segment seg = Segments.create(dir, new JournalHeader(JournalHeader.FORMAT_VERSION, journalId, conf.nodeId(),
                    last, clock.millis()));
            segs.add(seg);
            channel = FileChannel.open(seg.path(), StandardOpenOption.WRITE);
            channelSize = channel.size();
        } else {
            Path newest = segs.get(segs.size() - 1).path();
            channel = FileChannel.open(newest, StandardOpenOption.WRITE);
            if (channel.size() != validEnd) {
                channel.truncate(validEnd);
                channel.force(true);
            }
            channelSize = validEnd;
        }
        channel.position(channelSize);
        return Checked.ok(new Recovered<>(journalId, List.copyOf(segs), channel, channelSize, r.state, last,
                r.checkpointEventId, r.replayedEvents));
    }

    private static <T> Checked<T> badRecord(Path file, LogRecord rec, String why) {
        return Checked.fail(Problem.of("JournalFileInvalid", "Journal file " + file + ", event " + rec.eventId() + ": " + why,
                Map.of("file", file.toString(), "eventId", Long.toString(rec.eventId()))));
    }

    private static Optional<Problem> checkOwner(Path file, String nodeId, String fileJournalId, JournalConf conf,
                                            String knownJournalId) {
        if (!conf.nodeId().equals(nodeId)) {
            return Optional.of(Problem.of("JournalForeignNode", "Journal file " + file + " belongs to node '" + nodeId
                    + "', not to this node '" + conf.nodeId() + "'", Map.of("file", file.toString(), "nodeId", nodeId)));
        }
        String expected = knownJournalId != null ? knownJournalId : conf.journalId().orElse(null);
        if (expected != null && !expected.equals(fileJournalId)) {
            return Optional.of(Problem.of("JournalIdMismatch", "Journal file " + file + " belongs to journal "
                    + fileJournalId + ", expected " + expected, Map.of("file", file.toString())));
        }
        return Optional.empty();
    }

}
