package io.jobwerk.bench;

import io.jobwerk.system.InProcessSystem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.subagent.process.JobLaunch;
import io.jobwerk.subagent.process.JobProcessRunner;
import io.jobwerk.subagent.process.OutputSink;
import io.jobwerk.subagent.process.ProcessConf;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The issue-4 goals on the standalone system (Controller + Agent Director + integrated Subagent in
 * this JVM, talking HTTP over loopback as in production). Orders are added with the Controller's
 * command executor (as the order route does after parsing). Run with {@code bench/system/run.sh}:
 *
 * <pre>
 *   noop [N=10000]              N orders through one InternalExecutable NoOpJob: orders/s
 *   shell [N=2000] [launchers=8] raw ProcessBuilder spawn-and-reap rate, the JobProcessRunner alone, then N orders through
 *                               'exit 0' (after 5,000 to warm up), raw again
 *   runner [N=2000] [launchers=8] raw, the JobProcessRunner alone, raw again
 *   sleep [N=15000]             N concurrent 'sleep 300' jobs, all Processing, RSS, then CancelOrders(kill)
 *   latency [rate=100] [N=2000] orders arriving at rate/s: AddOrder → OrderProcessingStarted (durable at the Agent)
 *   all                         noop, shell, latency (not sleep)
 * </pre>
 * Options (system properties): {@code -Dbench.fsync=false} to run without fsync (default: fsync on);
 * {@code -Dbench.warmUp=false}: measure noop and shell without first running orders to warm up the JIT;
 * {@code -Dbench.warmUpOrders=N}: how many (default 5,000; for noop 50,000, see {@link #noop}).
 */
public final class StandaloneBench {

    private static final boolean FSYNC = Boolean.parseBoolean(System.getProperty("bench.fsync", "true"));
    private static final boolean WARM_UP = Boolean.parseBoolean(System.getProperty("bench.warmUp", "true"));
    private static final int WARM_UP_ORDERS = Integer.getInteger("bench.warmUpOrders", 5000);
    private static final int WARM_UP_ROUND = 5000;

    public static void main(String[] args) throws Exception {
        JobProcessRunner.prepareJvm(); // as JobwerkMain does
        String what = args.length > 0 ? args[0] : "all";
        int[] n = Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray();
        System.out.printf("# JDK %s, %d cores, fsync=%s%n", System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), FSYNC);
        switch (what) {
            case "noop" -> noop(arg(n, 0, 10_000));
            case "shell" -> shell(arg(n, 0, 2000), arg(n, 1, 8));
            case "sleep" -> sleep(arg(n, 0, 15_000));
            case "runner" -> runner(arg(n, 0, 2000), arg(n, 1, 8));
            case "latency" -> latency(arg(n, 0, 100), arg(n, 1, 2000));
            case "all" -> {
                noop(10_000);
                shell(2000, 8);
                latency(100, 2000);
            }
            default -> throw new IllegalArgumentException("Unknown benchmark: " + what);
        }
        System.exit(0);
    }

    private static int arg(int[] n, int i, int dflt) {
        return n.length > i ? n[i] : dflt;
    }

    private static String workflow(String path, String executable) {
        return """
                {"TYPE": "Workflow", "path": "%s", "versionId": "1",
                 "instructions": [{"TYPE": "Execute.Named", "jobName": "JOB"}],
                 "jobs": {"JOB": {"agentPath": "agent", "processLimit": 100000, "executable": %s}}}
                """.formatted(path, executable);
    }

    private static final String NOOP = "{\"TYPE\": \"InternalExecutable\", \"className\": \"io.jobwerk.subagent.internal.NoOpJob\"}";

    private static String shellScript(String script) {
        return "{\"TYPE\": \"ShellScriptExecutable\", \"script\": \"" + script + "\"}";
    }

    /** Counts terminal order events seen by the Controller. */
    private static final class Terminated {
        final CountDownLatch latch;
        private final int expected;

        Terminated(int n) {
            latch = new CountDownLatch(n);
            expected = n;
        }

        long ended() {
            return expected - latch.getCount();
        }

        void awaitTotal(int n, String what, long timeoutSeconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (ended() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(what + ": " + (n - ended()) + " orders did not end within " + timeoutSeconds + " s");
                }
                Thread.sleep(1);
            }
        }

        void on(Stamped<? extends Event> s) {
            Event e = s.keyedEvent().event();
            if (e instanceof OrderEvent.OrderFinished || e instanceof OrderEvent.OrderFailed || e instanceof OrderEvent.OrderCancelled) {
                latch.countDown();
            }
        }

        void await(String what, long timeoutSeconds) throws InterruptedException {
            if (!latch.await(timeoutSeconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException(what + ": " + latch.getCount() + " orders did not end within " + timeoutSeconds + " s");
            }
        }
    }

    private static Path tempDir() throws Exception {
        return Files.createTempDirectory("jobwerk-bench-");
    }

    /** Adds the orders in batches of 1000 without waiting between batches; returns when all are accepted. */
    private static void addOrders(InProcessSystem system, String prefix, String workflow, int n) throws Exception {
        addOrders(system, prefix, 0, workflow, n, false);
    }

    private static void addOrders(InProcessSystem system, String prefix, int firstNumber, String workflow, int n,
                                  boolean deleteWhenTerminated) throws Exception {
        List<CompletableFuture<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i += 1000) {
            List<FreshOrder> batch = new ArrayList<>();
            for (int j = i; j < Math.min(n, i + 1000); j++) {
                FreshOrder order = FreshOrder.of(prefix + (firstNumber + j), workflow);
                batch.add(deleteWhenTerminated ? order.withDeleteWhenTerminated(true) : order);
            }
            futures.add(system.standalone().controller().keeper().execute(new Command.AddOrders(batch))
                    .thenAccept(r -> r.orThrow()));
        }
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
    }

    /**
     * Orders as the daily plan adds them ({@code deleteWhenTerminated}), so the Controller's state
     * stays as small over a long warm-up as in a system that has run for days; with
     * {@code -Dbench.keepFinished=true} finished orders stay (and every checkpoint writes them).
     * The warm-up runs {@code bench.warmUpOrders} orders (default 50,000) in rounds of
     * {@value #WARM_UP_ROUND}, each reported with the share of its time the C2 compiler was busy: on
     * two cores one C2 thread compiles the hot code of Controller, Agent and Subagent in one JVM, and
     * after 5,000 orders it still takes half of the CPU (see bench/README.md).
     */
    static void noop(int n) throws Exception {
        boolean keepFinished = Boolean.getBoolean("bench.keepFinished");
        int warmUp = WARM_UP ? Integer.getInteger("bench.warmUpOrders", 50_000) : 0;
        Terminated terminated = new Terminated(Integer.MAX_VALUE);
        try (InProcessSystem system = InProcessSystem.start(tempDir(), FSYNC, false, terminated::on)) {
            system.deployWorkflows("1", workflow("noop", NOOP));
            int warmedUp = 0;
            while (warmedUp < warmUp) {
                int round = Math.min(WARM_UP_ROUND, warmUp - warmedUp);
                long t = System.nanoTime();
                Map<String, Long> ticks = threadTicks();
                addOrders(system, "warm-up-", warmedUp, "noop", round, !keepFinished);
                warmedUp += round;
                terminated.awaitTotal(warmedUp, "noop warm-up", 600);
                double seconds = (System.nanoTime() - t) / 1e9;
                double compilerShare = threadTicksSince(ticks, "C2 ") / 100.0 / seconds;
                System.out.printf("noop: warm-up orders %d-%d: %.0f orders/s, C2 compiler busy %.0f%% of the time%n",
                        warmedUp - round, warmedUp, round / seconds, 100 * compilerShare);
            }
            long t0 = System.nanoTime();
            long cpu0 = cpuNanos();
            long wall0 = System.currentTimeMillis();
            Map<String, Long> ticks0 = threadTicks();
            addOrders(system, "noop-", 0, "noop", n, !keepFinished);
            terminated.awaitTotal(warmedUp + n, "noop", 600);
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("noop: measured from epoch ms %d to %d (to cut a profile)%n", wall0, System.currentTimeMillis());
            printBusiestThreads("noop", ticks0, s, n);
            System.out.printf("noop: %d orders through an InternalExecutable NoOpJob (after %d to warm up, %s) in %.2f s = %.0f orders/s (goal >= 5000); CPU %.1f s%n",
                    n, warmedUp, keepFinished ? "finished orders kept" : "deleteWhenTerminated", s, n / s, (cpuNanos() - cpu0) / 1e9);
        }
    }

    /** ProcessBuilder start + waitFor of {@code /bin/sh -c 'exit 0'} with {@code launchers} threads. */
    static double rawSpawnRate(int n, int launchers) throws Exception {
        AtomicInteger left = new AtomicInteger(n);
        List<Thread> threads = new ArrayList<>();
        Cpu cpu0 = cpu();
        long t0 = System.nanoTime();
        for (int i = 0; i < launchers; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (left.getAndDecrement() > 0) {
                        new ProcessBuilder("/bin/sh", "-c", "exit 0")
                                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                                .redirectError(ProcessBuilder.Redirect.DISCARD)
                                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                                .start().waitFor();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "raw-launcher-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        double rate = n / ((System.nanoTime() - t0) / 1e9);
        System.out.printf("raw: %d spawned and reaped: %.0f/s; %s%n", n, rate, cpu().since(cpu0).per(n));
        return rate;
    }

    /** The Subagent's process runner without the engine: {@code n} starts from {@code launchers} threads, all outcomes awaited. */
    static double runnerRate(int n, int launchers) throws Exception {
        try (JobProcessRunner runner = new JobProcessRunner(ProcessConf.of(tempDir()))) {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(launchers);
            List<CompletableFuture<?>> outcomes = java.util.Collections.synchronizedList(new ArrayList<>());
            Cpu cpu0 = cpu();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                String taskId = "t" + i;
                pool.execute(() -> outcomes.add(runner.start(new JobLaunch(taskId, Executable.ShellScript.of("exit 0"), List.of(), Map.of(),
                        java.time.Duration.ofSeconds(1), java.util.Optional.empty(), false), OutputSink.NONE).outcome()));
            }
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
            System.out.printf("runner: %d started after %.2f s (launcher %s)%n", n, (System.nanoTime() - t0) / 1e9, runner.launcherName());
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("runner: %d ended: %.0f/s; %s%n", n, rate, cpu().since(cpu0).per(n));
            // The runner's own threads (started with it); the launchers' and the JDK's reaper threads have ended
            System.out.printf("runner: threads' CPU per process: output tailer %.3f ms, process end/timer/killer %.3f ms, common fork-join pool %.3f ms%n",
                    1000 * threadSeconds("jobwerk-output") / n, 1000 * threadSeconds("jobwerk-process") / n, 1000 * threadSeconds("ForkJoinPool.co") / n);
            return rate;
        }
    }

    /** Raw spawn-and-reap, the JobProcessRunner alone, raw again: the runner against its yardstick. */
    static void runner(int n, int launchers) throws Exception {
        rawSpawnRate(200, launchers); // warm up
        double raw = rawSpawnRate(n, launchers);
        double runner = runnerRate(n, launchers);
        double rawAfter = rawSpawnRate(n, launchers);
        System.out.printf("runner: JobProcessRunner alone %.0f/s = %.0f%% of raw before, %.0f%% of raw after%n",
                runner, 100 * runner / raw, 100 * runner / rawAfter);
    }

    static void shell(int n, int launchers) throws Exception {
        rawSpawnRate(200, launchers); // warm up
        double raw = rawSpawnRate(n, launchers);
        System.out.printf("shell: raw ProcessBuilder spawn-and-reap of '/bin/sh -c exit 0', %d launchers: %.0f/s%n", launchers, raw);
        System.out.printf("shell: JobProcessRunner alone (files, tailer, return values; %d launchers): %.0f/s%n",
                launchers, runnerRate(n, launchers));
        // 5,000: after 2,000 the JIT was still compiling the engine's hot methods with C2 during the
        // measured orders (4 s of compiler-thread CPU in 30 s), which is start-up, not the steady rate.
        int warmUp = WARM_UP ? WARM_UP_ORDERS : 0;
        Terminated terminated = new Terminated(warmUp + n);
        try (InProcessSystem system = InProcessSystem.start(tempDir(), FSYNC, false, terminated::on)) {
            system.deployWorkflows("1", workflow("shell", shellScript("exit 0")));
            if (warmUp > 0) {
                Cpu cpu0 = cpu();
                long t = System.nanoTime();
                addOrders(system, "warm-up-", "shell", warmUp);
                while (terminated.latch.getCount() > n) {
                    Thread.sleep(1);
                }
                double rate = warmUp / ((System.nanoTime() - t) / 1e9);
                System.out.printf("shell: warm-up with %d orders (cold JIT): %.0f orders/s = %.0f%% of raw; %s%n",
                        warmUp, rate, 100 * rate / raw, cpu().since(cpu0).per(warmUp));
            }
            Cpu cpu0 = cpu();
            long t0 = System.nanoTime();
            addOrders(system, "shell-", "shell", n);
            terminated.await("shell", 900);
            double rate = n / ((System.nanoTime() - t0) / 1e9);
            System.out.printf("shell: %d orders through a shell job 'exit 0': %.0f orders/s = %.0f%% of raw (goal >= 70%%); %s%n",
                    n, rate, 100 * rate / raw, cpu().since(cpu0).per(n));
        }
        double rawAfter = rawSpawnRate(n, launchers);
        System.out.printf("shell: raw rate again after the run: %.0f/s%n", rawAfter);
    }

    static void sleep(int n) throws Exception {
        AtomicInteger processing = new AtomicInteger();
        Terminated terminated = new Terminated(n);
        try (InProcessSystem system = InProcessSystem.start(tempDir(), FSYNC, false, s -> {
            if (s.keyedEvent().event() instanceof OrderEvent.OrderProcessingStarted) {
                processing.incrementAndGet();
            }
            terminated.on(s);
        })) {
            system.deployWorkflows("1", workflow("sleep", shellScript("sleep 300")));
            long t0 = System.nanoTime();
            addOrders(system, "sleep-", "sleep", n);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            int last = -1;
            while (processing.get() < n && System.nanoTime() < deadline) {
                Thread.sleep(1000);
                if (processing.get() / 1000 != last / 1000) {
                    last = processing.get();
                    System.out.printf("sleep: %d Processing after %.0f s, RSS %d MiB%n", last, (System.nanoTime() - t0) / 1e9, rssMiB());
                }
            }
            double processingSeconds = (System.nanoTime() - t0) / 1e9;
            // OrderProcessingStarted is committed before the process starts (on a launcher thread): wait for the processes too
            while (ProcessHandle.current().children().count() < n && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf("sleep: all %d orders Processing after %.1f s; %d child processes running after %.1f s%n",
                    n, processingSeconds, ProcessHandle.current().children().count(), startSeconds);
            System.gc();
            System.out.printf("sleep: %d of %d orders Processing after %.1f s (%.0f/s); process RSS %d MiB (Controller + Agent in one JVM; goal < 2048), threads %d%n",
                    processing.get(), n, startSeconds, processing.get() / startSeconds, rssMiB(), Thread.activeCount());
            List<OrderId> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ids.add(new OrderId("sleep-" + i));
            }
            long t1 = System.nanoTime();
            system.execute(new Command.CancelOrders(ids, CancellationMode.kill(true))).orThrow();
            terminated.await("sleep cancel", 900);
            System.out.printf("sleep: %d orders cancelled (kill) and ended in %.1f s; child processes left: %d%n",
                    n, (System.nanoTime() - t1) / 1e9, ProcessHandle.current().children().count());
        }
    }

    static void latency(int rate, int n) throws Exception {
        Map<String, Long> added = new ConcurrentHashMap<>();
        long[] latencies = new long[n];
        AtomicInteger count = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(n);
        Map<String, Long> attachable = new ConcurrentHashMap<>();
        Map<String, Long> attached = new ConcurrentHashMap<>();
        try (InProcessSystem system = InProcessSystem.start(tempDir(), FSYNC, false, s -> {
            if (s.keyedEvent().event() instanceof OrderEvent.OrderAttachable) {
                attachable.put(s.keyedEvent().key().orElseThrow(), System.nanoTime());
            }
        })) {
            system.standalone().agent().keeper().addListener((events, state) -> {
                long now = System.nanoTime();
                for (Stamped<? extends Event> s : events) {
                    if (s.keyedEvent().event() instanceof OrderEvent.OrderAttachedToAgent) {
                        attached.put(s.keyedEvent().key().orElseThrow(), now);
                    }
                    if (s.keyedEvent().event() instanceof OrderEvent.OrderProcessingStarted) {
                        Long t = added.get(s.keyedEvent().key().orElseThrow());
                        if (t != null) {
                            latencies[count.getAndIncrement()] = now - t;
                            started.countDown();
                        }
                    }
                }
            });
            system.deployWorkflows("1", workflow("latency", NOOP));
            if (WARM_UP) {
                for (int i = 0; i < 3000; i += 100) { // warm up the JIT with bursts and pauses
                    addOrders(system, "warm-up-" + i + "-", "latency", 100);
                    Thread.sleep(20);
                }
                Thread.sleep(2000);
            }
            long period = 1_000_000_000L / rate;
            long next = System.nanoTime();
            for (int i = 0; i < n; i++) {
                while (System.nanoTime() < next) {
                    Thread.onSpinWait();
                    if (next - System.nanoTime() > 2_000_000) {
                        Thread.sleep(1);
                    }
                }
                String id = "latency-" + i;
                added.put(id, System.nanoTime());
                system.standalone().controller().keeper().execute(new Command.AddOrder(FreshOrder.of(id, "latency")));
                next += period;
            }
            if (!started.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latency: " + started.getCount() + " orders did not start");
            }
            long[] sorted = Arrays.copyOf(latencies, n);
            Arrays.sort(sorted);
            System.out.printf("latency: %d orders at %d/s, AddOrder -> OrderProcessingStarted durable at the Agent: "
                            + "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms (goal p99 < 20 ms)%n",
                    n, rate, ms(sorted, 0.5), ms(sorted, 0.9), ms(sorted, 0.99), sorted[n - 1] / 1e6);
            long[] toAttachable = new long[n];
            long[] toAttached = new long[n];
            for (int i = 0; i < n; i++) {
                String id = "latency-" + i;
                toAttachable[i] = attachable.getOrDefault(id, 0L) - added.get(id);
                toAttached[i] = attached.getOrDefault(id, 0L) - attachable.getOrDefault(id, 0L);
            }
            Arrays.sort(toAttachable);
            Arrays.sort(toAttached);
            System.out.printf("latency: of which AddOrder -> OrderAttachable committed: p50 %.1f ms, p99 %.1f ms; "
                            + "-> OrderAttachedToAgent committed at the Agent: p50 %.1f ms, p99 %.1f ms%n",
                    ms(toAttachable, 0.5), ms(toAttachable, 0.99), ms(toAttached, 0.5), ms(toAttached, 0.99));
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))] / 1e6;
    }

    /** CPU seconds of this JVM and of its reaped child processes since {@link #cpu()} was called. */
    /**
     * CPU seconds of the JIT's compiler threads now running (from /proc/self/task; a compiler thread
     * that ended took its time with it, so this is a lower bound), -1 if not Linux.
     */
    static double compilerThreadSeconds() {
        return threadSeconds("CompilerThre"); // "C2 CompilerThre", truncated
    }

    /** CPU seconds × 100 used since {@code before} by the threads whose name starts with {@code prefix}. */
    static long threadTicksSince(Map<String, Long> before, String prefix) {
        long used = 0;
        for (Map.Entry<String, Long> e : threadTicks().entrySet()) {
            if (e.getKey().substring(e.getKey().indexOf(' ') + 1).startsWith(prefix)) {
                used += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
        }
        return used;
    }

    /** CPU ticks (utime + stime) of each live thread of this JVM, by "tid comm". */
    static Map<String, Long> threadTicks() {
        Map<String, Long> ticks = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks.put(task.getFileName() + " " + Files.readString(task.resolve("comm")).strip(),
                            Long.parseLong(f[11]) + Long.parseLong(f[12]));
                } catch (Exception e) {
                    // the thread ended meanwhile
                }
            }
        } catch (Exception e) {
            // no /proc: nothing to report
        }
        return ticks;
    }

    /** The threads that used the most CPU since {@code before}, as seconds and share of {@code wallSeconds}. */
    static void printBusiestThreads(String caseName, Map<String, Long> before, double wallSeconds, int orders) {
        Map<String, Long> after = threadTicks();
        long jvmTicks = 0;
        long appTicks = 0;
        for (Map.Entry<String, Long> e : after.entrySet()) {
            long used = e.getValue() - before.getOrDefault(e.getKey(), 0L);
            String name = e.getKey().substring(e.getKey().indexOf(' ') + 1);
            if (name.startsWith("C1 ") || name.startsWith("C2 ") || name.startsWith("GC ") || name.startsWith("G1 ") || name.startsWith("VM ")) {
                jvmTicks += used;
            } else {
                appTicks += used;
            }
        }
        System.out.printf("%s: CPU of the application's threads %.2f s = %.3f ms per order; of the JIT compilers and GC %.2f s%n",
                caseName, appTicks / 100.0, appTicks * 10.0 / orders, jvmTicks / 100.0);
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(12)
                .forEach(e -> System.out.printf("%s: thread %-40s %5.2f s CPU = %3.0f%% of the wall time%n", caseName, e.getKey(),
                        e.getValue() / 100.0, 100 * e.getValue() / 100.0 / wallSeconds));
    }

    /** CPU seconds of the threads now running whose name (truncated to 15 characters by Linux) contains {@code name}; -1 if not Linux. */
    static double threadSeconds(String name) {
        Map<String, Long> ticks = threadTicks();
        if (ticks.isEmpty()) {
            return -1; // no /proc
        }
        return ticks.entrySet().stream().filter(e -> e.getKey().substring(e.getKey().indexOf(' ') + 1).contains(name))
                .mapToLong(Map.Entry::getValue).sum() / 100.0;
    }

    /** CPU seconds of this JVM, of its reaped children, and of the JIT's compiler threads (part of the JVM's). */
    record Cpu(double jvm, double children, double jit) {
        Cpu since(Cpu start) {
            return new Cpu(jvm - start.jvm, children - start.children, jit - start.jit);
        }

        String per(int n) {
            return String.format("CPU %.1f s in the JVM (%.1f s of it the JIT compiler threads) + %.1f s in children = %.2f + %.2f ms per process",
                    jvm, jit, children, 1000 * jvm / n, 1000 * children / n);
        }
    }

    static Cpu cpu() {
        double children = -1;
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            children = (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0; // cutime + cstime, in clock ticks
        } catch (Exception e) {
            // not Linux
        }
        return new Cpu(cpuNanos() / 1e9, children, compilerThreadSeconds());
    }

    /** CPU time of this process (all threads). */
    static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static long rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (Exception e) {
            return -1;
        }
        return -1;
    }
}
