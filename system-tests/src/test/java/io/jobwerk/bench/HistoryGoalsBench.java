package io.jobwerk.bench;

import io.jobwerk.system.InProcessSystem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.history.HistoryService;
import io.jobwerk.journal.FileJournal;
import io.jobwerk.journal.Journal;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The issue-10 goals of the history on the standalone system (Controller with its history on
 * SQLite, Agent Director and integrated Subagent in this JVM, HTTP over loopback as in production).
 * Orders are InternalExecutable no-op orders with {@code deleteWhenTerminated}, as the daily plan
 * adds them. Run with {@code bench/history/goals.sh}:
 *
 * <pre>
 *   lag [rate=1000] [seconds=30]      orders added at rate/s for seconds: how far the history's stored
 *                                     event lags the journal's newest, sampled every 20 ms
 *   bounded [small=1000] [large=100000] the Controller's journal (files, segments) and the heap after
 *                                     small orders and again after large orders
 * </pre>
 * {@code -Dbench.fsync=false} runs without fsync (default: with); {@code -Dbench.histogram=true} writes the
 * live heap's class histogram at each point of {@code bounded}.
 */
public final class HistoryGoalsBench {
    private static final boolean FSYNC = Boolean.parseBoolean(System.getProperty("bench.fsync", "true"));
    private static final String NOOP_WORKFLOW = """
            {"TYPE": "Workflow", "path": "noop", "versionId": "1",
             "instructions": [{"TYPE": "Execute.Named", "jobName": "JOB"}],
             "jobs": {"JOB": {"agentPath": "agent", "processLimit": 100000,
                              "executable": {"TYPE": "InternalExecutable", "className": "io.jobwerk.subagent.internal.NoOpJob"}}}}
            """;

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "lag";
        int[] n = Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray();
        System.out.printf("# JDK %s, %d cores, fsync=%s, load average %.1f%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), FSYNC, ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        switch (what) {
            case "lag" -> lag(n.length > 0 ? n[0] : 1000, n.length > 1 ? n[1] : 30);
            case "bounded" -> bounded(n.length > 0 ? n[0] : 1000, n.length > 1 ? n[1] : 100_000);
            default -> throw new IllegalArgumentException("Unknown benchmark: " + what);
        }
        System.exit(0);
    }

    private static InProcessSystem start(AtomicLong ended) throws Exception {
        InProcessSystem system = InProcessSystem.start(Files.createTempDirectory("jobwerk-goals-"), FSYNC, false, s -> {
            Event e = s.keyedEvent().event();
            if (e instanceof OrderEvent.OrderFinished || e instanceof OrderEvent.OrderFailed) {
                ended.incrementAndGet();
            }
        });
        system.deployWorkflows("1", NOOP_WORKFLOW);
        return system;
    }

    private static CompletableFuture<?> add(InProcessSystem system, String prefix, long first, int n) {
        List<FreshOrder> batch = new ArrayList<>(n);
        for (long i = first; i < first + n; i++) {
            batch.add(FreshOrder.of(prefix + i, "noop").withDeleteWhenTerminated(true));
        }
        return system.standalone().controller().keeper().execute(new Command.AddOrders(batch)).thenAccept(r -> r.orThrow());
    }

    /** Adds {@code n} orders in batches of 1,000 and waits until they ended and the history stored their events. */
    private static void run(InProcessSystem system, AtomicLong ended, String prefix, long first, int n) throws Exception {
        long before = ended.get();
        for (int i = 0; i < n; i += 1000) {
            add(system, prefix, first + i, Math.min(1000, n - i)).get(1, TimeUnit.MINUTES);
            while (ended.get() - before < i - 20_000L) { // at most ~20,000 orders in flight
                Thread.sleep(5);
            }
        }
        while (ended.get() - before < n) {
            Thread.sleep(5);
        }
        HistoryService history = system.standalone().controller().history();
        if (!history.awaitCaughtUp(Duration.ofMinutes(5))) {
            throw new IllegalStateException("The history did not catch up: " + history.problem());
        }
    }

    static void lag(int rate, int seconds) throws Exception {
        AtomicLong ended = new AtomicLong();
        try (InProcessSystem system = start(ended)) {
            Journal<EngineState> journal = system.standalone().controller().keeper().journal();
            HistoryService history = system.standalone().controller().history();
            run(system, ended, "warm-up-", 0, 30_000);
            System.out.printf("lag: warmed up with 30,000 orders%n");
            int perTick = Math.max(1, rate / 100);
            long endedBefore = ended.get();
            List<Long> lags = new ArrayList<>();
            long t0 = System.nanoTime();
            long nextTick = t0;
            long nextSample = t0;
            long added = 0;
            while (System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(seconds)) {
                long now = System.nanoTime();
                if (now >= nextTick) {
                    add(system, "o-", added, perTick); // not awaited: the keeper takes them in order
                    added += perTick;
                    nextTick += TimeUnit.MILLISECONDS.toNanos(10);
                }
                if (now >= nextSample) {
                    lags.add(lagMillis(journal.lastEventId(), history.storedEventId()));
                    nextSample += TimeUnit.MILLISECONDS.toNanos(20);
                }
                Thread.sleep(1);
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long endedDuring = ended.get() - endedBefore;
            long[] sorted = lags.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("lag: %d orders added in %.1f s (%.0f/s), %d ended meanwhile (%.0f/s); %d samples of the history's lag behind"
                            + " the journal: p50 %d ms, p90 %d ms, p99 %d ms, max %d ms (goal < 1000 ms)%n",
                    added, elapsed, added / elapsed, endedDuring, endedDuring / elapsed, sorted.length,
                    q(sorted, 0.5), q(sorted, 0.9), q(sorted, 0.99), sorted[sorted.length - 1]);
        }
    }

    /**
     * How long ago the first event the history has not stored was committed, at most: event ids are
     * epoch milliseconds × 1000, so the stored event's id gives a time no later than that event's.
     */
    private static long lagMillis(long lastEventId, long storedEventId) {
        return storedEventId >= lastEventId ? 0 : Math.max(0, System.currentTimeMillis() - storedEventId / 1000);
    }

    private static long q(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }

    /**
     * Measures at three points (after {@code small}, half of {@code large} and {@code large} orders),
     * each at the same point of the journal's checkpoint cycle: a checkpoint, one more order (its
     * events start a new segment), a second checkpoint (which deletes the segment the first covered).
     * Without that, the journal holds the events since the last automatic checkpoint (every 200,000
     * events), which depends on where in that cycle one looks, not on how many orders ran.
     */
    static void bounded(int small, int large) throws Exception {
        AtomicLong ended = new AtomicLong();
        try (InProcessSystem system = start(ended)) {
            List<Footprint> footprints = new ArrayList<>();
            long done = 0;
            for (int target : new int[] {small, large / 2, large}) {
                run(system, ended, "o-", done, (int) (target - done));
                done = target;
                Footprint f = footprint(system, ended, done);
                done++;
                footprints.add(f);
                System.out.printf("bounded: after %,d orders %s%n", target, f);
                if (Boolean.getBoolean("bench.histogram")) { // to find what grows: jcmd's class histogram of the live heap
                    Path histogram = Path.of(System.getProperty("java.io.tmpdir"), "jobwerk-histogram-" + target + ".txt");
                    new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(ProcessHandle.current().pid()),
                            "GC.class_histogram").redirectOutput(histogram.toFile()).start().waitFor();
                    System.out.printf("bounded: class histogram in %s%n", histogram);
                }
            }
            Footprint a = footprints.get(0);
            Footprint b = footprints.get(footprints.size() - 1);
            System.out.printf("bounded: settled journal %,d -> %,d bytes (%s), heap %.1f -> %.1f MiB (%s) (goal: no larger after %,d orders than after %,d)%n",
                    a.journalBytesSettled, b.journalBytesSettled, b.journalBytesSettled <= a.journalBytesSettled * 1.1 ? "bounded" : "GREW",
                    a.heapBytes / 1048576.0, b.heapBytes / 1048576.0, b.heapBytes <= a.heapBytes * 1.1 ? "bounded" : "GREW", large, small);
        }
    }

    record Footprint(long journalBytes, int segments, long journalBytesSettled, int segmentsSettled, int ordersInState,
                     long heapBytes, long agentJournalBytes) {
        @Override
        public String toString() {
            return String.format("Controller journal %,d bytes in %d segments, settled %,d bytes in %d segments (checkpoint included);"
                            + " %d orders in the state; heap after GC %.1f MiB (whole JVM: Controller, Agent, Subagent); Agent journal %,d bytes",
                    journalBytes, segments, journalBytesSettled, segmentsSettled, ordersInState, heapBytes / 1048576.0, agentJournalBytes);
        }
    }

    /** Measures, then settles the journal with one more order (number {@code orderNumber}) between two checkpoints. */
    private static Footprint footprint(InProcessSystem system, AtomicLong ended, long orderNumber) throws Exception {
        // the Controller's journal is a FileJournal: its directory is what is measured
        FileJournal<EngineState> journal = (FileJournal<EngineState>) system.standalone().controller().keeper().journal();
        long bytes = bytes(journal.directory());
        int segments = journal.stats().segments();
        journal.checkpoint().get(1, TimeUnit.MINUTES);
        run(system, ended, "o-", orderNumber, 1);
        journal.checkpoint().get(1, TimeUnit.MINUTES);
        long settled = bytes(journal.directory());
        int segmentsSettled = journal.stats().segments();
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
            Thread.sleep(200);
        }
        Path agentJournal = journal.directory().getParent().getParent().resolve("agent").resolve("journal");
        return new Footprint(bytes, segments, settled, segmentsSettled, system.standalone().controller().keeper().state().orders().size(),
                memory.getHeapMemoryUsage().getUsed(), Files.isDirectory(agentJournal) ? bytes(agentJournal) : -1);
    }

    private static long bytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted meanwhile
                }
            }).sum();
        }
    }
}
