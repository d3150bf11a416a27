package io.jobwerk.cockpit.log;

import io.jobwerk.engine.base.Checked;
import java.util.concurrent.CompletableFuture;

/** Where an order's log comes from before it is followed live: the Controller's history. */
@FunctionalInterface
public interface LogSource {

    /**
     * The order's log so far and the last event it holds ({@code eventId}); live output of later
     * events is appended to it. Completes with the problem (e.g. {@code UnknownOrder}), never exceptionally.
     */
    CompletableFuture<Checked<HistoryLog>> read(String orderId);

    record HistoryLog(String text, long eventId) {}
}
