package io.jobwerk.cockpit.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HistoryViewFormatTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void anEndOnTheStartsDayShowsOnlyItsTime() {
        assertThat(HistoryView.endTime(Optional.of(Instant.parse("2026-12-07T07:15:12Z")),
                Optional.of(Instant.parse("2026-12-07T07:15:19Z")), BERLIN)).isEqualTo("08:15:19 CET");
    }

    @Test
    void anEndOnAnotherDayInTheOperatorsZoneShowsItsDate() {
        assertThat(HistoryView.endTime(Optional.of(Instant.parse("2026-12-07T22:59:00Z")),
                Optional.of(Instant.parse("2026-12-07T23:01:00Z")), BERLIN)).isEqualTo("2026-12-08 00:01:00 CET");
    }

    @Test
    void noEndShowsADash() {
        assertThat(HistoryView.endTime(Optional.of(Instant.parse("2026-12-07T07:15:12Z")), Optional.empty(), BERLIN)).isEqualTo("—");
    }
}
