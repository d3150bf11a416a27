package io.jobwerk.cockpit.bench;

import io.jobwerk.cockpit.connection.FakeReads;
import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.Snapshots;
import io.jobwerk.cockpit.main.MainViewModel;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What one update costs the UI thread with ORDERS orders, in CPU time of this thread (not wall time,
 * so a loaded machine does not blur it): the snapshot (reset), then updates naming CHANGED orders,
 * through the LiveModel and every ViewModel listening to it (MainViewModel builds them all); each
 * update moves its orders between Prompting and Ready, so their rows change.
 */
public final class LiveModelBench {
    public static void main(String[] args) {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int changed = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            objects.add(Snapshots.order("o" + i, 0, "{\"TYPE\":\"Prompting\",\"question\":\"Go on?\"}"));
        }
        List<String> other = new ArrayList<>(objects);
        for (int i = 0; i < 1000; i++) {
            other.set(i, Snapshots.order("o" + i, 1, "{\"TYPE\":\"Ready\"}"));
        }
        EngineState otherState = Snapshots.state(other.toArray(String[]::new));
        long t = cpu.getCurrentThreadCpuTime();
        EngineState state = Snapshots.state(objects.toArray(String[]::new));
        System.out.printf(Locale.ROOT, "snapshot objects to EngineState: %.1f ms CPU%n", (cpu.getCurrentThreadCpuTime() - t) / 1e6);
        LiveModel live = new LiveModel(Clock.systemUTC(), ZoneId.of("UTC"));
        new MainViewModel(live, c -> CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED)),
                new FakeReads((p, q) -> "{}"), UiThread.direct(), Runnable::run, Clock.systemUTC(), "bench");
        for (int round = 0; round < 3; round++) {
            t = cpu.getCurrentThreadCpuTime();
            live.apply(new LiveUpdate(state, 1, true, Set.of(), true, List.of()));
            System.out.printf(Locale.ROOT, "reset with %,d orders: %.1f ms CPU%n", orders, (cpu.getCurrentThreadCpuTime() - t) / 1e6);
        }
        int n = Integer.getInteger("bench.updates", 300);
        long total = 0;
        long worst = 0;
        for (int u = 0; u < n; u++) {
            Set<OrderId> ids = new HashSet<>();
            for (int i = 0; i < changed; i++) {
                ids.add(new OrderId("o" + ((u * changed + i) % 1000)));
            }
            t = cpu.getCurrentThreadCpuTime();
            live.apply(new LiveUpdate(u % 2 == 0 ? otherState : state, 2 + u, false, ids, false, List.of()));
            long took = cpu.getCurrentThreadCpuTime() - t;
            if (u >= 50) {
                total += took;
                worst = Math.max(worst, took);
            }
        }
        System.out.printf(Locale.ROOT, "update naming %d of %,d orders: mean %.2f ms, max %.2f ms CPU (after 50 to warm up)%n",
                changed, orders, total / (n - 50) / 1e6, worst / 1e6);
    }
}
