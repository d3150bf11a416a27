package io.jobwerk.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.value.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The daily plan's calendar math, table-driven: each row a calendar, a schedule's period and the starts it yields. */
class DailyPlannerTest {

    private static final String MON_TO_FRI = """
            {"TYPE":"WorkingDaysCalendar","path":"workdays","includes":{"weekdays":[{"days":[1,2,3,4,5]}]}}""";
    private static final String EVERY_DAY = """
            {"TYPE":"WorkingDaysCalendar","path":"every-day","includes":{"weekdays":[{"days":[0,1,2,3,4,5,6]}]}}""";

    /** name, calendar JSON, zone, period JSON, restrictions JSON (or ""), from, to, expected starts (UTC). */
    static Stream<Arguments> starts() {
        return Stream.of(
                row("the issue's calendar: Monday to Friday and one date", """
                        {"TYPE":"WorkingDaysCalendar","path":"cal","includes":{"dates":["2027-01-09"],"weekdays":[{"days":[1,2,3,4,5]}]}}""",
                        "Europe/Berlin", "{\"singleStart\":\"02:30:00\"}", "", "2027-01-04", "2027-01-10",
                        "2027-01-04T01:30:00Z", "2027-01-05T01:30:00Z", "2027-01-06T01:30:00Z", "2027-01-07T01:30:00Z",
                        "2027-01-08T01:30:00Z", "2027-01-09T01:30:00Z"),
                // Daylight-saving changes: a skipped time moves forward by the gap, a repeated one takes its first occurrence
                row("Berlin, clocks jump 02:00 → 03:00: 02:30 becomes 03:30 CEST", EVERY_DAY, "Europe/Berlin",
                        "{\"singleStart\":\"02:30\"}", "", "2027-03-27", "2027-03-29",
                        "2027-03-27T01:30:00Z", "2027-03-28T01:30:00Z", "2027-03-29T00:30:00Z"),
                row("Berlin, clocks fall back 03:00 → 02:00: 02:30 is the first (CEST) one", EVERY_DAY, "Europe/Berlin",
                        "{\"singleStart\":\"02:30\"}", "", "2027-10-30", "2027-11-01",
                        "2027-10-30T00:30:00Z", "2027-10-31T00:30:00Z", "2027-11-01T01:30:00Z"),
                row("New York, spring forward on the 2nd Sunday of March", EVERY_DAY, "America/New_York",
                        "{\"singleStart\":\"02:30:00\"}", "", "2027-03-14", "2027-03-14", "2027-03-14T07:30:00Z"),
                row("Sydney, DST ends on the 1st Sunday of April: 02:30 taken at +11", EVERY_DAY, "Australia/Sydney",
                        "{\"singleStart\":\"02:30:00\"}", "", "2027-04-04", "2027-04-04", "2027-04-03T15:30:00Z"),
                row("Berlin, a repeating period on the short day has one start fewer (real hours)", EVERY_DAY, "Europe/Berlin",
                        "{\"begin\":\"00:00\",\"end\":\"06:00\",\"repeat\":\"02:00:00\"}", "", "2027-03-28", "2027-03-28",
                        "2027-03-27T23:00:00Z", "2027-03-28T01:00:00Z", "2027-03-28T03:00:00Z"),
                row("Berlin, a repeating period on the long day has one start more", EVERY_DAY, "Europe/Berlin",
                        "{\"begin\":\"00:00\",\"end\":\"03:00\",\"repeat\":\"01:00:00\"}", "", "2027-10-31", "2027-10-31",
                        "2027-10-30T22:00:00Z", "2027-10-30T23:00:00Z", "2027-10-31T00:00:00Z", "2027-10-31T01:00:00Z",
                        "2027-10-31T02:00:00Z"),
                row("a repeating period up to 24:00 includes midnight", EVERY_DAY, "UTC",
                        "{\"begin\":\"18:00\",\"end\":\"24:00:00\",\"repeat\":\"03:00:00\"}", "", "2027-01-04", "2027-01-04",
                        "2027-01-04T18:00:00Z", "2027-01-04T21:00:00Z", "2027-01-05T00:00:00Z"),
                row("a schedule in Tokyo: the plan date is Tokyo's, the start the day before in UTC", MON_TO_FRI, "Asia/Tokyo",
                        "{\"singleStart\":\"08:00:00\"}", "", "2027-01-04", "2027-01-04", "2027-01-03T23:00:00Z"),
                // Leap days and ultimos
                row("the 29th of the month: February only in a leap year", """
                        {"TYPE":"WorkingDaysCalendar","path":"c","includes":{"monthdays":[{"days":[29]}]}}""", "UTC",
                        "{\"singleStart\":\"12:00\"}", "", "2027-02-01", "2028-03-01",
                        "2027-03-29T12:00:00Z", "2027-04-29T12:00:00Z", "2027-05-29T12:00:00Z", "2027-06-29T12:00:00Z",
                        "2027-07-29T12:00:00Z", "2027-08-29T12:00:00Z", "2027-09-29T12:00:00Z", "2027-10-29T12:00:00Z",
                        "2027-11-29T12:00:00Z", "2027-12-29T12:00:00Z", "2028-01-29T12:00:00Z", "2028-02-29T12:00:00Z"),
                row("ultimo 1 is the month's last day, 29 February in a leap year", """
                        {"TYPE":"WorkingDaysCalendar","path":"c","includes":{"ultimos":[{"days":[1]}]}}""", "UTC",
                        "{\"singleStart\":\"12:00\"}", "", "2028-01-15", "2028-03-15",
                        "2028-01-31T12:00:00Z", "2028-02-29T12:00:00Z"),
                row("ultimo 3 and the last Friday", """
                        {"TYPE":"WorkingDaysCalendar","path":"c","includes":{"ultimos":[{"days":[3],"weeklyDays":[{"day":5,"weekOfMonth":1}]}]}}""",
                        "UTC", "{\"singleStart\":\"12:00\"}", "", "2027-01-01", "2027-01-31",
                        "2027-01-29T12:00:00Z"),
                row("every 2nd Tuesday", """
                        {"TYPE":"WorkingDaysCalendar","path":"c","includes":{"monthdays":[{"weeklyDays":[{"day":2,"weekOfMonth":2}]}]}}""",
                        "UTC", "{\"singleStart\":\"06:00\"}", "", "2027-01-01", "2027-03-31",
                        "2027-01-12T06:00:00Z", "2027-02-09T06:00:00Z", "2027-03-09T06:00:00Z"),
                row("a yearly repetition from 29 February falls on the 28th in other years", """
                        {"TYPE":"WorkingDaysCalendar","path":"c","includes":{"repetitions":[{"repetition":"YEARLY","step":1,"from":"2024-02-29"}]}}""",
                        "UTC", "{\"singleStart\":\"00:00\"}", "", "2027-01-01", "2028-12-31",
                        "2027-02-28T00:00:00Z", "2028-02-29T00:00:00Z"),
                row("every 2nd week from a Wednesday", """
                        {"TYPE":"WorkingDaysCalendar","path":"c","includes":{"repetitions":[{"repetition":"WEEKLY","step":2,"from":"2027-01-06"}]}}""",
                        "UTC", "{\"singleStart\":\"00:00\"}", "", "2027-01-01", "2027-02-10",
                        "2027-01-06T00:00:00Z", "2027-01-20T00:00:00Z", "2027-02-03T00:00:00Z"),
                row("Mondays in January and March only", """
                        {"TYPE":"WorkingDaysCalendar","path":"c","includes":{"months":[{"months":[1,3],"weekdays":[{"days":[1]}]}]}}""",
                        "UTC", "{\"singleStart\":\"00:00\"}", "", "2027-01-20", "2027-03-10",
                        "2027-01-25T00:00:00Z", "2027-03-01T00:00:00Z", "2027-03-08T00:00:00Z"),
                row("a calendar's own range and excluded dates", """
                        {"TYPE":"WorkingDaysCalendar","path":"c","from":"2027-01-05","to":"2027-01-08",
                         "includes":{"weekdays":[{"days":[1,2,3,4,5]}]},"excludes":{"dates":["2027-01-06"]}}""",
                        "UTC", "{\"singleStart\":\"00:00\"}", "", "2027-01-01", "2027-01-31",
                        "2027-01-05T00:00:00Z", "2027-01-07T00:00:00Z", "2027-01-08T00:00:00Z"),
                // Restrictions in a schedule count in the calendar's days
                row("restriction: the first working day of the month (1 May 2027 is a Saturday)", MON_TO_FRI, "UTC",
                        "{\"singleStart\":\"07:00\"}", "\"includes\":{\"monthdays\":[{\"days\":[1]}]}", "2027-04-01", "2027-05-31",
                        "2027-04-01T07:00:00Z", "2027-05-03T07:00:00Z"),
                row("restriction: the last working day of the month (31 January 2027 is a Sunday)", MON_TO_FRI, "UTC",
                        "{\"singleStart\":\"07:00\"}", "\"includes\":{\"ultimos\":[{\"days\":[1]}]}", "2027-01-01", "2027-01-31",
                        "2027-01-29T07:00:00Z"),
                row("restriction: working days but not Fridays", MON_TO_FRI, "UTC",
                        "{\"singleStart\":\"07:00\"}", "\"excludes\":{\"weekdays\":[{\"days\":[5]}]}", "2027-01-04", "2027-01-10",
                        "2027-01-04T07:00:00Z", "2027-01-05T07:00:00Z", "2027-01-06T07:00:00Z", "2027-01-07T07:00:00Z"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void starts(String name, String calendarJson, String zone, String periodJson, String restrictions, String from, String to,
                List<String> expected) {
        Item calendar = item(calendarJson);
        String path = ((Item.PlanCalendar) calendar).path().string();
        Item.PlanSchedule schedule = (Item.PlanSchedule) item("""
                {"TYPE":"Schedule","path":"s","workflowNames":["w"],
                 "calendars":[{"calendarName":"%s","timeZone":"%s",%s"periods":[%s]}]}"""
                .formatted(path, zone, restrictions.isEmpty() ? "" : restrictions + ",", periodJson));
        List<PlannedOrder> orders = plan(List.of(schedule), Map.of(calendar.key(), calendar), from, to).orThrow();
        assertThat(orders).extracting(o -> o.scheduledFor().toString()).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "whenHoliday {0}")
    @MethodSource
    void holidays(String whenHoliday, List<String> expectedDates) {
        // Wednesdays are the working days; 6 January 2027 (a Wednesday) and 5 January are holidays
        Item wednesdays = item("""
                {"TYPE":"WorkingDaysCalendar","path":"wed","includes":{"weekdays":[{"days":[3]}]}}""");
        Item holidays = item("""
                {"TYPE":"NonWorkingDaysCalendar","path":"holidays","includes":{"holidays":[{"dates":["2027-01-05","2027-01-06"]}]}}""");
        Item.PlanSchedule schedule = (Item.PlanSchedule) item("""
                {"TYPE":"Schedule","path":"s","workflowNames":["w"],"nonWorkingDayCalendars":[{"calendarName":"holidays"}],
                 "calendars":[{"calendarName":"wed","timeZone":"UTC","periods":[{"singleStart":"09:00","whenHoliday":"%s"}]}]}"""
                .formatted(whenHoliday));
        List<PlannedOrder> orders = plan(List.of(schedule), Map.of(wednesdays.key(), wednesdays, holidays.key(), holidays),
                "2026-12-31", "2027-01-14").orThrow();
        assertThat(orders).extracting(o -> o.planDate().toString()).containsExactlyElementsOf(expectedDates);
    }

    static Stream<Arguments> holidays() {
        return Stream.of(
                Arguments.of("SUPPRESS", List.of("2027-01-13")),
                Arguments.of("IGNORE", List.of("2027-01-06", "2027-01-13")),
                Arguments.of("PREVIOUSNONWORKINGDAY", List.of("2027-01-04", "2027-01-13")),
                Arguments.of("NEXTNONWORKINGDAY", List.of("2027-01-07", "2027-01-13")));
    }

    @Test
    void ordersPerWorkflowAndParameterisationWithJs7sIdsTheSameEachTime() {
        Item calendar = item(MON_TO_FRI);
        Item.PlanSchedule schedule = (Item.PlanSchedule) item("""
                {"TYPE":"Schedule","path":"folder/nightly","workflowNames":["a","b"],
                 "calendars":[{"calendarName":"workdays","timeZone":"Europe/Berlin",
                   "periods":[{"singleStart":"02:30:00"},{"begin":"10:00","end":"11:00","repeat":"00:30:00"}]}],
                 "orderParameterisations":[{"orderName":"small","variables":{"size":1}},{"orderName":"big","variables":{"size":100}}],
                 "planOrderAutomatically":true,"submitOrderToControllerWhenPlanned":true}""");
        Map<String, Item> items = Map.of(calendar.key(), calendar);
        List<PlannedOrder> monday = plan(List.of(schedule), items, "2027-01-04", "2027-01-04").orThrow();

        assertThat(monday).hasSize(2 * 2 * (1 + 3));
        assertThat(monday).extracting(o -> o.orderId().string())
                .allMatch(id -> id.matches("#2027-01-04#P\\d{10}-(small|big)") || id.matches("#2027-01-04#C\\d{10}-0000[123]-(small|big)"))
                .doesNotHaveDuplicates();
        assertThat(monday).filteredOn(o -> o.orderId().string().endsWith("-big"))
                .extracting(o -> o.arguments().get("size")).containsOnly(Value.of(100));
        assertThat(monday.get(0).toFreshOrder().planId().planKey()).isEqualTo("2027-01-04");
        assertThat(monday.get(0).toFreshOrder().scheduledFor()).contains(Instant.parse("2027-01-04T01:30:00Z"));

        // planning a week again, or the same day again, gives that day the same orders with the same ids
        List<PlannedOrder> week = plan(List.of(schedule), items, "2027-01-01", "2027-01-07").orThrow();
        assertThat(week).filteredOn(o -> o.planDate().equals(LocalDate.parse("2027-01-04"))).containsExactlyElementsOf(monday);
        assertThat(plan(List.of(schedule), items, "2027-01-04", "2027-01-04").orThrow()).isEqualTo(monday);
    }

    @Test
    void aScheduleWithoutParameterisationsStartsOneOrderNamedAfterIt() {
        Item calendar = item(EVERY_DAY);
        Item.PlanSchedule schedule = (Item.PlanSchedule) item("""
                {"TYPE":"Schedule","path":"nightly","workflowNames":["w"],
                 "calendars":[{"calendarName":"every-day","periods":[{"singleStart":"01:00"}]}]}""");
        List<PlannedOrder> orders = plan(List.of(schedule), Map.of(calendar.key(), calendar), "2027-01-04", "2027-01-04").orThrow();
        assertThat(orders).singleElement().satisfies(o -> {
            assertThat(o.orderId().string()).matches("#2027-01-04#P\\d{10}-nightly");
            assertThat(o.scheduledFor()).isEqualTo(Instant.parse("2027-01-04T01:00:00Z")); // no timeZone: UTC
        });
    }

    @Test
    void anUnknownCalendarIsAProblemNamingScheduleAndCalendar() {
        Item.PlanSchedule schedule = (Item.PlanSchedule) item("""
                {"TYPE":"Schedule","path":"nightly","workflowNames":["w"],
                 "calendars":[{"calendarName":"nowhere","periods":[{"singleStart":"01:00"}]}]}""");
        Checked<List<PlannedOrder>> planned = plan(List.of(schedule), Map.of(), "2027-01-04", "2027-01-04");
        assertThat(planned.problemOption()).hasValueSatisfying(p ->
                assertThat(p.message()).isEqualTo("Schedule 'nightly' names the unknown WorkingDaysCalendar 'nowhere'"));
        assertThat(plan(List.of(), Map.of(), "2027-01-04", "2027-01-03").problemOption()).isPresent();
    }

    private static Checked<List<PlannedOrder>> plan(List<Item.PlanSchedule> schedules, Map<String, Item> items, String from, String to) {
        Map<String, Item> map = new HashMap<>(items);
        return DailyPlanner.plan(schedules, key -> Optional.ofNullable(map.get(key)), LocalDate.parse(from), LocalDate.parse(to));
    }

    private static Item item(String json) {
        return ItemJson.decode(EngineJson.parse(json).orThrow()).orThrow();
    }

    private static Arguments row(String name, String calendar, String zone, String period, String restrictions, String from, String to,
                                 String... expected) {
        return Arguments.of(name, calendar, zone, period, restrictions, from, to, List.of(expected));
    }
}
