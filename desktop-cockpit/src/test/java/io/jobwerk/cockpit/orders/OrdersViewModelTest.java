package io.jobwerk.cockpit.orders;

import static io.jobwerk.cockpit.live.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.Snapshots;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.CancellationMode;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class OrdersViewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private final List<Command> sent = new ArrayList<>();
    private Checked<CommandResponse> answer = Checked.ok(CommandResponse.ACCEPTED);
    private final LiveModel live = new LiveModel(CLOCK, ZoneId.of("UTC"));
    private final OrdersViewModel viewModel = new OrdersViewModel(live, command -> {
        sent.add(command);
        return CompletableFuture.completedFuture(answer);
    }, UiThread.direct());

    private void show(EngineState state) {
        live.apply(new LiveUpdate(state, 1, true, Set.of(), true, List.of()));
    }

    private EngineState fourOrders() {
        return Snapshots.state(
                order("fresh", 0, "{\"TYPE\":\"Fresh\"}"),
                order("prompting", 0, "{\"TYPE\":\"Prompting\",\"question\":\"Go on?\"}"),
                order("held", 0, "{\"TYPE\":\"Fresh\"}", ",\"isSuspended\":true"),
                order("later", 0, "{\"TYPE\":\"Fresh\"}", ",\"scheduledFor\":" + Instant.parse("2026-12-08T00:00:00Z").toEpochMilli()));
    }

    @Test
    void rowsCarryTheStateGroupAndWhy() {
        show(fourOrders());
        assertThat(viewModel.rows()).extracting(OrderRow::orderId, OrderRow::group).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("fresh", StateGroup.PENDING),
                org.assertj.core.groups.Tuple.tuple("prompting", StateGroup.PROMPTING),
                org.assertj.core.groups.Tuple.tuple("held", StateGroup.SUSPENDED),
                org.assertj.core.groups.Tuple.tuple("later", StateGroup.SCHEDULED));
        assertThat(live.row("later").orElseThrow().whyText()).isEqualTo("Waits until 2026-12-08 00:00:00 UTC");
        assertThat(live.row("prompting").orElseThrow().whyText()).contains("prompting");
    }

    @Test
    void filtersByGroupWorkflowAndText() {
        show(fourOrders());
        viewModel.groupProperty().set(StateGroup.SCHEDULED);
        assertThat(viewModel.rows()).extracting(OrderRow::orderId).containsExactly("later");
        viewModel.groupProperty().set(null);
        viewModel.textProperty().set("HEL");
        assertThat(viewModel.rows()).extracting(OrderRow::orderId).containsExactly("held");
        viewModel.textProperty().set("");
        viewModel.workflowProperty().set("other");
        assertThat(viewModel.rows()).isEmpty();
        assertThat(viewModel.summaryProperty().get()).isEqualTo("0 of 4 orders");
    }

    @Test
    void cancelAndKillSendsOneCommandForTheSelectedOrdersItAppliesTo() {
        show(fourOrders());
        viewModel.select(List.of("fresh", "prompting"));
        assertThat(viewModel.canCancelProperty().get()).isTrue();
        assertThat(viewModel.describeCancel(true)).isEqualTo("Cancel 2 orders (fresh, prompting) and kill their running jobs?");
        viewModel.cancel(true);
        assertThat(sent).containsExactly(new Command.CancelOrders(List.of(new OrderId("fresh"), new OrderId("prompting")), CancellationMode.kill(false)));
        assertThat(viewModel.messageProperty().get()).isEqualTo("Cancelling (kill) 2 orders");
    }

    @Test
    void resumeAndAnswerApplyOnlyWhereTheyCan() {
        show(fourOrders());
        viewModel.select(List.of("fresh", "held", "prompting"));
        assertThat(viewModel.resumable()).extracting(OrderRow::orderId).containsExactly("held");
        assertThat(viewModel.prompting()).extracting(OrderRow::orderId).containsExactly("prompting");
        viewModel.resume();
        viewModel.answerPrompt();
        assertThat(sent).containsExactly(new Command.ResumeOrders(List.of(new OrderId("held")), false, java.util.Optional.empty()),
                new Command.AnswerOrderPrompt(new OrderId("prompting")));
    }

    @Test
    void aRefusedCommandShowsTheProblem() {
        show(fourOrders());
        answer = Checked.fail(Problem.of("Forbidden", "User 'u' may not ControlOrder"));
        viewModel.select(List.of("fresh"));
        viewModel.suspend();
        assertThat(viewModel.messageProperty().get()).isEqualTo("SuspendOrders failed: User 'u' may not ControlOrder");
    }

    @Test
    void theDetailFollowsTheSelectionAndLiveChanges() {
        show(fourOrders());
        viewModel.select(List.of("fresh"));
        assertThat(viewModel.detailProperty().get()).map(OrderRow::group).contains(StateGroup.PENDING);
        EngineState later = Snapshots.state(order("fresh", 1, "{\"TYPE\":\"Ready\"}"));
        live.apply(new LiveUpdate(later, 2, false, Set.of(new OrderId("fresh"), new OrderId("prompting"), new OrderId("held"),
                new OrderId("later")), false, List.of()));
        assertThat(viewModel.rows()).extracting(OrderRow::orderId).containsExactly("fresh");
        assertThat(viewModel.detailProperty().get()).map(OrderRow::group).contains(StateGroup.IN_PROGRESS);
        assertThat(viewModel.detailProperty().get()).map(OrderRow::step).isEqualTo(Optional.of("Job"));
    }

    @Test
    void aUserWithoutControlOrderHasEveryOrderActionDisabledWithTheReason() {
        show(fourOrders());
        viewModel.select(List.of("fresh", "prompting", "held"));
        assertThat(viewModel.canCancelProperty().get()).isTrue();
        live.setPermissions(new io.jobwerk.cockpit.connection.UserPermissions("viewer", Optional.of(Set.of(io.jobwerk.http.auth.Permission.ValidUser))));
        OrderActions actions = viewModel.actions();
        assertThat(List.of(actions.canCancelProperty(), actions.canSuspendProperty(), actions.canResumeProperty(), actions.canAnswerProperty(),
                actions.canDeleteProperty(), actions.canChangePriorityProperty())).allSatisfy(p -> assertThat(p.get()).isFalse());
        assertThat(actions.refusalProperty().get()).isEqualTo("needs permission ControlOrder; user viewer has ValidUser");
        live.setPermissions(new io.jobwerk.cockpit.connection.UserPermissions("op", Optional.of(Set.of(io.jobwerk.http.auth.Permission.ControlOrder))));
        assertThat(actions.refusalProperty().get()).isEmpty();
        assertThat(viewModel.canCancelProperty().get()).isTrue();
        assertThat(viewModel.canAnswerProperty().get()).isTrue();
    }
}
