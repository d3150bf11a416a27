package io.jobwerk.cockpit.log;

import io.jobwerk.cockpit.connection.ControllerReads;
import io.jobwerk.engine.base.Checked;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An order's log from {@code GET /controller/api/history/log/ID}; its {@code X-Jobwerk-Event-Id}
 * header says up to which event it holds. A Controller without the header gets only the output
 * that comes after its answer appended (nothing doubled, maybe a chunk lost).
 */
public final class HistoryLogSource implements LogSource {

    static final String EVENT_ID_HEADER = "X-Jobwerk-Event-Id";

    private final ControllerReads reads;

    public HistoryLogSource(ControllerReads reads) {
        this.reads = reads;
    }

    @Override
    public CompletableFuture<Checked<HistoryLog>> read(String orderId) {
        return reads.getText(List.of("history", "log", orderId)).thenApply(answer -> answer.map(a -> new HistoryLog(a.text(),
                a.header(EVENT_ID_HEADER).flatMap(HistoryLogSource::parseLong).orElse(Long.MAX_VALUE - 1))));
    }

    private static java.util.Optional<Long> parseLong(String s) {
        try {
            return java.util.Optional.of(Long.parseLong(s.trim()));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }
}
