package io.jobwerk.cockpit.designer.form;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.TimeJson;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AdmissionTimeViewModelTest {

    private static AdmissionTimeScheme scheme(String json) {
        return TimeJson.decodeAdmissionTimeScheme(EngineJson.parse(json).orThrow()).orThrow();
    }

    private static String periods(String... periods) {
        return "{\"periods\":[" + String.join(",", periods) + "]}";
    }

    private static String weekday(int day, int hour, int hours) {
        return "{\"TYPE\":\"WeekdayPeriod\",\"secondOfWeek\":" + ((day - 1) * 86400 + hour * 3600) + ",\"duration\":" + hours * 3600 + "}";
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"periods\":[{\"TYPE\":\"DailyPeriod\",\"secondOfDay\":32400,\"duration\":4800}]}",
        "{\"periods\":[{\"TYPE\":\"WeekdayPeriod\",\"secondOfWeek\":93600,\"duration\":3600}]}",
        "{\"periods\":[{\"TYPE\":\"MonthlyDatePeriod\",\"secondOfMonth\":1238400,\"duration\":7200}]}",
        "{\"periods\":[{\"TYPE\":\"MonthlyLastDatePeriod\",\"lastSecondOfMonth\":-7200,\"duration\":3600}]}",
        "{\"periods\":[{\"TYPE\":\"MonthlyLastDatePeriod\",\"lastSecondOfMonth\":-172800,\"duration\":86400},"
                + "{\"TYPE\":\"DailyPeriod\",\"secondOfDay\":0,\"duration\":60},"
                + "{\"TYPE\":\"WeekdayPeriod\",\"secondOfWeek\":475200,\"duration\":36000},"
                + "{\"TYPE\":\"WeekdayPeriod\",\"secondOfWeek\":28800,\"duration\":36000}]}",
        "{\"periods\":[{\"TYPE\":\"MonthlyWeekdayPeriod\",\"secondOfWeeks\":874800,\"duration\":600},"
                + "{\"TYPE\":\"MonthlyWeekdayPeriod\",\"secondOfWeeks\":10800,\"duration\":600},"
                + "{\"TYPE\":\"MonthlyLastWeekdayPeriod\",\"secondOfWeeks\":-853200,\"duration\":600},"
                + "{\"TYPE\":\"SpecificDatePeriod\",\"secondsSinceLocalEpoch\":1798135200,\"duration\":7200},"
                + "{\"TYPE\":\"SpecificDatePeriod\",\"secondsSinceLocalEpoch\":1798740000,\"duration\":7200}]}",
    })
    void schemeRoundTripsThroughTheForm(String json) {
        AdmissionTimeViewModel form = new AdmissionTimeViewModel(Optional.of(scheme(json)), false);

        assertThat(form.problemProperty().get()).isEmpty();
        assertThat(TimeJson.encode(form.scheme().orThrow().orElseThrow()).toString()).isEqualTo(json);
    }

    @Test
    void consecutiveWeekdaysAreOneLineAndTheSummaryReadsThem() {
        String json = periods(weekday(1, 8, 10), weekday(2, 8, 10), weekday(3, 8, 10), weekday(4, 8, 10), weekday(5, 8, 10),
                weekday(6, 9, 3));
        AdmissionTimeViewModel form = new AdmissionTimeViewModel(Optional.of(scheme(json)), true);

        assertThat(form.rows()).hasSize(2);
        assertThat(form.rows().get(0).daysProperty().get()).isEqualTo("Mon–Fri");
        assertThat(form.summaryProperty().get()).isEqualTo("Mon–Fri 08:00–18:00; Sat 09:00–12:00");
        assertThat(TimeJson.encode(form.scheme().orThrow().orElseThrow()).toString()).isEqualTo(json);
        assertThat(form.skipIfNoAdmissionForOrderDayProperty().get()).isTrue();
    }

    @Test
    void typedLinesBecomeTheEngineSPeriods() {
        AdmissionTimeViewModel form = new AdmissionTimeViewModel(Optional.empty(), false);
        assertThat(form.summaryProperty().get()).isEqualTo("Always admitted");

        PeriodRow weekend = form.addRow();
        weekend.daysProperty().set("sat - sun");
        weekend.beginProperty().set("22:00");
        weekend.durationProperty().set("4h");
        PeriodRow ultimo = form.addRow();
        ultimo.kindProperty().set(PeriodKind.ULTIMO);
        ultimo.daysProperty().set("1");
        ultimo.beginProperty().set("06:30");
        ultimo.durationProperty().set("90m");

        assertThat(form.problemProperty().get()).isEmpty();
        assertThat(TimeJson.encode(form.scheme().orThrow().orElseThrow()).toString()).isEqualTo(periods(
                weekday(6, 22, 4), weekday(7, 22, 4),
                "{\"TYPE\":\"MonthlyLastDatePeriod\",\"lastSecondOfMonth\":-63000,\"duration\":5400}"));
        assertThat(form.summaryProperty().get()).isEqualTo("Sat, Sun 22:00–02:00 (next day); Last day of the month 06:30–08:00");
    }

    @Test
    void monthWeekdaysAndDatesAreNamedOneByOne() {
        AdmissionTimeViewModel form = new AdmissionTimeViewModel(Optional.empty(), false);
        PeriodRow weekdays = form.addRow();
        weekdays.kindProperty().set(PeriodKind.NTH_WEEKDAY);
        weekdays.daysProperty().set("2nd thu, Mon");
        weekdays.beginProperty().set("03:00");
        weekdays.durationProperty().set("10m");
        PeriodRow last = form.addRow();
        last.kindProperty().set(PeriodKind.NTH_LAST_WEEKDAY);
        last.daysProperty().set("Fri, 2nd last Mon");
        last.beginProperty().set("22:00");
        last.durationProperty().set("1h");
        PeriodRow dates = form.addRow();
        dates.kindProperty().set(PeriodKind.DATE);
        dates.daysProperty().set("2026-12-24, 2026-12-31");
        dates.beginProperty().set("18:00");
        dates.durationProperty().set("2h");

        assertThat(form.problemProperty().get()).isEmpty();
        assertThat(TimeJson.encode(form.scheme().orThrow().orElseThrow()).toString()).isEqualTo(periods(
                "{\"TYPE\":\"MonthlyWeekdayPeriod\",\"secondOfWeeks\":874800,\"duration\":600}",
                "{\"TYPE\":\"MonthlyWeekdayPeriod\",\"secondOfWeeks\":10800,\"duration\":600}",
                "{\"TYPE\":\"MonthlyLastWeekdayPeriod\",\"secondOfWeeks\":-180000,\"duration\":3600}",
                "{\"TYPE\":\"MonthlyLastWeekdayPeriod\",\"secondOfWeeks\":-1130400,\"duration\":3600}",
                "{\"TYPE\":\"SpecificDatePeriod\",\"secondsSinceLocalEpoch\":1798135200,\"duration\":7200}",
                "{\"TYPE\":\"SpecificDatePeriod\",\"secondsSinceLocalEpoch\":1798740000,\"duration\":7200}"));
        assertThat(form.summaryProperty().get()).isEqualTo("2nd Thu, 1st Mon of the month 03:00–03:10; "
                + "last Fri, 2nd last Mon of the month 22:00–23:00; 2026-12-24, 2026-12-31 18:00–20:00");
        assertThat(new AdmissionTimeViewModel(form.scheme().orThrow(), false).rows()).extracting(r -> r.daysProperty().get())
                .containsExactly("2nd Thu, 1st Mon", "last Fri, 2nd last Mon", "2026-12-24, 2026-12-31");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "NTH_WEEKDAY      | 5th Mon    | 08:00 | 1h   | Period 1, days: '5th Mon' is not a weekday of the month, e.g. 2nd Thu (1st to 4th)",
        "NTH_WEEKDAY      | last Mon   | 08:00 | 1h   | Period 1, days: 'last Mon' is not a weekday of the month, e.g. 2nd Thu (1st to 4th)",
        "NTH_WEEKDAY      | 2nd Fry    | 08:00 | 1h   | Period 1, days: 'Fry' is not a weekday (Mon … Sun)",
        "NTH_LAST_WEEKDAY | Fri, last Fri | 08:00 | 1h | Period 1, days: name a day only once",
        "DATE             | 2026-02-30 | 08:00 | 1h   | Period 1, days: '2026-02-30' is not a date (YYYY-MM-DD)",
        "DATE             | ''         | 08:00 | 1h   | Period 1, days: are required, e.g. 2026-12-24",
    })
    void invalidNamedDaysNameTheField(PeriodKind kind, String days, String begin, String duration, String problem) {
        invalidInputNamesTheField(kind, days, begin, duration, problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "WEEKDAY  | Mon–Fri | 25:00 | 1h   | Period 1, begin: '25:00' is not a time of day (00:00 to 23:59)",
        "WEEKDAY  | Mon–Fri | 8     | 1h   | Period 1, begin: '8' is not a time of day (HH:MM)",
        "WEEKDAY  | Mon–Fry | 08:00 | 1h   | Period 1, days: 'Fry' is not a weekday (Mon … Sun)",
        "WEEKDAY  | Mon     | 08:00 | 10   | Period 1, duration: '10' needs a unit, e.g. 10m or 10h",
        "WEEKDAY  | Mon     | 08:00 | 0h   | Period 1, duration: must be longer than zero",
        "MONTHDAY | 32      | 08:00 | 1h   | Period 1, days: '32' is not a day number from 1 to 31",
        "MONTHDAY | 15–3    | 08:00 | 1h   | Period 1, days: '15–3' runs backwards",
        "ULTIMO   | 29      | 08:00 | 1h   | Period 1, days: '29' is not a day number from 1 to 28",
        "MONTHDAY | ''      | 08:00 | 1h   | Period 1, days: are required, e.g. 1, 15 or 1–5",
    })
    void invalidInputNamesTheField(PeriodKind kind, String days, String begin, String duration, String problem) {
        AdmissionTimeViewModel form = new AdmissionTimeViewModel(Optional.empty(), false);
        PeriodRow row = form.addRow();
        row.kindProperty().set(kind);
        row.daysProperty().set(days);
        row.beginProperty().set(begin);
        row.durationProperty().set(duration);

        assertThat(form.problemProperty().get()).isEqualTo(problem);
        assertThat(form.scheme().isFail()).isTrue();
        assertThat(form.summaryProperty().get()).isEmpty();
    }
}
