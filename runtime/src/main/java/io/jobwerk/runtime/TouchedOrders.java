package io.jobwerk.runtime;

import io.jobwerk.engine.board.NoticeEvent;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.lock.LockState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.state.BoardState;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.WorkflowControlEvent;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Which orders the motor must look at again after some events: their own, and those the events may free. */
final class TouchedOrders {
    private TouchedOrders() {}

    /** Adds to {@code touched} each event's order and those it may affect: lock waiters, board waiters, fork parents and children. */
    static void collect(List<? extends KeyedEvent<? extends Event>> events, EngineState state, Set<OrderId> touched) {
        for (KeyedEvent<? extends Event> ke : events) {
            Event e = ke.event();
            if (e instanceof OrderEvent oe && ke.key().isPresent()) {
                OrderId id = new OrderId(ke.key().get());
                touched.add(id);
                Order order = state.orders().get(id);
                if (order != null) {
                    order.parent().ifPresent(touched::add);
                }
                switch (oe.kind()) {
                    case LOCKS_RELEASED, CANCELLED, FINISHED, DELETED, JOINED, LOCKS_DEQUEUED -> {
                        for (LockState lock : state.locks().values()) {
                            touched.addAll(lock.queue());
                        }
                    }
                    case NOTICE_POSTED -> touchBoardWaiters(state, touched);
                    case ORDER_ADDED -> touched.add(((OrderEvent.OrderOrderAdded) oe).orderId());
                    case FORKED -> ((OrderEvent.OrderForked) oe).children().forEach(c -> touched.add(c.orderId()));
                    default -> { }
                }
            } else if (e instanceof NoticeEvent) {
                touchBoardWaiters(state, touched);
            } else if (e instanceof WorkflowControlEvent || e instanceof ItemEvent) {
                touched.addAll(state.orders().keySet());
            }
        }
    }

    private static void touchBoardWaiters(EngineState state, Set<OrderId> touched) {
        for (Map.Entry<BoardPath, BoardState> board : state.boards().entrySet()) {
            board.getValue().expectingOrders().values().forEach(touched::addAll);
        }
    }
}
