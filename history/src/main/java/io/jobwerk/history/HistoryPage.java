package io.jobwerk.history;

import java.util.List;

/** One page of a query's rows and how many rows match in all. */
public record HistoryPage<R>(long total, List<R> rows) {
    public HistoryPage {
        rows = List.copyOf(rows);
    }
}
