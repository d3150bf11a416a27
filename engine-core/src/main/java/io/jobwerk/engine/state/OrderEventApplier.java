package io.jobwerk.engine.state;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.lock.LockState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.workflow.BranchId;
import org.pcollections.PMap;
import org.pcollections.PVector;
import org.pcollections.TreePVector;

/**
 * An order event applied to the {@link EngineState}: the order itself (added, changed, forked
 * children added, joined children and deleted orders removed), and the locks, boards and notice
 * consumptions the event takes or frees for it.
 */
final class OrderEventApplier {
    private OrderEventApplier() {}

    static Checked<EngineState> apply(EngineState state, OrderId orderId, OrderEvent event) {
        if (event instanceof OrderEvent.OrderAdded added) {
            if (state.orders().containsKey(orderId)) {
                return Checked.fail(Problem.of("DuplicateOrder", "Order '" + orderId + "' already exists"));
            }
            return Checked.ok(state.withOrders(state.orders().plus(orderId, Order.fromOrderAdded(orderId, added))));
        }
        if (event instanceof OrderEvent.OrderAttachedToAgent attached) {
            return Checked.ok(state.withOrders(state.orders().plus(orderId, attached.order())));
        }
        Order order = state.orders().get(orderId);
        if (order == null) {
            return Checked.fail(Problem.of("UnknownOrder", "Event " + event.typeName() + " for unknown order '" + orderId + "'"));
        }
        Checked<Order> next = order.applyEvent(event);
        if (next.isFail()) {
            return Checked.fail(next.problemOption().orElseThrow());
        }
        Order updated = next.orThrow();
        PMap<OrderId, Order> newOrders = state.orders().plus(orderId, updated);
        PMap<LockPath, LockState> newLocks = state.locks();
        PMap<BoardPath, BoardState> newBoards = state.boards();
        PMap<OrderId, PVector<PVector<NoticeId>>> newConsumptions = state.noticeConsumptions();
        switch (event.kind()) {
            case ORDER_ADDED -> {
                var e = (OrderEvent.OrderOrderAdded) event;
                if (newOrders.containsKey(e.orderId())) {
                    return Checked.fail(Problem.of("DuplicateOrder", "Order '" + e.orderId() + "' already exists"));
                }
                newOrders = newOrders.plus(e.orderId(), Order.fromOrderOrderAdded(e));
            }
            case FORKED -> {
                for (OrderEvent.ForkedChild child : ((OrderEvent.OrderForked) event).children()) {
                    BranchId branchId = child.branchId().map(BranchId::fork).orElse(BranchId.FORK_LIST);
                    newOrders = newOrders.plus(child.orderId(), order.forkChild(child, branchId));
                }
            }
            case JOINED -> {
                if (order.state() instanceof OrderState.Forked forked) {
                    for (OrderState.Child child : forked.children()) {
                        newOrders = newOrders.minus(child.orderId());
                        newLocks = releaseAll(newLocks, child.orderId());
                        newBoards = unexpectAll(newBoards, child.orderId());
                        newConsumptions = newConsumptions.minus(child.orderId());
                    }
                }
            }
            case DELETED -> newOrders = newOrders.minus(orderId);
            case LOCKS_QUEUED -> {
                for (var demand : ((OrderEvent.OrderLocksQueued) event).demands()) {
                    LockState lock = newLocks.get(demand.lockPath());
                    if (lock != null) {
                        newLocks = newLocks.plus(demand.lockPath(), lock.enqueue(orderId));
                    }
                }
            }
            case LOCKS_ACQUIRED -> {
                for (var demand : ((OrderEvent.OrderLocksAcquired) event).demands()) {
                    LockState lock = newLocks.get(demand.lockPath());
                    if (lock == null) {
                        return Checked.fail(Problem.of("UnknownItem", "Unknown Lock '" + demand.lockPath() + "'"));
                    }
                    newLocks = newLocks.plus(demand.lockPath(), lock.acquire(orderId, demand.count()));
                }
            }
            case LOCKS_RELEASED -> {
                for (LockPath path : ((OrderEvent.OrderLocksReleased) event).lockPaths()) {
                    LockState lock = newLocks.get(path);
                    if (lock != null) {
                        newLocks = newLocks.plus(path, lock.release(orderId));
                    }
                }
            }
            case LOCKS_DEQUEUED -> {
                for (LockPath path : ((OrderEvent.OrderLocksDequeued) event).lockPaths()) {
                    LockState lock = newLocks.get(path);
                    if (lock != null) {
                        newLocks = newLocks.plus(path, lock.dequeue(orderId));
                    }
                }
            }
            case NOTICE_POSTED -> {
                Notice notice = ((OrderEvent.OrderNoticePosted) event).notice();
                BoardState board = newBoards.get(notice.id().boardPath());
                if (board == null) {
                    return Checked.fail(Problem.of("UnknownItem", "Unknown Board '" + notice.id().boardPath() + "'"));
                }
                newBoards = newBoards.plus(notice.id().boardPath(), board.post(notice));
            }
            case NOTICES_EXPECTED -> {
                for (NoticeId id : ((OrderEvent.OrderNoticesExpected) event).expected()) {
                    BoardState board = newBoards.get(id.boardPath());
                    if (board != null) {
                        newBoards = newBoards.plus(id.boardPath(), board.expect(id.noticeKey(), orderId));
                    }
                }
            }
            case NOTICES_READ, STATE_RESET -> newBoards = unexpectAll(newBoards, orderId);
            case NOTICES_CONSUMPTION_STARTED -> {
                newBoards = unexpectAll(newBoards, orderId);
                PVector<PVector<NoticeId>> stack = newConsumptions.getOrDefault(orderId, TreePVector.empty());
                newConsumptions = newConsumptions.plus(orderId,
                        stack.plus(TreePVector.from(((OrderEvent.OrderNoticesConsumptionStarted) event).consumptions())));
            }
            case NOTICES_CONSUMED -> {
                PVector<PVector<NoticeId>> stack = newConsumptions.getOrDefault(orderId, TreePVector.empty());
                if (!stack.isEmpty()) {
                    PVector<NoticeId> consumed = stack.get(stack.size() - 1);
                    if (!((OrderEvent.OrderNoticesConsumed) event).failed()) {
                        for (NoticeId id : consumed) {
                            BoardState board = newBoards.get(id.boardPath());
                            if (board != null) {
                                newBoards = newBoards.plus(id.boardPath(), board.delete(id.noticeKey()));
                            }
                        }
                    }
                    PVector<PVector<NoticeId>> rest = stack.minus(stack.size() - 1);
                    newConsumptions = rest.isEmpty() ? newConsumptions.minus(orderId) : newConsumptions.plus(orderId, rest);
                }
            }
            case CANCELLED, FINISHED -> {
                newLocks = releaseAll(newLocks, orderId);
                newBoards = unexpectAll(newBoards, orderId);
                newConsumptions = newConsumptions.minus(orderId);
            }
            default -> { }
        }
        return Checked.ok(new EngineState(state.workflows(), state.currentVersions(), state.items(), newLocks, newBoards, newOrders,
                state.pathControls(), state.breakpoints(), newConsumptions, state.observedEventIds(), state.couplings()));
    }

    private static PMap<LockPath, LockState> releaseAll(PMap<LockPath, LockState> locks, OrderId orderId) {
        PMap<LockPath, LockState> result = locks;
        for (var e : locks.entrySet()) {
            if (e.getValue().holders().containsKey(orderId) || e.getValue().queue().contains(orderId)) {
                result = result.plus(e.getKey(), e.getValue().release(orderId));
            }
        }
        return result;
    }

    private static PMap<BoardPath, BoardState> unexpectAll(PMap<BoardPath, BoardState> boards, OrderId orderId) {
        PMap<BoardPath, BoardState> result = boards;
        for (var e : boards.entrySet()) {
            BoardState updated = e.getValue().unexpect(orderId);
            if (updated != e.getValue() && !updated.expectingOrders().equals(e.getValue().expectingOrders())) {
                result = result.plus(e.getKey(), updated);
            }
        }
        return result;
    }
}
