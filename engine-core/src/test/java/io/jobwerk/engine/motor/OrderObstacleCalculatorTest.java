package io.jobwerk.engine.motor;

import static io.jobwerk.engine.motor.W.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.BoardPath;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.LockPath;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.Outcome;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.time.AdmissionPeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.BoardPathExpression;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.WorkflowControlEvent;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every reason an order waits, one test per waiting kind, over the real motor in virtual time. */
class OrderObstacleCalculatorTest {
    final TestEngine engine = new TestEngine();

    private List<OrderObstacle> obstacles(String orderId) {
        return new OrderObstacleCalculator(engine.state, engine.now).obstacles(new OrderId(orderId)).orThrow();
    }

    @Test
    void unknownOrderIsAProblem() {
        assertThat(new OrderObstacleCalculator(engine.state, engine.now).obstacles(new OrderId("X")).problemOption())
                .map(Problem::code).contains("UnknownOrder");
    }

    @Test
    void freshOrderScheduledForLaterWaitsForOtherTime() {
        Instant later = TestEngine.START.plusSeconds(3600);
        engine.deploy(workflow("W", execute("a"))).addOrder(FreshOrder.of("A", "W").withScheduledFor(later));
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForOtherTime(later));
        engine.advance(Duration.ofHours(1));
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.FINISHED);
        assertThat(obstacles("A")).isEmpty();
    }

    @Test
    void freshOrderInASuspendedWorkflowPathWaitsForTheWorkflow() {
        engine.deploy(workflow("W", execute("a")))
                .control(new WorkflowControlEvent.WorkflowPathControlUpdated(new WorkflowPath("W"), true, Set.of()));
        engine.addOrder("A", "W");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.FRESH);
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WorkflowSuspended());
    }

    @Test
    void readyOrderAtAFullJobWaitsForTheProcessLimit() {
        engine.deploy(workflow("W", execute("a"))).hold("a").addOrder("A", "W").addOrder("B", "W");
        assertThat(obstacles("A")).isEmpty(); // Processing
        assertThat(obstacles("B")).containsExactly(new OrderObstacle.JobProcessLimitReached());
    }

    @Test
    void oneCalculatorAskedForManyOrdersAnswersAsOneEach() {
        // The calculator counts the processes once for all the orders it is asked about (the Cockpit asks for every row).
        engine.deploy(workflow("W", execute("a"))).hold("a").addOrder("A", "W").addOrder("B", "W").addOrder("C", "W");
        OrderObstacleCalculator shared = new OrderObstacleCalculator(engine.state, engine.now);
        for (String id : List.of("A", "B", "C", "B")) {
            assertThat(shared.obstacles(new OrderId(id)).orThrow()).isEqualTo(obstacles(id));
        }
        assertThat(shared.obstacles(new OrderId("C")).orThrow()).containsExactly(new OrderObstacle.JobProcessLimitReached());
    }

    @Test
    void sleepingOrderWaitsForOtherTimeUntilItWakes() {
        engine.deploy(workflow("W", new Instruction.Sleep(Optional.empty(), expr("10")), execute("a"))).addOrder("A", "W");
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForOtherTime(TestEngine.START.plusSeconds(10)));
    }

    @Test
    void retryingOrderWaitsForOtherTime() {
        var t = new Instruction.Try(Optional.empty(), block(execute("a")), block(new Instruction.Retry(Optional.empty())),
                Optional.of(List.of(BigDecimal.TEN)), Optional.of(3));
        engine.deploy(workflow("W", t)).job("a", o -> Outcome.failed(1)).addOrder("A", "W");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.DELAYING_RETRY);
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForOtherTime(TestEngine.START.plusSeconds(10)));
    }

    @Test
    void delayedAfterErrorWaitsForOtherTime() {
        engine.deploy(workflow("W", execute("a")));
        Instant until = TestEngine.START.plusSeconds(30);
        put(order("A", new OrderState.DelayedAfterError(until)));
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForOtherTime(until));
        engine.now = until;
        assertThat(obstacles("A")).isEmpty(); // due: the motor moves it
    }

    @Test
    void orderBetweenCyclesWaitsForTheNextCycle() {
        var cycle = new Instruction.Cycle(Optional.empty(),
                new Schedule(List.of(new Schedule.Scheme(daily(0, Duration.ofHours(24)), new Schedule.Periodic(Duration.ofHours(1), List.of(Duration.ofMinutes(30)))))),
                block(execute("a")), true);
        engine.deploy(workflow("W", cycle)).addOrder("A", "W");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.BETWEEN_CYCLES);
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForOtherTime(Instant.parse("2024-03-01T10:30:00Z")));
    }

    @Test
    void orderOutsideAnAdmissionTimeBlockWaitsForAdmission() {
        var admission = new Instruction.AdmissionTime(Optional.empty(), daily(12, Duration.ofHours(1)), false, block(execute("a")));
        engine.deploy(workflow("W", admission)).addOrder("A", "W");
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForAdmission(Instant.parse("2024-03-01T12:00:00Z")));
    }

    @Test
    void orderWaitingForALockNamesTheLockItsHolderAndTheOrdersBefore() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 1))
                .deploy(workflow("W", lock("L", Optional.empty(), block(execute("a")))))
                .hold("a");
        engine.addOrder("A", "W").addOrder("B", "W").addOrder("C", "W");
        assertThat(obstacles("B")).containsExactly(new OrderObstacle.WaitingForLock(new LockPath("L"), List.of(new OrderId("A")), List.of()));
        assertThat(obstacles("C")).containsExactly(new OrderObstacle.WaitingForLock(new LockPath("L"), List.of(new OrderId("A")),
                List.of(new OrderId("B"))));
    }

    @Test
    void orderExpectingNoticesNamesTheBoardsAndNotices() {
        engine.deploy(new Item.GlobalBoard(new BoardPath("B"), expr("'key'"), expr("'key'"), Optional.empty()));
        engine.deploy(workflow("E", new Instruction.ExpectNotices(Optional.empty(), BoardPathExpression.of("'B'"), Instruction.WhenNotAnnounced.Wait)));
        engine.addOrder("A", "E");
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForNotices(List.of(new BoardPath("B")),
                List.of(new NoticeId(new BoardPath("B"), "key"))));
    }

    @Test
    void promptingOrderWaitsForAnAnswerAndShowsTheQuestion() {
        engine.deploy(workflow("W", new Instruction.Prompt(Optional.empty(), expr("'Go on?'")), execute("a"))).addOrder("A", "W");
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForCommand("prompting: Go on?"));
    }

    @Test
    void forkedOrderWaitsForTheChildrenThatHaveNotEnded() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("x", block(execute("a"))),
                new Instruction.ForkBranch("y", block(execute("b")))), Optional.empty(), false);
        engine.deploy(workflow("W", fork)).hold("a").addOrder("A", "W");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.FORKED);
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForChildren(List.of(new OrderId("A|x"))));
    }

    @Test
    void failedOrderShowsItsReturnCode() {
        engine.deploy(workflow("W", execute("a"))).script("a", Outcome.failed(3)).addOrder("A", "W");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.FAILED);
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForCommand("failed: returnCode 3"));
    }

    @Test
    void failedOrderShowsTheFailureMessage() {
        engine.deploy(workflow("W", fail("'no disk'", false))).addOrder("A", "W");
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForCommand("failed: no disk"));
    }

    @Test
    void brokenOrderShowsItsProblem() {
        engine.deploy(workflow("W", execute("a")));
        put(order("A", new OrderState.Broken(Optional.of(Problem.of("bad state")))));
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForCommand("broken: bad state"));
    }

    @Test
    void stoppedOrderWaitsForACommand() {
        engine.deploy(workflow("W", new Instruction.Stop(Optional.empty()), execute("a"))).addOrder("A", "W");
        assertThat(engine.stateOf("A")).isIn(OrderState.Kind.STOPPED, OrderState.Kind.STOPPED_WHILE_FRESH);
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForCommand("stopped"));
    }

    @Test
    void suspendedOrderWaitsForResumption() {
        engine.deploy(workflow("W", new Instruction.Sleep(Optional.empty(), expr("10")), execute("a"))).addOrder("A", "W");
        engine.emitAll(engine.motor().suspend(new OrderId("A"), SuspensionMode.STANDARD).orThrow());
        engine.advance(Duration.ofSeconds(10)); // as JS7: suspended when Ready, after the sleep
        assertThat(engine.order("A").isSuspended()).isTrue();
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.WaitingForCommand("suspended"));
    }

    @Test
    void endedAndMovingOrdersHaveNoObstacle() {
        engine.deploy(workflow("W", execute("a"))).hold("a").addOrder("A", "W");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.PROCESSING);
        assertThat(obstacles("A")).isEmpty();
        engine.release("a");
        engine.complete("A", Outcome.succeeded(0));
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.FINISHED);
        assertThat(obstacles("A")).isEmpty();
    }

    @Test
    void orderAtAnAgentThatIsNotCoupledSaysSo() {
        engine.deploy(workflow("W", execute("a")));
        Order order = order("A", OrderState.READY);
        put(new Order(order.id(), order.workflowPosition(), order.state(), order.arguments(), order.scheduledFor(), order.externalOrder(),
                List.of(), Optional.of(new io.jobwerk.engine.order.AttachedState.Attached(AGENT)), order.parent(), order.mark(), false, false,
                false, false, List.of(), order.innerBlock(), order.stopPositions(), order.priority(), order.planId()));
        assertThat(obstacles("A")).isEmpty();
        Problem refused = Problem.of("ConnectionRefused", "Connection refused");
        engine.emit(KeyedEvent.of(AGENT, new io.jobwerk.engine.event.SystemEvent.AgentCouplingFailed(refused)));
        assertThat(obstacles("A")).containsExactly(new OrderObstacle.AgentNotCoupled(AGENT, Optional.of(refused)));
        engine.emit(KeyedEvent.of(AGENT, new io.jobwerk.engine.event.SystemEvent.AgentCoupled()));
        assertThat(obstacles("A")).isEmpty();
    }

    /** Each state an order can rest in has its reason: a table over all kinds, so a new kind needs a decision here. */
    @Test
    void everyRestingStateHasAnObstacle() {
        engine.deploy(workflow("W", execute("a")));
        Instant later = engine.now.plusSeconds(60);
        Map<OrderState.Kind, OrderState> resting = new java.util.EnumMap<>(Map.ofEntries(
                Map.entry(OrderState.Kind.DELAYING_RETRY, new OrderState.DelayingRetry(later)),
                Map.entry(OrderState.Kind.DELAYED_AFTER_ERROR, new OrderState.DelayedAfterError(later)),
                Map.entry(OrderState.Kind.SLEEPING, new OrderState.Sleeping(later)),
                Map.entry(OrderState.Kind.WAITING_FOR_ADMISSION, new OrderState.WaitingForAdmission(later)),
                Map.entry(OrderState.Kind.PROMPTING, new OrderState.Prompting(Value.of("?"))),
                Map.entry(OrderState.Kind.BROKEN, new OrderState.Broken(Optional.empty())),
                Map.entry(OrderState.Kind.FAILED, OrderState.FAILED),
                Map.entry(OrderState.Kind.FAILED_WHILE_FRESH, OrderState.FAILED_WHILE_FRESH),
                Map.entry(OrderState.Kind.STOPPED, OrderState.STOPPED),
                Map.entry(OrderState.Kind.STOPPED_WHILE_FRESH, OrderState.STOPPED_WHILE_FRESH),
                Map.entry(OrderState.Kind.PROCESSING_KILLED, OrderState.PROCESSING_KILLED),
                Map.entry(OrderState.Kind.FORKED, new OrderState.Forked(List.of())),
                Map.entry(OrderState.Kind.EXPECTING_NOTICES, new OrderState.ExpectingNotices(List.of()))));
        // Without an obstacle: moving on by themselves, or ended. Fresh, Ready, BetweenCycles and
        // WaitingForLock have theirs only in a situation (tests above).
        Set<OrderState.Kind> none = EnumSet.of(OrderState.Kind.FRESH, OrderState.Kind.READY, OrderState.Kind.PROCESSING,
                OrderState.Kind.PROCESSED, OrderState.Kind.FAILED_IN_FORK, OrderState.Kind.BETWEEN_CYCLES,
                OrderState.Kind.FINISHED, OrderState.Kind.CANCELLED, OrderState.Kind.DELETED, OrderState.Kind.WAITING_FOR_LOCK);
        for (OrderState.Kind kind : OrderState.Kind.values()) {
            assertThat(resting.containsKey(kind) || none.contains(kind)).as(kind + " is decided on").isTrue();
        }
        resting.forEach((kind, s) -> {
            if (!none.contains(kind)) {
                put(order(kind.name(), s));
                assertThat(obstacles(kind.name())).as(kind.toString()).isNotEmpty();
            }
        });
    }

    private Order order(String id, OrderState state) {
        Order fresh = Order.fromOrderAdded(new OrderId(id), new OrderEvent.OrderAdded(engine.state.currentWorkflow(new WorkflowPath("W")).orThrow().id(),
                Map.of(), Optional.empty(), io.jobwerk.engine.order.PlanId.GLOBAL, Optional.empty(), false, false, Optional.empty(),
                Optional.empty(), List.of(), BigDecimal.ZERO));
        return new Order(fresh.id(), fresh.workflowPosition(), state, fresh.arguments(), fresh.scheduledFor(), fresh.externalOrder(),
                List.of(), fresh.attachedState(), fresh.parent(), fresh.mark(), false, false, false, false, List.of(),
                fresh.innerBlock(), fresh.stopPositions(), fresh.priority(), fresh.planId());
    }

    private void put(Order order) {
        engine.emit(KeyedEvent.of(order.id(), new OrderEvent.OrderAttachedToAgent(order)));
    }

    private static AdmissionTimeScheme daily(int hour, Duration duration) {
        return new AdmissionTimeScheme(List.of(new AdmissionPeriod.DailyPeriod(hour * 3600, duration)));
    }
}
