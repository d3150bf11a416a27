package io.jobwerk.engine.motor;

import static io.jobwerk.engine.motor.W.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.HistoryOperation;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.time.AdmissionPeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowControlEvent;
import io.jobwerk.engine.workflow.WorkflowId;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationsAndPlacementTest {
    final TestEngine engine = new TestEngine();

    private OrderId id(String s) {
        return new OrderId(s);
    }

    @Test
    void agentPlacementMirrorsTheJs7Trace() {
        engine.withAgents = true;
        engine.deploy(workflow("trace/simple", execute("HELLO", "hello"), tryCatch(block(execute("fails")), block(execute("recover")))))
                .script("fails", Outcome.failed(3));
        engine.addOrder(FreshOrder.of("trace-1", "trace/simple", Map.of("who", Value.of("world"))));
        assertThat(engine.eventsOf("trace-1")).containsExactly("OrderAdded", "OrderAttachable AGENT", "OrderAttached AGENT",
                "OrderStarted", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1,\"try+0\",0]",
                "OrderProcessingStarted", "OrderProcessed Failed", "OrderCaught [1,\"catch+0\",0]",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]",
                "OrderDetachable", "OrderDetached", "OrderFinished");
    }

    @Test
    void agentDetachesForALockAndTheControllerAttachesForTheNextJob() {
        engine.withAgents = true;
        engine.deploy(new Item.LockItem(new io.jobwerk.engine.path.LockPath("L"), 1))
                .deploy(workflow("W", execute("a"), lock("L", Optional.empty(), block(execute("b")))));
        engine.addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderAttachable AGENT", "OrderAttached AGENT",
                "OrderStarted", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]",
                "OrderDetachable", "OrderDetached", "OrderLocksAcquired L", "OrderAttachable AGENT", "OrderAttached AGENT",
                "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1,\"lock\",1]",
                "OrderDetachable", "OrderDetached", "OrderLocksReleased L", "OrderFinished");
    }

    @Test
    void failedOrderOnAgentIsFailedByTheController() {
        engine.withAgents = true;
        engine.deploy(workflow("W", execute("a"))).script("a", Outcome.failed(1)).addOrder("A", "W");
        assertThat(engine.eventsOf("A")).endsWith("OrderProcessed Failed", "OrderDetachable", "OrderDetached", "OrderFailed [0]");
    }

    @Test
    void cancelFreshOnlyCancelsFreshOrdersOnly() {
        engine.deploy(workflow("W", execute("a"))).hold("a");
        engine.addOrder(FreshOrder.of("F", "W").withScheduledFor(TestEngine.START.plusSeconds(60)));
        engine.addOrder("S", "W");
        assertThat(engine.motor().cancel(id("S"), CancellationMode.FRESH_ONLY).problemOption().orElseThrow().code())
                .isEqualTo("CancelStartedOrder");
        engine.emitAll(engine.motor().cancel(id("F"), CancellationMode.FRESH_ONLY).orThrow());
        assertThat(engine.eventsOf("F")).containsExactly("OrderAdded", "OrderCancelled");
        assertThat(engine.motor().cancel(id("F"), CancellationMode.FRESH_ONLY).isFail()).isTrue();
    }

    @Test
    void cancelProcessingOrderMarksItAndRequestsKill() {
        engine.deploy(workflow("W", execute("a"), execute("b"))).hold("a");
        engine.addOrder("A", "W");
        engine.emitAll(engine.motor().cancel(id("A"), CancellationMode.kill(true)).orThrow());
        assertThat(OrderEventSource.killRequested(engine.order("A")))
                .contains(new CancellationMode.Kill(true, Optional.empty()));
        engine.complete("A", new Outcome.Killed(Outcome.failed(137)));
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderCancellationMarked", "OrderProcessed KILLED", "OrderProcessingKilled", "OrderCancelled");
    }

    @Test
    /** As JS7: resumed without restartKilledJob, the job an operator killed runs again; with false, the order fails. */
    void aKilledJobRunsAgainWhenResumedUnlessRestartKilledJobIsFalse() {
        engine.deploy(workflow("W", execute("a"))).hold("a");
        SuspensionMode withKill = new SuspensionMode(false, Optional.of(new CancellationMode.Kill(true, Optional.empty())));
        for (String id : List.of("A", "B")) {
            engine.addOrder(id, "W");
            engine.emitAll(engine.motor().suspend(id(id), withKill).orThrow());
            engine.complete(id, new Outcome.Killed(Outcome.failed(137)));
            assertThat(engine.eventsOf(id)).endsWith("OrderProcessed KILLED", "OrderProcessingKilled", "OrderSuspended");
        }
        engine.emitAll(engine.motor().resume(id("A"), Optional.empty(), List.of(), false, Optional.empty()).orThrow());
        engine.emitAll(engine.motor().resume(id("B"), Optional.empty(), List.of(), false, Optional.of(false)).orThrow());
        assertThat(engine.eventsOf("A")).endsWith("OrderSuspended", "OrderResumed", "OrderProcessingStarted");
        assertThat(engine.eventsOf("B")).endsWith("OrderSuspended", "OrderResumed", "OrderFailed [0]");
    }

    @Test
    /** As JS7 (recorded: op-cancel-forked-parent): the children go on, the parent is cancelled after the join. */
    void cancelForkedParentMarksItAndItIsCancelledAfterTheJoin() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("A", block(execute("a")))), Optional.empty(), false);
        engine.deploy(workflow("W", fork, execute("b"))).hold("a").addOrder("P", "W");
        engine.emitAll(engine.motor().cancel(id("P"), CancellationMode.FRESH_OR_STARTED).orThrow());
        engine.complete("P|A", Outcome.succeeded(0));
        assertThat(engine.eventsOf("P|A")).containsExactly("OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}",
                "OrderMoved [0,\"fork+A\",1]");
        assertThat(engine.eventsOf("P")).containsExactly("OrderAdded", "OrderStarted", "OrderForked P|A",
                "OrderCancellationMarked", "OrderJoined Succeeded", "OrderMoved [1]", "OrderCancelled");
    }

    @Test
    /** As JS7 (recorded: op-cancel-forked-parent, and JS7's Order.isCancelable): at the workflow's end it finishes. */
    void aStartedOrderMarkedToBeCancelledFinishesWhenItReachesTheEnd() {
        engine.deploy(workflow("W", execute("a"))).hold("a").addOrder("A", "W");
        engine.emitAll(engine.motor().cancel(id("A"), CancellationMode.FRESH_OR_STARTED).orThrow());
        engine.complete("A", Outcome.succeeded(0));
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderCancellationMarked", "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [1]", "OrderFinished");
    }

    @Test
    void suspendAndResumeFromPositionAsSucceededWithHistory() {
        engine.deploy(workflow("W", execute("a"), execute("b"), execute("c"))).hold("a");
        engine.addOrder("A", "W");
        engine.emitAll(engine.motor().suspend(id("A"), SuspensionMode.STANDARD).orThrow());
        engine.complete("A", Outcome.failed(1));
        // as JS7: the failure drops the suspend mark (a failed order is resumed, not suspended)
        assertThat(engine.eventsOf("A")).endsWith("OrderSuspensionMarked", "OrderProcessed Failed", "OrderFailed [0]");
        assertThat(engine.order("A").mark()).isEmpty();
        // failed: resume at [2] as succeeded, with the history of [0] replaced
        assertThat(engine.motor().resume(id("A"), Optional.of(Position.of(9)), List.of(), false, false).isFail()).isTrue();
        engine.emitAll(engine.motor().resume(id("A"), Optional.of(Position.of(2)),
                List.of(new HistoryOperation.Replace(Position.of(0), Outcome.succeeded(5))), true, false).orThrow());
        assertThat(engine.eventsOf("A")).endsWith("OrderResumed [2]", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [3]", "OrderFinished");
        assertThat(engine.order("A").historicOutcomes().get(0).outcome()).isEqualTo(Outcome.succeeded(5));
    }

    @Test
    /** As JS7: a waiting order is marked and suspended once it is Ready (here: when the sleep ends). */
    void suspendWaitingOrderAndResume() {
        engine.deploy(workflow("W", new Instruction.Sleep(Optional.empty(), expr("10")), execute("a"))).addOrder("A", "W");
        engine.emitAll(engine.motor().suspend(id("A"), SuspensionMode.STANDARD).orThrow());
        assertThat(engine.order("A").isSuspended()).isFalse();
        engine.advance(Duration.ofSeconds(20));
        assertThat(engine.order("A").isSuspended()).isTrue();
        assertThat(new JobQueue(engine.state, engine.now).obstacles(id("A"))).containsExactly(new OrderObstacle.WaitingForCommand());
        engine.emitAll(engine.motor().resume(id("A"), Optional.empty(), List.of(), false, false).orThrow());
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderSleeping until 2024-03-01T10:00:10Z",
                "OrderSuspensionMarked", "OrderMoved [1]", "OrderSuspended", "OrderResumed", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderFinished");
    }

    @Test
    void cancellingASuspendedOrderEndsItNotSuspended() {
        engine.deploy(workflow("W", execute("a")));
        engine.addOrder(FreshOrder.of("A", "W").withScheduledFor(TestEngine.START.plusSeconds(60)));
        engine.emitAll(engine.motor().suspend(id("A"), SuspensionMode.STANDARD).orThrow());
        assertThat(engine.order("A").isSuspended()).isTrue();
        engine.emitAll(engine.motor().cancel(id("A"), CancellationMode.FRESH_OR_STARTED).orThrow());
        assertThat(engine.eventsOf("A")).endsWith("OrderSuspended", "OrderCancelled");
        assertThat(engine.order("A").state()).isEqualTo(OrderState.CANCELLED);
        assertThat(engine.order("A").isSuspended()).isFalse();
        assertThat(engine.order("A").mark()).isEmpty();
    }

    @Test
    void resumeIntoALockBlockIsRejected() {
        engine.deploy(new Item.LockItem(new io.jobwerk.engine.path.LockPath("L"), 1))
                .deploy(workflow("W", execute("a"), lock("L", Optional.empty(), block(execute("b")))))
                .script("a", Outcome.failed(1)).addOrder("A", "W");
        assertThat(engine.motor().resume(id("A"), Optional.of(Position.of(1, "lock", 0)), List.of(), false, false)
                .problemOption().orElseThrow().code()).isEqualTo("UnreachablePosition");
    }

    @Test
    void goEndsASleepAndStartsAScheduledOrder() {
        engine.deploy(workflow("W", new Instruction.Sleep(Optional.empty(), expr("100"))));
        engine.addOrder("A", "W");
        engine.addOrder(FreshOrder.of("F", "W").withScheduledFor(TestEngine.START.plusSeconds(3600)));
        assertThat(engine.motor().go(id("A"), Position.of(1)).isFail()).isTrue();
        engine.emitAll(engine.motor().go(id("A"), Position.of(0)).orThrow());
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderSleeping until 2024-03-01T10:01:40Z",
                "OrderGoes", "OrderAwoke", "OrderMoved [1]", "OrderFinished"); // as JS7 (recorded)
        assertThat(engine.motor().nextWakeTime(id("F"))).contains(TestEngine.START.plusSeconds(3600));
        engine.emitAll(engine.motor().go(id("F"), Position.of(0)).orThrow());
        assertThat(engine.eventsOf("F")).startsWith("OrderAdded", "OrderStarted", "OrderSleeping until 2024-03-01T10:01:40Z");
    }

    @Test
    void deleteWhenTerminatedDeletesNowOrLater() {
        engine.deploy(workflow("W", execute("a"))).hold("a");
        engine.addOrder("A", "W");
        engine.addOrder(FreshOrder.of("B", "W").withScheduledFor(TestEngine.START.plusSeconds(1)));
        engine.emitAll(engine.motor().deleteWhenTerminated(id("A")).orThrow());
        engine.complete("A", Outcome.succeeded(0));
        assertThat(engine.eventsOf("A")).endsWith("OrderDeletionMarked", "OrderProcessed Succeeded{returnCode=0}",
                "OrderMoved [1]", "OrderFinished", "OrderDeleted");
        assertThat(engine.state.orders()).doesNotContainKey(id("A"));
    }

    @Test
    void priorityDecidesWhoRunsFirstAtAProcessLimit() {
        engine.deploy(workflow("W", execute("a"))).hold("a");
        engine.addOrder("A", "W");
        engine.addOrder("B", "W").addOrder("C", "W");
        engine.emitAll(engine.motor().changePriority(id("C"), BigDecimal.TEN).orThrow());
        assertThat(new JobQueue(engine.state, engine.now).obstacles(id("B"))).containsExactly(new OrderObstacle.JobProcessLimitReached());
        engine.release("a");
        engine.complete("A", Outcome.succeeded(0));
        List<String> starts = engine.journal.stream().filter(e -> e.event() instanceof io.jobwerk.engine.order.OrderEvent.OrderProcessingStarted)
                .map(e -> e.key().orElseThrow()).toList();
        assertThat(starts).containsExactly("A", "C", "B");
    }

    @Test
    void agentProcessLimitIsAnObstacle() {
        engine.deploy(new Item.AgentRef(AGENT, List.of(new SubagentId("S")), Optional.of(1), false));
        Map<String, io.jobwerk.engine.job.WorkflowJob> jobs = Map.of("a", job(AGENT).withProcessLimit(5), "b", job(AGENT).withProcessLimit(5));
        engine.deploy(workflow("W", Workflow.DEFAULT_TIME_ZONE, jobs, execute("a")));
        engine.deploy(workflow("V", Workflow.DEFAULT_TIME_ZONE, jobs, execute("b")));
        engine.hold("a").hold("b").addOrder("A", "W").addOrder("B", "V");
        assertThat(engine.stateOf("B")).isEqualTo(OrderState.Kind.READY);
        assertThat(new JobQueue(engine.state, engine.now).obstacles(id("B"))).containsExactly(new OrderObstacle.AgentProcessLimitReached());
    }

    @Test
    void jobAdmissionTimeDelaysTheProcessUnlessForced() {
        var scheme = new AdmissionTimeScheme(List.of(new AdmissionPeriod.DailyPeriod(11 * 3600, Duration.ofHours(1))));
        var job = new io.jobwerk.engine.job.WorkflowJob(AGENT, io.jobwerk.engine.job.Executable.ShellScript.of("x"), Map.of(),
                Optional.empty(), List.of(), 1, Optional.empty(), Optional.empty(), false, false, Optional.of(scheme), false, false);
        engine.deploy(workflow("W", Workflow.DEFAULT_TIME_ZONE, Map.of("a", job), execute("a")));
        engine.addOrder("A", "W");
        var forced = new FreshOrder(id("B"), new io.jobwerk.engine.workflow.WorkflowPath("W"), Map.of(), Optional.empty(),
                io.jobwerk.engine.order.PlanId.GLOBAL, BigDecimal.ZERO, false, true, Optional.empty(), Optional.empty(), List.of());
        engine.addOrder(forced);
        assertThat(engine.stateOf("B")).isEqualTo(OrderState.Kind.FINISHED);
        Instant11 eleven = new Instant11();
        assertThat(new JobQueue(engine.state, engine.now).obstacles(id("A"))).containsExactly(new OrderObstacle.WaitingForAdmission(eleven.at));
        assertThat(engine.motor().nextWakeTime(id("A"))).contains(eleven.at);
        engine.advance(Duration.ofHours(1));
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.FINISHED);
    }

    private static final class Instant11 {
        final java.time.Instant at = java.time.Instant.parse("2024-03-01T11:00:00Z");
    }

    @Test
    void suspendedWorkflowStartsNoOrdersAndNoProcesses() {
        engine.deploy(workflow("W", execute("a")));
        engine.control(new WorkflowControlEvent.WorkflowPathControlUpdated(new io.jobwerk.engine.workflow.WorkflowPath("W"), true, Set.of()));
        engine.addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded");
        engine.control(new WorkflowControlEvent.WorkflowPathControlUpdated(new io.jobwerk.engine.workflow.WorkflowPath("W"), false, Set.of()));
        engine.run();
        assertThat(engine.eventsOf("A")).endsWith("OrderFinished");
    }

    @Test
    void skippedLabelsAreJumpedOver() {
        engine.deploy(workflow("W", execute("a"), execute("SKIP", "b"), execute("c")));
        engine.control(new WorkflowControlEvent.WorkflowPathControlUpdated(new io.jobwerk.engine.workflow.WorkflowPath("W"), false,
                Set.of(new Label("SKIP"))));
        engine.addOrder("A", "W");
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [3]", "OrderFinished");
    }

    @Test
    void breakpointStopsOnceAndResumptionPassesIt() {
        Workflow w = workflow("W", execute("a"), execute("b"));
        engine.deploy(w).control(new WorkflowControlEvent.WorkflowControlUpdated(w.id(), Set.of(Position.of(1))));
        engine.addOrder("A", "W");
        assertThat(engine.eventsOf("A")).endsWith("OrderMoved [1]", "OrderStopped");
        engine.emitAll(engine.motor().resume(id("A"), Optional.empty(), List.of(), false, false).orThrow());
        assertThat(engine.eventsOf("A")).endsWith("OrderStopped", "OrderResumed", "OrderProcessingStarted",
                "OrderProcessed Succeeded{returnCode=0}", "OrderMoved [2]", "OrderFinished");
    }

    @Test
    void transferMovesTheOrderToTheNewVersion() {
        engine.deploy(workflow("W", new Instruction.Prompt(Optional.empty(), expr("'?'"))));
        engine.addOrder("A", "W");
        Workflow v2 = workflow("W", new Instruction.Prompt(Optional.empty(), expr("'?'")), execute("a")).withId(WorkflowId.of("W", "v2"));
        engine.deploy(v2);
        assertThat(engine.motor().transfer(id("A"), WorkflowId.of("X", "v1")).isFail()).isTrue();
        engine.emitAll(engine.motor().transfer(id("A"), v2.id()).orThrow());
        engine.emitAll(engine.motor().answerPrompt(id("A")).orThrow());
        assertThat(engine.eventsOf("A")).containsExactly("OrderAdded", "OrderStarted", "OrderPrompted ?", "OrderTransferred",
                "OrderPromptAnswered", "OrderMoved [1]", "OrderProcessingStarted", "OrderProcessed Succeeded{returnCode=0}",
                "OrderMoved [2]", "OrderFinished");
    }

    @Test
    void replayOfTheJournalGivesTheSameState() {
        engine.deploy(new Item.LockItem(new io.jobwerk.engine.path.LockPath("L"), 1));
        var fork = new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("A", block(execute("a"))),
                new Instruction.ForkBranch("B", block(lock("L", Optional.empty(), block(execute("b")))))), Optional.empty(), false);
        engine.deploy(workflow("W", execute("x"), fork, tryCatch(block(fail("'no'", false)), block(execute("c")))));
        engine.addOrder("A", "W").addOrder("B", "W");
        EngineState replayed = EngineState.EMPTY.applyEvents(engine.journal.stream().map(e -> (KeyedEvent<?>) e).toList()).orThrow();
        assertThat(replayed).isEqualTo(engine.state);
        assertThat(engine.stateOf("A")).isEqualTo(OrderState.Kind.FINISHED);
    }
}
