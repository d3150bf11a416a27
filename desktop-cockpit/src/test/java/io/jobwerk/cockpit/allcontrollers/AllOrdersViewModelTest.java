package io.jobwerk.cockpit.allcontrollers;

import static io.jobwerk.cockpit.live.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.connection.UserPermissions;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.Snapshots;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.http.auth.Permission;
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

class AllOrdersViewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private final List<String> opened = new ArrayList<>();
    private final AllOrdersViewModel viewModel = new AllOrdersViewModel(UiThread.direct(), new AllOrdersViewModel.Opener() {
        @Override
        public void openDetail(String controller, String orderId) {
            opened.add("detail " + controller + " " + orderId);
        }

        @Override
        public void openLog(String controller, String orderId) {
            opened.add("log " + controller + " " + orderId);
        }
    });
    private final Controller prod = new Controller("prod");
    private final Controller test = new Controller("test");

    /** A Controller as the view sees it: a live model shown snapshot states, and the commands sent to it. */
    private static final class Controller {
        final LiveModel live = new LiveModel(CLOCK, ZoneId.of("UTC"));
        final List<Command> sent = new ArrayList<>();
        final ControllerSource source;

        Controller(String name) {
            source = new ControllerSource(name, live, command -> {
                sent.add(command);
                return CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED));
            });
        }

        Controller show(String... orders) {
            EngineState state = Snapshots.state(orders);
            live.apply(new LiveUpdate(state, 1, true, Set.of(), true, List.of()));
            return this;
        }
    }

    private static final String FRESH = "{\"TYPE\":\"Fresh\"}";
    private static final String FAILED = "{\"TYPE\":\"Failed\"}";

    private void twoControllers() {
        prod.show(order("daily", 0, FRESH), order("same-id", 0, FRESH), order("broken", 1, FAILED));
        test.show(order("same-id", 0, FRESH, ",\"isSuspended\":true"), order("check", 1, FAILED));
        viewModel.add(prod.source);
        viewModel.add(test.source);
    }

    private OrderRow row(String controller, String orderId) {
        return viewModel.rows().stream().filter(r -> r.orderId().equals(orderId) && viewModel.controllerOf(r).orElseThrow().equals(controller))
                .findFirst().orElseThrow();
    }

    @Test
    void everyControllersOrdersInOneTableWithTheirController() {
        twoControllers();
        assertThat(viewModel.rows()).extracting(r -> viewModel.controllerOf(r).orElseThrow(), OrderRow::orderId, OrderRow::group)
                .containsExactlyInAnyOrder(
                        tuple("prod", "daily", StateGroup.PENDING), tuple("prod", "same-id", StateGroup.PENDING),
                        tuple("prod", "broken", StateGroup.FAILED),
                        tuple("test", "same-id", StateGroup.SUSPENDED), tuple("test", "check", StateGroup.FAILED));
        assertThat(viewModel.summaryProperty().get()).isEqualTo("5 of 5 orders on 2 Controllers");
    }

    @Test
    void countsAreSummedWithEachControllersPart() {
        twoControllers();
        assertThat(viewModel.countsProperty().get().count(StateGroup.FAILED)).isEqualTo(2);
        assertThat(viewModel.countsProperty().get().total()).isEqualTo(5);
        assertThat(viewModel.breakdown(StateGroup.FAILED)).isEqualTo("prod 1 · test 1");
        assertThat(viewModel.breakdown(StateGroup.PENDING)).isEqualTo("prod 2");
        assertThat(viewModel.breakdown(StateGroup.RUNNING)).isEmpty();
    }

    @Test
    void aControllersUpdateAndItsClosingReachTheTableAndCounts() {
        twoControllers();
        test.show(order("check", 1, FAILED), order("new", 0, FRESH));
        assertThat(viewModel.rows()).extracting(r -> viewModel.controllerOf(r).orElseThrow() + "/" + r.orderId())
                .containsExactlyInAnyOrder("prod/daily", "prod/same-id", "prod/broken", "test/check", "test/new");
        assertThat(viewModel.countsProperty().get().count(StateGroup.SUSPENDED)).isZero();
        viewModel.remove("prod");
        assertThat(viewModel.rows()).extracting(OrderRow::orderId).containsExactlyInAnyOrder("check", "new");
        assertThat(viewModel.countsProperty().get().total()).isEqualTo(2);
        assertThat(viewModel.controllers()).containsExactly("test");
    }

    @Test
    void aControllersUpdateOfSeveralRowsIsOneChangeOfTheMergedTable() {
        twoControllers();
        int[] changes = {0};
        viewModel.rows().addListener((javafx.collections.ListChangeListener<OrderRow>) c -> changes[0]++);
        // test: same-id resumed and moved, check gone, two new: one update of the live model
        test.show(order("same-id", 1, FRESH), order("new-1", 0, FRESH), order("new-2", 0, FAILED));
        assertThat(changes[0]).isEqualTo(1);
        assertThat(viewModel.rows()).extracting(r -> viewModel.controllerOf(r).orElseThrow() + "/" + r.orderId())
                .containsExactlyInAnyOrder("prod/daily", "prod/same-id", "prod/broken", "test/same-id", "test/new-1", "test/new-2");
    }

    @Test
    void filtersAsOneControllersViewAndFindsTheControllerByName() {
        twoControllers();
        viewModel.groupProperty().set(StateGroup.FAILED);
        assertThat(viewModel.rows()).extracting(OrderRow::orderId).containsExactlyInAnyOrder("broken", "check");
        viewModel.groupProperty().set(null);
        viewModel.textProperty().set("TES");
        assertThat(viewModel.rows()).extracting(OrderRow::orderId).containsExactlyInAnyOrder("same-id", "check");
        viewModel.textProperty().set("same");
        assertThat(viewModel.rows()).hasSize(2);
        assertThat(viewModel.summaryProperty().get()).isEqualTo("2 of 5 orders on 2 Controllers");
    }

    @Test
    void eachActionGoesToTheOrdersOwnController() {
        twoControllers();
        viewModel.selectRows(List.of(row("prod", "same-id"), row("test", "same-id"), row("test", "check")));
        assertThat(viewModel.actions().canCancelProperty().get()).isTrue();
        assertThat(viewModel.actions().describeCancel(false)).isEqualTo("prod: Cancel 1 order (same-id)?\ntest: Cancel 2 orders (same-id, check)?");
        viewModel.actions().cancel(false);
        assertThat(prod.sent).singleElement().isInstanceOfSatisfying(Command.CancelOrders.class,
                c -> assertThat(c.orderIds()).containsExactly(new OrderId("same-id")));
        assertThat(test.sent).singleElement().isInstanceOfSatisfying(Command.CancelOrders.class,
                c -> assertThat(c.orderIds()).containsExactly(new OrderId("same-id"), new OrderId("check")));
        assertThat(viewModel.actions().messageProperty().get()).isEqualTo("prod: Cancelling 1 order; test: Cancelling 2 orders");

        // resume applies to test's suspended order only: prod is not asked
        assertThat(viewModel.actions().describeResumeAsSucceeded()).startsWith("test: Resume 1 order (check) as succeeded?");
        viewModel.actions().resume();
        assertThat(prod.sent).hasSize(1);
        assertThat(test.sent).hasSize(2).last().isInstanceOf(Command.ResumeOrders.class);
    }

    @Test
    void aControllerWhoseUserMayNotIsLeftOutAndNamed() {
        twoControllers();
        test.live.setPermissions(new UserPermissions("viewer", Optional.of(Set.of(Permission.ValidUser))));
        viewModel.selectRows(List.of(row("prod", "daily"), row("test", "check")));
        assertThat(viewModel.actions().refusalProperty().get()).as("prod's user may").isEmpty();
        assertThat(viewModel.actions().describeCancel(true)).isEqualTo("prod: Cancel 1 order (daily) and kill their running jobs?\n"
                + "test: 1 order left as they are, needs permission ControlOrder; user viewer has ValidUser");
        viewModel.actions().cancel(true);
        assertThat(prod.sent).hasSize(1);
        assertThat(test.sent).isEmpty();

        viewModel.selectRows(List.of(row("test", "check")));
        assertThat(viewModel.actions().canCancelProperty().get()).isFalse();
        assertThat(viewModel.actions().refusalProperty().get()).isEqualTo("test: needs permission ControlOrder; user viewer has ValidUser");
    }

    @Test
    void theSelectionFollowsAnUpdateAndOpensInItsOwnController() {
        twoControllers();
        viewModel.selectRows(List.of(row("test", "same-id")));
        test.show(order("same-id", 1, FRESH), order("check", 1, FAILED));
        assertThat(viewModel.detailProperty().get()).hasValueSatisfying(r -> assertThat(r.position()).isEqualTo("[1]"));
        assertThat(viewModel.actions().canSuspendProperty().get()).isTrue();
        viewModel.openDetail(viewModel.detailProperty().get().orElseThrow());
        viewModel.openLog(row("prod", "daily"));
        assertThat(opened).containsExactly("detail test same-id", "log prod daily");
    }
}
