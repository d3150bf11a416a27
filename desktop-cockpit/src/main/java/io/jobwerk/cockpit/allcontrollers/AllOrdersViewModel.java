package io.jobwerk.cockpit.allcontrollers;

import io.jobwerk.cockpit.live.AgentRow;
import io.jobwerk.cockpit.live.GroupCounts;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.live.StateGroup;
import io.jobwerk.cockpit.orders.OrderActions;
import io.jobwerk.cockpit.orders.OrderFilter;
import io.jobwerk.cockpit.orders.OrderSelectionActions;
import io.jobwerk.cockpit.orders.OrdersScreen;
import io.jobwerk.cockpit.ui.UiThread;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javafx.beans.InvalidationListener;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;

/**
 * All open Controllers together: their orders in one table with the Controller of each (the same
 * filters, sort and actions as one Controller's Orders view; the text filter also finds the
 * Controller's name), each action sent to the order's own Controller with that connection's
 * permissions ({@link MergedOrderActions}), and the orders per state group summed over the
 * Controllers with each one's part. Lives on the UI thread.
 */
public final class AllOrdersViewModel implements OrdersScreen {

    /** Where an order of the merged table is opened: its own Controller's Cockpit. */
    public interface Opener {
        void openDetail(String controller, String orderId);

        void openLog(String controller, String orderId);
    }

    private record SelectedOrder(ControllerSource source, String orderId) {}

    private final Opener opener;
    private final Map<String, ControllerSource> sources = new LinkedHashMap<>();
    private final MergedRows merged = new MergedRows();
    private final FilteredList<OrderRow> filtered = new FilteredList<>(merged, row -> true);
    private final SortedList<OrderRow> sorted = new SortedList<>(filtered);
    private final MergedOrderActions actions;
    private final ObjectProperty<StateGroup> group = new SimpleObjectProperty<>();
    private final StringProperty workflow = new SimpleStringProperty("");
    private final StringProperty agent = new SimpleStringProperty("");
    private final StringProperty text = new SimpleStringProperty("");
    private final List<SelectedOrder> selected = new ArrayList<>();
    private final ReadOnlyObjectWrapper<Optional<OrderRow>> detail = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<GroupCounts> counts = new ReadOnlyObjectWrapper<>(GroupCounts.NONE);
    private final ReadOnlyObjectWrapper<Map<String, GroupCounts>> countsByController = new ReadOnlyObjectWrapper<>(Map.of());
    private final InvalidationListener onCounts = o -> count();

    public AllOrdersViewModel(UiThread ui, Opener opener) {
        this.opener = opener;
        this.actions = new MergedOrderActions(ui);
        InvalidationListener refilter = o -> refilter();
        group.addListener(refilter);
        workflow.addListener(refilter);
        agent.addListener(refilter);
        text.addListener(refilter);
        merged.addListener((ListChangeListener<OrderRow>) c -> {
            reselect();
            updateSummary();
        });
        filtered.addListener((ListChangeListener<OrderRow>) c -> updateSummary());
        updateSummary();
    }

    /** Adds an open connection's orders (under its profile's name, unique among the connections). */
    public void add(ControllerSource source) {
        remove(source.name());
        sources.put(source.name(), source);
        merged.add(source);
        actions.add(source);
        source.live().countsProperty().addListener(onCounts);
        count();
    }

    /** Removes a closed connection's orders. */
    public void remove(String name) {
        ControllerSource source = sources.remove(name);
        if (source != null) {
            source.live().countsProperty().removeListener(onCounts);
            actions.remove(source);
            merged.remove(source);
            count();
        }
    }

    public List<String> controllers() {
        return List.copyOf(sources.keySet());
    }

    @Override
    public String title() {
        return "Orders of all Controllers";
    }

    @Override
    public boolean showsControllers() {
        return true;
    }

    @Override
    public Optional<String> controllerOf(OrderRow row) {
        return sourceOf(row).map(ControllerSource::name);
    }

    @Override
    public ObjectProperty<StateGroup> groupProperty() {
        return group;
    }

    @Override
    public StringProperty workflowProperty() {
        return workflow;
    }

    @Override
    public StringProperty agentProperty() {
        return agent;
    }

    @Override
    public StringProperty textProperty() {
        return text;
    }

    @Override
    public SortedList<OrderRow> rows() {
        return sorted;
    }

    /** The workflow paths of every Controller, each once, sorted. */
    @Override
    public List<String> workflowChoices() {
        TreeSet<String> paths = new TreeSet<>();
        sources.values().forEach(s -> s.live().workflows().forEach(w -> paths.add(w.path())));
        return List.copyOf(paths);
    }

    @Override
    public List<String> agentChoices() {
        TreeSet<String> agents = new TreeSet<>();
        sources.values().forEach(s -> s.live().agents().stream().filter(a -> a.kind() == AgentRow.Kind.AGENT).forEach(a -> agents.add(a.id())));
        return List.copyOf(agents);
    }

    @Override
    public void selectRows(List<OrderRow> rows) {
        selected.clear();
        for (OrderRow row : rows) {
            sourceOf(row).ifPresent(source -> selected.add(new SelectedOrder(source, row.orderId())));
        }
        reselect();
    }

    @Override
    public ReadOnlyObjectProperty<Optional<OrderRow>> detailProperty() {
        return detail.getReadOnlyProperty();
    }

    @Override
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    @Override
    public OrderSelectionActions actions() {
        return actions;
    }

    /** The orders per state group, summed over the Controllers. */
    public ReadOnlyObjectProperty<GroupCounts> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** Each Controller's counts, in the order the connections were opened. */
    public ReadOnlyObjectProperty<Map<String, GroupCounts>> countsByControllerProperty() {
        return countsByController.getReadOnlyProperty();
    }

    /** A group's count per Controller, e.g. {@code prod 12 · test 3}; empty when none has one. */
    public String breakdown(StateGroup group) {
        List<String> parts = new ArrayList<>();
        countsByController.get().forEach((name, c) -> {
            if (c.count(group) > 0) {
                parts.add(name + " " + c.count(group));
            }
        });
        return String.join(" · ", parts);
    }

    public void openDetail(OrderRow row) {
        sourceOf(row).ifPresent(s -> opener.openDetail(s.name(), row.orderId()));
    }

    public void openLog(OrderRow row) {
        sourceOf(row).ifPresent(s -> opener.openLog(s.name(), row.orderId()));
    }

    /** The Controller holding this very row (two Controllers may each have an order of its id). */
    private Optional<ControllerSource> sourceOf(OrderRow row) {
        for (ControllerSource source : sources.values()) {
            if (source.live().row(row.orderId()).filter(r -> r == row).isPresent()) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }

    /** The selected orders as each Controller holds them now (an update replaces a row; its Controller and id stay). */
    private void reselect() {
        Map<ControllerSource, List<OrderRow>> bySource = new LinkedHashMap<>();
        List<OrderRow> now = new ArrayList<>();
        for (SelectedOrder order : selected) {
            if (sources.get(order.source().name()) == order.source()) {
                order.source().live().row(order.orderId()).ifPresent(current -> {
                    bySource.computeIfAbsent(order.source(), s -> new ArrayList<>()).add(current);
                    now.add(current);
                });
            }
        }
        actions.select(bySource);
        detail.set(now.size() == 1 ? Optional.of(now.get(0)) : Optional.empty());
    }

    private void refilter() {
        OrderFilter filter = new OrderFilter(group.get(), workflow.get(), agent.get(), "");
        String t = text.get() == null ? "" : text.get().trim().toLowerCase(Locale.ROOT);
        filtered.setPredicate(row -> filter.test(row) && (t.isEmpty() || OrderFilter.matches(row, t)
                || controllerOf(row).filter(c -> c.toLowerCase(Locale.ROOT).contains(t)).isPresent()));
        updateSummary();
    }

    private void count() {
        Map<String, GroupCounts> each = new LinkedHashMap<>();
        EnumMap<StateGroup, Integer> sum = new EnumMap<>(StateGroup.class);
        sources.forEach((name, source) -> {
            GroupCounts c = source.live().countsProperty().get();
            each.put(name, c);
            c.counts().forEach((g, n) -> sum.merge(g, n, Integer::sum));
        });
        // the sum first: a view that shows both when the parts change then reads the new sum with them
        counts.set(new GroupCounts(sum));
        countsByController.set(java.util.Collections.unmodifiableMap(each));
    }

    private void updateSummary() {
        summary.set(filtered.size() + " of " + OrderActions.count(merged.size()) + " on " + sources.size()
                + (sources.size() == 1 ? " Controller" : " Controllers"));
    }
}
