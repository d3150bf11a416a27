package io.jobwerk.http.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.scheduler.VirtualScheduler;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Session expiry in virtual time. */
class SessionsTest {

    private final VirtualScheduler scheduler = new VirtualScheduler();
    private final Sessions sessions = new Sessions(Duration.ofHours(1), scheduler.clock());
    private final UserAccount user = new UserAccount("u", PasswordHash.parse("plain:pw").orThrow(), Set.of(Permission.ValidUser));

    @Test
    void sessionLivesForItsIdleTimeout() {
        String token = sessions.open(user);
        scheduler.advance(Duration.ofHours(1));
        assertThat(sessions.user(token)).contains(user);
    }

    @Test
    void sessionUnusedLongerThanItsIdleTimeoutExpires() {
        String token = sessions.open(user);
        scheduler.advance(Duration.ofHours(1).plusMillis(1));
        assertThat(sessions.user(token)).isEmpty();
        assertThat(sessions.size()).isZero();
    }

    @Test
    void eachUseStartsTheIdleTimeoutAnew() {
        String token = sessions.open(user);
        for (int i = 0; i < 5; i++) {
            scheduler.advance(Duration.ofMinutes(50));
            assertThat(sessions.user(token)).contains(user);
        }
        scheduler.advance(Duration.ofMinutes(61));
        assertThat(sessions.user(token)).isEmpty();
    }

    @Test
    void closedSessionIsGone() {
        String token = sessions.open(user);
        assertThat(sessions.close(token)).isTrue();
        assertThat(sessions.user(token)).isEmpty();
    }
}
