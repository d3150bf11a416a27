package io.jobwerk.cockpit.connection;

import io.jobwerk.engine.base.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reconnect state machine of one connection, pure (the caller gives the time): each attempt,
 * success and failure yields the next {@link ConnectionState}. A failure retries after a back-off
 * (0.5, 1, 2, 5, 10, then every 15 s) that starts over once a session got as far as connected; a
 * refused login does not retry by itself ({@link ConnectionState.Status#LOGIN_FAILED}) until
 * {@link #attempting} is called again (the operator connects again, e.g. with a new password).
 * Not thread-safe: one connection's thread owns it.
 */
public final class ConnectionLifecycle {

    static final List<Duration> BACKOFF = List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(15));

    /** The Controller's codes for a user or password it does not accept. */
    private static final Set<String> LOGIN_REFUSED = Set.of("InvalidLogin", "Unauthenticated");

    private ConnectionState state;
    private int failures;

    public ConnectionLifecycle(Instant now) {
        state = ConnectionState.connecting(now);
    }

    public ConnectionState state() {
        return state;
    }

    /** An attempt starts: still the reconnecting state while failures are running, else connecting. */
    public ConnectionState attempting(Instant now) {
        if (state.status() == ConnectionState.Status.LOGIN_FAILED || state.status() == ConnectionState.Status.CLOSED) {
            failures = 0;
            state = ConnectionState.connecting(now);
        } else if (state.status() == ConnectionState.Status.RECONNECTING) {
            state = new ConnectionState(state.status(), state.since(), state.problem(), Optional.empty(), state.wasLost());
        }
        return state;
    }

    public ConnectionState connected(Instant now) {
        failures = 0;
        state = ConnectionState.connected(now);
        return state;
    }

    public ConnectionState failed(Problem problem, Instant now) {
        boolean lost = state.isConnected() || state.wasLost();
        Instant since = state.status() == ConnectionState.Status.RECONNECTING ? state.since() : now;
        if (LOGIN_REFUSED.contains(problem.code())) {
            state = new ConnectionState(ConnectionState.Status.LOGIN_FAILED, now, Optional.of(problem.message()), Optional.empty(), lost);
        } else {
            Duration pause = BACKOFF.get(Math.min(failures++, BACKOFF.size() - 1));
            state = new ConnectionState(ConnectionState.Status.RECONNECTING, since, Optional.of(problem.message()), Optional.of(now.plus(pause)), lost);
        }
        return state;
    }

    public ConnectionState closed(Instant now) {
        state = ConnectionState.closed(now);
        return state;
    }
}
