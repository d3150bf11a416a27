package io.jobwerk.engine.motor;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Findings of {@link MotorPropertiesTest}, each as the small case it shrank to, on a Controller and its Agents. */
class LinkedEnginesTest {

    private final LinkedEngines engines = new LinkedEngines(List.of(WorkflowShapes.AGENT, WorkflowShapes.AGENT2), WorkflowShapes::outcome);
    private final OrderId order = new OrderId("ORDER");

    private void run(Instruction... instructions) {
        engines.deploy(new Item.LockItem(WorkflowShapes.LOCK, 1));
        engines.deploy(WorkflowShapes.workflow("SHAPE", Block.of(instructions)));
        engines.addOrder(FreshOrder.of("ORDER", "SHAPE"));
        assertThat(engines.runToRest(Duration.ofHours(1), 10_000)).isTrue();
    }

    private static Instruction.ExecuteNamed job(String name) {
        return Instruction.ExecuteNamed.of(name);
    }

    @Test
    void goReachesAnOrderWaitingAtAnAgent() {
        Instruction sleep = new Instruction.Sleep(Optional.empty(), Expr.of("3600"));
        engines.deploy(WorkflowShapes.workflow("SHAPE", Block.of(job("ok"), sleep, job("ok"))));
        engines.addOrder(FreshOrder.of("ORDER", "SHAPE"));
        engines.run(20);
        assertThat(engines.controller.orders().get(order).state().kind()).isEqualTo(OrderState.Kind.SLEEPING);

        assertThat(engines.operate(m -> m.go(order, engines.controller.orders().get(order).position()))).isTrue();
        engines.run(50);

        assertThat(engines.controller.orders().get(order).state().kind()).isEqualTo(OrderState.Kind.FINISHED);
        assertThat(engines.describe()).contains("OrderGoMarked", "OrderGoes");
    }

    @Test
    void aFailedForkChildAtAnAgentIsJoinedAtTheControllerAndLeavesTheAgent() {
        var forkList = new Instruction.ForkList(Optional.empty(), Expr.of("[ 'a' ]"), Expr.of("(x) => $x"), Optional.empty(),
                Block.of(job("fails")), Optional.empty(), true);
        run(Instruction.Try.of(Block.of(forkList), Block.EMPTY));

        assertThat(engines.controller.orders().get(order).state().kind()).isEqualTo(OrderState.Kind.FINISHED);
        assertThat(engines.agents.get(WorkflowShapes.AGENT).orders()).isEmpty();
    }

    @Test
    void aFailureInsideALockAtAnAgentReleasesTheLockAtTheController() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(new Instruction.ForkBranch("A",
                Block.of(new Instruction.Lock(Optional.empty(), List.of(new Instruction.LockDemand(WorkflowShapes.LOCK, Optional.empty())),
                        Block.of(job("fails")))))), Optional.empty(), false);
        run(fork);

        assertThat(engines.controller.orders().get(new OrderId("ORDER|A")).state().kind()).isEqualTo(OrderState.Kind.FAILED);
        assertThat(engines.controller.orders().get(new OrderId("ORDER|A")).attachedState()).isEmpty();
        assertThat(engines.controller.locks().get(WorkflowShapes.LOCK).holders()).isEmpty();
        assertThat(engines.agents.get(WorkflowShapes.AGENT).orders()).isEmpty();
    }

    @Test
    void aForkChildThatGoesToTheControllerIsJoinedThere() {
        var fork = new Instruction.Fork(Optional.empty(), List.of(
                new Instruction.ForkBranch("A", Block.of(job("ok"), new Instruction.Prompt(Optional.empty(), Expr.of("'?'")), job("ok"))),
                new Instruction.ForkBranch("B", Block.of(job("ok")))), Optional.empty(), false);
        run(job("ok"), fork, job("ok"));
        assertThat(engines.controller.orders().get(new OrderId("ORDER|A")).state().kind()).isEqualTo(OrderState.Kind.PROMPTING);
        assertThat(engines.controller.orders().get(order).state().kind()).isEqualTo(OrderState.Kind.FORKED);

        engines.operate(m -> m.answerPrompt(new OrderId("ORDER|A")));
        assertThat(engines.runToRest(Duration.ofHours(1), 10_000)).isTrue();

        assertThat(engines.controller.orders().get(order).state().kind()).isEqualTo(OrderState.Kind.FINISHED);
        assertThat(engines.agents.get(WorkflowShapes.AGENT).orders()).isEmpty();
    }

    @Test
    void aLockInsideALockOfTheSameLockFailsInsteadOfWaitingForItself() {
        var inner = new Instruction.Lock(Optional.empty(), List.of(new Instruction.LockDemand(WorkflowShapes.LOCK, Optional.empty())),
                Block.of(job("ok")));
        run(new Instruction.Lock(Optional.empty(), List.of(new Instruction.LockDemand(WorkflowShapes.LOCK, Optional.empty())),
                Block.of(inner)));

        assertThat(engines.controller.orders().get(order).state().kind()).isEqualTo(OrderState.Kind.FAILED);
        assertThat(engines.describe()).contains("has already been acquired by order");
        assertThat(engines.controller.locks().get(WorkflowShapes.LOCK).holders()).isEmpty();
    }

    @Test
    void anOrderWaitingBetweenCyclesIsResumedOnlyWhereItIs() {
        var always = new io.jobwerk.engine.time.AdmissionTimeScheme(List.of(new io.jobwerk.engine.time.AdmissionPeriod.DailyPeriod(0,
                Duration.ofHours(24))));
        var cycle = new Instruction.Cycle(Optional.empty(), new io.jobwerk.engine.time.Schedule(List.of(new io.jobwerk.engine.time.Schedule.Scheme(
                always, new io.jobwerk.engine.time.Schedule.Continuous(Duration.ofHours(2), Optional.of(2))))), Block.of(job("ok")), true);
        run(job("ok"), cycle);
        assertThat(engines.controller.orders().get(order).state().kind()).isEqualTo(OrderState.Kind.BETWEEN_CYCLES);
        engines.operate(m -> m.suspend(order, io.jobwerk.engine.order.SuspensionMode.STANDARD));
        engines.run(10);
        // as JS7: marked, to be suspended once Ready (in its next cycle)
        assertThat(engines.controller.orders().get(order).mark()).containsInstanceOf(io.jobwerk.engine.order.OrderMark.Suspending.class);

        assertThat(engines.operate(m -> m.resume(order, Optional.of(io.jobwerk.engine.workflow.Position.FIRST), List.of(), false, false)))
                .as("resumed at another position").isFalse();
        assertThat(engines.operate(m -> m.resume(order, Optional.empty(), List.of(), false, false))).isTrue();
        assertThat(engines.runToRest(Duration.ofHours(5), 10_000)).isTrue();
        assertThat(engines.controller.orders().get(order).state().kind()).isEqualTo(OrderState.Kind.FINISHED);
    }

    /** Steps until the order processes its first job at the Agent. */
    private void startFirstJob(Instruction... instructions) {
        engines.deploy(WorkflowShapes.workflow("SHAPE", Block.of(instructions)));
        engines.addOrder(FreshOrder.of("ORDER", "SHAPE"));
        for (int i = 0; i < 50 && !engines.agents.get(WorkflowShapes.AGENT).orders().containsKey(order)
                || !engines.agents.get(WorkflowShapes.AGENT).orders().get(order).isState(OrderState.Kind.PROCESSING); i++) {
            engines.run(1);
        }
        assertThat(engines.agents.get(WorkflowShapes.AGENT).orders().get(order).state().kind()).isEqualTo(OrderState.Kind.PROCESSING);
    }

    @Test
    /** As JS7 (recorded: op-suspend-resume): the Agent moves the order after its job and hands it back; the Controller suspends. */
    void aSuspendMeetingAJobAtAnAgentIsCarriedOutAtTheControllerAfterTheMove() {
        startFirstJob(job("ok"), job("ok"));
        assertThat(engines.operate(m -> m.suspend(order, io.jobwerk.engine.order.SuspensionMode.STANDARD))).isTrue();
        assertThat(engines.runToRest(Duration.ofHours(1), 10_000)).isTrue();
        assertThat(engines.describe()).contains("OrderProcessingStarted, OrderSuspensionMarked, OrderSuspensionMarkedOnAgent, "
                + "OrderProcessed Succeeded{returnCode=0}, OrderMoved [1], OrderDetachable, OrderDetached, OrderSuspended\n");
        assertThat(engines.controller.orders().get(order).isSuspended()).isTrue();
    }

    @Test
    /** As JS7 (recorded: op-suspend-kill-resume): the killed step waits as ProcessingKilled; resumed, the job runs again. */
    void aSuspendWithKillLeavesTheOrderProcessingKilledAndResumedItRunsTheJobAgain() {
        startFirstJob(job("ok"), job("ok"));
        assertThat(engines.operate(m -> m.suspend(order, new io.jobwerk.engine.order.SuspensionMode(false,
                Optional.of(new io.jobwerk.engine.order.CancellationMode.Kill(true, Optional.empty())))))).isTrue();
        assertThat(engines.runToRest(Duration.ofHours(1), 10_000)).isTrue();
        assertThat(engines.describe()).contains("OrderProcessed KILLED, OrderProcessingKilled, OrderDetachable, OrderDetached, "
                + "OrderSuspended\n");
        assertThat(engines.operate(m -> m.resume(order, Optional.empty(), List.of(), false, Optional.empty()))).isTrue();
        assertThat(engines.runToRest(Duration.ofHours(1), 10_000)).isTrue();
        assertThat(engines.describe()).contains("OrderSuspended, OrderResumed, OrderAttachable AGENT, OrderAttached AGENT, "
                + "OrderProcessingStarted, OrderProcessed Succeeded{returnCode=0}, OrderMoved [1]");
        assertThat(engines.controller.orders().get(order).state().kind()).isEqualTo(OrderState.Kind.FINISHED);
    }

    @Test
    /** As JS7 (recorded: op-cancel-processing-no-kill): the Agent moves the order after its job, the Controller cancels it there. */
    void aCancelMeetingAJobAtAnAgentIsCarriedOutAtTheControllerAfterTheMove() {
        startFirstJob(job("ok"), job("ok"));
        assertThat(engines.operate(m -> m.cancel(order, io.jobwerk.engine.order.CancellationMode.FRESH_OR_STARTED))).isTrue();
        assertThat(engines.runToRest(Duration.ofHours(1), 10_000)).isTrue();
        assertThat(engines.describe()).contains("OrderProcessed Succeeded{returnCode=0}, OrderMoved [1], OrderDetachable, "
                + "OrderDetached, OrderCancelled\n");
    }

    @Test
    /** As JS7 (recorded: op-cancel-scheduled): attached at once, the Agent hands it back for the cancel without marking it. */
    void anOrderScheduledForLaterWaitsAtItsAgentAndIsCancelledAtTheController() {
        engines.deploy(WorkflowShapes.workflow("SHAPE", Block.of(job("ok"))));
        engines.addOrder(FreshOrder.of("ORDER", "SHAPE").withScheduledFor(java.time.Instant.parse("2030-01-01T00:00:00Z")));
        engines.run(10);
        assertThat(engines.agents.get(WorkflowShapes.AGENT).orders().get(order).state().kind()).isEqualTo(OrderState.Kind.FRESH);
        assertThat(engines.operate(m -> m.cancel(order, io.jobwerk.engine.order.CancellationMode.FRESH_ONLY))).isTrue();
        engines.run(20);
        assertThat(engines.describe()).contains("ORDER: OrderAdded, OrderAttachable AGENT, OrderAttached AGENT, "
                + "OrderCancellationMarked, OrderDetachable, OrderDetached, OrderCancelled\n");
    }
}
