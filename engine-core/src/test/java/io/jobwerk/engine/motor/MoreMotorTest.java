package io.jobwerk.engine.motor;

import static io.jobwerk.engine.motor.W.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.workflow.BoardPathExpression;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MoreMotorTest {
    final TestEngine engine = new TestEngine();

    private OrderId id(String s) {
        return new OrderId(s);
    }

    @Test
    void killedProcessWithoutMarkIsAFailureCaughtByTry() {
        engine.deploy(workflow("W", tryCatch(block(execute("a")), block()))).script("a", new Outcome.Killed(Outcome.failed(143)));
        engine.addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderMoved [0,\"try+0\",0]", "OrderStarted",
                "OrderProcessingStarted", "OrderProcessed KILLED", "OrderProcessingKilled", "OrderCaught [0,\"catch+0\",0]",
                "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void jobOnAnotherAgentDetachesAndAttachesThere() {
        engine.withAgents = true;
        AgentPath other = new AgentPath("OTHER");
        engine.deploy(workflow("W", Workflow.DEFAULT_TIME_ZONE, Map.of("b", job(other)), execute("a"), execute("b")));
        engine.addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderAttachable AGENT", "OrderAttached AGENT",
                "OrderStarted", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]",
                "OrderDetachable", "OrderDetached", "OrderAttachable OTHER", "OrderAttached OTHER", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderDetachable", "OrderDetached", "OrderFinished");
    }

    @Test
    /** As JS7 (recorded: fork after a job): the parent forks at the Agent, leaves it at once and joins at the Controller. */
    void forkOnTheAgentJoinsAtTheController() {
        engine.withAgents = true;
        var fork = new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("X", block(execute("a"))),
                new Instruction.ForkBranch("Y", block(execute("b")))), Optional.empty(), false);
        engine.deploy(workflow("W", execute("a"), fork)).addOrder("P", "W");
        assertThat(engine.eventsOf("P")).containsExactly("OrderAdded", "OrderAttachable AGENT", "OrderAttached AGENT",
                "OrderStarted", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]",
                "OrderForked P|X,P|Y", "OrderDetachable", "OrderDetached", "OrderJoined Succeeded", "OrderMoved [2]", "OrderFinished");
        assertThat(engine.eventsOf("P|X")).containsExactly("OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}",
                "OrderMoved [1,\"fork+X\",1]", "OrderDetachable", "OrderDetached");
    }

    @Test
    void finishInAForkChildEndsOnlyItsBranch() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("X",
                block(new Instruction.Finish(Optional.empty(), Optional.empty()), execute("a")))), Optional.empty(), false);
        engine.deploy(workflow("W", fork, execute("b"))).addOrder("P", "W");
        assertThat(engine.eventsOf("P|X")).containsExactly("OrderMoved [0,\"fork+X\",2]");
        assertThat(engine.eventsOf("P")).endsWith("OrderJoined Succeeded", "OrderMoved [1]", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderFinished");
    }

    @Test
    void lockWithUnknownLockOrExcessiveCountFails() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 2));
        engine.deploy(workflow("U", lock("UNKNOWN", Optional.empty(), block())));
        engine.deploy(workflow("X", lock("L", Optional.of(3), block())));
        engine.addOrder("A", "U").addOrder("B", "X");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted",
                "OrderOutcomeAdded Failed(Unknown Lock 'UNKNOWN')", "OrderFailed [0]");
        assertThat(engine.eventsOf("B")).containsExactly("OrderAdded", "OrderStarted",
                "OrderOutcomeAdded Failed(Lock L has limit 2 but 3 is demanded)", "OrderFailed [0]");
    }

    @Test
    void cancellingAQueuedOrderLeavesTheLockQueue() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 1)).deploy(workflow("W", lock("L", Optional.empty(), block(execute("a")))))
                .hold("a").addOrder("A", "W").addOrder("B", "W");
        assertThat(engine.state.locks().get(new LockPath("L")).queue()).containsExactly(id("B"));
        engine.emitAll(engine.motor().cancel(id("B"), CancellationMode.FRESH_OR_STARTED).orThrow());
        assertThat(engine.eventsOf("B")).containsExactly("OrderAdded", "OrderStarted", "OrderLocksQueued L", "OrderCancelled");
        assertThat(engine.state.locks().get(new LockPath("L")).queue()).isEmpty();
    }

    @Test
    void resetStateOnlyResetsReadyOrders() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 1))
                .deploy(workflow("W", lock("L", Optional.empty(), block(new Instruction.Prompt(Optional.empty(), expr("'?'"))))));
        engine.addOrder("B", "W");
        assertThat(engine.stateOf("B")).isEqualTo(OrderState.Kind.PROMPTING);
        var events = engine.motor().suspend(id("B"), new SuspensionMode(true, Optional.empty())).orThrow();
        // as JS7 (recorded): a prompting order is only marked, and suspended once answered
        assertThat(events).extracting(e -> TestEngine.describe(e.event())).containsExactly("OrderSuspensionMarked");
    }

    @Test
    void resetStateReleasesLocksOfAReadyOrder() {
        engine.deploy(new Item.LockItem(new LockPath("L"), 1))
                .deploy(workflow("W", lock("L", Optional.empty(), block(execute("a")))));
        engine.control(new io.jobwerk.engine.workflow.WorkflowControlEvent.WorkflowPathControlUpdated(new WorkflowPath("W"), true, java.util.Set.of()));
        engine.emit(io.jobwerk.engine.event.KeyedEvent.of(id("A"), new io.jobwerk.engine.order.OrderEvent.OrderAdded(
                engine.state.currentWorkflow(new WorkflowPath("W")).orThrow().id(), Map.of(), Optional.empty(), PlanId.GLOBAL,
                Optional.empty(), false, false, Optional.empty(), Optional.empty(), List.of(), BigDecimal.ZERO)));
        engine.emit(io.jobwerk.engine.event.KeyedEvent.of(id("A"), new io.jobwerk.engine.order.OrderEvent.OrderStarted()));
        engine.run();
        assertThat(engine.eventsOf("A")).endsWith("OrderLocksAcquired L");
        engine.emitAll(engine.motor().suspend(id("A"), new SuspensionMode(true, Optional.empty())).orThrow());
        assertThat(engine.eventsOf("A")).endsWith("OrderLocksAcquired L", "OrderLocksReleased L", "OrderMoved [0] ResetState", "OrderSuspended");
        assertThat(engine.state.locks().get(new LockPath("L")).holders()).isEmpty();
    }

    @Test
    void goStartsTheNextCycleAndEndsARetryDelay() {
        var t = new Instruction.Try(Optional.empty(), block(execute("a")), block(new Instruction.Retry(Optional.empty())),
                Optional.of(List.of(BigDecimal.valueOf(3600))), Optional.of(2));
        engine.deploy(workflow("W", t)).script("a", Outcome.failed(1)).addOrder("A", "W");
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.DELAYING_RETRY);
        engine.emitAll(engine.motor().go(id("A"), Position.of(0, "catch+0", 0)).orThrow());
        // as JS7 (recorded): the order waits at the Retry; go lets it wake and enter the next try
        assertThat(engine.eventsOf("A")).endsWith("OrderRetrying until 2024-03-01T11:00:00Z", "OrderGoes", "OrderAwoke",
                "OrderMoved [0,\"try+1\",0]", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void finishInsideConsumeNoticesConsumesThemAsFailedAndFinishesPastTheBlock() {
        engine.deploy(new Item.GlobalBoard(new BoardPath("B"), expr("'k'"), expr("'k'"), Optional.empty()));
        engine.deploy(workflow("W", new Instruction.PostNotices(Optional.empty(), List.of(new BoardPath("B"))),
                new Instruction.ConsumeNotices(Optional.empty(), BoardPathExpression.of("'B'"), Instruction.WhenNotAnnounced.Wait,
                        block(new Instruction.Finish(Optional.empty(), Optional.empty()), execute("a")))));
        engine.addOrder("A", "W");
        // as JS7 (recorded): leaving the block early consumes the notices as failed and moves past it
        assertThat(engine.eventsOf("A")).endsWith("OrderNoticesConsumptionStarted B/k", "OrderNoticesConsumed failed", "OrderFinished");
        assertThat(engine.state.orders().get(id("A")).position()).isEqualTo(new io.jobwerk.engine.workflow.Position(List.of(), 2));
    }

    @Test
    void aFailedFinishInAForkBranchLeavesItsStickySubagentBlockAndThenFails() {
        var sticky = new Instruction.StickySubagent(Optional.empty(), AGENT, Optional.empty(),
                block(new Instruction.Finish(Optional.empty(), Optional.of(Outcome.failed("done")))));
        var fork = new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("X", block(sticky, execute("a")))),
                Optional.empty(), false);
        engine.deploy(workflow("W", fork)).addOrder("P", "W");
        // as JS7 (recorded, random-3): the block is left first, the outcome recorded, and the child fails from there
        assertThat(engine.eventsOf("P|X")).containsExactly("OrderStickySubagentEntered AGENT", "OrderStickySubagentLeaved",
                "OrderOutcomeAdded Failed(done)", "OrderFailed [0,\"fork+X\",1]");
    }

    @Test
    void aNestedStickySubagentIsRefusedAtRunTimeWithADisruptedOutcome() {
        var inner = new Instruction.StickySubagent(Optional.empty(), AGENT, Optional.empty(), block(execute("a")));
        engine.deploy(workflow("W", new Instruction.StickySubagent(Optional.empty(), AGENT, Optional.empty(), block(inner))))
                .addOrder("A", "W");
        // as JS7 (recorded): "StickySubagent instruction must not be nested", and the outer block is left
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStickySubagentEntered AGENT",
                "OrderOutcomeAdded DISRUPTED", "OrderStickySubagentLeaved", "OrderFailed [0]");
    }

    @Test
    void expectNoticesWithOrExpressionAndDontWait() {
        engine.deploy(new Item.GlobalBoard(new BoardPath("B1"), expr("'k'"), expr("'k'"), Optional.empty()));
        engine.deploy(new Item.GlobalBoard(new BoardPath("B2"), expr("'k'"), expr("'k'"), Optional.empty()));
        engine.deploy(workflow("P", new Instruction.PostNotices(Optional.empty(), List.of(new BoardPath("B2")))));
        engine.deploy(workflow("E", new Instruction.ExpectNotices(Optional.empty(), BoardPathExpression.of("'B1' || 'B2'"),
                Instruction.WhenNotAnnounced.Wait)));
        engine.deploy(workflow("D", new Instruction.ConsumeNotices(Optional.empty(), BoardPathExpression.of("'B1'"),
                Instruction.WhenNotAnnounced.DontWait, block(execute("a")))));
        engine.addOrder("D1", "D");
        assertThat(engine.eventsOf("D1")).containsExactly("OrderAdded", "OrderStarted", "OrderNoticesConsumptionStarted ",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [0,\"consumeNotices\",1]",
                "OrderNoticesConsumed", "OrderFinished");
        engine.addOrder("P1", "P").addOrder("E1", "E");
        assertThat(engine.eventsOf("E1")).containsExactly("OrderAdded", "OrderStarted", "OrderNoticesRead", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void stopPositionFinishesTheOrderThere() {
        engine.deploy(workflow("W", execute("a"), execute("STOP", "b"), execute("c")));
        var order = new FreshOrder(id("A"), new WorkflowPath("W"), Map.of(), Optional.empty(), PlanId.GLOBAL, BigDecimal.ZERO,
                false, false, Optional.empty(), Optional.empty(), List.of(new PositionOrLabel.AtLabel(new io.jobwerk.engine.workflow.Label("STOP"))));
        engine.addOrder(order);
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void innerBlockOrderFinishesAtTheBlockEnd() {
        engine.deploy(workflow("W", ifThen("false", block(execute("a"), execute("b"))), execute("c")));
        var order = new FreshOrder(id("A"), new WorkflowPath("W"), Map.of(), Optional.empty(), PlanId.GLOBAL, BigDecimal.ZERO,
                false, false, Optional.of(Position.of(0, "then", 0).branchPath()), Optional.of(Position.of(0, "then", 1)), List.of());
        engine.addOrder(order);
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [0,\"then\",2]", "OrderFinished");
    }

    @Test
    /** As JS7 (recorded): a sleeping order is only marked, and cancelled when its sleep ends. */
    void cancelSleepingOrderWhenItsSleepEnds() {
        engine.deploy(workflow("W", new Instruction.Sleep(Optional.empty(), expr("60")), execute("a"))).addOrder("A", "W");
        engine.emitAll(engine.motor().cancel(id("A"), CancellationMode.FRESH_OR_STARTED).orThrow());
        engine.advance(Duration.ofMinutes(2));
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderSleeping until 2024-03-01T10:01:00Z",
                "OrderCancellationMarked", "OrderMoved [1]", "OrderCancelled");
        assertThat(engine.motor().cancel(id("A"), CancellationMode.FRESH_OR_STARTED).problemOption().orElseThrow().code())
                .isEqualTo("OrderTerminated");
        engine.emitAll(engine.motor().deleteWhenTerminated(id("A")).orThrow());
        assertThat(engine.state.orders()).doesNotContainKey(id("A"));
    }

    @Test
    void unknownOrderIsAProblem() {
        assertThat(engine.motor().cancel(id("nope"), CancellationMode.FRESH_ONLY).problemOption().orElseThrow().code()).isEqualTo("UnknownOrder");
        assertThat(engine.motor().nextEvents(id("nope"))).isEmpty();
    }

    @Test
    void resumingAStillSuspendingOrderMarksResumptionAndItGoesOn() {
        engine.deploy(workflow("W", execute("a"), execute("b"))).hold("a").addOrder("A", "W");
        engine.emitAll(engine.motor().suspend(id("A"), SuspensionMode.STANDARD).orThrow());
        engine.emitAll(engine.motor().resume(id("A"), Optional.empty(), List.of(), false, false).orThrow());
        engine.release("a");
        engine.complete("A", Outcome.succeeded(0));
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderSuspensionMarked", "OrderResumptionMarked", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderFinished");
    }

    @Test
    void failureInAForkBranchIsCaughtInsideTheBranch() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("X",
                block(tryCatch(block(fail("'x'", false)), block(execute("r")))))), Optional.empty(), true);
        engine.deploy(workflow("W", fork)).addOrder("P", "W");
        assertThat(engine.eventsOf("P|X")).containsExactly("OrderMoved [0,\"fork+X\",0,\"try+0\",0]",
                "OrderOutcomeAdded Failed(x)", "OrderCaught [0,\"fork+X\",0,\"catch+0\",0]", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [0,\"fork+X\",1]");
        assertThat(engine.eventsOf("P")).endsWith("OrderJoined Succeeded", "OrderMoved [1]", "OrderFinished");
    }
}
