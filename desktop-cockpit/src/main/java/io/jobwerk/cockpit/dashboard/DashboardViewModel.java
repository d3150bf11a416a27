package io.jobwerk.cockpit.dashboard;

import io.jobwerk.cockpit.live.AgentRow;
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

    public DashboardViewModel(LiveModel live, Navigator navigator) {
        this.live = live;
        this.navigator = navigator;
        attention = new javafx.collections.transformation.SortedList<>(
                new javafx.collections.transformation.FilteredList<>(live.orders(), row -> NEEDS_ATTENTION.contains(row.group())),
                java.util.Comparator.comparing(io.jobwerk.cockpit.live.OrderRow::group).reversed()
                        .thenComparing(io.jobwerk.cockpit.live.OrderRow::orderId));
        live.agents().addListener((javafx.collections.ListChangeListener<AgentRow>) c -> summarise());
        summarise();
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
