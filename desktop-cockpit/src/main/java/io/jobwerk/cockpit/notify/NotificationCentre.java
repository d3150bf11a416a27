package io.jobwerk.cockpit.notify;

import io.jobwerk.cockpit.connection.ConnectionState;
import io.jobwerk.cockpit.connection.OrderEventLine;
import io.jobwerk.cockpit.live.AgentRow;
import io.jobwerk.cockpit.live.LiveModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The notification centre: a failed order ({@code OrderFailed}), an Agent or Subagent that was
 * coupled and is not any more, and the Controller connection lost each become a
 * {@link Notification}, newest first, kept until the operator acknowledges it (the last
 * {@value #KEPT} at most); {@link #unacknowledgedProperty} is the badge. What one update brings is
 * toasted once: each notification when there are few, one summary when many (a hundred orders
 * failing at once must not bury the screen in toasts).
 */
public final class NotificationCentre {

    static final int KEPT = 500;
    static final int TOASTS_PER_UPDATE = 3;

    private final Clock clock;
    private final String controllerName;
    private final ObservableList<Notification> notifications = FXCollections.observableArrayList();
    private final ObservableList<Notification> readOnly = FXCollections.unmodifiableObservableList(notifications);
    private final ReadOnlyIntegerWrapper unacknowledged = new ReadOnlyIntegerWrapper();
    private final Map<String, AgentRow.Coupling> couplings = new HashMap<>();
    private Consumer<Toast> toaster = toast -> { };
    private java.util.function.Function<String, String> whyFailed = orderId -> "";
    private long seq;

    /** What a toast shows: one notification, or a summary of several. */
    public record Toast(String title, String text, boolean error, Optional<Notification> single) {}

    public NotificationCentre(Clock clock, String controllerName) {
        this.clock = clock;
        this.controllerName = controllerName;
    }

    /** Follows the live model: its orders' events, its Agents and its connection. */
    public NotificationCentre follow(LiveModel live) {
        whyFailed = orderId -> live.row(orderId).map(r -> r.whyText()).orElse("");
        live.addOrderEventListener(this::onOrderEvents);
        live.agents().addListener((ListChangeListener<AgentRow>) c -> onAgents(live.agents()));
        live.connectionProperty().addListener((o, before, after) -> onConnection(before, after));
        return this;
    }

    /** Where toasts go (the view shows them; tests record them). */
    public void setToaster(Consumer<Toast> toaster) {
        this.toaster = toaster;
    }

    /** Newest first. */
    public ObservableList<Notification> notifications() {
        return readOnly;
    }

    public ReadOnlyIntegerProperty unacknowledgedProperty() {
        return unacknowledged.getReadOnlyProperty();
    }

    public void acknowledge(List<Notification> chosen) {
        for (Notification n : chosen) {
            int i = indexOf(n.seq());
            if (i >= 0 && !notifications.get(i).acknowledged()) {
                notifications.set(i, notifications.get(i).acknowledge());
            }
        }
        count();
    }

    public void acknowledgeAll() {
        acknowledge(List.copyOf(notifications));
    }

    void onOrderEvents(List<OrderEventLine> lines) {
        List<Notification> added = new ArrayList<>();
        for (OrderEventLine line : lines) {
            if (line.type().equals("OrderFailed")) {
                String orderId = line.orderId().string();
                String why = whyFailed.apply(orderId);
                added.add(create(Notification.Kind.ORDER_FAILED, orderId, why.isEmpty() ? failureText(line) : why, Optional.of(orderId)));
            }
        }
        publish(added);
    }

    void onAgents(List<AgentRow> rows) {
        List<Notification> added = new ArrayList<>();
        for (AgentRow row : rows) {
            String key = row.kind() + " " + row.id();
            AgentRow.Coupling before = couplings.put(key, row.coupling());
            if (before == AgentRow.Coupling.COUPLED && row.coupling() == AgentRow.Coupling.COUPLING_FAILED) {
                boolean agent = row.kind() == AgentRow.Kind.AGENT;
                added.add(create(agent ? Notification.Kind.AGENT_LOST : Notification.Kind.SUBAGENT_LOST, row.id(),
                        (agent ? "The Controller lost the Agent " : "Agent " + row.agentPath() + " lost its Subagent ") + row.id()
                                + (row.uri().isEmpty() ? "" : " at " + row.uri()) + row.problem().map(p -> ": " + p).orElse(""),
                        Optional.empty()));
            }
        }
        publish(added);
    }

    void onConnection(ConnectionState before, ConnectionState after) {
        if (before.isConnected() && after.status() == ConnectionState.Status.RECONNECTING) {
            publish(List.of(create(Notification.Kind.CONNECTION_LOST, controllerName,
                    "The Cockpit lost the connection to " + controllerName + after.problem().map(p -> ": " + p).orElse("")
                            + ". It reconnects by itself; what is shown is the state before.", Optional.empty())));
        }
    }

    private static String failureText(OrderEventLine line) {
        return "Failed at " + line.fields().replaceFirst("^movedTo=", "position ");
    }

    private Notification create(Notification.Kind kind, String subject, String text, Optional<String> orderId) {
        return new Notification(++seq, clock.instant(), kind, subject, text, orderId, false);
    }

    private void publish(List<Notification> added) {
        if (added.isEmpty()) {
            return;
        }
        List<Notification> newestFirst = new ArrayList<>(added);
        java.util.Collections.reverse(newestFirst);
        notifications.addAll(0, newestFirst);
        if (notifications.size() > KEPT) {
            notifications.remove(KEPT, notifications.size());
        }
        count();
        if (added.size() <= TOASTS_PER_UPDATE) {
            added.forEach(n -> toaster.accept(new Toast(n.title(), n.text(), n.kind() != Notification.Kind.CONNECTION_LOST, Optional.of(n))));
        } else {
            long failed = added.stream().filter(n -> n.kind() == Notification.Kind.ORDER_FAILED).count();
            String text = (failed > 0 ? failed + " orders failed" : "") + (failed > 0 && failed < added.size() ? ", " : "")
                    + (failed < added.size() ? (added.size() - failed) + " Agents or Subagents lost" : "");
            toaster.accept(new Toast(added.size() + " new notifications", text + ". See the notification centre.", true, Optional.empty()));
        }
    }

    private void count() {
        unacknowledged.set((int) notifications.stream().filter(n -> !n.acknowledged()).count());
    }

    private int indexOf(long seq) {
        for (int i = 0; i < notifications.size(); i++) {
            if (notifications.get(i).seq() == seq) {
                return i;
            }
        }
        return -1;
    }
}
