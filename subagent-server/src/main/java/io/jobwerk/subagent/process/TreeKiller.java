package io.jobwerk.subagent.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

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
    private final ScheduledExecutorService scheduler;
    private final Thread thread;

    TreeKiller(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        this.thread = new Thread(this::run, "jobwerk-process-killer");
        thread.setDaemon(true);
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
                Map<Long, List<ProcessHandle>> children = childrenByParent();
                for (Kill kill : batch) {
                    List<ProcessHandle> tree = tree(kill.process(), children);
                    if (kill.immediately()) {
                        tree.forEach(ProcessHandle::destroyForcibly);
                    } else {
                        tree.forEach(ProcessHandle::destroy);
                        scheduler.schedule(() -> tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly),
                                kill.sigkillDelay().toNanos(), TimeUnit.NANOSECONDS);
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

    private static Map<Long, List<ProcessHandle>> childrenByParent() {
        Map<Long, List<ProcessHandle>> children = new HashMap<>();
        ProcessHandle.allProcesses().forEach(p -> p.parent()
                .ifPresent(parent -> children.computeIfAbsent(parent.pid(), k -> new ArrayList<>()).add(p)));
        return children;
    }

    /** The process and its descendants as the table shows them, descendants first. */
    private static List<ProcessHandle> tree(ProcessHandle root, Map<Long, List<ProcessHandle>> children) {
        List<ProcessHandle> tree = new ArrayList<>();
        ArrayDeque<ProcessHandle> todo = new ArrayDeque<>(children.getOrDefault(root.pid(), List.of()));
        while (!todo.isEmpty()) {
            ProcessHandle p = todo.poll();
            tree.add(p);
            todo.addAll(children.getOrDefault(p.pid(), List.of()));
        }
        tree.add(root);
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
