package io.jobwerk.subagent.process;

import io.jobwerk.scheduler.RealScheduler;
import io.jobwerk.scheduler.TaskQueue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Kills processes with their descendants, on its own thread so a caller (the keeper) never waits.
 *
 * <p>Finding descendants means reading the whole process table ({@code /proc}); doing that per kill
 * made cancelling 1,500 processes take 90 s here. The killer takes all kills waiting and reads the
 * table once for all of them.
 */
final class TreeKiller implements AutoCloseable {

    private record Kill(ProcessHandle process, boolean immediately, Duration sigkillDelay) {}

    private static final Kill STOP = new Kill(ProcessHandle.current(), false, Duration.ZERO);

    private final LinkedBlockingQueue<Kill> kills = new LinkedBlockingQueue<>();
    private final TaskQueue timer;
    private final Thread thread;

    TreeKiller(TaskQueue timer) {
        this.timer = timer;
        this.thread = RealScheduler.instance().newThread("jobwerk-process-killer", this::run);
        thread.start();
    }

    /** Kills {@code process} and its descendants: SIGKILL at once when {@code immediately}, else SIGTERM and SIGKILL after the delay. */
    void kill(ProcessHandle process, boolean immediately, Duration sigkillDelay) {
        kills.add(new Kill(process, immediately, sigkillDelay));
    }

    private void run() {
        try {
            while (true) {
                List<Kill> batch = new ArrayList<>();
                batch.add(kills.take());
                kills.drainTo(batch);
                boolean stop = batch.remove(STOP);
                Map<Long, List<Long>> children = childrenByParent();
                for (Kill kill : batch) {
                    List<ProcessHandle> tree = tree(kill.process(), children);
                    if (kill.immediately()) {
                        tree.forEach(ProcessHandle::destroyForcibly);
                    } else {
                        tree.forEach(ProcessHandle::destroy);
                        timer.schedule(kill.sigkillDelay(), () -> tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly));
                    }
                }
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The process table as parent pid → child pids, from {@code /proc/PID/stat} where there is one.
     * Not with {@link ProcessHandle#parent()}: that reads the parent's {@code /proc/PID/stat} too,
     * and for a job process the parent is this JVM, whose stat the kernel sums over all its threads;
     * with 15,000 processes (and as many JDK reaper threads) one table took minutes.
     */
    static Map<Long, List<Long>> childrenByParent() {
        Map<Long, List<Long>> children = new HashMap<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc.resolve("self"))) {
            ProcessHandle.allProcesses().forEach(p -> p.parent()
                    .ifPresent(parent -> children.computeIfAbsent(parent.pid(), k -> new ArrayList<>()).add(p.pid())));
            return children;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && Character.isDigit(name.charAt(0))) {
                    long ppid = parentPid(entry.resolve("stat"));
                    if (ppid > 0) {
                        children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(Long.parseLong(name));
                    }
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // A partial table: the kill still reaches the root process
        }
        return children;
    }

    /** The fourth field of a {@code /proc/PID/stat} line, after the command in parentheses; -1 if gone. */
    private static long parentPid(Path stat) {
        try {
            String line = new String(Files.readAllBytes(stat), StandardCharsets.US_ASCII);
            int i = line.lastIndexOf(')') + 4; // ") S PPID"
            int end = line.indexOf(' ', i);
            return i > 3 && end > i ? Long.parseLong(line, i, end, 10) : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // ended meanwhile
        }
    }

    /**
     * The process and its descendants as the table shows them, the process first: killed after its
     * children, a script that waits for them would see them end and exit with its own return code
     * (0 after a plain {@code wait}) before its SIGKILL arrives, and a kill would look like success.
     */
    private static List<ProcessHandle> tree(ProcessHandle root, Map<Long, List<Long>> children) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(root);
        ArrayDeque<Long> todo = new ArrayDeque<>(children.getOrDefault(root.pid(), List.of()));
        while (!todo.isEmpty()) {
            long pid = todo.poll();
            ProcessHandle.of(pid).ifPresent(tree::add);
            todo.addAll(children.getOrDefault(pid, List.of()));
        }
        return tree;
    }

    /** Carries out the kills requested so far (waiting up to 10 s), then ends the thread. */
    @Override
    public void close() {
        kills.add(STOP);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
