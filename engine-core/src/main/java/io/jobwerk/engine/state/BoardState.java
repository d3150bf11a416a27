package io.jobwerk.engine.state;

import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.OrderId;
import java.util.Objects;
import org.pcollections.HashTreePMap;
import org.pcollections.HashTreePSet;
import org.pcollections.PMap;
import org.pcollections.PSet;

/** A board's notices by key, and the orders waiting for a key. */
public record BoardState(Item.GlobalBoard board, PMap<String, Notice> notices, PMap<String, PSet<OrderId>> expectingOrders) {

    public BoardState {
        Objects.requireNonNull(board, "board");
        Objects.requireNonNull(notices, "notices");
        Objects.requireNonNull(expectingOrders, "expectingOrders");
    }

    public static BoardState of(Item.GlobalBoard board) {
        return new BoardState(board, HashTreePMap.empty(), HashTreePMap.empty());
    }

    public boolean hasNotice(String noticeKey) {
        return notices.containsKey(noticeKey);
    }

    public BoardState post(Notice notice) {
        return new BoardState(board, notices.plus(notice.id().noticeKey(), notice), expectingOrders);
    }

    public BoardState delete(String noticeKey) {
        return new BoardState(board, notices.minus(noticeKey), expectingOrders);
    }

    public BoardState expect(String noticeKey, OrderId orderId) {
        PSet<OrderId> set = expectingOrders.getOrDefault(noticeKey, HashTreePSet.empty());
        return new BoardState(board, notices, expectingOrders.plus(noticeKey, set.plus(orderId)));
    }

    public BoardState unexpect(OrderId orderId) {
        PMap<String, PSet<OrderId>> map = expectingOrders;
        for (var e : expectingOrders.entrySet()) {
            if (e.getValue().contains(orderId)) {
                PSet<OrderId> rest = e.getValue().minus(orderId);
                map = rest.isEmpty() ? map.minus(e.getKey()) : map.plus(e.getKey(), rest);
            }
        }
        return new BoardState(board, notices, map);
    }

    public BoardState withBoard(Item.GlobalBoard board) {
        return new BoardState(board, notices, expectingOrders);
    }
}
