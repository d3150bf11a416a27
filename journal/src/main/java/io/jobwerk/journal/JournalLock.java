package io.jobwerk.journal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/**
 * The exclusive claim of one process on a journal directory ({@code lock}, holding the owner's pid):
 * a second server started on the same data directory must not recover (truncate a tail the first
 * is writing) or append. The operating system releases the lock when the owner dies, also by
 * {@code kill -9}, so a stale lock file never blocks a restart.
 */
final class JournalLock implements AutoCloseable {

    static final String FILE = "lock";

    private final FileChannel channel;
    private final FileLock lock;

    private JournalLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    static Checked<JournalLock> acquire(Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // held by this very process (another Journal instance on the directory)
            }
            if (lock == null) {
                String owner = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).trim();
                channel.close();
                return Checked.fail(Problem.of("JournalInUse", "Journal " + dir + " is in use by another process"
                        + (owner.isEmpty() ? "" : " (pid " + owner + ")") + "; stop it first, or give this server another data directory",
                        Map.of("file", file.toString())));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
            return Checked.ok(new JournalLock(channel, lock));
        } catch (IOException e) {
            closeQuietly(channel);
            return Checked.fail(Problem.of("JournalIoError", "Journal " + dir + ": cannot lock " + file + ": " + e,
                    Map.of("file", file.toString())));
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing held any more
            }
        }
    }
}
