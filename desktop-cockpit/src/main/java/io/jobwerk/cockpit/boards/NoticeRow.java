package io.jobwerk.cockpit.boards;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A notice key of a board as the Notice boards screen shows it: posted (until when) or only
 * expected, and by which orders. A board without notices or expectations is one row, neither posted
 * nor expected, with an empty key.
 *
 * @param expectingOrders the orders waiting for this key, sorted
 */
public record NoticeRow(String boardPath, String noticeKey, boolean posted, Optional<Instant> endOfLife, List<String> expectingOrders) {

    public NoticeRow {
        expectingOrders = List.copyOf(expectingOrders);
    }

    /** The board's row that stands for no notice at all. */
    public boolean isEmptyBoard() {
        return !posted && expectingOrders.isEmpty();
    }
}
