package io.jobwerk.cockpit.orderdetail;

import static io.jobwerk.cockpit.live.Snapshots.order;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.FakeReads;
import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.connection.OrderEventLine;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.Snapshots;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
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
import org.junit.jupiter.api.Test;

class OrderDetailViewModelTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private static final String TASKS = """
            {"total":4,"tasks":[
             {"taskId":4,"orderId":"o","position":"2","jobName":"load","agentPath":"A","outcome":null,"startedAt":"2026-12-07T09:59:30Z","endedAt":null},
             {"taskId":3,"orderId":"o|b","position":"1/fork+b:0","jobName":"t-b","agentPath":"A","outcome":"Failed","returnCode":1,"message":"boom","startedAt":"2026-12-07T09:59:11Z","endedAt":"2026-12-07T09:59:20Z"},
             {"taskId":2,"orderId":"o|a","position":"1/fork+a:0","jobName":"t-a","agentPath":"A","outcome":"Succeeded","returnCode":0,"startedAt":"2026-12-07T09:59:10Z","endedAt":"2026-12-07T09:59:15Z"},
             {"taskId":1,"orderId":"o","position":"0","jobName":"extract","agentPath":"A","outcome":"Succeeded","returnCode":0,"startedAt":"2026-12-07T09:59:00Z","endedAt":"2026-12-07T09:59:05Z"}]}
            """;

    private final List<Command> sent = new ArrayList<>();
    private final LiveModel live = new LiveModel(CLOCK, ZoneId.of("UTC"));
    private final FakeReads reads = new FakeReads((path, query) -> TASKS);
    private final OrderDetailViewModel viewModel = new OrderDetailViewModel(live, reads, command -> {
        sent.add(command);
        return CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED));
    }, UiThread.direct(), CLOCK);

    private EngineState stateWithOrder() {
        return Snapshots.state(order("o", 1, "{\"TYPE\":\"Ready\"}", ",\"arguments\":{\"day\":\"2026-12-07\",\"rows\":42}",
                ",\"historicOutcomes\":[{\"position\":[0],\"outcome\":{\"TYPE\":\"Succeeded\",\"namedValues\":{\"returnCode\":0,\"count\":7}}}]"));
    }

    @Test
    void showsTheOrdersStepsWithTheForkChildrenUnderTheForkAndRunningStepsToNow() {
        live.apply(new LiveUpdate(stateWithOrder(), 1, true, Set.of(), true, List.of()));
        viewModel.open("o");
        assertThat(reads.asked).extracting(FakeReads.Asked::path).containsExactly("history/tasks");
        assertThat(reads.asked.get(0).query()).containsEntry("orderId", "o");
        assertThat(viewModel.steps()).extracting(GanttStep::orderId, GanttStep::name, GanttStep::depth).containsExactly(
                org.assertj.core.groups.Tuple.tuple("o", "extract", 0),
                org.assertj.core.groups.Tuple.tuple("o|a", "t-a", 1),
                org.assertj.core.groups.Tuple.tuple("o|b", "t-b", 1),
                org.assertj.core.groups.Tuple.tuple("o", "load", 0));
        GanttStep running = viewModel.steps().get(3);
        assertThat(running.running()).isTrue();
        assertThat(running.endOr(viewModel.nowProperty().get())).isEqualTo(CLOCK.instant());
        assertThat(viewModel.steps().get(2).failed()).isTrue();
        assertThat(viewModel.steps().get(2).branch()).isEqualTo("b");
    }

    @Test
    void showsVariablesAndReturnValuesOfTheLiveOrder() {
        live.apply(new LiveUpdate(stateWithOrder(), 1, true, Set.of(), true, List.of()));
        viewModel.open("o");
        assertThat(viewModel.variables()).extracting(NamedValue::name, NamedValue::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("day", "\"2026-12-07\""),
                org.assertj.core.groups.Tuple.tuple("rows", "42"));
        assertThat(viewModel.returnValues()).extracting(NamedValue::position, NamedValue::outcome, NamedValue::name, NamedValue::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("[0]", "Succeeded", "returnCode", "0"),
                org.assertj.core.groups.Tuple.tuple("[0]", "Succeeded", "count", "7"));
        assertThat(viewModel.messageProperty().get()).isEmpty();
    }

    @Test
    void anOrderOnlyTheHistoryHoldsShowsItsStepsAndSaysSo() {
        live.apply(new LiveUpdate(Snapshots.state(), 1, true, Set.of(), true, List.of()));
        viewModel.open("o");
        assertThat(viewModel.steps()).hasSize(4);
        assertThat(viewModel.rowProperty().get()).isEmpty();
        assertThat(viewModel.variables()).isEmpty();
        assertThat(viewModel.messageProperty().get()).contains("does not hold o");
        assertThat(viewModel.actions().canCancelProperty().get()).isFalse();
    }

    @Test
    void itsEventsAndTheirChildrensAreListedNewestFirstAndAStepEventReadsTheStepsAgain() {
        live.apply(new LiveUpdate(stateWithOrder(), 1, true, Set.of(), true, List.of()));
        viewModel.open("o");
        EngineState same = stateWithOrder();
        live.apply(new LiveUpdate(same, 3, false, Set.of(new OrderId("o")), false, List.of(), List.of(
                line("o", 2, "OrderMoved", "to=[1]"), line("o|a", 3, "OrderProcessed", "outcome={}"), line("other", 4, "OrderMoved", "to=[2]"))));
        assertThat(viewModel.events()).extracting(OrderEventLine::eventId).containsExactly(3L, 2L);
        assertThat(reads.asked).hasSize(2);
        live.apply(new LiveUpdate(same, 5, false, Set.of(new OrderId("o")), false, List.of(), List.of(line("o", 5, "OrderMoved", "to=[2]"))));
        assertThat(reads.asked).as("a move is no step: no read").hasSize(2);
    }

    @Test
    void actionsApplyToTheOrderAsInTheOrdersTable() {
        live.apply(new LiveUpdate(stateWithOrder(), 1, true, Set.of(), true, List.of()));
        viewModel.open("o");
        assertThat(viewModel.actions().canCancelProperty().get()).isTrue();
        assertThat(viewModel.actions().canDeleteProperty().get()).isFalse();
        assertThat(viewModel.actions().describeCancel(true)).isEqualTo("Cancel 1 order (o) and kill their running jobs?");
        assertThat(viewModel.actions().changePriority("ten").problemOption()).map(p -> p.message()).contains("Priority 'ten' is not a number (e.g. 0, 10, -1.5)");
        assertThat(sent).isEmpty();
        viewModel.actions().changePriority(" 10 ");
        assertThat(sent).containsExactly(new Command.ChangeOrder(new OrderId("o"), Optional.of(new BigDecimal("10"))));
    }

    @Test
    void aSuspendedOrderCanBeResumedAtAnInstructionOfItsBlockItsOwnPositionFirst() {
        live.apply(new LiveUpdate(Snapshots.state(order("o", 1, "{\"TYPE\":\"Ready\"}", ",\"isSuspended\":true")), 1, true, Set.of(), true, List.of()));
        viewModel.open("o");
        assertThat(viewModel.resumePositions()).extracting(p -> p.position().toString()).containsExactly("[1]", "[0]", "[2]"); // [2]: the end (the order finishes)
        assertThat(viewModel.resumePositions().get(0).text()).endsWith("— where it is");
        viewModel.actions().resumeAt(viewModel.resumePositions().get(1).position());
        assertThat(sent).containsExactly(new Command.ResumeOrder(new OrderId("o"), Optional.of(io.jobwerk.engine.workflow.Position.of(0)),
                List.of(), false, Optional.empty()));
    }

    @Test
    void anOrderThatIsNeitherSuspendedNorFailedOffersNoPositionToResumeAt() {
        live.apply(new LiveUpdate(stateWithOrder(), 1, true, Set.of(), true, List.of()));
        viewModel.open("o");
        assertThat(viewModel.resumePositions()).isEmpty();
    }

    private static OrderEventLine line(String orderId, long eventId, String type, String fields) {
        return new OrderEventLine(new OrderId(orderId), eventId, Instant.ofEpochMilli(eventId), type, fields);
    }
}
