package io.jobwerk.cockpit.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.ConnectionState.Status;
import io.jobwerk.engine.base.Problem;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reconnect state machine, on a clock the test moves (no waiting). */
class ConnectionLifecycleTest {

    private static final Problem REFUSED = Problem.of("ConnectionRefused", "GET http://127.0.0.1:4444/controller/api/snapshot failed: Connection refused");
    private Instant now = Instant.parse("2026-12-07T10:00:00Z");

    @Test
    void startsConnectingAndIsConnectedAfterASession() {
        ConnectionLifecycle lifecycle = new ConnectionLifecycle(now);
        assertThat(lifecycle.attempting(now).status()).isEqualTo(Status.CONNECTING);
        ConnectionState connected = lifecycle.connected(later(2));
        assertThat(connected.status()).isEqualTo(Status.CONNECTED);
        assertThat(connected.since()).isEqualTo(now);
    }

    @Test
    void failuresBackOffHalfASecondToFifteenSecondsAndKeepTheTimeOfTheFirst() {
        ConnectionLifecycle lifecycle = new ConnectionLifecycle(now);
        Instant firstFailure = now;
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            lifecycle.attempting(now);
            ConnectionState failed = lifecycle.failed(REFUSED, now);
            assertThat(failed.status()).isEqualTo(Status.RECONNECTING);
            assertThat(failed.since()).isEqualTo(firstFailure);
            assertThat(failed.problem()).contains(REFUSED.message());
            assertThat(failed.wasLost()).isFalse();
            pauses.add(Duration.between(now, failed.retryAt().orElseThrow()));
            now = failed.retryAt().orElseThrow();
        }
        assertThat(pauses).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(15));
    }

    @Test
    void aConnectionThatWasUpIsLostAndItsBackOffStartsOver() {
        ConnectionLifecycle lifecycle = new ConnectionLifecycle(now);
        lifecycle.attempting(now);
        lifecycle.failed(REFUSED, now);
        lifecycle.attempting(later(1));
        lifecycle.failed(REFUSED, now);
        lifecycle.attempting(later(2));
        lifecycle.connected(now);
        ConnectionState lost = lifecycle.failed(REFUSED, later(60));
        assertThat(lost.wasLost()).isTrue();
        assertThat(lost.since()).isEqualTo(now);
        assertThat(lost.retryAt()).contains(now.plusMillis(500));
        assertThat(lost.secondsUntilRetry(now)).contains(1L);
        // still lost while the attempts fail, no retry announced while one runs
        assertThat(lifecycle.attempting(later(1)).retryAt()).isEmpty();
        assertThat(lifecycle.failed(REFUSED, now).wasLost()).isTrue();
    }

    @Test
    void aRefusedLoginDoesNotRetryByItselfUntilAskedAgain() {
        ConnectionLifecycle lifecycle = new ConnectionLifecycle(now);
        lifecycle.attempting(now);
        ConnectionState refused = lifecycle.failed(Problem.of("InvalidLogin", "Login failed: unknown user or wrong password"), later(1));
        assertThat(refused.status()).isEqualTo(Status.LOGIN_FAILED);
        assertThat(refused.retryAt()).isEmpty();
        assertThat(refused.secondsUntilRetry(now)).isEmpty();
        assertThat(lifecycle.attempting(later(30)).status()).isEqualTo(Status.CONNECTING);
        // the back-off starts over after the operator asked again
        ConnectionState failed = lifecycle.failed(REFUSED, now);
        assertThat(failed.retryAt()).contains(now.plusMillis(500));
    }

    @Test
    void secondsUntilRetryRoundUpAndNeverGoNegative() {
        ConnectionState state = new ConnectionState(Status.RECONNECTING, now, Optional.empty(), Optional.of(now.plusMillis(4_200)), true);
        assertThat(state.secondsUntilRetry(now)).contains(5L);
        assertThat(state.secondsUntilRetry(now.plusSeconds(10))).contains(0L);
    }

    private Instant later(long seconds) {
        now = now.plusSeconds(seconds);
        return now;
    }
}
