package io.jobwerk.engine.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.TimeJson;
import io.jobwerk.engine.time.AdmissionPeriod.MonthlyLastWeekdayPeriod;
import io.jobwerk.engine.time.AdmissionPeriod.MonthlyWeekdayPeriod;
import io.jobwerk.engine.time.AdmissionPeriod.SpecificDatePeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme.Interval;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** JS7's monthly-weekday, monthly-last-weekday and specific-date admission periods: the next window, bounds, JSON. */
class MonthlyWeekdayAndSpecificDatePeriodTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @ParameterizedTest(name = "{0} at {1}: {2}")
    @CsvSource(delimiter = '|', nullValues = "none", textBlock = """
            # 874800: the second Thursday at 03:00 (JS7's own example); December 2026 starts on a Tuesday
            {"TYPE":"MonthlyWeekdayPeriod","secondOfWeeks":874800,"duration":600}       | 2026-12-07T12:00 | 2026-12-10T03:00 | 2026-12-10T03:10
            {"TYPE":"MonthlyWeekdayPeriod","secondOfWeeks":874800,"duration":600}       | 2026-12-10T03:05 | 2026-12-10T03:00 | 2026-12-10T03:10
            {"TYPE":"MonthlyWeekdayPeriod","secondOfWeeks":874800,"duration":600}       | 2026-12-10T03:10 | 2027-01-14T03:00 | 2027-01-14T03:10
            # the first Monday at 08:00: June 2026 starts on a Monday
            {"TYPE":"MonthlyWeekdayPeriod","secondOfWeeks":28800,"duration":3600}       | 2026-05-31T00:00 | 2026-06-01T08:00 | 2026-06-01T09:00
            # the first Sunday at 08:00: February 2026 starts on one, missed by an hour, then March starts on one
            {"TYPE":"MonthlyWeekdayPeriod","secondOfWeeks":547200,"duration":3600}      | 2026-02-01T09:00 | 2026-03-01T08:00 | 2026-03-01T09:00
            # the fourth Tuesday at 10:00
            {"TYPE":"MonthlyWeekdayPeriod","secondOfWeeks":1936800,"duration":3600}     | 2026-12-01T00:00 | 2026-12-22T10:00 | 2026-12-22T11:00
            # the last Friday at 22:00: February 2026 ends on a Saturday
            {"TYPE":"MonthlyLastWeekdayPeriod","secondOfWeeks":-180000,"duration":3600} | 2026-02-01T00:00 | 2026-02-27T22:00 | 2026-02-27T23:00
            # the last Sunday at 12:00: May 2026 ends on one
            {"TYPE":"MonthlyLastWeekdayPeriod","secondOfWeeks":-43200,"duration":3600}  | 2026-05-01T00:00 | 2026-05-31T12:00 | 2026-05-31T13:00
            # -853200: the second last Friday at 03:00 (JS7's own example); December 2026 ends on a Thursday
            {"TYPE":"MonthlyLastWeekdayPeriod","secondOfWeeks":-853200,"duration":600}  | 2026-12-01T00:00 | 2026-12-18T03:00 | 2026-12-18T03:10
            # the last Sunday at 02:30 falls into March's clock change: the hour begins after the gap
            {"TYPE":"MonthlyLastWeekdayPeriod","secondOfWeeks":-77400,"duration":3600}  | 2026-03-01T00:00 | 2026-03-29T03:30 | 2026-03-29T04:30
            # 2026-12-24T18:00 local, two hours, once
            {"TYPE":"SpecificDatePeriod","secondsSinceLocalEpoch":1798135200,"duration":7200} | 2026-12-07T00:00 | 2026-12-24T18:00 | 2026-12-24T20:00
            {"TYPE":"SpecificDatePeriod","secondsSinceLocalEpoch":1798135200,"duration":7200} | 2026-12-24T19:59 | 2026-12-24T18:00 | 2026-12-24T20:00
            {"TYPE":"SpecificDatePeriod","secondsSinceLocalEpoch":1798135200,"duration":7200} | 2026-12-24T20:00 | none | none
            """)
    void currentOrNextWindow(String periodJson, String now, String start, String end) {
        AdmissionTimeScheme scheme = TimeJson.decodeAdmissionTimeScheme(EngineJson.parse("{\"periods\":[" + periodJson + "]}").orThrow()).orThrow();

        Optional<Interval> window = scheme.currentOrNextInterval(local(now), BERLIN);

        assertThat(window).isEqualTo(start == null ? Optional.empty() : Optional.of(new Interval(local(start), local(end))));
    }

    @Test
    void factoriesGiveJs7sNumbers() {
        assertThat(MonthlyWeekdayPeriod.of(2, DayOfWeek.THURSDAY, 3 * 3600, Duration.ofMinutes(10)).secondOfWeeks()).isEqualTo(874800);
        assertThat(MonthlyLastWeekdayPeriod.of(2, DayOfWeek.FRIDAY, 3 * 3600, Duration.ofMinutes(10)).secondOfWeeks()).isEqualTo(-853200);
        assertThat(SpecificDatePeriod.of(LocalDateTime.parse("2022-09-28T12:00"), Duration.ofMinutes(10)).secondsSinceLocalEpoch())
                .isEqualTo(1664366400L);
    }

    @ParameterizedTest
    @CsvSource({"1, MONDAY, 0", "2, THURSDAY, 10800", "4, SUNDAY, 86399"})
    void weekdayPartsReadBack(int nth, DayOfWeek day, int secondOfDay) {
        MonthlyWeekdayPeriod p = MonthlyWeekdayPeriod.of(nth, day, secondOfDay, Duration.ofHours(1));
        assertThat(new Object[] {p.nth(), p.dayOfWeek(), p.secondOfDay()}).containsExactly(nth, day, secondOfDay);
        MonthlyLastWeekdayPeriod q = MonthlyLastWeekdayPeriod.of(nth, day, secondOfDay, Duration.ofHours(1));
        assertThat(new Object[] {q.nthLast(), q.dayOfWeek(), q.secondOfDay()}).containsExactly(nth, day, secondOfDay);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 4 * 7 * 24 * 3600})
    void monthlyWeekdayOutsideFourWeeksIsRefused(int secondOfWeeks) {
        assertThatThrownBy(() -> new MonthlyWeekdayPeriod(secondOfWeeks, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -4 * 7 * 24 * 3600})
    void monthlyLastWeekdayOutsideFourWeeksBackIsRefused(int secondOfWeeks) {
        assertThatThrownBy(() -> new MonthlyLastWeekdayPeriod(secondOfWeeks, Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNegativeDurationIsNamedWhenDecoded() {
        var decoded = TimeJson.decodeAdmissionTimeScheme(EngineJson.parse(
                "{\"periods\":[{\"TYPE\":\"MonthlyWeekdayPeriod\",\"secondOfWeeks\":874800,\"duration\":0}]}").orThrow());
        assertThat(decoded.isFail()).isTrue();
        assertThat(decoded.problemOption().orElseThrow().message()).contains("duration must be positive");
    }

    @Test
    void periodsRoundTripThroughJs7Json() {
        String json = "{\"periods\":["
                + "{\"TYPE\":\"MonthlyWeekdayPeriod\",\"secondOfWeeks\":874800,\"duration\":600},"
                + "{\"TYPE\":\"MonthlyLastWeekdayPeriod\",\"secondOfWeeks\":-853200,\"duration\":600},"
                + "{\"TYPE\":\"SpecificDatePeriod\",\"secondsSinceLocalEpoch\":1664366400,\"duration\":600}]}";

        AdmissionTimeScheme scheme = TimeJson.decodeAdmissionTimeScheme(EngineJson.parse(json).orThrow()).orThrow();

        assertThat(scheme.periods()).containsExactly(
                MonthlyWeekdayPeriod.of(2, DayOfWeek.THURSDAY, 3 * 3600, Duration.ofMinutes(10)),
                MonthlyLastWeekdayPeriod.of(2, DayOfWeek.FRIDAY, 3 * 3600, Duration.ofMinutes(10)),
                SpecificDatePeriod.of(LocalDateTime.parse("2022-09-28T12:00"), Duration.ofMinutes(10)));
        assertThat(TimeJson.encode(scheme).toString()).isEqualTo(json);
    }

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }
}
