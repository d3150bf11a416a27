package io.jobwerk.cockpit.live;

import io.jobwerk.cockpit.connection.ConnectionState;
import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.connection.OrderEventLine;
import io.jobwerk.cockpit.connection.OrderOutput;
import io.jobwerk.cockpit.connection.UserPermissions;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.state.WorkflowPathControl;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the Cockpit knows of one Controller, on the UI thread: the core's {@link EngineState} and,
 * derived from it, the order rows, counts per state group, workflows and Agents, kept up to date
 * by {@link #apply} (called with batched {@link LiveUpdate}s). The ViewModels read from here.
 * Only the orders an update names are rebuilt, plus those whose group depends on others or on the
 * time (waiting, blocked, pending, scheduled, in progress), as their obstacles may have changed
 * (every update: throttling them left a row stale when no later event came).
 */
public final class LiveModel {

    private static final Set<StateGroup> RECHECKED = EnumSet.of(StateGroup.WAITING, StateGroup.BLOCKED,
            StateGroup.PENDING, StateGroup.SCHEDULED, StateGroup.IN_PROGRESS);
    private static final int SET_ALL_ABOVE = 1_000; // more changed rows than this: one setAll (a sorted view sorts once)

    private final Clock clock;
    private final ZoneId zone;
    private final ReadOnlyObjectWrapper<EngineState> state = new ReadOnlyObjectWrapper<>(EngineState.EMPTY);
    private final ReadOnlyObjectWrapper<ConnectionState> connection;
    private final ReadOnlyObjectWrapper<UserPermissions> permissions = new ReadOnlyObjectWrapper<>(UserPermissions.unknown(""));
    private final ReadOnlyObjectWrapper<GroupCounts> counts = new ReadOnlyObjectWrapper<>(GroupCounts.NONE);
    private final OrderRowList orders = new OrderRowList();
    private final RowTally tally = new RowTally(RECHECKED);
    private final ObservableList<WorkflowRow> workflows = FXCollections.observableArrayList();
    private final ObservableList<AgentRow> agents = FXCollections.observableArrayList();
    private final ObservableList<OrderRow> readOnlyOrders = FXCollections.unmodifiableObservableList(orders);
    private final ObservableList<WorkflowRow> readOnlyWorkflows = FXCollections.unmodifiableObservableList(workflows);
    private final ObservableList<AgentRow> readOnlyAgents = FXCollections.unmodifiableObservableList(agents);
    private final Map<String, Integer> index = new HashMap<>();
    private final List<Consumer<List<OrderOutput>>> outputListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<List<OrderEventLine>>> eventListeners = new CopyOnWriteArrayList<>();
    private final OrderEventLog events = new OrderEventLog();

    public LiveModel(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
        this.connection = new ReadOnlyObjectWrapper<>(ConnectionState.connecting(clock.instant()));
    }

    public ZoneId zone() {
        return zone;
    }

    public ReadOnlyObjectProperty<EngineState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    /** The user's permissions at the Controller, read on each connect; the actions it may not do are disabled by them. */
    public ReadOnlyObjectProperty<UserPermissions> permissionsProperty() {
        return permissions.getReadOnlyProperty();
    }

    public void setPermissions(UserPermissions granted) {
        permissions.set(granted);
    }

    public ReadOnlyObjectProperty<GroupCounts> countsProperty() {
        return counts.getReadOnlyProperty();
    }

    /** The orders, one row each, in no particular order (views sort). Read-only. */
    public ObservableList<OrderRow> orders() {
        return readOnlyOrders; // one wrapper: a listener on a fresh wrapper would be lost with it
    }

    public ObservableList<WorkflowRow> workflows() {
        return readOnlyWorkflows;
    }

    public ObservableList<AgentRow> agents() {
        return readOnlyAgents;
    }

    /** The row of an order, if it is there. */
    public java.util.Optional<OrderRow> row(String orderId) {
        Integer i = index.get(orderId);
        return i == null ? java.util.Optional.empty() : java.util.Optional.of(orders.get(i));
    }

    /** Told of the stdout/stderr chunks of each update, on the UI thread. */
    public void addOutputListener(Consumer<List<OrderOutput>> listener) {
        outputListeners.add(listener);
    }

    /** Told of the orders' events (not output) of each update, on the UI thread, after the rows are updated. */
    public void addOrderEventListener(Consumer<List<OrderEventLine>> listener) {
        eventListeners.add(listener);
    }

    /** The events seen of an order since the Cockpit connected (the last 200), oldest first. */
    public List<OrderEventLine> eventsOf(String orderId) {
        return events.of(orderId);
    }

    public void setConnection(ConnectionState state) {
        connection.set(state);
    }

    public void apply(LiveUpdate update) {
        EngineState s = update.state();
        java.time.Instant now = clock.instant();
        OrderRows rows = new OrderRows(s, now, zone);
        events.add(update.orderEvents()); // before the rows, so a deleted order's last events go with it
        if (update.reset()) {
            List<OrderRow> all = s.orders().values().stream().sorted(Comparator.comparing(Order::id)).map(rows::row).toList();
            setAll(all);
            events.retainOnly(index.keySet());
        } else {
            Set<String> ids = new LinkedHashSet<>();
            update.changedOrders().forEach(id -> ids.add(id.string()));
            ids.addAll(tally.rechecked());
            updateRows(s, rows, ids);
        }
        boolean agentsChanged = update.reset() || update.itemsChanged() || processingChanged(state.get(), s, update.changedOrders());
        state.set(s);
        counts.set(tally.counts());
        List<WorkflowRow> workflowRows = workflowRows(s);
        if (!workflowRows.equals(workflows)) {
            workflows.setAll(workflowRows);
        }
        if (agentsChanged) {
            agents.setAll(AgentRows.of(s)); // counts every order's process: only when one may have started or ended
        }
        if (!update.output().isEmpty()) {
            outputListeners.forEach(l -> l.accept(update.output()));
        }
        if (!update.orderEvents().isEmpty()) {
            eventListeners.forEach(l -> l.accept(update.orderEvents()));
        }
    }

    private void updateRows(EngineState s, OrderRows rows, Set<String> ids) {
        List<OrderRowList.Replacement> replaced = new ArrayList<>();
        List<OrderRow> added = new ArrayList<>();
        List<Integer> removed = new ArrayList<>();
        Set<String> gone = new java.util.HashSet<>();
        for (String id : ids) {
            Order order = s.orders().get(new OrderId(id));
            Integer i = index.get(id);
            if (order == null) {
                if (i != null) {
                    gone.add(id);
                    removed.add(i);
                }
            } else {
                OrderRow row = rows.row(order);
                if (i == null) {
                    added.add(row);
                } else if (!orders.get(i).equals(row)) {
                    replaced.add(new OrderRowList.Replacement(i, row));
                }
            }
        }
        if (replaced.size() + added.size() + removed.size() > SET_ALL_ABOVE) {
            List<OrderRow> next = new ArrayList<>(orders.size() + added.size());
            Map<String, OrderRow> byId = new HashMap<>();
            replaced.forEach(r -> byId.put(r.row().orderId(), r.row()));
            for (OrderRow row : orders) {
                if (!gone.contains(row.orderId())) {
                    next.add(byId.getOrDefault(row.orderId(), row));
                }
            }
            next.addAll(added);
            setAll(next);
        } else if (!replaced.isEmpty() || !added.isEmpty() || !removed.isEmpty()) {
            for (OrderRowList.Replacement r : replaced) {
                tally.remove(orders.get(r.index()));
                tally.add(r.row());
            }
            removed.forEach(i -> tally.remove(orders.get(i)));
            added.forEach(tally::add);
            // The index first: the list's listeners (a table's selection) may ask for a row while it fires.
            if (removed.isEmpty()) {
                for (int k = 0; k < added.size(); k++) {
                    index.put(added.get(k).orderId(), orders.size() + k);
                }
            } else {
                reindex(afterUpdate(replaced, removed, added));
            }
            orders.update(replaced, removed, added); // one change for the table and every view
        }
        events.remove(gone);
    }

    /** The rows as {@link OrderRowList#update} will leave them. */
    private List<OrderRow> afterUpdate(List<OrderRowList.Replacement> replaced, List<Integer> removed, List<OrderRow> added) {
        List<OrderRow> next = new ArrayList<>(orders);
        replaced.forEach(r -> next.set(r.index(), r.row()));
        Set<Integer> gone = new java.util.HashSet<>(removed);
        List<OrderRow> kept = new ArrayList<>(next.size() - gone.size() + added.size());
        for (int i = 0; i < next.size(); i++) {
            if (!gone.contains(i)) {
                kept.add(next.get(i));
            }
        }
        kept.addAll(added);
        return kept;
    }

    private void setAll(List<OrderRow> all) {
        tally.clear();
        all.forEach(tally::add);
        reindex(all);
        orders.setAll(all);
    }

    private static boolean processingChanged(EngineState before, EngineState after, Set<OrderId> changed) {
        for (OrderId id : changed) {
            Order a = before.orders().get(id);
            Order b = after.orders().get(id);
            if (a != null && a.state() instanceof io.jobwerk.engine.order.OrderState.Processing
                    || b != null && b.state() instanceof io.jobwerk.engine.order.OrderState.Processing) {
                return true;
            }
        }
        return false;
    }

    /** Before the list changes: its listeners (a table's selection) may ask for a row while it fires. */
    private void reindex(List<OrderRow> next) {
        index.clear();
        for (int i = 0; i < next.size(); i++) {
            index.put(next.get(i).orderId(), i);
        }
    }

    private List<WorkflowRow> workflowRows(EngineState s) {
        List<WorkflowRow> list = new ArrayList<>();
        s.currentVersions().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(WorkflowPath::string)))
                .forEach(e -> list.add(new WorkflowRow(e.getKey().string(), e.getValue().string(),
                        tally.counts(e.getKey().string()),
                        s.pathControl(e.getKey()).map(WorkflowPathControl::suspended).orElse(false))));
        return list;
    }
}
