package io.jobwerk.cockpit.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.FakeReads;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.Navigator;
import io.jobwerk.cockpit.main.Page;
import io.jobwerk.cockpit.ui.UiThread;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HistoryViewModelTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private final List<String> opened = new ArrayList<>();
    private final FakeReads reads = new FakeReads((path, query) -> path.endsWith("orders")
            ? "{\"total\":250,\"orders\":[{\"orderId\":\"etl-1\",\"workflowPath\":\"ops/etl\",\"versionId\":\"1\",\"state\":\"OrderFailed\","
              + "\"position\":\"[1]\",\"addedAt\":\"2026-12-07T10:00:00Z\",\"startedAt\":\"2026-12-07T10:00:00Z\",\"endedAt\":\"2026-12-07T10:00:02.5Z\","
              + "\"children\":[{\"orderId\":\"etl-1|a\",\"workflowPath\":\"ops/etl\",\"versionId\":\"1\",\"state\":\"OrderFinished\",\"position\":\"[0]\","
              + "\"startedAt\":\"2026-12-07T10:00:01Z\",\"endedAt\":null}]}]}"
            : "{\"total\":1,\"tasks\":[{\"taskId\":7,\"orderId\":\"etl-1|a\",\"workflowPath\":\"ops/etl\",\"versionId\":\"1\",\"position\":\"[0,\\\"fork+a\\\",0]\","
              + "\"jobName\":\"transform\",\"agentPath\":\"agent\",\"subagentId\":\"agent\",\"returnCode\":3,\"outcome\":\"Failed\","
              + "\"startedAt\":\"2026-12-07T10:00:01Z\",\"endedAt\":null}]}");
    private final HistoryViewModel viewModel = new HistoryViewModel(reads, new Navigator() {
        @Override public void show(Page page) { }
        @Override public void showOrders(StateGroup group, String workflowPath) { }
        @Override public void showOrder(String orderId) { }
        @Override public void showWorkflow(String workflowPath) { }
        @Override public void showLog(String orderId) { opened.add("log " + orderId); }
        @Override public void showTaskLog(String main, String order, String position) { opened.add("task " + main + " " + order + " " + position); }
        @Override public void showOrderDetail(String orderId) { opened.add("detail " + orderId); }
        @Override public void showHistory(String state, TimeRange range) { }
    }, UiThread.direct(), Clock.fixed(NOW, ZoneOffset.UTC), ZoneId.of("Europe/Berlin"));

    @Test
    void readsAPageWithTheFiltersAndTheRangeStart() {
        viewModel.workflowProperty().set("ops/etl");
        viewModel.stateProperty().set("OrderFailed");
        viewModel.rangeProperty().set(TimeRange.TODAY);
        assertThat(reads.asked).last().isEqualTo(new FakeReads.Asked("history/orders", Map.of("workflowPath", "ops/etl",
                "state", "OrderFailed", "from", "2026-12-06T23:00:00Z", "limit", "100", "offset", "0")));
        assertThat(viewModel.orders()).singleElement().satisfies(o -> {
            assertThat(o.failed()).isTrue();
            assertThat(o.duration()).hasValue(java.time.Duration.ofMillis(2500));
            assertThat(o.children()).extracting(HistoryEntry.OrderEntry::orderId).containsExactly("etl-1|a");
        });
        assertThat(viewModel.pageTextProperty().get()).isEqualTo("1–1 of 250 orders");
        assertThat(viewModel.canNextProperty().get()).isTrue();
        assertThat(viewModel.canPreviousProperty().get()).isFalse();
    }

    @Test
    void pagesGoOlderAndBackWithTheOffset() {
        viewModel.firstPage();
        viewModel.nextPage();
        assertThat(reads.asked).last().extracting(a -> a.query().get("offset")).isEqualTo("100");
        assertThat(viewModel.canPreviousProperty().get()).isTrue();
        viewModel.previousPage();
        assertThat(reads.asked).last().extracting(a -> a.query().get("offset")).isEqualTo("0");
    }

    @Test
    void tasksAreFilteredByJobAndAgentAndOpenTheirStepInTheOrdersLog() {
        viewModel.kindProperty().set(HistoryViewModel.Kind.TASKS);
        viewModel.jobProperty().set("transform");
        viewModel.agentProperty().set("agent");
        viewModel.stateProperty().set("OrderFailed"); // not a task filter
        assertThat(reads.asked).last().satisfies(a -> {
            assertThat(a.path()).isEqualTo("history/tasks");
            assertThat(a.query()).containsEntry("jobName", "transform").containsEntry("agentPath", "agent").doesNotContainKey("state");
        });
        HistoryEntry.TaskEntry task = viewModel.tasks().get(0);
        assertThat(task.returnCode()).hasValue(3);
        viewModel.openLog(task);
        viewModel.openDetail(task);
        assertThat(opened).containsExactly("task etl-1 etl-1|a [0,\"fork+a\",0]", "detail etl-1");
    }
}
