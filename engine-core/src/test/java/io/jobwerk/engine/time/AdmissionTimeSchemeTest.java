package io.jobwerk.engine.time;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.TimeJson;
import io.jobwerk.engine.time.AdmissionPeriod.DailyPeriod;
import io.jobwerk.engine.time.AdmissionPeriod.MonthlyDatePeriod;
import io.jobwerk.engine.time.AdmissionPeriod.MonthlyLastDatePeriod;
import io.jobwerk.engine.time.AdmissionPeriod.WeekdayPeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme.Interval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTimeSchemeTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final int HOUR = 3600;
    private static final int DAY = 24 * HOUR;

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    private static Interval interval(String start, String end) {
        return new Interval(local(start), local(end));
    }

    private static AdmissionTimeScheme daily(int hour, int hours) {
        return new AdmissionTimeScheme(List.of(new DailyPeriod(hour * HOUR, Duration.ofHours(hours))));
    }

    // 2026-01-18 is a Sunday.
    private static final AdmissionTimeScheme SUNDAY_NIGHT =
            new AdmissionTimeScheme(List.of(new WeekdayPeriod(6 * DAY + 22 * HOUR, Duration.ofHours(4))));

    @Test
    void dailyPeriodContainsATimeInside() {
        assertThat(daily(8, 2).currentInterval(local("2026-01-14T09:00"), BERLIN))
                .contains(interval("2026-01-14T08:00", "2026-01-14T10:00"));
    }

    @Test
    void dailyPeriodExcludesItsEnd() {
        assertThat(daily(8, 2).currentInterval(local("2026-01-14T10:00"), BERLIN)).isEmpty();
        assertThat(daily(8, 2).isAdmitted(local("2026-01-14T08:00"), BERLIN)).isTrue();
    }

    @Test
    void dailyPeriodAcrossMidnightContainsTheEarlyMorning() {
        assertThat(daily(22, 4).currentInterval(local("2026-01-15T01:30"), BERLIN))
                .contains(interval("2026-01-14T22:00", "2026-01-15T02:00"));
    }

    @Test
    void nextDailyPeriodIsLaterTheSameDay() {
        assertThat(daily(22, 4).currentOrNextInterval(local("2026-01-15T03:00"), BERLIN))
                .contains(interval("2026-01-15T22:00", "2026-01-16T02:00"));
    }

    @Test
    void nextDailyPeriodIsTomorrowAfterTodaysEnded() {
        assertThat(daily(8, 2).currentOrNextInterval(local("2026-01-14T11:00"), BERLIN))
                .contains(interval("2026-01-15T08:00", "2026-01-15T10:00"));
    }

    @Test
    void weekdayPeriodAcrossTheWeekBoundaryContainsMondayMorning() {
        assertThat(SUNDAY_NIGHT.currentInterval(local("2026-01-19T01:00"), BERLIN))
                .contains(interval("2026-01-18T22:00", "2026-01-19T02:00"));
    }

    @Test
    void nextWeekdayPeriodIsNextWeek() {
        assertThat(SUNDAY_NIGHT.currentOrNextInterval(local("2026-01-19T03:00"), BERLIN))
                .contains(interval("2026-01-25T22:00", "2026-01-26T02:00"));
    }

    @Test
    void nextWeekdayPeriodIsLaterThisWeek() {
        assertThat(SUNDAY_NIGHT.currentOrNextInterval(local("2026-01-14T12:00"), BERLIN))
                .contains(interval("2026-01-18T22:00", "2026-01-19T02:00"));
    }

    @Test
    void theEarliestOfSeveralPeriodsIsNext() {
        AdmissionTimeScheme scheme = new AdmissionTimeScheme(List.of(
                new DailyPeriod(20 * HOUR, Duration.ofHours(1)), new DailyPeriod(9 * HOUR, Duration.ofHours(1))));

        assertThat(scheme.currentOrNextInterval(local("2026-01-14T12:00"), BERLIN))
                .contains(interval("2026-01-14T20:00", "2026-01-14T21:00"));
    }

    @Test
    void noPeriodsAdmitNothing() {
        AdmissionTimeScheme none = new AdmissionTimeScheme(List.of());

        assertThat(none.currentOrNextInterval(local("2026-01-14T12:00"), BERLIN)).isEmpty();
    }

    // 2026-03-29: Europe/Berlin springs forward from 02:00 CET to 03:00 CEST.

    @Test
    void periodAcrossTheSpringForwardLastsItsDurationInRealTime() {
        Interval interval = daily(1, 3).currentInterval(Instant.parse("2026-03-29T00:30:00Z"), BERLIN).orElseThrow();

        assertThat(interval.start()).isEqualTo(Instant.parse("2026-03-29T00:00:00Z"));  // 01:00 CET
        assertThat(Duration.between(interval.start(), interval.end())).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void periodStartingInTheSpringForwardGapStartsAfterTheGap() {
        // 02:30 does not exist that day; the window opens at 03:30 CEST (01:30Z) and lasts an hour
        Instant inside = Instant.parse("2026-03-29T02:00:00Z");  // 04:00 CEST

        assertThat(daily(2, 1).currentInterval(inside, BERLIN)).isEmpty();
        assertThat(new AdmissionTimeScheme(List.of(new DailyPeriod(2 * HOUR + 1800, Duration.ofHours(1))))
                .currentInterval(inside, BERLIN))
                .contains(new Interval(Instant.parse("2026-03-29T01:30:00Z"), Instant.parse("2026-03-29T02:30:00Z")));
    }

    @Test
    void nextPeriodOnTheSpringForwardDayStartsAtItsLocalTime() {
        assertThat(daily(8, 2).currentOrNextInterval(local("2026-03-29T05:00"), BERLIN))
                .contains(new Interval(Instant.parse("2026-03-29T06:00:00Z"), Instant.parse("2026-03-29T08:00:00Z")));
    }

    @Test
    void dailyPeriodOnTheFallBackDayStartsAtItsLocalTime() {
        // 2026-10-25: 03:00 CEST falls back to 02:00 CET
        assertThat(daily(8, 2).currentInterval(local("2026-10-25T09:00"), BERLIN))
                .contains(new Interval(Instant.parse("2026-10-25T07:00:00Z"), Instant.parse("2026-10-25T09:00:00Z")));
    }

    @Test
    void monthlyDatePeriodOpensOnItsDayOfTheNextMonth() {
        AdmissionTimeScheme fifteenth = new AdmissionTimeScheme(List.of(new MonthlyDatePeriod(14 * DAY + 8 * HOUR, Duration.ofHours(2))));

        assertThat(fifteenth.currentOrNextInterval(local("2026-01-20T00:00"), BERLIN))
                .contains(interval("2026-02-15T08:00", "2026-02-15T10:00"));
        assertThat(fifteenth.currentInterval(local("2026-01-15T09:00"), BERLIN))
                .contains(interval("2026-01-15T08:00", "2026-01-15T10:00"));
    }

    @Test
    void monthlyDatePeriodOnADayTheMonthLacksFallsOnItsLastDay() {
        AdmissionTimeScheme thirtyFirst = new AdmissionTimeScheme(List.of(new MonthlyDatePeriod(30 * DAY + 6 * HOUR, Duration.ofHours(1))));

        assertThat(thirtyFirst.currentOrNextInterval(local("2026-02-01T00:00"), BERLIN))
                .contains(interval("2026-02-28T06:00", "2026-02-28T07:00"));
    }

    @Test
    void ultimoPeriodCountsBackFromTheEndOfTheMonth() {
        // the second-to-last day at 22:00
        AdmissionTimeScheme ultimo = new AdmissionTimeScheme(List.of(new MonthlyLastDatePeriod(-DAY - 2 * HOUR, Duration.ofHours(1))));

        assertThat(ultimo.currentOrNextInterval(local("2026-02-01T00:00"), BERLIN))
                .contains(interval("2026-02-27T22:00", "2026-02-27T23:00"));
        assertThat(ultimo.currentOrNextInterval(local("2026-02-27T23:00"), BERLIN))
                .contains(interval("2026-03-30T22:00", "2026-03-30T23:00"));
    }

    @Test
    void monthlyPeriodsRoundTripThroughJson() {
        AdmissionTimeScheme scheme = new AdmissionTimeScheme(List.of(
                new MonthlyDatePeriod(DAY, Duration.ofHours(1)), new MonthlyLastDatePeriod(-DAY, Duration.ofHours(24))));

        assertThat(TimeJson.encode(scheme).toString()).isEqualTo("{\"periods\":["
                + "{\"TYPE\":\"MonthlyDatePeriod\",\"secondOfMonth\":86400,\"duration\":3600},"
                + "{\"TYPE\":\"MonthlyLastDatePeriod\",\"lastSecondOfMonth\":-86400,\"duration\":86400}]}");
        assertThat(TimeJson.decodeAdmissionTimeScheme(TimeJson.encode(scheme)).orThrow()).isEqualTo(scheme);
    }
}
