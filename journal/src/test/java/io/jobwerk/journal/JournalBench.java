package io.jobwerk.journal;

import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.event.Stamped;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * The journal benchmark of {@code bench/journal/README.md}; not run by the unit tests.
 * {@code bench/journal/run.sh io.jobwerk.journal.JournalBench [DIR [seconds [all|throughput|latency|recovery]]]}
 */
public final class JournalBench {
    private static final int WRITERS = 64;

    private JournalBench() {
    }

    public static void main(String[] args) throws Exception {
        Path base = Path.of(args.length > 0 ? args[0] : "target/journal-bench");
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        deleteTree(base);
        Files.createDirectories(base);
        System.out.printf("cores %d, JVM %s, %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), base.toAbsolutePath());
        byte[] payload = TestCodec.INSTANCE.encodeEvent(new Stamped<>(1795348800000000L, java.util.Optional.empty(),
                KeyedEvent.of("order-12345", new TestEvent.Incremented(1, "txn-12345", 0, 1))));

        String what = args.length > 2 ? args[2] : "all";
        if (what.equals("all") || what.equals("throughput")) {
            double journal = journalThroughput(base.resolve("throughput"), seconds);
            double raw = rawGroupCommit(base.resolve("raw.bin"), payload, seconds);
            System.out.printf("durable events/s, %d writers: journal %.0f = %.0f%% of the raw group-commit rate %.0f%n",
                    WRITERS, journal, 100 * journal / raw, raw);
        }
        if (what.equals("all") || what.equals("latency")) {
            latencyAtOfferedLoad(base.resolve("latency"), payload, 20_000, seconds);
        }
        if (what.equals("all") || what.equals("recovery")) {
            recovery(base.resolve("recovery"), 1_000_000, 100_000);
        }
        deleteTree(base);
    }

    /**
     * The yardstick: one thread takes all waiting appends of records of the journal's size, writes
     * them, fsyncs once and completes them; no stamping, state, encoding or memory tail.
     */
    static final class RawLog implements AutoCloseable {
        private final LinkedBlockingQueue<CompletableFuture<Void>> queue = new LinkedBlockingQueue<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicLong records = new AtomicLong();
        final AtomicLong fsyncs = new AtomicLong();
        final AtomicLong fsyncNanos = new AtomicLong();
        private final Thread writer;

        RawLog(Path file, byte[] payload) {
            writer = new Thread(() -> {
                ByteBuffer buf = ByteBuffer.allocate(1 << 22);
                List<CompletableFuture<Void>> batch = new ArrayList<>();
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                    while (running.get() || !queue.isEmpty()) {
                        CompletableFuture<Void> first = queue.poll(10, TimeUnit.MILLISECONDS);
                        if (first == null) {
                            continue;
                        }
                        batch.add(first);
                        queue.drainTo(batch, 10_000);
                        buf.clear();
                        // real bytes: zeros may be short-cut by the virtual disk and make the yardstick too fast
                        for (int i = 0; i < batch.size(); i++) {
                            buf.putInt(payload.length).putInt(i).putLong(System.nanoTime()).put((byte) 0).put(payload);
                        }
                        buf.flip();
                        while (buf.hasRemaining()) {
                            ch.write(buf);
                        }
                        long f0 = System.nanoTime();
                        ch.force(false);
                        fsyncNanos.addAndGet(System.nanoTime() - f0);
                        fsyncs.incrementAndGet();
                        records.addAndGet(batch.size());
                        batch.forEach(f -> f.complete(null));
                        batch.clear();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "raw-writer");
            writer.start();
        }

        CompletableFuture<Void> append() {
            CompletableFuture<Void> f = new CompletableFuture<>();
            queue.add(f);
            return f;
        }

        @Override
        public void close() {
            running.set(false);
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static double rawGroupCommit(Path file, byte[] payload, int seconds) throws Exception {
        RawLog raw = new RawLog(file, payload);
        double rate = runWriters(seconds, raw.records, () -> raw.append().join());
        raw.close();
        System.out.printf("  raw: %.1f records/fsync, fsync %.3f ms avg%n", (double) raw.records.get() / raw.fsyncs.get(),
                raw.fsyncNanos.get() / 1e6 / raw.fsyncs.get());
        return rate;
    }

    static double journalThroughput(Path dir, int seconds) throws Exception {
        try (Journal<TestState> journal = openBenchJournal(dir, JournalConf.of("Primary"))) {
            AtomicLong events = new AtomicLong();
            AtomicLong counter = new AtomicLong();
            double rate = runWriters(seconds, events, () -> {
                long n = counter.incrementAndGet();
                journal.persist(List.of(KeyedEvent.<TestEvent>of("order-" + n % 100_000,
                        new TestEvent.Incremented(1, "txn-" + n, 0, 1)))).join();
                events.incrementAndGet();
            });
            JournalStats s = journal.stats();
            System.out.printf("  journal: %d events in %d batches (%.1f events/fsync), fsync %.3f ms avg, %.0f%% of the wall time in fsync, %d checkpoints%n",
                    s.events(), s.batches(), (double) s.events() / s.batches(), s.fsyncNanos() / 1e6 / s.fsyncs(),
                    100.0 * s.fsyncNanos() / 1e9 / (seconds + 1), s.checkpoints());
            return rate;
        }
    }

    /** Runs {@link #WRITERS} threads calling {@code step} for 1 s of warm-up plus {@code seconds}; the rate of {@code counted} afterwards. */
    private static double runWriters(int seconds, AtomicLong counted, Runnable step) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch done = new CountDownLatch(WRITERS);
        for (int i = 0; i < WRITERS; i++) {
            Thread t = new Thread(() -> {
                while (running.get()) {
                    step.run();
                }
                done.countDown();
            });
            t.start();
        }
        Thread.sleep(1000);
        long start = System.nanoTime();
        long startCount = counted.get();
        long cpu0 = processCpuNanos();
        long writerCpu0 = threadCpuNanos("writer");
        Thread.sleep(seconds * 1000L);
        long count = counted.get() - startCount;
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("  CPU per event: process %.1f us, of which writer thread %.1f us%n",
                (processCpuNanos() - cpu0) / 1e3 / count, (threadCpuNanos("writer") - writerCpu0) / 1e3 / count);
        running.set(false);
        done.await();
        return count / elapsed;
    }

    static void latencyAtOfferedLoad(Path dir, byte[] payload, int perSecond, int seconds) throws Exception {
        Files.createDirectories(dir);
        try (RawLog raw = new RawLog(dir.resolve("raw.bin"), payload)) {
            openLoop("raw group commit", i -> raw.append(), perSecond, seconds);
        }
        JournalConf conf = JournalConf.of("Primary");
        if (Boolean.getBoolean("bench.noCheckpoint")) {
            conf = conf.withCheckpoint(Long.MAX_VALUE, Duration.ofDays(1)).withCheckpointOnClose(false);
        }
        try (Journal<TestState> journal = openBenchJournal(dir.resolve("journal"), conf)) {
            openLoop("journal", i -> journal.persist(List.of(KeyedEvent.<TestEvent>of("order-" + i % 100_000,
                    new TestEvent.Incremented(1, "txn-" + i, 0, 1)))), perSecond, seconds);
            JournalStats s = journal.stats();
            System.out.printf("  journal: %.1f events/fsync, %d checkpoints%n", (double) s.events() / s.batches(), s.checkpoints());
        }
    }

    /** Open loop: calls are issued on schedule, latency counts from the scheduled time (no coordinated omission). */
    private static void openLoop(String name, java.util.function.IntFunction<CompletableFuture<?>> call, int perSecond,
                                 int seconds) throws InterruptedException {
        int total = perSecond * (seconds + 1);
        int warmup = perSecond;
        long[] latencies = new long[total];
        CountDownLatch completed = new CountDownLatch(total);
        long intervalNanos = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * intervalNanos;
            long wait = scheduled - System.nanoTime();
            if (wait > 50_000) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            call.apply(i).whenComplete((r, t) -> {
                latencies[index] = System.nanoTime() - scheduled;
                completed.countDown();
            });
        }
        completed.await();
        double achieved = total / ((System.nanoTime() - start) / 1e9);
        long[] measured = Arrays.copyOfRange(latencies, warmup, total);
        Arrays.sort(measured);
        System.out.printf("latency at %d/s offered, %s (%.0f/s achieved): p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
                perSecond, name, achieved, percentile(measured, 50), percentile(measured, 99), percentile(measured, 99.9),
                measured[measured.length - 1] / 1e6);
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long threadCpuNanos(String nameContains) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(nameContains)) {
                sum += mx.getThreadCpuTime(info.getThreadId());
            }
        }
        return sum;
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }

    static void recovery(Path dir, int events, int orders) throws Exception {
        // worst case under the defaults: the last checkpoint lies checkpointEvents before the end
        int tail = (int) Math.min(events, JournalConf.of("Primary").checkpointEvents());
        JournalConf setup = JournalConf.of("Primary").withFsync(false).withCheckpoint(Long.MAX_VALUE, Duration.ofDays(1))
                .withCheckpointOnClose(false);
        long t0 = System.nanoTime();
        try (Journal<TestState> journal = openBenchJournal(dir, setup)) {
            persistMany(journal, 0, events - tail, orders);
            long c0 = System.nanoTime();
            journal.checkpoint().join();
            System.out.printf("  checkpoint of %d orders into MapDB: %.2f s%n", journal.currentState().counters().size(),
                    (System.nanoTime() - c0) / 1e9);
            persistMany(journal, events - tail, events, orders);
        }
        System.out.printf("  setup: %d events written without fsync in %.1f s, log %d MB, checkpoint %d MB%n", events,
                (System.nanoTime() - t0) / 1e9, sizeOf(dir, ".journal") >> 20, sizeOf(dir, ".snapshot") >> 20);
        for (int round = 0; round < 2; round++) {
            long r0 = System.nanoTime();
            try (Journal<TestState> journal = openBenchJournal(dir, setup)) {
                System.out.printf("recovery of %d events, %d live orders, checkpoint + %d events replayed: %.2f s%n",
                        journal.currentState().eventCount(), journal.currentState().counters().size(), tail,
                        (System.nanoTime() - r0) / 1e9);
            }
        }
        try (Journal<TestState> journal = openBenchJournal(dir, setup)) {
            journal.checkpoint().join();
        }
        long c0 = System.nanoTime();
        try (Journal<TestState> journal = openBenchJournal(dir, setup)) {
            System.out.printf("  of which loading the checkpoint of %d orders (nothing to replay): %.2f s%n",
                    journal.currentState().counters().size(), (System.nanoTime() - c0) / 1e9);
        }
        Files.delete(dir.resolve(CheckpointStore.FILE));
        long r0 = System.nanoTime();
        try (Journal<TestState> journal = openBenchJournal(dir, setup)) {
            System.out.printf("recovery without checkpoint (all %d events replayed): %.2f s%n",
                    journal.currentState().eventCount(), (System.nanoTime() - r0) / 1e9);
        }
    }

    private static void persistMany(Journal<TestState> journal, int from, int to, int orders) {
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        for (int i = from; i < to; i += 1000) {
            List<KeyedEvent<TestEvent>> batch = new ArrayList<>(1000);
            for (int j = i; j < Math.min(to, i + 1000); j++) {
                batch.add(KeyedEvent.of("order-" + j % orders, new TestEvent.Incremented(1, "txn-" + j, 0, 1)));
            }
            inFlight.add(journal.persist(batch));
            if (inFlight.size() == 16) {
                inFlight.forEach(CompletableFuture::join);
                inFlight.clear();
            }
        }
        inFlight.forEach(CompletableFuture::join);
    }

    private static Journal<TestState> openBenchJournal(Path dir, JournalConf conf) {
        return Journal.open(dir, conf, TestCodec.INSTANCE, TestState.FOLDER, Clock.systemUTC()).orThrow();
    }

    private static long sizeOf(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
