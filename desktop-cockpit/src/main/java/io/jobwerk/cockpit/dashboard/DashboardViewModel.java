package io.jobwerk.cockpit.dashboard;

import io.jobwerk.cockpit.connection.ControllerReads;
import io.jobwerk.cockpit.history.TimeRange;
import io.jobwerk.cockpit.live.AgentRow;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import io.jobwerk.cockpit.live.GroupCounts;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.main.Navigator;
import io.jobwerk.cockpit.main.Page;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ObservableList;

/** The Dashboard: orders per state group and the Agents with their Subagents; every number opens its filtered view. */
public final class DashboardViewModel {

    private final LiveModel live;
    private final Navigator navigator;
    private final ReadOnlyStringWrapper agentSummary = new ReadOnlyStringWrapper("");
    private final javafx.collections.transformation.SortedList<io.jobwerk.cockpit.live.OrderRow> attention;

    private final ControllerReads reads;
    private final UiThread ui;
    private final Clock clock;
    private final ObjectProperty<TimeRange> historyRange = new SimpleObjectProperty<>(TimeRange.LAST_24_HOURS);
    private final ReadOnlyObjectWrapper<HistorySummary> history = new ReadOnlyObjectWrapper<>(HistorySummary.UNKNOWN);
    private Instant lastHistoryRead = Instant.MIN;
    private long historyGeneration;

    /** How many orders ended well and badly in the chosen range ({@code -1}: not known yet), and when that was read. */
    public record HistorySummary(long succeeded, long failed, Optional<String> problem) {
        public static final HistorySummary UNKNOWN = new HistorySummary(-1, -1, Optional.empty());
    }

    private final ReadOnlyObjectProperty<io.jobwerk.cockpit.plan.PlanDay> todayPlan;

    public DashboardViewModel(LiveModel live, Navigator navigator, ControllerReads reads, UiThread ui, Clock clock,
                              ReadOnlyObjectProperty<io.jobwerk.cockpit.plan.PlanDay> todayPlan) {
        this.todayPlan = todayPlan;
        this.live = live;
        this.navigator = navigator;
        this.reads = reads;
        this.ui = ui;
        this.clock = clock;
        historyRange.addListener((o, a, b) -> refreshHistory());
        // An order ending changes the summary: read it again, at most every few seconds however many end.
        live.countsProperty().addListener((o, a, b) -> {
            if (a.count(StateGroup.FINISHED) != b.count(StateGroup.FINISHED) || a.count(StateGroup.FAILED) != b.count(StateGroup.FAILED)) {
                if (Duration.between(lastHistoryRead, clock.instant()).compareTo(HISTORY_READ_PAUSE) >= 0) {
                    refreshHistory();
                }
            }
        });
        attention = new javafx.collections.transformation.SortedList<>(
                new javafx.collections.transformation.FilteredList<>(live.orders(), row -> NEEDS_ATTENTION.contains(row.group())),
                java.util.Comparator.comparing(io.jobwerk.cockpit.live.OrderRow::group).reversed()
                        .thenComparing(io.jobwerk.cockpit.live.OrderRow::orderId));
        live.agents().addListener((javafx.collections.ListChangeListener<AgentRow>) c -> summarise());
        summarise();
    }

    private static final Duration HISTORY_READ_PAUSE = Duration.ofSeconds(3);

    public ObjectProperty<TimeRange> historyRangeProperty() {
        return historyRange;
    }

    public ReadOnlyObjectProperty<HistorySummary> historyProperty() {
        return history.getReadOnlyProperty();
    }

    /** Reads the succeeded and failed orders of the range from the history (two counts, {@code limit=1}). */
    public void refreshHistory() {
        long gen = ++historyGeneration;
        lastHistoryRead = clock.instant();
        Optional<Instant> from = historyRange.get().from(clock.instant(), live.zone());
        CompletableFuture<Checked<Long>> succeeded = count("OrderFinished", from);
        CompletableFuture<Checked<Long>> failed = count("OrderFailed", from);
        succeeded.thenCombine(failed, (ok, bad) -> {
            ui.execute(() -> {
                if (gen == historyGeneration) {
                    Optional<String> problem = ok.problemOption().or(bad::problemOption).map(p -> p.message());
                    history.set(new HistorySummary(ok.toOptional().orElse(-1L), bad.toOptional().orElse(-1L), problem));
                }
            });
            return null;
        });
    }

    private CompletableFuture<Checked<Long>> count(String state, Optional<Instant> from) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("state", state);
        from.ifPresent(f -> query.put("from", f.toString()));
        query.put("limit", "1");
        return reads.get(List.of("history", "orders"), query).thenApply(answer -> answer.map(json -> json.path("total").asLong()));
    }

    /** Today's daily plan (null until read). */
    public ReadOnlyObjectProperty<io.jobwerk.cockpit.plan.PlanDay> todayPlanProperty() {
        return todayPlan;
    }

    public void openDailyPlan() {
        navigator.show(Page.DAILY_PLAN);
    }

    /** The History view on the range's succeeded ({@code OrderFinished}) or failed ({@code OrderFailed}) orders. */
    public void openHistory(String state) {
        navigator.showHistory(state, historyRange.get());
    }

    /** The groups an operator must act on (or look at): failed, blocked, prompting. */
    public static final java.util.Set<StateGroup> NEEDS_ATTENTION = java.util.EnumSet.of(StateGroup.FAILED, StateGroup.BLOCKED, StateGroup.PROMPTING);

    /** The orders that need the operator, failed first. */
    public ObservableList<io.jobwerk.cockpit.live.OrderRow> attention() {
        return attention;
    }

    public void openOrder(String orderId) {
        navigator.showOrder(orderId);
    }

    public ReadOnlyObjectProperty<GroupCounts> countsProperty() {
        return live.countsProperty();
    }

    public ObservableList<AgentRow> agents() {
        return live.agents();
    }

    /** e.g. {@code 1 of 1 Agents coupled · 2 jobs running} */
    public ReadOnlyStringProperty agentSummaryProperty() {
        return agentSummary.getReadOnlyProperty();
    }

    public java.time.ZoneId zone() {
        return live.zone();
    }

    public void openGroup(StateGroup group) {
        navigator.showOrders(group, "");
    }

    public void openAllOrders() {
        navigator.showOrders(null, "");
    }

    public void openAgents() {
        navigator.show(Page.AGENTS);
    }

    private void summarise() {
        long agents = live.agents().stream().filter(a -> a.kind() == AgentRow.Kind.AGENT).count();
        long coupled = live.agents().stream().filter(a -> a.kind() == AgentRow.Kind.AGENT && a.coupling() == AgentRow.Coupling.COUPLED).count();
        int running = live.agents().stream().filter(a -> a.kind() == AgentRow.Kind.AGENT).mapToInt(AgentRow::runningJobs).sum();
        agentSummary.set(coupled + " of " + agents + (agents == 1 ? " Agent" : " Agents") + " coupled · "
                + running + (running == 1 ? " job" : " jobs") + " running");
    }
}
