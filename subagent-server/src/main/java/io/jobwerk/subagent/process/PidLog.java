package io.jobwerk.subagent.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The job processes a runner has started and not yet seen end, so that the next runner on the same
 * work directory can kill what a lost runner left behind. One append-only file of
 * {@code started TASK PID START-MILLIS} and {@code ended TASK} lines, rewritten with only the running
 * tasks once it holds many ended ones.
 *
 * <p>One file rather than a pid file per task: creating and deleting a file per process is what made
 * process starts slow on ext4 (inode allocation skips recently freed inodes, so its cost grows with
 * the rate of deletions).
 */
final class PidLog implements AutoCloseable {

    /** A started process as the log names it; {@code startMillis} guards against a reused pid. */
    record Entry(String taskId, long pid, long startMillis) {}

    private static final int COMPACT_AFTER_LINES = 10_000;

    private final Path file;
    private final Map<String, Entry> running = new LinkedHashMap<>(); // guarded by this
    private FileChannel channel; // guarded by this
    private int lines; // guarded by this

    /** Starts an empty log, replacing {@code file}. */
    PidLog(Path file) {
        this.file = file;
        try {
            this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + file, e);
        }
    }

    /** The processes {@code file} names as started and not ended; none when there is no file. */
    static List<Entry> read(Path file) throws IOException {
        Map<String, Entry> started = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        for (String line : lines) {
            String[] words = line.trim().split(" ");
            try {
                if (words.length == 4 && words[0].equals("started")) {
                    started.put(words[1], new Entry(words[1], Long.parseLong(words[2]), Long.parseLong(words[3])));
                } else if (words.length == 2 && words[0].equals("ended")) {
                    started.remove(words[1]);
                }
            } catch (NumberFormatException e) {
                // A line torn by a crash while it was written
            }
        }
        return new ArrayList<>(started.values());
    }

    synchronized void started(String taskId, long pid, long startMillis) throws IOException {
        Entry entry = new Entry(taskId, pid, startMillis);
        running.put(taskId, entry);
        append(line(entry));
    }

    synchronized void ended(String taskId) throws IOException {
        if (running.remove(taskId) != null) {
            append("ended " + taskId + "\n");
            if (lines > COMPACT_AFTER_LINES && lines > 4 * running.size()) {
                compact();
            }
        }
    }

    private static String line(Entry e) {
        return "started " + e.taskId() + " " + e.pid() + " " + e.startMillis() + "\n";
    }

    private void append(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        lines++;
    }

    /** Writes the running tasks to a new file and renames it over the log, so a crash leaves either log whole. */
    private void compact() throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        StringBuilder text = new StringBuilder();
        running.values().forEach(e -> text.append(line(e)));
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        channel.close();
        channel = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        lines = running.size();
    }

    @Override
    public synchronized void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing to lose: the log is only read after a crash
        }
    }
}
