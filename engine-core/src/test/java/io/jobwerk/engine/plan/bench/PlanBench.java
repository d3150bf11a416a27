package io.jobwerk.engine.plan.bench;

import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.plan.DailyPlanner;
import io.jobwerk.engine.plan.PlannedOrder;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Issue 10's goal "10,000 schedules × 7 days planned in < 10 s": SCHEDULES schedules over four
 * calendars (working days with holidays, every day, first working day of the month, every 2nd
 * Tuesday) in four zones, each with one single start, a tenth with an hourly repeating period too,
 * planned for DAYS days in one call. Prints the wall time of five runs after two to warm up.
 */
public final class PlanBench {
    private PlanBench() {}

    public static void main(String[] args) {
        int schedules = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        Map<String, Item> items = new HashMap<>();
        for (String json : List.of(
                "{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"workdays\",\"includes\":{\"weekdays\":[{\"days\":[1,2,3,4,5]}]}}",
                "{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"every-day\",\"includes\":{\"weekdays\":[{\"days\":[0,1,2,3,4,5,6]}]}}",
                "{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"second-tuesday\",\"includes\":{\"monthdays\":[{\"weeklyDays\":[{\"day\":2,\"weekOfMonth\":2}]}]}}",
                "{\"TYPE\":\"NonWorkingDaysCalendar\",\"path\":\"holidays\",\"includes\":{\"holidays\":[{\"dates\":[\"2027-01-01\",\"2027-01-06\",\"2027-12-25\"]}]}}")) {
            Item item = ItemJson.decode(EngineJson.parse(json).orThrow()).orThrow();
            items.put(item.key(), item);
        }
        String[] zones = {"Europe/Berlin", "America/New_York", "Asia/Tokyo", "UTC"};
        String[] calendars = {"workdays", "every-day", "workdays", "second-tuesday"};
        List<Item.PlanSchedule> list = new ArrayList<>();
        for (int i = 0; i < schedules; i++) {
            String restriction = i % 4 == 2 ? "\"includes\":{\"monthdays\":[{\"days\":[1]}]}," : "";
            String periods = "{\"singleStart\":\"%02d:%02d:00\",\"whenHoliday\":\"NEXTNONWORKINGDAY\"}".formatted(i % 24, i % 60)
                    + (i % 10 == 0 ? ",{\"begin\":\"08:00\",\"end\":\"18:00\",\"repeat\":\"01:00:00\"}" : "");
            String json = """
                    {"TYPE":"Schedule","path":"s%d","workflowNames":["w%d"],"nonWorkingDayCalendars":["holidays"],
                     "calendars":[{"calendarName":"%s","timeZone":"%s",%s"periods":[%s]}]}"""
                    .formatted(i, i % 100, calendars[i % 4], zones[i % 4], restriction, periods);
            list.add((Item.PlanSchedule) ItemJson.decode(EngineJson.parse(json).orThrow()).orThrow());
        }
        LocalDate from = LocalDate.parse("2027-01-04");
        LocalDate to = from.plusDays(days - 1L);
        for (int run = -2; run < 5; run++) {
            long start = System.nanoTime();
            List<PlannedOrder> orders = DailyPlanner.plan(list, key -> Optional.ofNullable(items.get(key)), from, to).orThrow();
            long ms = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("%s %,d schedules x %d days: %,d orders in %,d ms%n", run < 0 ? "warm-up" : "run    ", schedules, days,
                    orders.size(), ms);
        }
    }
}
