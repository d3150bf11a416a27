package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The checkpoint: the state's entries plus the event id they cover, in {@code checkpoint.snapshot}.
 * It is written whole into {@code checkpoint.snapshot.tmp}, synced, and renamed over the file, so the
 * file on disk is always one complete checkpoint. The file is read once, front to back, at recovery:
 * a magic line, the format version, journal id, node id and event id, the entry count, each entry
 * as key and length-prefixed bytes, and a CRC-32C of all that, so damage anywhere is found before
 * any entry is decoded. A journal from before this format has {@code checkpoint.mapdb}
 * ({@link MapDbCheckpoint}), read when no new checkpoint exists and deleted once one is written.
 */
final class CheckpointStore {
    static final String FILE = "checkpoint.snapshot";
    private static final String TMP = FILE + ".tmp";
    private static final byte[] MAGIC = "jobwerk checkpoint\n".getBytes(StandardCharsets.US_ASCII);

    /** What a checkpoint file holds besides the entries. */
    record Meta(int formatVersion, String journalId, String nodeId, long eventId) {
    }

    record Loaded<S>(Meta meta, S state) {
    }

    /** A checkpoint read but not decoded. */
    record Entries(Meta meta, List<Map.Entry<String, byte[]>> entries) {
    }

    private CheckpointStore() {
    }

    /** Where the next checkpoint is written. */
    static Path file(Path dir) {
        return dir.resolve(FILE);
    }

    /** The checkpoint recovery reads: the current format's, else one of the MapDB format; none in a new journal. */
    static Optional<Path> existing(Path dir) {
        return Optional.of(file(dir)).filter(Files::exists)
                .or(() -> Optional.of(dir.resolve(MapDbCheckpoint.FILE)).filter(Files::exists));
    }

    static void deleteLeftover(Path dir) throws IOException {
        Files.deleteIfExists(dir.resolve(TMP));
        Files.deleteIfExists(dir.resolve(MapDbCheckpoint.FILE + ".tmp"));
    }

    static void write(Path dir, Meta meta, Iterable<Map.Entry<String, byte[]>> entries) throws IOException {
        Path tmp = dir.resolve(TMP);
        List<Map.Entry<String, byte[]>> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(Map.Entry.comparingByKey());
        CRC32C crc = new CRC32C();
        try (OutputStream file = Files.newOutputStream(tmp);
             DataOutputStream out = new DataOutputStream(new CheckedOutputStream(new BufferedOutputStream(file, 1 << 16), crc))) {
            out.write(MAGIC);
            out.writeInt(meta.formatVersion());
            out.writeUTF(meta.journalId());
            out.writeUTF(meta.nodeId());
            out.writeLong(meta.eventId());
            out.writeInt(sorted.size());
            for (Map.Entry<String, byte[]> e : sorted) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue().length);
                out.write(e.getValue());
            }
            out.flush();
            new DataOutputStream(file).writeInt((int) crc.getValue());
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file(dir), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Files.deleteIfExists(dir.resolve(MapDbCheckpoint.FILE));
        Segment.syncDirectory(dir);
    }

    /** The checkpoint {@code file}, or a problem naming it when it cannot be read, is damaged or of a newer format. */
    static <S> Checked<Loaded<S>> read(Path file, JournalCodec<S> codec) {
        Checked<Entries> read = file.getFileName().toString().equals(MapDbCheckpoint.FILE) ? MapDbCheckpoint.read(file) : readEntries(file);
        if (read instanceof Checked.Fail<Entries> f) {
            return Checked.fail(f.problem());
        }
        Entries checkpoint = read.orThrow();
        Meta meta = checkpoint.meta();
        if (meta.formatVersion() > JournalHeader.FORMAT_VERSION) {
            return tooNew(file, meta.formatVersion());
        }
        try {
            return codec.fromSnapshot(checkpoint.entries())
                    .mapProblem(p -> p.withPrefix("Checkpoint " + file))
                    .map(s -> new Loaded<>(meta, s));
        } catch (RuntimeException e) {
            return unreadable(file, e.toString());
        }
    }

    static Checked<Entries> readEntries(Path file) {
        CRC32C crc = new CRC32C();
        try (InputStream stream = Files.newInputStream(file);
             DataInputStream in = new DataInputStream(new CheckedInputStream(new BufferedInputStream(stream, 1 << 16), crc))) {
            long size = Files.size(file);
            if (!Arrays.equals(in.readNBytes(MAGIC.length), MAGIC)) {
                return unreadable(file, "it is not a Jobwerk checkpoint (its first bytes differ)");
            }
            int version = in.readInt();
            if (version > JournalHeader.FORMAT_VERSION) {
                return tooNew(file, version);  // before the rest, whose layout a newer version may have changed
            }
            Meta meta = new Meta(version, in.readUTF(), in.readUTF(), in.readLong());
            int count = in.readInt();
            if (count < 0 || count > size) {
                return unreadable(file, "it claims " + count + " entries");
            }
            List<Map.Entry<String, byte[]>> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                int length = in.readInt();
                if (length < 0 || length > size) {
                    return unreadable(file, "entry " + key + " claims " + length + " bytes");
                }
                byte[] value = new byte[length];
                in.readFully(value);
                entries.add(new AbstractMap.SimpleImmutableEntry<>(key, value));
            }
            int computed = (int) crc.getValue();
            int stored = in.readInt();
            if (stored != computed || in.read() != -1) {
                return unreadable(file, stored != computed ? "its checksum does not match (damaged)" : "bytes follow its checksum");
            }
            return Checked.ok(new Entries(meta, entries));
        } catch (EOFException e) {
            return unreadable(file, "it ends early (truncated)");
        } catch (IOException | RuntimeException e) {
            return unreadable(file, e.toString());
        }
    }

    private static <T> Checked<T> tooNew(Path file, int version) {
        return Checked.fail(Problem.of("JournalVersionTooNew", "Checkpoint " + file + " has format version "
                + version + ", written by a newer Jobwerk; this version reads format "
                + JournalHeader.FORMAT_VERSION + " only", Map.of("file", file.toString())));
    }

    static <T> Checked<T> unreadable(Path file, String why) {
        return Checked.fail(Problem.of("JournalCheckpointInvalid", "Checkpoint " + file + " is not readable: " + why,
                Map.of("file", file.toString())));
    }
}
