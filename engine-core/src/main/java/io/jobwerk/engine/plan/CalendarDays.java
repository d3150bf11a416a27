package io.jobwerk.engine.plan;

import io.jobwerk.engine.item.Item;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The days each calendar holds, computed once per planning run for whole months around the plan
 * range (restrictions count within a month) and then looked up: thousands of schedules share a few
 * calendars. Outside the months computed, a calendar is asked directly.
 */
final class CalendarDays {

    private final LocalDate first;
    private final int length;
    private final Map<String, boolean[]> byKey = new HashMap<>();

    CalendarDays(LocalDate from, LocalDate to) {
        this.first = from.withDayOfMonth(1);
        LocalDate last = to.withDayOfMonth(to.lengthOfMonth());
        this.length = (int) (last.toEpochDay() - first.toEpochDay()) + 1;
    }

    Predicate<LocalDate> holds(Item.PlanCalendar calendar) {
        boolean[] days = byKey.computeIfAbsent(calendar.key(), k -> {
            boolean[] a = new boolean[length];
            for (int i = 0; i < length; i++) {
                a[i] = calendar.holds(first.plusDays(i));
            }
            return a;
        });
        return day -> {
            long i = day.toEpochDay() - first.toEpochDay();
            return i >= 0 && i < length ? days[(int) i] : calendar.holds(day);
        };
    }

    /** Whether any of the calendars holds the day (none: never). */
    Predicate<LocalDate> anyHolds(List<Item.PlanCalendar> calendars) {
        if (calendars.isEmpty()) {
            return day -> false;
        }
        List<Predicate<LocalDate>> each = calendars.stream().map(this::holds).toList();
        return day -> each.stream().anyMatch(p -> p.test(day));
    }
}
