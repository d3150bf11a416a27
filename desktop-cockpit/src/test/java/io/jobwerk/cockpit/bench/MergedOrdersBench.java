package io.jobwerk.cockpit.bench;

import io.jobwerk.cockpit.allcontrollers.AllOrdersViewModel;
import io.jobwerk.cockpit.allcontrollers.ControllerSource;
import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.Snapshots;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * What the view over all Controllers adds to one update, in CPU time of this thread: two Controllers
 * of ORDERS/2 orders each, updates at one naming CHANGED orders, first without the merged view, then
 * with it (its table sorted by state, so the sorted list places each changed row), and without it again
 * (the JIT warms up all along: the last line shows how much of a difference is the order of the runs).
 */
public final class MergedOrdersBench {
    public static void main(String[] args) {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int changed = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int half = orders / 2;
        EngineState prompting = state(half, 0);
        EngineState someReady = state(half, Math.min(1000, half));
        LiveModel a = new LiveModel(Clock.systemUTC(), ZoneId.of("UTC"));
        LiveModel b = new LiveModel(Clock.systemUTC(), ZoneId.of("UTC"));
        a.apply(new LiveUpdate(prompting, 1, true, Set.of(), true, List.of()));
        b.apply(new LiveUpdate(prompting, 1, true, Set.of(), true, List.of()));
        System.out.printf(Locale.ROOT, "two Controllers of %,d orders, updates naming %d at one:%n", half, changed);
        measure("warming up, without the merged view", a, prompting, someReady, changed, half);
        measure("without the merged view", a, prompting, someReady, changed, half);
        AllOrdersViewModel all = new AllOrdersViewModel(UiThread.direct(), new AllOrdersViewModel.Opener() {
            @Override public void openDetail(String controller, String orderId) { }
            @Override public void openLog(String controller, String orderId) { }
        });
        all.add(new ControllerSource("a", a, c -> CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED))));
        all.add(new ControllerSource("b", b, c -> CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED))));
        all.rows().setComparator(Comparator.comparing(OrderRow::group).thenComparing(OrderRow::orderId));
        measure("with the merged view, sorted by state", a, prompting, someReady, changed, half);
        all.textProperty().set("o1");
        measure("with the merged view, sorted and filtered by text", a, prompting, someReady, changed, half);
        all.remove("a");
        all.remove("b");
        measure("without the merged view again (its Controllers removed)", a, prompting, someReady, changed, half);
    }

    private static EngineState state(int orders, int ready) {
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            objects.add(i < ready ? Snapshots.order("o" + i, 1, "{\"TYPE\":\"Ready\"}")
                    : Snapshots.order("o" + i, 0, "{\"TYPE\":\"Prompting\",\"question\":\"Go on?\"}"));
        }
        return Snapshots.state(objects.toArray(String[]::new));
    }

    private static void measure(String what, LiveModel live, EngineState one, EngineState other, int changed, int orders) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        int n = Integer.getInteger("bench.updates", 300);
        long total = 0;
        long worst = 0;
        for (int u = 0; u < n; u++) {
            Set<OrderId> ids = new HashSet<>();
            for (int i = 0; i < changed; i++) {
                ids.add(new OrderId("o" + ((u * changed + i) % Math.min(1000, orders))));
            }
            long t = cpu.getCurrentThreadCpuTime();
            live.apply(new LiveUpdate(u % 2 == 0 ? other : one, 2 + u, false, ids, false, List.of()));
            long took = cpu.getCurrentThreadCpuTime() - t;
            if (u >= 50) {
                total += took;
                worst = Math.max(worst, took);
            }
        }
        System.out.printf(Locale.ROOT, "  %s: mean %.3f ms, max %.2f ms CPU per update (after 50 to warm up)%n",
                what, total / (n - 50) / 1e6, worst / 1e6);
    }
}
