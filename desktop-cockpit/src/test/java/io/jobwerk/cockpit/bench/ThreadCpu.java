package io.jobwerk.cockpit.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * CPU time of each thread of this JVM, the JIT's compiler and the GC's threads included (which
 * {@code ThreadMXBean} does not list), from {@code /proc/self/task}; empty where there is none.
 */
record ThreadCpu(Map<String, Long> ticksByThread) {

    static ThreadCpu now() {
        Map<String, Long> ticks = new TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String name = Files.readString(task.resolve("comm")).strip();
                    ticks.put(task.getFileName() + " " + name, Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
                } catch (Exception ended) {
                    // the thread ended meanwhile
                }
            }
        } catch (Exception noProc) {
            // not Linux: nothing to report
        }
        return new ThreadCpu(ticks);
    }

    /** The {@code limit} threads that used the most CPU since {@code before}, one line each, seconds (10 ms ticks). */
    String busiestSince(ThreadCpu before, int limit) {
        StringBuilder out = new StringBuilder();
        ticksByThread.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.ticksByThread.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> out.append(String.format(Locale.ROOT, "    %-36s %5.2f s%n", e.getKey(), e.getValue() / 100.0)));
        return out.toString();
    }
}
