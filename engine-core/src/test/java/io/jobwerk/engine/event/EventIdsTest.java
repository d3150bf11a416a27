package io.jobwerk.engine.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventIdsTest {

    @Test
    void eventIdIsMillisecondsTimesThousandWhenTheClockAdvances() {
        EventIds ids = new EventIds(0);

        assertThat(ids.next(1_700_000_000_000L)).isEqualTo(1_700_000_000_000_000L);
        assertThat(ids.next(1_700_000_000_001L)).isEqualTo(1_700_000_000_001_000L);
    }

    @Test
    void idsIncreaseStrictlyWhenTheClockStandsStill() {
        EventIds ids = new EventIds(0);

        long a = ids.next(1000);
        long b = ids.next(1000);
        long c = ids.next(1000);

        assertThat(b).isEqualTo(a + 1);
        assertThat(c).isEqualTo(b + 1);
    }

    @Test
    void idsIncreaseStrictlyWhenTheClockStepsBack() {
        EventIds ids = new EventIds(0);
        long a = ids.next(5000);

        long b = ids.next(4000);

        assertThat(b).isEqualTo(a + 1);
    }

    @Test
    void idsContinueAfterTheLastIdOfARecoveredJournal() {
        EventIds ids = new EventIds(7_000_123);

        assertThat(ids.next(7000)).isEqualTo(7_000_124);
        assertThat(ids.last()).isEqualTo(7_000_124);
    }

    @Test
    void toEpochMilliRecoversTheTime() {
        assertThat(EventIds.toEpochMilli(1_700_000_000_001_999L)).isEqualTo(1_700_000_000_001L);
    }
}
