package io.jobwerk.cockpit.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.cockpit.connection.ControllerReads;
import io.jobwerk.cockpit.main.Navigator;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The order and task history: filters (workflow, state, job, Agent, a date-range preset), read a
 * page at a time from {@code GET /controller/api/history/orders|tasks}, newest first; a row opens
 * its log. A change of a filter reads the first page again.
 */
public final class HistoryViewModel {

    public enum Kind { ORDERS, TASKS }

    /** The order states the history names (empty: all). */
    public static final List<String> ORDER_STATES = List.of("", "OrderFinished", "OrderFailed", "OrderCancelled");

    public static final int PAGE_SIZE = 100;

    private final ControllerReads reads;
    private final Navigator navigator;
    private final UiThread ui;
    private final Clock clock;
    private final ZoneId zone;
    private final ObjectProperty<Kind> kind = new SimpleObjectProperty<>(Kind.ORDERS);
    private final StringProperty workflow = new SimpleStringProperty("");
    private final StringProperty state = new SimpleStringProperty("");
    private final StringProperty job = new SimpleStringProperty("");
    private final StringProperty agent = new SimpleStringProperty("");
    private final ObjectProperty<TimeRange> range = new SimpleObjectProperty<>(TimeRange.LAST_24_HOURS);
    private final ObservableList<HistoryEntry.OrderEntry> orders = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry.TaskEntry> tasks = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private int offset;
    private long total;
    private long generation;

    public HistoryViewModel(ControllerReads reads, Navigator navigator, UiThread ui, Clock clock, ZoneId zone) {
        this.reads = reads;
        this.navigator = navigator;
        this.ui = ui;
        this.clock = clock;
        this.zone = zone;
        for (var p : List.of(workflow, state, job, agent)) {
            p.addListener((o, a, b) -> firstPage());
        }
        kind.addListener((o, a, b) -> firstPage());
        range.addListener((o, a, b) -> firstPage());
    }

    public ObjectProperty<Kind> kindProperty() {
        return kind;
    }

    public StringProperty workflowProperty() {
        return workflow;
    }

    /** The order state filter: one of {@link #ORDER_STATES}. */
    public StringProperty stateProperty() {
        return state;
    }

    public StringProperty jobProperty() {
        return job;
    }

    public StringProperty agentProperty() {
        return agent;
    }

    public ObjectProperty<TimeRange> rangeProperty() {
        return range;
    }

    public ObservableList<HistoryEntry.OrderEntry> orders() {
        return orders;
    }

    public ObservableList<HistoryEntry.TaskEntry> tasks() {
        return tasks;
    }

    /** e.g. {@code 1–100 of 2,345 orders}. */
    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canPreviousProperty() {
        return canPrevious.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ZoneId zone() {
        return zone;
    }

    public void firstPage() {
        offset = 0;
        refresh();
    }

    public void nextPage() {
        if (offset + PAGE_SIZE < total) {
            offset += PAGE_SIZE;
            refresh();
        }
    }

    public void previousPage() {
        if (offset > 0) {
            offset = Math.max(0, offset - PAGE_SIZE);
            refresh();
        }
    }

    /** The query parameters of the page shown, as the API takes them. */
    Map<String, String> query() {
        Map<String, String> q = new LinkedHashMap<>();
        put(q, "workflowPath", workflow.get());
        if (kind.get() == Kind.ORDERS) {
            put(q, "state", state.get());
        } else {
            put(q, "jobName", job.get());
            put(q, "agentPath", agent.get());
        }
        range.get().from(clock.instant(), zone).ifPresent(from -> q.put("from", from.toString()));
        q.put("limit", Integer.toString(PAGE_SIZE));
        q.put("offset", Integer.toString(offset));
        return q;
    }

    private static void put(Map<String, String> q, String name, String value) {
        if (value != null && !value.isBlank()) {
            q.put(name, value.trim());
        }
    }

    /** Reads the page shown again (F5, and after a filter changed). */
    public void refresh() {
        long gen = ++generation;
        Kind k = kind.get();
        int at = offset;
        loading.set(true);
        reads.get(List.of("history", k == Kind.ORDERS ? "orders" : "tasks"), query()).thenAccept(answer -> ui.execute(() -> {
            if (gen == generation) {
                show(k, at, answer);
            }
        }));
    }

    private void show(Kind k, int at, Checked<JsonNode> answer) {
        loading.set(false);
        if (answer.isFail()) {
            problem.set("The history cannot be read: " + answer.problemOption().orElseThrow().message());
            return;
        }
        problem.set("");
        JsonNode json = answer.orThrow();
        total = json.path("total").asLong();
        if (k == Kind.ORDERS) {
            List<HistoryEntry.OrderEntry> rows = new ArrayList<>();
            json.path("orders").forEach(o -> rows.add(HistoryEntry.OrderEntry.of(o)));
            orders.setAll(rows);
            tasks.clear();
        } else {
            List<HistoryEntry.TaskEntry> rows = new ArrayList<>();
            json.path("tasks").forEach(t -> rows.add(HistoryEntry.TaskEntry.of(t)));
            tasks.setAll(rows);
            orders.clear();
        }
        int shown = k == Kind.ORDERS ? orders.size() : tasks.size();
        String noun = k == Kind.ORDERS ? (total == 1 ? "order" : "orders") : (total == 1 ? "task" : "tasks");
        pageText.set(total == 0 ? "no " + noun : String.format("%,d–%,d of %,d %s", at + 1, at + shown, total, noun));
        canPrevious.set(at > 0);
        canNext.set(at + shown < total);
    }

    public void openLog(HistoryEntry entry) {
        if (entry instanceof HistoryEntry.TaskEntry task) {
            navigator.showTaskLog(task.mainOrderId(), task.orderId(), task.position());
        } else {
            navigator.showLog(entry.orderId());
        }
    }

    public void openDetail(HistoryEntry entry) {
        navigator.showOrderDetail(entry.mainOrderId());
    }

    /** Shows an order's tasks (from an order row). */
    public void showTasksOf(String workflowPath) {
        workflow.set(workflowPath);
        kind.set(Kind.TASKS);
    }
}
