package io.jobwerk.cockpit.connection;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the connection to the Controller is doing, always shown to the operator: {@code CONNECTING}
 * (first attempt), {@code CONNECTED} (snapshot read, events followed), {@code RECONNECTING} (it failed:
 * {@code problem} says why, the next attempt comes by itself at {@code retryAt}), {@code LOGIN_FAILED}
 * (the Controller refused the user or password: no attempt comes by itself, since the same password
 * fails again and a Controller delays repeated failed logins), {@code CLOSED} (disconnected).
 *
 * @param since    when this status began (a run of failed attempts keeps the time of the first)
 * @param wasLost  it had been connected before this run of failures: the connection was lost
 */
public record ConnectionState(Status status, Instant since, Optional<String> problem, Optional<Instant> retryAt, boolean wasLost) {

    public enum Status { CONNECTING, CONNECTED, RECONNECTING, LOGIN_FAILED, CLOSED }

    public ConnectionState(Status status, Instant since, Optional<String> problem) {
        this(status, since, problem, Optional.empty(), false);
    }

    public static ConnectionState connecting(Instant now) {
        return new ConnectionState(Status.CONNECTING, now, Optional.empty());
    }

    public static ConnectionState connected(Instant now) {
        return new ConnectionState(Status.CONNECTED, now, Optional.empty());
    }

    public static ConnectionState closed(Instant now) {
        return new ConnectionState(Status.CLOSED, now, Optional.empty());
    }

    public boolean isConnected() {
        return status == Status.CONNECTED;
    }

    /** Whole seconds until the next attempt (rounded up, never negative); empty when none is due by itself. */
    public Optional<Long> secondsUntilRetry(Instant now) {
        return retryAt.map(at -> {
            long millis = Math.max(0, Duration.between(now, at).toMillis());
            return (millis + 999) / 1000;
        });
    }
}
