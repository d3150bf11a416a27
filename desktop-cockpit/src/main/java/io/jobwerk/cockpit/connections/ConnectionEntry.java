package io.jobwerk.cockpit.connections;

import io.jobwerk.cockpit.connection.ConnectionState;
import io.jobwerk.cockpit.live.GroupCounts;
import io.jobwerk.cockpit.live.StateGroup;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import javafx.beans.value.ChangeListener;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One connection profile in the Cockpit: its profile, the connection while one is open, and what the
 * shell always shows of it — the state in words ({@code connected}, {@code lost 10:15:02 · retry in
 * 4 s}, {@code login failed}, {@code not connected}), the number of orders and of failed ones.
 * Lives on the UI thread.
 */
public final class ConnectionEntry {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss z");

    private final ReadOnlyObjectWrapper<ConnectionProfile> profile;
    private final ReadOnlyObjectWrapper<OpenConnection> open = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConnectionState> state;
    private final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper orders = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper();
    private final ZoneId zone;
    private final Clock clock;
    private final ChangeListener<ConnectionState> onState = (o, a, b) -> changed(b);
    private final ChangeListener<GroupCounts> onCounts = (o, a, b) -> count(b);

    ConnectionEntry(ConnectionProfile profile, ZoneId zone, Clock clock) {
        Instant now = clock.instant();
        this.profile = new ReadOnlyObjectWrapper<>(profile);
        this.zone = zone;
        this.clock = clock;
        this.state = new ReadOnlyObjectWrapper<>(ConnectionState.closed(now));
        describe(now);
    }

    public ConnectionProfile profile() {
        return profile.get();
    }

    public ReadOnlyObjectProperty<ConnectionProfile> profileProperty() {
        return profile.getReadOnlyProperty();
    }

    /** The open connection; empty while not connected. */
    public Optional<OpenConnection> open() {
        return Optional.ofNullable(open.get());
    }

    public ReadOnlyObjectProperty<OpenConnection> openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ConnectionState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** The state in words, its retry countdown as of the last {@link ConnectionsViewModel#tick}. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty ordersProperty() {
        return orders.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    void setProfile(ConnectionProfile changed) {
        profile.set(changed);
    }

    void attach(OpenConnection connection, Instant now) {
        detach(now);
        open.set(connection);
        connection.live().connectionProperty().addListener(onState);
        connection.live().countsProperty().addListener(onCounts);
        state.set(connection.live().connectionProperty().get());
        count(connection.live().countsProperty().get());
        describe(now);
    }

    /** Forgets the open connection (the caller closes it). */
    Optional<OpenConnection> detach(Instant now) {
        OpenConnection connection = open.get();
        if (connection != null) {
            connection.live().connectionProperty().removeListener(onState);
            connection.live().countsProperty().removeListener(onCounts);
            open.set(null);
            state.set(ConnectionState.closed(now));
            count(GroupCounts.NONE);
            describe(now);
        }
        return Optional.ofNullable(connection);
    }

    private void changed(ConnectionState now) {
        state.set(now);
        describe(clock.instant());
    }

    private void count(GroupCounts counts) {
        orders.set(counts.total());
        failed.set(counts.count(StateGroup.FAILED));
    }

    void describe(Instant now) {
        stateText.set(describe(state.get(), open.get() != null, now, zone));
    }

    static String describe(ConnectionState s, boolean open, Instant now, ZoneId zone) {
        String since = TIME.format(s.since().atZone(zone));
        return switch (s.status()) {
            case CONNECTING -> "connecting …";
            case CONNECTED -> "connected since " + since;
            case RECONNECTING -> (s.wasLost() ? "lost " + since : "unreachable since " + since)
                    + s.secondsUntilRetry(now).map(n -> n == 0 ? " · retrying …" : " · retry in " + n + " s").orElse(" · retrying …");
            case LOGIN_FAILED -> "login failed";
            case CLOSED -> open ? "closed" : "not connected";
        };
    }
}
