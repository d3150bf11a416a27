package io.jobwerk.cockpit;

import io.jobwerk.cockpit.live.OrderRow;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Reading and waiting on the FX thread, for the Cockpit's TestFX tests against a real system. */
final class FxWait {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private FxWait() {
    }

    /** {@code read} run on the FX thread, its result. */
    static <T> T onFx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
    }

    /** Waits until {@code condition}, checked on the FX thread, holds; fails naming {@code what} after {@link #TIMEOUT}. */
    static void awaitFx(String what, Supplier<Boolean> condition) throws Exception {
        awaitFx(what, TIMEOUT, condition);
    }

    static void awaitFx(String what, Duration timeout, Supplier<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (onFx(condition::get)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("Not within " + timeout + ": " + what);
    }

    /** Selects the row of {@code orderId} alone and scrolls to it. */
    static void select(FxRobot robot, TableView<OrderRow> table, String orderId) {
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            table.getItems().stream().filter(r -> r.orderId().equals(orderId)).findFirst().ifPresent(r -> {
                table.getSelectionModel().select(r);
                table.scrollTo(r);
            });
        });
    }
}
