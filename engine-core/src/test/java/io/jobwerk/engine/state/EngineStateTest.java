package io.jobwerk.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.lock.LockState;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EngineStateTest {

    private static final WorkflowPath PATH = new WorkflowPath("WORKFLOW");
    private static final WorkflowId V1 = WorkflowId.of("WORKFLOW", "1");
    private static final WorkflowId V2 = WorkflowId.of("WORKFLOW", "2");
    private static final LockPath LOCK = new LockPath("LOCK");
    private static final BoardPath BOARD = new BoardPath("BOARD");
    private static final OrderId ORDER = new OrderId("ORDER");
    private static final NoticeId NOTICE = new NoticeId(BOARD, "2026-03-29");
    private static final Instruction.LockDemand EXCLUSIVE = new Instruction.LockDemand(LOCK, Optional.empty());

    private static Workflow workflow(WorkflowId id) {
        return Workflow.of(id, new Instruction.Stop(Optional.empty()));
    }

    private static Item.LockItem lockItem(int limit) {
        return new Item.LockItem(LOCK, limit);
    }

    private static final Item.GlobalBoard BOARD_ITEM = new Item.GlobalBoard(BOARD, Expr.of("'KEY'"), Expr.of("'KEY'"), Optional.empty());

    private static EngineState deployed() {
        return apply(EngineState.EMPTY,
                KeyedEvent.keyless(new ItemEvent.VersionAdded(new VersionId("1"))),
                KeyedEvent.keyless(new ItemEvent.VersionedItemAdded(workflow(V1))),
                KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(lockItem(1))),
                KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(BOARD_ITEM)));
    }

    private static OrderEvent.OrderAdded added(WorkflowId workflowId) {
        return new OrderEvent.OrderAdded(workflowId, Map.of(), Optional.empty(), PlanId.GLOBAL, Optional.empty(), false, false,
                Optional.empty(), Optional.empty(), List.of(), BigDecimal.ZERO);
    }

    /** A deployed state with a started order (Ready at [0]). */
    private static EngineState withReadyOrder() {
        return apply(deployed(), KeyedEvent.of(ORDER, added(V1)), KeyedEvent.of(ORDER, new OrderEvent.OrderStarted()));
    }

    @SafeVarargs
    private static EngineState apply(EngineState state, KeyedEvent<? extends Event>... events) {
        return state.applyEvents(List.of(events)).orThrow();
    }

    private static EngineState apply(EngineState state, OrderEvent... events) {
        for (OrderEvent e : events) {
            state = state.applyEvent(KeyedEvent.of(ORDER, e)).orThrow();
        }
        return state;
    }

    private static String problemCode(Checked<?> checked) {
        return checked.problemOption().map(Problem::code).orElse("no problem");
    }

    // ---- orders ----

    @Test
    void orderAddedCreatesAFreshOrder() {
        EngineState state = apply(deployed(), KeyedEvent.of(ORDER, added(V1)));

        assertThat(state.order(ORDER).orThrow().state()).isEqualTo(OrderState.FRESH);
        assertThat(state.order(ORDER).orThrow().workflowId()).isEqualTo(V1);
    }

    @Test
    void orderAddedTwiceIsAProblem() {
        EngineState state = apply(deployed(), KeyedEvent.of(ORDER, added(V1)));

        assertThat(problemCode(state.applyEvent(KeyedEvent.of(ORDER, added(V1))))).isEqualTo("DuplicateOrder");
    }

    @Test
    void eventForAnUnknownOrderIsAProblem() {
        assertThat(problemCode(deployed().applyEvent(KeyedEvent.of(ORDER, new OrderEvent.OrderStarted())))).isEqualTo("UnknownOrder");
    }

    @Test
    void orderEventWithoutKeyIsAProblem() {
        assertThat(problemCode(deployed().applyEvent(KeyedEvent.keyless(new OrderEvent.OrderStarted())))).isEqualTo("MissingKey");
    }

    @Test
    void orderEventWithAnInvalidKeyIsAProblemNotAnException() {
        KeyedEvent<OrderEvent> event = new KeyedEvent<>(Optional.of(""), new OrderEvent.OrderStarted());

        assertThat(problemCode(deployed().applyEvent(event))).isEqualTo("InvalidName");
    }

    @Test
    void eventThatDoesNotFitTheOrderLeavesTheStateAlone() {
        EngineState state = withReadyOrder();

        assertThat(problemCode(state.applyEvent(KeyedEvent.of(ORDER, new OrderEvent.OrderStarted())))).isEqualTo("UnexpectedOrderEvent");
        assertThat(state.order(ORDER).orThrow().state()).isEqualTo(OrderState.READY);
    }

    @Test
    void orderOrderAddedAddsTheOtherOrder() {
        OrderId other = new OrderId("OTHER");
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderOrderAdded(other, V1, Map.of(), PlanId.GLOBAL,
                Optional.empty(), Optional.empty(), List.of(), false, false, BigDecimal.ZERO));

        assertThat(state.order(other).orThrow().state()).isEqualTo(OrderState.FRESH);
    }

    @Test
    void deletedOrderIsRemoved() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderCancelled(), new OrderEvent.OrderDeleted());

        assertThat(state.orders()).doesNotContainKey(ORDER);
    }

    // ---- fork ----

    @Test
    void forkedCreatesTheChildOrdersInTheirBranches() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderForked(List.of(
                new OrderEvent.ForkedChild(ORDER.child("A"), Optional.of("A"), Map.of()),
                new OrderEvent.ForkedChild(ORDER.child("B"), Optional.of("B"), Map.of()))));

        assertThat(state.children(state.order(ORDER).orThrow())).extracting(o -> o.id().string(), o -> o.position(), o -> o.parent())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("ORDER|A", Position.of(0, "fork+A", 0), Optional.of(ORDER)),
                        org.assertj.core.groups.Tuple.tuple("ORDER|B", Position.of(0, "fork+B", 0), Optional.of(ORDER)));
        assertThat(state.order(ORDER.child("A")).orThrow().state()).isEqualTo(OrderState.READY);
    }

    @Test
    void forkListChildrenRunInTheForkBranch() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderForked(List.of(
                new OrderEvent.ForkedChild(ORDER.child("1"), Optional.empty(), Map.of()))));

        assertThat(state.order(ORDER.child("1")).orThrow().position()).isEqualTo(Position.of(0, "fork", 0));
    }

    @Test
    void joinedRemovesTheChildrenAndReleasesTheirLocks() {
        OrderId child = ORDER.child("A");
        EngineState forked = apply(withReadyOrder(), new OrderEvent.OrderForked(List.of(
                new OrderEvent.ForkedChild(child, Optional.of("A"), Map.of()))));
        forked = forked.applyEvent(KeyedEvent.of(child, new OrderEvent.OrderLocksAcquired(List.of(EXCLUSIVE)))).orThrow();
        assertThat(forked.lock(LOCK).orThrow().holders()).containsOnlyKeys(child);

        EngineState joined = apply(forked, new OrderEvent.OrderJoined(io.jobwerk.engine.outcome.Outcome.succeeded()));

        assertThat(joined.orders()).doesNotContainKey(child);
        assertThat(joined.lock(LOCK).orThrow().holders()).isEmpty();
        assertThat(joined.order(ORDER).orThrow().state()).isEqualTo(OrderState.PROCESSED);
    }

    // ---- locks ----

    @Test
    void locksAcquiredMakesTheOrderAHolder() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderLocksAcquired(List.of(EXCLUSIVE)));

        assertThat(state.lock(LOCK).orThrow().holders()).containsEntry(ORDER, LockState.EXCLUSIVE);
        assertThat(state.order(ORDER).orThrow().position()).isEqualTo(Position.of(0, "lock", 0));
    }

    @Test
    void locksReleasedFreesTheLock() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderLocksAcquired(List.of(EXCLUSIVE)),
                new OrderEvent.OrderLocksReleased(List.of(LOCK)));

        assertThat(state.lock(LOCK).orThrow().holders()).isEmpty();
        assertThat(state.order(ORDER).orThrow().position()).isEqualTo(Position.of(1));
    }

    @Test
    void cancelledOrderReleasesItsLocks() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderLocksAcquired(List.of(EXCLUSIVE)),
                new OrderEvent.OrderCancelled());

        assertThat(state.lock(LOCK).orThrow().holders()).isEmpty();
    }

    @Test
    void cancelledOrderLeavesTheLockQueue() {
        EngineState queued = apply(withReadyOrder(), new OrderEvent.OrderLocksQueued(List.of(EXCLUSIVE)));
        assertThat(queued.lock(LOCK).orThrow().queue()).containsExactly(ORDER);

        EngineState cancelled = apply(queued, new OrderEvent.OrderCancelled());

        assertThat(cancelled.lock(LOCK).orThrow().queue()).isEmpty();
    }

    @Test
    void locksAcquiredOfAnUnknownLockIsAProblem() {
        var demand = new Instruction.LockDemand(new LockPath("UNKNOWN"), Optional.empty());

        assertThat(problemCode(withReadyOrder().applyEvent(KeyedEvent.of(ORDER, new OrderEvent.OrderLocksAcquired(List.of(demand))))))
                .isEqualTo("UnknownItem");
    }

    // ---- notices ----

    @Test
    void noticePostedByAnOrderIsOnTheBoard() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderNoticePosted(new Notice(NOTICE, Optional.empty())));

        assertThat(state.board(BOARD).orThrow().hasNotice("2026-03-29")).isTrue();
    }

    @Test
    void expectingOrderIsRegisteredUntilItReads() {
        EngineState expecting = apply(withReadyOrder(), new OrderEvent.OrderNoticesExpected(List.of(NOTICE)));
        assertThat(expecting.board(BOARD).orThrow().expectingOrders()).containsKey("2026-03-29");

        EngineState read = apply(expecting, new OrderEvent.OrderNoticesRead());

        assertThat(read.board(BOARD).orThrow().expectingOrders()).isEmpty();
    }

    @Test
    void consumedNoticeIsDeleted() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderNoticePosted(new Notice(NOTICE, Optional.empty())),
                new OrderEvent.OrderNoticesConsumptionStarted(List.of(NOTICE)), new OrderEvent.OrderNoticesConsumed(false));

        assertThat(state.board(BOARD).orThrow().hasNotice("2026-03-29")).isFalse();
        assertThat(state.noticeConsumptions()).doesNotContainKey(ORDER);
    }

    @Test
    void failedConsumptionKeepsTheNotice() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderNoticePosted(new Notice(NOTICE, Optional.empty())),
                new OrderEvent.OrderNoticesConsumptionStarted(List.of(NOTICE)), new OrderEvent.OrderNoticesConsumed(true));

        assertThat(state.board(BOARD).orThrow().hasNotice("2026-03-29")).isTrue();
    }

    @Test
    void cancelledOrderNoLongerExpectsNotices() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderNoticesExpected(List.of(NOTICE)),
                new OrderEvent.OrderCancelled());

        assertThat(state.board(BOARD).orThrow().expectingOrders()).isEmpty();
    }

    // ---- items ----

    @Test
    void addedSimpleItemIsKnownByKey() {
        EngineState state = deployed();

        assertThat(state.item("Lock:LOCK")).contains(lockItem(1));
        assertThat(state.lock(LOCK).orThrow().lock()).isEqualTo(lockItem(1));
        assertThat(state.board(BOARD).orThrow().board()).isEqualTo(BOARD_ITEM);
    }

    @Test
    void changedLockKeepsItsHolders() {
        EngineState state = apply(withReadyOrder(), new OrderEvent.OrderLocksAcquired(List.of(EXCLUSIVE)));

        EngineState changed = apply(state, KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemChanged(lockItem(5))));

        assertThat(changed.lock(LOCK).orThrow().lock().limit()).isEqualTo(5);
        assertThat(changed.lock(LOCK).orThrow().holders()).containsOnlyKeys(ORDER);
    }

    @Test
    void deletedItemIsGone() {
        EngineState state = apply(deployed(), KeyedEvent.keyless(new ItemEvent.ItemDeleted("Lock:LOCK")),
                KeyedEvent.keyless(new ItemEvent.ItemDeleted("Board:BOARD")));

        assertThat(state.item("Lock:LOCK")).isEmpty();
        assertThat(problemCode(state.lock(LOCK))).isEqualTo("UnknownItem");
        assertThat(problemCode(state.board(BOARD))).isEqualTo("UnknownItem");
    }

    @Test
    void agentRefIsFoundByItsTypedQuery() {
        AgentPath agent = new AgentPath("AGENT");
        Item.AgentRef ref = new Item.AgentRef(agent, List.of(new io.jobwerk.engine.path.SubagentId("DIRECTOR")), Optional.empty(), false);

        EngineState state = apply(deployed(), KeyedEvent.keyless(new ItemEvent.UnsignedSimpleItemAdded(ref)));

        assertThat(state.agentRef(agent).orThrow()).isEqualTo(ref);
        assertThat(problemCode(state.agentRef(new AgentPath("OTHER")))).isEqualTo("UnknownItem");
    }

    // ---- workflow versions ----

    @Test
    void changedWorkflowBecomesCurrentAndTheOldVersionStays() {
        EngineState state = apply(deployed(), KeyedEvent.keyless(new ItemEvent.VersionedItemChanged(workflow(V2))));

        assertThat(state.currentWorkflow(PATH).orThrow().id()).isEqualTo(V2);
        assertThat(state.workflow(V1).isOk()).isTrue();
    }

    @Test
    void removedWorkflowPathKeepsItsVersionsUntilTheyAreDeleted() {
        EngineState state = apply(deployed(), KeyedEvent.keyless(new ItemEvent.VersionedItemRemoved(PATH)));

        assertThat(state.workflows()).containsOnlyKeys(V1);
        assertThat(problemCode(state.currentWorkflow(PATH))).isEqualTo("UnknownWorkflow");
    }

    @Test
    void deletedVersionIsGone() {
        EngineState state = apply(deployed(), KeyedEvent.keyless(new ItemEvent.VersionedItemChanged(workflow(V2))),
                KeyedEvent.keyless(new ItemEvent.ItemDeleted(V1.itemKey())));

        assertThat(state.workflows()).containsOnlyKeys(V2);
        assertThat(state.currentWorkflow(PATH).orThrow().id()).isEqualTo(V2);
    }

    @Test
    void versionAnOrderUsesCannotBeDeleted() {
        EngineState state = apply(withReadyOrder(), KeyedEvent.keyless(new ItemEvent.VersionedItemChanged(workflow(V2))));

        assertThat(problemCode(state.applyEvent(KeyedEvent.keyless(new ItemEvent.ItemDeleted(V1.itemKey()))))).isEqualTo("ItemIsStillReferenced");
        assertThat(problemCode(state.applyEvent(KeyedEvent.keyless(new ItemEvent.ItemDeleted("Workflow:WORKFLOW~3")))))
                .isEqualTo("UnknownWorkflow");
    }

    @Test
    void applyEventReturnsANewStateAndKeepsTheOld() {
        EngineState before = withReadyOrder();

        apply(before, new OrderEvent.OrderCancelled());

        assertThat(before.order(ORDER).orThrow().state()).isEqualTo(OrderState.READY);
    }
}
