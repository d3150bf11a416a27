package io.jobwerk.subagent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DirectorWatchTest {

    static final long S = 1_000_000_000L;

    @Test
    void noDirectorYetIsNotALoss() {
        assertThat(new DirectorWatch(Duration.ofSeconds(3)).lostAt(100 * S)).isFalse();
    }

    @Test
    void silenceLongerThanTheTimeoutIsALossReportedOnce() {
        var watch = new DirectorWatch(Duration.ofSeconds(3));
        watch.contact(10 * S);
        assertThat(watch.lostAt(12 * S)).isFalse();
        assertThat(watch.lostAt(13 * S)).isTrue();
        assertThat(watch.lostAt(14 * S)).isFalse();
        watch.contact(20 * S);
        assertThat(watch.lostAt(22 * S)).isFalse();
        assertThat(watch.lostAt(23 * S)).isTrue();
    }
}
