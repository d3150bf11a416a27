package io.jobwerk.cockpit.orders;

import static io.jobwerk.cockpit.live.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.connection.UserPermissions;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.Snapshots;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.SuspensionMode;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.http.auth.Permission;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The actions beyond cancel/suspend/resume: resume as succeeded, go, suspend and kill, resume at a position as succeeded. */
class OrderActionsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    private final List<Command> sent = new ArrayList<>();
    private Function<Command, Checked<CommandResponse>> answer = c -> Checked.ok(CommandResponse.ACCEPTED);
    private final LiveModel live = new LiveModel(Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("UTC"));
    private final OrderActions actions = new OrderActions(live, command -> {
        sent.add(command);
        return CompletableFuture.completedFuture(answer.apply(command));
    }, UiThread.direct());

    private void show() {
        String until = String.valueOf(NOW.plusSeconds(600).toEpochMilli());
        live.apply(new LiveUpdate(Snapshots.state(
                order("failed", 1, "{\"TYPE\":\"Failed\"}"),
                order("broken", 1, "{\"TYPE\":\"Broken\",\"problem\":{\"message\":\"boom\"}}"),
                order("fresh", 0, "{\"TYPE\":\"Fresh\"}", ",\"priority\":5"),
                order("later", 0, "{\"TYPE\":\"Fresh\"}", ",\"scheduledFor\":" + until),
                order("sleeping", 1, "{\"TYPE\":\"Sleeping\",\"until\":" + until + "}"),
                order("retrying", 1, "{\"TYPE\":\"DelayingRetry\",\"until\":" + until + "}"),
                order("held", 0, "{\"TYPE\":\"Fresh\"}", ",\"isSuspended\":true"),
                order("prompting", 0, "{\"TYPE\":\"Prompting\",\"question\":\"Go on?\"}"),
                order("ready", 1, "{\"TYPE\":\"Ready\"}")), 1, true, Set.of(), true, List.of()));
    }

    @Test
    void resumeAsSucceededResumesEachFailedOrderAfterItsFailedStepInOneBatch() {
        show();
        actions.select(List.of("failed", "broken", "held", "ready"));
        assertThat(actions.canResumeAsSucceededProperty().get()).isTrue();
        assertThat(actions.failedToSkip()).extracting(OrderRow::orderId).containsExactly("failed", "broken");
        assertThat(actions.describeResumeAsSucceeded()).isEqualTo("Resume 2 orders (failed, broken) as succeeded? "
                + "Each one's failed step counts as succeeded and it goes on with the next instruction.");
        actions.resumeAsSucceeded();
        assertThat(sent).containsExactly(new Command.Batch(List.of(
                new Command.ResumeOrder(new OrderId("failed"), Optional.of(Position.of(2)), List.of(), true, Optional.empty()),
                new Command.ResumeOrder(new OrderId("broken"), Optional.of(Position.of(2)), List.of(), true, Optional.empty()))));
        assertThat(actions.messageProperty().get()).isEqualTo("Resuming as succeeded 2 orders");
    }

    @Test
    void oneFailedOrderIsResumedAsSucceededWithoutABatch() {
        show();
        actions.select(List.of("failed"));
        assertThat(actions.describeResumeAsSucceeded()).isEqualTo("Resume 1 order (failed) as succeeded? "
                + "Its failed step counts as succeeded and it goes on with the next instruction.");
        actions.resumeAsSucceeded();
        assertThat(sent).containsExactly(new Command.ResumeOrder(new OrderId("failed"), Optional.of(Position.of(2)), List.of(), true, Optional.empty()));
    }

    @Test
    void resumeAsSucceededIsDisabledWithoutAFailedOrder() {
        show();
        actions.select(List.of("held", "ready"));
        assertThat(actions.canResumeAsSucceededProperty().get()).isFalse();
        assertThat(actions.canResumeProperty().get()).isTrue();
    }

    @Test
    void goLetsTheWaitingOrdersGoAtTheirPositions() {
        show();
        actions.select(List.of("fresh", "later", "sleeping", "retrying", "held", "prompting", "ready", "failed"));
        assertThat(actions.goable()).extracting(OrderRow::orderId).containsExactly("fresh", "later", "sleeping", "retrying");
        assertThat(actions.describeGo()).isEqualTo("Let 4 orders (fresh, later, sleeping, retrying) go on now, without waiting for their time, cycle or notices?");
        actions.go();
        assertThat(sent).containsExactly(new Command.Batch(List.of(
                new Command.GoOrder(new OrderId("fresh"), Position.of(0)), new Command.GoOrder(new OrderId("later"), Position.of(0)),
                new Command.GoOrder(new OrderId("sleeping"), Position.of(1)), new Command.GoOrder(new OrderId("retrying"), Position.of(1)))));
    }

    @Test
    void theBatchsRefusalsAreCountedWithTheFirstReason() {
        show();
        answer = c -> Checked.ok(new CommandResponse.BatchResponse(List.of(Checked.ok(CommandResponse.ACCEPTED),
                Checked.fail(Problem.of("GoOrderInapplicable", "the cycle has ended")))));
        actions.select(List.of("fresh", "sleeping"));
        actions.go();
        assertThat(actions.messageProperty().get()).isEqualTo("Go now for 2 orders: 1 refused, e.g. the cycle has ended");
    }

    @Test
    void goIsDisabledForOrdersThatWaitForNothingGoEnds() {
        show();
        actions.select(List.of("held", "prompting", "ready", "failed"));
        assertThat(actions.canGoProperty().get()).isFalse();
    }

    @Test
    void suspendAndKillKillsTheJobAndResetsTheState() {
        show();
        actions.select(List.of("ready"));
        assertThat(actions.describeSuspendAndKill()).isEqualTo("Suspend 1 order (ready), kill its running job and leave a lock it waits for or holds?");
        actions.suspendAndKill();
        assertThat(sent).containsExactly(new Command.SuspendOrders(List.of(new OrderId("ready")),
                new SuspensionMode(true, CancellationMode.kill(false).killOption())));
    }

    @Test
    void resumeAtAPositionAsSucceeded() {
        show();
        actions.select(List.of("failed"));
        actions.resumeAt(Position.of(0), true);
        assertThat(sent).containsExactly(new Command.ResumeOrder(new OrderId("failed"), Optional.of(Position.of(0)), List.of(), true, Optional.empty()));
        assertThat(actions.messageProperty().get()).isEqualTo("Resuming failed at [0] as succeeded");
    }

    @Test
    void resumeAtAPositionWithChangedVariables() {
        show();
        actions.select(List.of("failed"));
        actions.resumeAt(Position.of(0), false, ChangedVariables.parse("rows=5, region=eu").orThrow());
        assertThat(sent).containsExactly(new Command.ResumeOrder(new OrderId("failed"), Optional.of(Position.of(0)),
                List.of(new io.jobwerk.engine.order.HistoryOperation.Append(Position.of(1), new io.jobwerk.engine.order.Outcome.Succeeded(
                        java.util.Map.of("rows", io.jobwerk.engine.value.Value.of(5), "region", io.jobwerk.engine.value.Value.of("eu"))))),
                false, Optional.empty()));
        assertThat(actions.messageProperty().get()).isEqualTo("Resuming failed at [0] with region, rows changed");
    }

    @Test
    void theRowCarriesThePriority() {
        show();
        assertThat(live.row("fresh").orElseThrow().priority()).isEqualByComparingTo(new BigDecimal(5));
        assertThat(live.row("later").orElseThrow().priority()).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void aUserWithoutControlOrderMayNeitherGoNorResumeAsSucceeded() {
        show();
        actions.select(List.of("failed", "fresh"));
        live.setPermissions(new UserPermissions("viewer", Optional.of(Set.of(Permission.ValidUser))));
        assertThat(actions.canGoProperty().get()).isFalse();
        assertThat(actions.canResumeAsSucceededProperty().get()).isFalse();
        assertThat(actions.refusalProperty().get()).isEqualTo("needs permission ControlOrder; user viewer has ValidUser");
    }
}
