package io.jobwerk.cockpit.orderdetail;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.connection.ControllerReads;
import io.jobwerk.cockpit.connection.OrderEventLine;
import io.jobwerk.cockpit.history.HistoryEntry.TaskEntry;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.OrderRow;
import io.jobwerk.cockpit.orders.OrderActions;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.order.HistoricOutcome;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * One order in detail: its job steps on a time axis (from the task history, read again whenever one
 * of its steps starts or ends; fork children under their fork), its variables and the values its
 * steps returned (from the live order), the events the Cockpit has seen of it and its children, and
 * the actions that apply to it ({@link OrderActions}, the same rules as the Orders table). An order
 * the Controller no longer holds still shows its steps from the history.
 */
public final class OrderDetailViewModel {

    private static final Set<String> STEP_EVENTS = Set.of("OrderProcessingStarted", "OrderProcessed", "OrderForked", "OrderJoined",
            "OrderFinished", "OrderFailed", "OrderCancelled", "OrderProcessingKilled");
    private static final int MAX_TASKS = 1000;

    private final LiveModel live;
    private final ControllerReads reads;
    private final UiThread ui;
    private final Clock clock;
    private final OrderActions actions;
    private final ReadOnlyStringWrapper orderId = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Optional<OrderRow>> row = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyObjectWrapper<Instant> now;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ObservableList<GanttStep> steps = FXCollections.observableArrayList();
    private final ObservableList<NamedValue> variables = FXCollections.observableArrayList();
    private final ObservableList<NamedValue> returnValues = FXCollections.observableArrayList();
    private final ObservableList<OrderEventLine> events = FXCollections.observableArrayList();
    // one read-only wrapper each: a listener on a fresh wrapper would be lost with it
    private final ObservableList<GanttStep> stepsView = FXCollections.unmodifiableObservableList(steps);
    private final ObservableList<NamedValue> variablesView = FXCollections.unmodifiableObservableList(variables);
    private final ObservableList<NamedValue> returnValuesView = FXCollections.unmodifiableObservableList(returnValues);
    private final ObservableList<OrderEventLine> eventsView = FXCollections.unmodifiableObservableList(events);
    private final ObservableList<ResumePosition> resumePositions = FXCollections.observableArrayList();
    private final ObservableList<ResumePosition> resumePositionsView = FXCollections.unmodifiableObservableList(resumePositions);
    private final Set<String> children = new LinkedHashSet<>();
    private boolean reading;
    private boolean readAgain;
    private long generation;

    public OrderDetailViewModel(LiveModel live, ControllerReads reads, CommandSender commands, UiThread ui, Clock clock) {
        this.live = live;
        this.reads = reads;
        this.ui = ui;
        this.clock = clock;
        this.now = new ReadOnlyObjectWrapper<>(clock.instant());
        this.actions = new OrderActions(live, commands, ui);
        live.addOrderEventListener(this::onEvents);
    }

    /** Shows this order: its live state at once, its steps once the history answers. */
    public void open(String id) {
        generation++;
        orderId.set(id);
        actions.select(List.of(id));
        children.clear();
        for (OrderRow r : live.orders()) {
            if (r.orderId().startsWith(id + "|")) {
                children.add(r.orderId());
            }
        }
        steps.clear();
        refreshLive();
        reading = false;
        readSteps();
    }

    public ReadOnlyStringProperty orderIdProperty() {
        return orderId.getReadOnlyProperty();
    }

    /** The order's live row; empty when the Controller does not (or no longer) hold it. */
    public ReadOnlyObjectProperty<Optional<OrderRow>> rowProperty() {
        return row.getReadOnlyProperty();
    }

    /** The time the running steps' bars reach, moved on with each of the order's events. */
    public ReadOnlyObjectProperty<Instant> nowProperty() {
        return now.getReadOnlyProperty();
    }

    /** Reading the history, or its problem, or that the Controller no longer holds the order. */
    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ObservableList<GanttStep> steps() {
        return stepsView;
    }

    public ObservableList<NamedValue> variables() {
        return variablesView;
    }

    public ObservableList<NamedValue> returnValues() {
        return returnValuesView;
    }

    /** Newest first. */
    public ObservableList<OrderEventLine> events() {
        return eventsView;
    }

    /**
     * Where a suspended or failed order can be resumed: the instructions of the block it is in (as
     * JS7, a resume stays in the order's block), its own position first.
     */
    public ObservableList<ResumePosition> resumePositions() {
        return resumePositionsView;
    }

    /** A position to resume at, as the operator picks it: {@code 2 · load (job load)}. */
    public record ResumePosition(io.jobwerk.engine.workflow.Position position, String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    public OrderActions actions() {
        return actions;
    }

    private void onEvents(List<OrderEventLine> lines) {
        String id = orderId.get();
        if (id.isEmpty()) {
            return;
        }
        boolean mine = false;
        boolean stepChanged = false;
        for (OrderEventLine line : lines) {
            String lineOrder = line.orderId().string();
            if (lineOrder.equals(id) || lineOrder.startsWith(id + "|")) {
                mine = true;
                stepChanged |= STEP_EVENTS.contains(line.type());
                if (!lineOrder.equals(id)) {
                    children.add(lineOrder);
                }
            }
        }
        if (mine) {
            refreshLive();
            if (stepChanged) {
                readSteps();
            }
        }
    }

    private void refreshLive() {
        String id = orderId.get();
        now.set(clock.instant());
        row.set(live.row(id));
        Order order = live.stateProperty().get().orders().get(new OrderId(id));
        List<NamedValue> vars = new ArrayList<>();
        List<NamedValue> returned = new ArrayList<>();
        if (order != null) {
            order.arguments().forEach((name, value) -> vars.add(NamedValue.variable(name, ValueText.of(value))));
            for (HistoricOutcome h : order.historicOutcomes()) {
                String outcome = io.jobwerk.engine.base.Names.camelCase(h.outcome().kind().name());
                if (h.outcome().namedValues().isEmpty()) {
                    returned.add(new NamedValue("", "", h.position().toString(), outcome));
                }
                for (Map.Entry<String, io.jobwerk.engine.value.Value> e : h.outcome().namedValues().entrySet()) {
                    returned.add(new NamedValue(e.getKey(), ValueText.of(e.getValue()), h.position().toString(), outcome));
                }
            }
        }
        List<ResumePosition> positions = new ArrayList<>();
        if (order != null && (order.isSuspended() || order.state().isFailedOrStopped())) {
            live.stateProperty().get().workflowOf(order).toOptional().ifPresent(workflow ->
                    io.jobwerk.cockpit.graph.WorkflowGraphBuilder.of(workflow).nodes().forEach(node -> node.position()
                            .filter(p -> p.branchPath().equals(order.position().branchPath()))
                            .ifPresent(p -> positions.add(new ResumePosition(p, PositionText.of(p.toString()) + " · " + node.title()
                                    + (node.detail().isEmpty() ? "" : " (" + node.detail() + ")") + (p.equals(order.position()) ? " — where it is" : ""))))));
            positions.sort(Comparator.comparing((ResumePosition r) -> !r.position().equals(order.position())).thenComparing(ResumePosition::position));
        }
        if (!positions.equals(resumePositions)) {
            resumePositions.setAll(positions);
        }
        variables.setAll(vars);
        returnValues.setAll(returned);
        List<OrderEventLine> all = new ArrayList<>(live.eventsOf(id));
        children.forEach(child -> all.addAll(live.eventsOf(child)));
        all.sort(Comparator.comparingLong(OrderEventLine::eventId).reversed());
        events.setAll(all);
        if (order == null && !message.get().startsWith("Reading")) {
            message.set("The Controller does not hold " + id + " (any more): its steps are from the history.");
        }
    }

    /** One read at a time; events during a read ask for one more after it, so a busy order costs a read per round trip at most. */
    private void readSteps() {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        readAgain = false;
        long asked = generation;
        String id = orderId.get();
        if (steps.isEmpty()) {
            message.set("Reading the steps of " + id + " from the history …");
        }
        reads.get(List.of("history", "tasks"), Map.of("orderId", id, "limit", Integer.toString(MAX_TASKS)))
                .thenAccept(answer -> ui.execute(() -> {
                    if (asked != generation) {
                        return;
                    }
                    reading = false;
                    show(id, answer);
                    if (readAgain) {
                        readSteps();
                    }
                }));
    }

    private void show(String id, Checked<JsonNode> answer) {
        if (answer.isFail()) {
            message.set("The history could not be read: " + answer.problemOption().orElseThrow().message());
            return;
        }
        List<TaskEntry> tasks = new ArrayList<>();
        answer.orThrow().path("tasks").forEach(t -> tasks.add(TaskEntry.parse(t)));
        now.set(clock.instant());
        steps.setAll(GanttSteps.of(tasks, id));
        message.set(live.row(id).isPresent() ? ""
                : "The Controller does not hold " + id + " (any more): its steps are from the history.");
        if (tasks.size() == MAX_TASKS) {
            message.set("Only the last " + MAX_TASKS + " steps are shown.");
        }
    }
}
