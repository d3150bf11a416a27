package io.jobwerk.cockpit.connection;

import java.time.Instant;
import java.util.Optional;

/**
 * What the connection to the Controller is doing, always shown to the operator: {@code CONNECTING}
 * (first attempt), {@code CONNECTED} (snapshot read, events followed), {@code RECONNECTING} (it failed:
 * {@code problem} says why, the next attempt comes by itself), {@code CLOSED}.
 */
public record ConnectionState(Status status, Instant since, Optional<String> problem) {

    public enum Status { CONNECTING, CONNECTED, RECONNECTING, CLOSED }

    public static ConnectionState connecting(Instant now) {
        return new ConnectionState(Status.CONNECTING, now, Optional.empty());
    }

    public boolean isConnected() {
        return status == Status.CONNECTED;
    }
}
