package io.jobwerk.engine.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.Item;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** JOC's calendars and schedules as Controller items: the shapes operators write, and clear problems for bad ones. */
class PlanItemJsonTest {

    /** The examples, as they stand. */
    private static final String CALENDAR = """
            {"TYPE": "WorkingDaysCalendar", "path": "every-day", "includes": {"dates": ["2027-01-04"], "weekdays": [{"days": [1, 2, 3, 4, 5]}]}}""";
    private static final String SCHEDULE = """
            {"TYPE": "Schedule", "path": "nightly", "workflowNames": ["my-workflow"], "calendars":
            [{"calendarName": "every-day", "timeZone": "Europe/Berlin", "periods": [{"singleStart": "02:30:00"}]}],
            "planOrderAutomatically": true, "submitOrderToControllerWhenPlanned": true}""";

    static Stream<String> shapes() {
        return Stream.of(CALENDAR, SCHEDULE,
                """
                {"TYPE":"NonWorkingDaysCalendar","path":"holidays/de","from":"2027-01-01","to":"2027-12-31",
                 "includes":{"holidays":[{"dates":["2027-01-01","2027-12-25"]}],"dates":["2027-05-01"]}}""",
                """
                {"TYPE":"WorkingDaysCalendar","path":"all-kinds","title":"JOC's title is accepted","version":"1.5.0",
                 "includes":{"monthdays":[{"days":[1,15],"weeklyDays":[{"day":2,"weekOfMonth":2}],"from":"2027-01-01"}],
                   "ultimos":[{"days":[1]}],"months":[{"months":[1,3],"weekdays":[{"days":[1]}],"ultimos":[{"weeklyDays":[{"day":5,"weekOfMonth":1}]}]}],
                   "repetitions":[{"repetition":"MONTHLY","step":2,"from":"2027-01-31","to":"2028-01-31"}]},
                 "excludes":{"weekdays":[{"days":[0,6]}]}}""",
                """
                {"TYPE":"Schedule","path":"hourly","workflowNames":["a","b"],"nonWorkingDayCalendars":[{"calendarName":"holidays"}],
                 "calendars":[{"calendarName":"workdays","timeZone":"America/New_York",
                   "includes":{"monthdays":[{"days":[1]}]},"excludes":{"nonWorkingDayCalendars":["other-holidays"]},
                   "periods":[{"begin":"08:00","end":"18:00:00","repeat":"01:00:00","whenHoliday":"NEXTNONWORKINGDAY"}]}],
                 "orderParameterisations":[{"orderName":"eu","variables":{"region":"eu","n":3},"priority":2,"forceJobAdmission":true}]}""");
    }

    @ParameterizedTest
    @MethodSource("shapes")
    void decodesAndRoundTrips(String json) {
        Item item = ItemJson.decode(EngineJson.parse(json).orThrow()).orThrow();
        Item again = ItemJson.decode(ItemJson.encode(item)).orThrow();
        assertThat(again).isEqualTo(item);
        assertThat(ItemJson.encode(again)).isEqualTo(ItemJson.encode(item));
    }

    @Test
    void keysSeparateTheKinds() {
        assertThat(decode(CALENDAR).orThrow().key()).isEqualTo("WorkingDaysCalendar:every-day");
        assertThat(decode(SCHEDULE).orThrow().key()).isEqualTo("Schedule:nightly");
        assertThat(decode("{\"TYPE\":\"NonWorkingDaysCalendar\",\"path\":\"h\"}").orThrow().key())
                .isEqualTo("NonWorkingDaysCalendar:h");
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                Arguments.of("{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"c\",\"includes\":{\"weekdays\":[{\"days\":[8]}]}}",
                        "$.includes.weekdays[0].days[0]", "a week day must be 0 to 7"),
                Arguments.of("{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"c\",\"includes\":{\"dates\":[\"2027-02-30\"]}}",
                        "$.includes.dates[0]", "expected a date YYYY-MM-DD"),
                Arguments.of("{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"c\",\"includes\":{\"monthdays\":[{\"days\":[32]}]}}",
                        "$.includes.monthdays[0]", "a day of the month must be 1 to 31"),
                Arguments.of("{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"c\",\"from\":\"2027-02-01\",\"to\":\"2027-01-01\"}",
                        "$", "lies before"),
                Arguments.of(SCHEDULE.replace("Europe/Berlin", "Europe/Atlantis"), "$.calendars[0].timeZone", "unknown time zone"),
                Arguments.of(SCHEDULE.replace("02:30:00", "25:00"), "$.calendars[0].periods[0].singleStart", "expected a time"),
                Arguments.of(SCHEDULE.replace("\"singleStart\": \"02:30:00\"", "\"begin\":\"10:00\",\"end\":\"09:00\",\"repeat\":\"01:00\""),
                        "$.calendars[0].periods[0]", "lies before begin"),
                Arguments.of(SCHEDULE.replace("\"singleStart\": \"02:30:00\"", "\"singleStart\":\"02:30\",\"whenHoliday\":\"SOMETIMES\""),
                        "$.calendars[0].periods[0].whenHoliday", "expected one of SUPPRESS, IGNORE"),
                Arguments.of(SCHEDULE.replace("\"workflowNames\": [\"my-workflow\"], ", ""), "$", "workflowNames"),
                Arguments.of(SCHEDULE.replace("\"periods\": [{\"singleStart\": \"02:30:00\"}]", "\"periods\": []"),
                        "$.calendars[0]", "at least one period"));
    }

    @ParameterizedTest
    @MethodSource
    void problems(String json, String path, String message) {
        Problem problem = decode(json).problemOption().orElseThrow();
        assertThat(problem.arguments().get("path")).isEqualTo(path);
        assertThat(problem.message()).contains(message);
    }

    private static Checked<Item> decode(String json) {
        return ItemJson.decode(EngineJson.parse(json).orThrow());
    }
}
