package io.jobwerk.cockpit.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.ConnectionState;
import io.jobwerk.cockpit.connection.OrderEventLine;
import io.jobwerk.cockpit.live.AgentRow;
import io.jobwerk.engine.order.OrderId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NotificationCentreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);

    private final NotificationCentre centre = new NotificationCentre(CLOCK, "prod");
    private final List<NotificationCentre.Toast> toasts = new ArrayList<>();

    {
        centre.setToaster(toasts::add);
    }

    private static OrderEventLine event(String orderId, String type) {
        return new OrderEventLine(new OrderId(orderId), 1, CLOCK.instant(), type, "movedTo=[0]");
    }

    private static AgentRow agent(String id, AgentRow.Coupling coupling) {
        return new AgentRow(AgentRow.Kind.AGENT, id, id, "http://host:4445", coupling, Optional.empty(),
                coupling == AgentRow.Coupling.COUPLING_FAILED ? Optional.of("Connection refused") : Optional.empty(), 0, false, false);
    }

    @Test
    void aFailedOrderIsNotifiedAndToastedOnceUntilAcknowledged() {
        centre.onOrderEvents(List.of(event("a", "OrderMoved"), event("a", "OrderFailed")));
        assertThat(centre.notifications()).extracting(Notification::title).containsExactly("Order failed: a");
        assertThat(centre.notifications().get(0).orderId()).contains("a");
        assertThat(toasts).extracting(NotificationCentre.Toast::title).containsExactly("Order failed: a");
        assertThat(centre.unacknowledgedProperty().get()).isEqualTo(1);
        centre.acknowledge(List.of(centre.notifications().get(0)));
        assertThat(centre.unacknowledgedProperty().get()).isZero();
        assertThat(centre.notifications().get(0).acknowledged()).isTrue();
    }

    @Test
    void anAgentIsLostOnlyWhenItWasCoupled() {
        centre.onAgents(List.of(agent("never", AgentRow.Coupling.UNKNOWN), agent("db", AgentRow.Coupling.COUPLED)));
        centre.onAgents(List.of(agent("never", AgentRow.Coupling.COUPLING_FAILED), agent("db", AgentRow.Coupling.COUPLED)));
        assertThat(centre.notifications()).isEmpty();
        centre.onAgents(List.of(agent("never", AgentRow.Coupling.COUPLING_FAILED), agent("db", AgentRow.Coupling.COUPLING_FAILED)));
        assertThat(centre.notifications()).extracting(Notification::title).containsExactly("Agent lost: db");
        assertThat(centre.notifications().get(0).text()).isEqualTo("The Controller lost the Agent db at http://host:4445: Connection refused");
        centre.onAgents(List.of(agent("db", AgentRow.Coupling.COUPLING_FAILED)));
        assertThat(centre.notifications()).as("still lost: no second notification").hasSize(1);
    }

    @Test
    void theConnectionIsLostWhenAConnectedOneReconnects() {
        ConnectionState connecting = ConnectionState.connecting(CLOCK.instant());
        ConnectionState connected = new ConnectionState(ConnectionState.Status.CONNECTED, CLOCK.instant(), Optional.empty());
        ConnectionState reconnecting = new ConnectionState(ConnectionState.Status.RECONNECTING, CLOCK.instant(), Optional.of("Connection reset"));
        centre.onConnection(connecting, reconnecting);
        assertThat(centre.notifications()).as("never connected: nothing lost").isEmpty();
        centre.onConnection(connected, reconnecting);
        assertThat(centre.notifications()).extracting(Notification::title).containsExactly("Connection lost: prod");
        assertThat(centre.notifications().get(0).text()).startsWith("The Cockpit lost the connection to prod: Connection reset.");
    }

    @Test
    void manyAtOnceAreOneToastAndAllListedNewestFirst() {
        centre.onOrderEvents(IntStream.range(0, 50).mapToObj(i -> event("o" + i, "OrderFailed")).toList());
        assertThat(toasts).extracting(NotificationCentre.Toast::title).containsExactly("50 new notifications");
        assertThat(toasts.get(0).text()).isEqualTo("50 orders failed. See the notification centre.");
        assertThat(centre.notifications()).hasSize(50);
        assertThat(centre.notifications().get(0).subject()).isEqualTo("o49");
        centre.acknowledgeAll();
        assertThat(centre.unacknowledgedProperty().get()).isZero();
    }

    @Test
    void keepsTheLastFiveHundred() {
        for (int i = 0; i < 600; i++) {
            centre.onOrderEvents(List.of(event("o" + i, "OrderFailed")));
        }
        assertThat(centre.notifications()).hasSize(NotificationCentre.KEPT);
        assertThat(centre.notifications().get(0).subject()).isEqualTo("o599");
    }
}
