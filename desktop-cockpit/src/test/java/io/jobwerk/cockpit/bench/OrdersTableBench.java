package io.jobwerk.cockpit.bench;

import io.jobwerk.cockpit.connection.FakeReads;
import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.Snapshots;
import io.jobwerk.cockpit.main.MainViewModel;
import io.jobwerk.cockpit.orders.OrdersView;
import io.jobwerk.cockpit.ui.Theme;
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
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * What a pulse of the Orders table costs the UI thread in CPU time (not wall time, so a loaded
 * machine does not blur it): ORDERS orders in a shown {@link OrdersView} (1440x900), each round
 * an update naming CHANGED orders (moving between Prompting and Ready, as {@link LiveModelBench}),
 * the table scrolled by 37 rows, and the scene's CSS and layout pass a pulse runs (rendering not
 * included). Run with bench/cockpit/run.sh's class path and headless options. With
 * {@code -Dbench.page=dashboard} the Dashboard is shown instead and nothing scrolls: what an update
 * costs the Dashboard's pulse (its tiles, the "Needs attention" list over all prompting orders, the Agents).
 */
public final class OrdersTableBench {
    public static void main(String[] args) throws Exception {
        int orders = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int changed = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 600;
        List<String> objects = new ArrayList<>();
        for (int i = 0; i < orders; i++) {
            objects.add(Snapshots.order("o" + i, 0, "{\"TYPE\":\"Prompting\",\"question\":\"Go on?\"}"));
        }
        List<String> other = new ArrayList<>(objects);
        for (int i = 0; i < orders; i += 7) {
            other.set(i, Snapshots.order("o" + i, 1, "{\"TYPE\":\"Ready\"}"));
        }
        EngineState state = Snapshots.state(objects.toArray(String[]::new));
        EngineState otherState = Snapshots.state(other.toArray(String[]::new));
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(60, TimeUnit.SECONDS);
        CompletableFuture<String> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(run(state, otherState, orders, changed, rounds));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        System.out.println(result.get(30, TimeUnit.MINUTES));
        System.exit(0);
    }

    private static String run(EngineState state, EngineState otherState, int orders, int changed, int rounds) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        LiveModel live = new LiveModel(Clock.systemUTC(), ZoneId.of("UTC"));
        MainViewModel main = new MainViewModel(live, c -> CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED)),
                new FakeReads((p, q) -> "{}"), UiThread.direct(), Runnable::run, Clock.systemUTC(), "bench");
        boolean dashboard = System.getProperty("bench.page", "orders").equals("dashboard");
        javafx.scene.Parent view = dashboard ? new io.jobwerk.cockpit.dashboard.DashboardView(main.dashboard())
                : new OrdersView(main.orders(), ZoneId.of("UTC"), q -> true, row -> { }, row -> { });
        Scene scene = new Scene(view, 1440, 900);
        Theme.LIGHT.apply(scene);
        Stage stage = new Stage();
        stage.setScene(scene);
        stage.show();
        live.apply(new LiveUpdate(state, 1, true, Set.of(), true, List.of()));
        @SuppressWarnings("unchecked")
        TableView<OrderRow> table = (TableView<OrderRow>) view.lookup("#orders");
        long[] took = new long[rounds];
        int row = 0;
        for (int u = 0; u < rounds; u++) {
            Set<OrderId> ids = new HashSet<>();
            for (int i = 0; i < changed; i++) {
                ids.add(new OrderId("o" + ((u * changed + i) * 7 % orders)));
            }
            long t = cpu.getCurrentThreadCpuTime();
            live.apply(new LiveUpdate(u % 2 == 0 ? otherState : state, 2 + u, false, ids, false, List.of()));
            if (!dashboard) {
                row = (row + 37) % table.getItems().size();
                table.scrollTo(row);
            }
            scene.getRoot().applyCss();
            scene.getRoot().layout();
            took[u] = cpu.getCurrentThreadCpuTime() - t;
        }
        int warmUp = rounds / 3;
        long[] measured = Arrays.copyOfRange(took, warmUp, rounds);
        Arrays.sort(measured);
        double mean = Arrays.stream(measured).average().orElse(0) / 1e6;
        stage.close();
        return String.format(Locale.ROOT, "%s, %,d orders, %d changed per update%s (%d rounds after %d to warm up): "
                        + "UI thread CPU per round mean %.2f ms, p50 %.2f, p99 %.2f, max %.2f ms",
                dashboard ? "Dashboard" : "Orders table", orders, changed, dashboard ? "" : ", scrolled 37 rows per round", measured.length, warmUp, mean, measured[measured.length / 2] / 1e6,
                measured[(int) Math.ceil(measured.length * 0.99) - 1] / 1e6, measured[measured.length - 1] / 1e6);
    }
}
