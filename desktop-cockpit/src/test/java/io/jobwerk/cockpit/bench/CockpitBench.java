package io.jobwerk.cockpit.bench;

import io.jobwerk.cockpit.Cockpit;
import io.jobwerk.cockpit.connection.ConnectionConf;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.main.Page;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * The Cockpit's goals (issue 11): ORDERS live orders at the Controller changing state at RATE events
 * per second for SECONDS, the Cockpit (this JVM, headless Monocle unless a display is configured)
 * connected to it. Measures start to a filled dashboard, the gaps between FX pulses (an
 * {@link AnimationTimer}'s frames) on the Dashboard, while the Orders table scrolls every pulse, and
 * while its text filter changes every second (each filter's time on the FX thread too), and the heap
 * (sampled, and what is left after a GC). The Controller runs in a JVM of its own ({@link BenchSystem}).
 * Usage: {@code CockpitBench [ORDERS [RATE [SECONDS]]]}, defaults 10000 500 60.
 */
public final class CockpitBench {

    private static final long[] frames = new long[1_000_000];
    private static volatile int frameCount;
    private static volatile boolean recording;
    private static long fxThreadId;
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 500;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        Process system = new ProcessBuilder(Path.java(), "-Xmx2g", "-XX:+UseZGC", "-cp", System.getProperty("java.class.path"),
                BenchSystem.class.getName(), Integer.toString(orders)).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            run(system, orders, rate, seconds);
        } finally {
            system.destroy();
            system.waitFor(10, TimeUnit.SECONDS);
        }
        System.exit(0);
    }

    private static void run(Process system, int orders, int rate, int seconds) throws Exception {
        BufferedReader systemOut = new BufferedReader(new InputStreamReader(system.getInputStream()));
        PrintWriter systemIn = new PrintWriter(system.getOutputStream(), true);
        String ready = systemOut.readLine();
        if (ready == null || !ready.startsWith("READY ")) {
            throw new IllegalStateException("The bench system did not start: " + ready);
        }
        String uri = ready.substring("READY ".length());
        System.out.printf(Locale.ROOT, "Controller %s with %,d orders waiting at a prompt (own JVM)%n", uri, orders);

        CountDownLatch fx = new CountDownLatch(1);
        long toolkitCpu = OS.getProcessCpuTime();
        long toolkitStart = System.nanoTime();
        Platform.startup(fx::countDown);
        fx.await();
        fxThreadId = onFx(() -> Thread.currentThread().getId());
        System.out.printf(Locale.ROOT, "JavaFX start-up (before a Cockpit, as in any JavaFX application): %d ms, %.2f s CPU%n",
                (System.nanoTime() - toolkitStart) / 1_000_000, (OS.getProcessCpuTime() - toolkitCpu) / 1e9);
        long processCpuAtStart = OS.getProcessCpuTime();
        Cockpit[] cockpit = new Cockpit[1];
        AtomicLong events = new AtomicLong();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        ThreadCpu threadsAtStart = ThreadCpu.now();
        long started = System.nanoTime();
        long startedWall = System.currentTimeMillis();
        long[] connectedAt = {0};
        long[] firstCountsAt = {0};
        long[] shownAt = {0};
        long[] fxCpuAt = new long[3]; // start, shown, first counts
        Platform.runLater(() -> {
            fxCpuAt[0] = THREADS.getCurrentThreadCpuTime();
            cockpit[0] = new Cockpit(new ConnectionConf("bench", uri, BenchSystem.USER, BenchSystem.PASSWORD),
                    Clock.systemUTC(), ZoneId.systemDefault(), question -> true).start();
            cockpit[0].live().addOrderEventListener(lines -> events.addAndGet(lines.size()));
            cockpit[0].live().connectionProperty().addListener((o, a, b) -> {
                if (b.isConnected() && connectedAt[0] == 0) {
                    connectedAt[0] = System.nanoTime();
                }
            });
            cockpit[0].live().countsProperty().addListener((o, a, b) -> {
                if (b.total() > 0 && firstCountsAt[0] == 0) {
                    firstCountsAt[0] = System.nanoTime();
                    fxCpuAt[2] = THREADS.getCurrentThreadCpuTime();
                }
            });
            cockpit[0].show(new Stage());
            shownAt[0] = System.nanoTime();
            fxCpuAt[1] = THREADS.getCurrentThreadCpuTime();
        });
        while (!onFx(() -> cockpit[0] != null && cockpit[0].live().countsProperty().get().total() == orders
                && cockpit[0].view().lookup("#tile-PROMPTING .count") instanceof javafx.scene.control.Label l
                && l.getText().equals(Integer.toString(orders)))) {
            Thread.sleep(5);
        }
        onFx(() -> true); // one more round on the FX thread: the filled dashboard is laid out
        long filledMs = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(Locale.ROOT, "Start to filled dashboard: %d ms from new Cockpit (connect, login, snapshot of %,d orders, rows, tiles); "
                + "%d ms from JVM start (incl. JavaFX start-up); this JVM used %.1f s CPU meanwhile, load average %.1f%n",
                filledMs, orders, startedWall + filledMs - jvmStart, (OS.getProcessCpuTime() - processCpuAtStart) / 1e9, OS.getSystemLoadAverage());
        long fxCpuAtEnd = THREADS.getThreadCpuTime(fxThreadId);
        System.out.printf(Locale.ROOT, "  window shown (view built) after %d ms, connected (snapshot decoded) after %d ms, first counts on the UI thread after %d ms;"
                + " the UI thread's CPU: %d ms to show, %d ms more to the first counts, %d ms more to the filled dashboard; CPU by thread:%n%s",
                (shownAt[0] - started) / 1_000_000, (connectedAt[0] - started) / 1_000_000, (firstCountsAt[0] - started) / 1_000_000,
                (fxCpuAt[1] - fxCpuAt[0]) / 1_000_000, (fxCpuAt[2] - fxCpuAt[1]) / 1_000_000, (fxCpuAtEnd - fxCpuAt[2]) / 1_000_000,
                ThreadCpu.now().busiestSince(threadsAtStart, 8));
        System.out.printf(Locale.ROOT, "  (start span in epoch ms, to cut a profile: %d %d)%n", startedWall, startedWall + filledMs);

        HeapSampler heap = new HeapSampler();
        heap.start();
        Platform.runLater(() -> new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (recording && frameCount < frames.length) {
                    frames[frameCount++] = now;
                }
            }
        }.start());
        long eventsBefore = events.get();
        systemIn.println("go " + rate + " " + seconds);
        long streamStart = System.nanoTime();
        int phase = seconds / 3;

        System.out.println();
        System.out.printf(Locale.ROOT, "%d events/s for %d s; FX pulse gaps (goal: max < 100 ms, p99 < 50 ms):%n", rate, seconds);
        measure("Dashboard", phase, () -> { });
        onFx(() -> {
            cockpit[0].viewModel().show(Page.ORDERS);
            return true;
        });
        TableView<OrderRow> table = onFx(() -> (TableView<OrderRow>) cockpit[0].view().lookup("#orders"));
        int[] row = {0};
        AnimationTimer scroller = new AnimationTimer() {
            @Override
            public void handle(long now) {
                row[0] = (row[0] + 37) % Math.max(1, table.getItems().size());
                table.scrollTo(row[0]);
            }
        };
        Platform.runLater(scroller::start);
        measure("Orders, scrolled every pulse", phase, () -> { });
        Platform.runLater(scroller::stop);
        long[] filterNanos = new long[phase];
        String[] filters = {"bench-1", "Step 7", "bench-99", "prompt", "", "bench-4242", "zzz", ""};
        int[] f = {0};
        measure("Orders, filter changed every second", phase, () -> {
            try {
                long took = onFx(() -> {
                    long t = System.nanoTime();
                    cockpit[0].viewModel().orders().textProperty().set(filters[f[0] % filters.length]);
                    return System.nanoTime() - t;
                });
                if (f[0] < filterNanos.length) {
                    filterNanos[f[0]] = took;
                }
                f[0]++;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long streamMs = (System.nanoTime() - streamStart) / 1_000_000;
        String done = systemOut.readLine();
        long received = events.get() - eventsBefore;
        long[] filterTimes = Arrays.copyOf(filterNanos, Math.min(f[0], filterNanos.length));
        Arrays.sort(filterTimes);
        System.out.printf(Locale.ROOT, "Filter over %,d rows on the FX thread: median %.1f ms, max %.1f ms (%d changes)%n", orders,
                filterTimes.length == 0 ? 0 : filterTimes[filterTimes.length / 2] / 1e6,
                filterTimes.length == 0 ? 0 : filterTimes[filterTimes.length - 1] / 1e6, filterTimes.length);
        System.out.printf(Locale.ROOT, "Controller: %s; the Cockpit received %,d order events in %d s (%.0f/s)%n", done, received,
                streamMs / 1000, received * 1000.0 / streamMs);
        heap.stopSampling();
        System.gc();
        Thread.sleep(500);
        System.gc();
        long afterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "Heap (-Xmx%d MiB): at most %d MiB used while streaming (sampled every 100 ms), %d MiB live after a GC (goal < 500 MiB)%n",
                Runtime.getRuntime().maxMemory() >> 20, heap.max >> 20, afterGc >> 20);
        systemIn.println("quit");
        Platform.runLater(() -> cockpit[0].close());
    }

    /** Records the pulses for {@code seconds}, calling {@code everySecond} once a second, and prints the gaps. */
    private static void measure(String what, int seconds, Runnable everySecond) throws InterruptedException {
        int from = frameCount;
        long fxCpu = THREADS.getThreadCpuTime(fxThreadId);
        long processCpu = OS.getProcessCpuTime();
        long wall = System.nanoTime();
        recording = true;
        for (int s = 0; s < seconds; s++) {
            everySecond.run();
            Thread.sleep(1000);
        }
        int to = frameCount;
        wall = System.nanoTime() - wall;
        fxCpu = THREADS.getThreadCpuTime(fxThreadId) - fxCpu;
        processCpu = OS.getProcessCpuTime() - processCpu;
        long[] gaps = new long[Math.max(0, to - from - 1)];
        for (int i = from + 1; i < to; i++) {
            gaps[i - from - 1] = frames[i] - frames[i - 1];
        }
        Arrays.sort(gaps);
        if (gaps.length == 0) {
            System.out.println("  " + what + ": no pulses");
            return;
        }
        System.out.printf(Locale.ROOT, "  %-38s %5d pulses, gap p50 %5.1f ms, p99 %5.1f ms, max %6.1f ms; FX thread CPU %4.1f%% of the time, "
                        + "this JVM %.2f cores, load average %.1f%n", what + ":", gaps.length + 1,
                gaps[gaps.length / 2] / 1e6, gaps[(int) Math.min(gaps.length - 1, Math.ceil(gaps.length * 0.99) - 1)] / 1e6, gaps[gaps.length - 1] / 1e6,
                100.0 * fxCpu / wall, (double) processCpu / wall, OS.getSystemLoadAverage());
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(call.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }

    private static final class HeapSampler extends Thread {
        volatile long max;
        private volatile boolean running = true;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                max = Math.max(max, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stopSampling() {
            running = false;
        }
    }

    private static final class Path {
        static String java() {
            return java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
    }
}
