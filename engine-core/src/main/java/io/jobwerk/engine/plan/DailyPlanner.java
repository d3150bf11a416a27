package io.jobwerk.engine.plan;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.calendar.DayBase;
import io.jobwerk.engine.calendar.Period;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.OrderParameterisation;
import io.jobwerk.engine.item.ScheduleCalendar;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.CalendarPath;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Computes the orders schedules start on a range of plan dates — pure, from the items alone, so
 * planning again yields the same orders with the same ids. For each of a schedule's calendars: the
 * working-day calendar's days, narrowed by the schedule's restrictions (counted in those days); a day
 * in a non-working-day calendar is a holiday, which each period suppresses, ignores or moves to the
 * nearest day before or after that is not one ({@code whenHoliday}); then every period's starts on
 * the plan date in the calendar's zone, once per workflow and per order parameterisation.
 */
public final class DailyPlanner {
    private DailyPlanner() {}

    /** How far a holiday's start may move to find a day that is not a holiday (a longer run of holidays drops it). */
    static final int MAX_HOLIDAY_SHIFT_DAYS = 31;

    /**
     * The orders of {@code schedules} on the plan dates {@code from} to {@code to} (both included), by
     * start time; {@code items} finds the calendars by key. A schedule naming an unknown calendar is a problem.
     */
    public static Checked<List<PlannedOrder>> plan(List<Item.PlanSchedule> schedules, Function<String, Optional<Item>> items,
                                                   LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            return Checked.fail(Problem.of("InvalidPlanRange", "The plan range ends (" + to + ") before it begins (" + from + ")"));
        }
        List<Start> starts = new ArrayList<>();
        CalendarDays days = new CalendarDays(from.minusDays(MAX_HOLIDAY_SHIFT_DAYS), to.plusDays(MAX_HOLIDAY_SHIFT_DAYS));
        for (Item.PlanSchedule schedule : schedules) {
            Checked<List<Start>> planned = planSchedule(schedule, items, days, from, to);
            if (planned.isFail()) {
                return Checked.fail(planned.problemOption().orElseThrow());
            }
            starts.addAll(planned.orThrow());
        }
        starts.sort(Comparator.comparing(Start::instant).thenComparing(Start::key));
        return Checked.ok(withUniqueIds(starts));
    }

    /** A start before it has its order id. */
    private record Start(String key, Item.PlanSchedule schedule, WorkflowPath workflow, OrderParameterisation parameterisation,
                         LocalDate planDate, Instant instant, Optional<Integer> cycleIndex) {}

    private static Checked<List<Start>> planSchedule(Item.PlanSchedule schedule, Function<String, Optional<Item>> items,
                                                     CalendarDays days, LocalDate from, LocalDate to) {
        Map<String, Start> byKey = new LinkedHashMap<>();
        List<OrderParameterisation> parameterisations = schedule.orderParameterisations().isEmpty()
                ? List.of(OrderParameterisation.DEFAULT) : schedule.orderParameterisations();
        for (ScheduleCalendar sc : schedule.calendars()) {
            Checked<Item.PlanCalendar> working = calendar(items, false, sc.calendarName(), schedule);
            if (working.isFail()) {
                return Checked.fail(working.problemOption().orElseThrow());
            }
            List<Item.PlanCalendar> nonWorking = new ArrayList<>();
            for (CalendarPath p : concat(schedule.nonWorkingDayCalendars(), sc.nonWorkingDayCalendars())) {
                Checked<Item.PlanCalendar> c = calendar(items, true, p, schedule);
                if (c.isFail()) {
                    return Checked.fail(c.problemOption().orElseThrow());
                }
                nonWorking.add(c.orThrow());
            }
            Predicate<LocalDate> holiday = days.anyHolds(nonWorking);
            Predicate<LocalDate> selected = selectedDays(days.holds(working.orThrow()), sc);
            for (Period period : sc.periods()) {
                for (LocalDate planDate : planDates(selected, holiday, period.whenHoliday(), from, to)) {
                    List<Instant> starts = period.starts(planDate, sc.timeZone());
                    for (int s = 0; s < starts.size(); s++) {
                        Instant start = starts.get(s);
                        Optional<Integer> cycleIndex = period instanceof Period.Repeating ? Optional.of(s + 1) : Optional.empty();
                        for (WorkflowPath workflow : schedule.workflowPaths()) {
                            for (int i = 0; i < parameterisations.size(); i++) {
                                OrderParameterisation op = parameterisations.get(i);
                                String key = schedule.path() + "|" + workflow + "|" + i + "|" + start;
                                byKey.putIfAbsent(key, new Start(key, schedule, workflow, op, planDate, start, cycleIndex));
                            }
                        }
                    }
                }
            }
        }
        return Checked.ok(new ArrayList<>(byKey.values()));
    }

    /** The working calendar's days narrowed by the schedule's restrictions, which count in those days. */
    private static Predicate<LocalDate> selectedDays(Predicate<LocalDate> working, ScheduleCalendar sc) {
        if (sc.includes().isEmpty() && sc.excludes().isEmpty()) {
            return working;
        }
        DayBase base = DayBase.of(working);
        return d -> working.test(d)
                && (sc.includes().isEmpty() || sc.includes().names(d, base))
                && !sc.excludes().names(d, base);
    }

    /** The plan dates in range: selected days, holidays moved or dropped as the period says. */
    private static List<LocalDate> planDates(Predicate<LocalDate> selected, Predicate<LocalDate> holiday, Period.WhenHoliday when,
                                             LocalDate from, LocalDate to) {
        Set<LocalDate> dates = new java.util.TreeSet<>();
        int reach = when == Period.WhenHoliday.PREVIOUSNONWORKINGDAY || when == Period.WhenHoliday.NEXTNONWORKINGDAY
                ? MAX_HOLIDAY_SHIFT_DAYS : 0;
        for (LocalDate d = from.minusDays(reach); !d.isAfter(to.plusDays(reach)); d = d.plusDays(1)) {
            if (!selected.test(d)) {
                continue;
            }
            Optional<LocalDate> planDate = !holiday.test(d) ? Optional.of(d) : switch (when) {
                case SUPPRESS -> Optional.empty();
                case IGNORE -> Optional.of(d);
                case PREVIOUSNONWORKINGDAY -> nearestNonHoliday(d, -1, holiday);
                case NEXTNONWORKINGDAY -> nearestNonHoliday(d, 1, holiday);
            };
            planDate.filter(p -> !p.isBefore(from) && !p.isAfter(to)).ifPresent(dates::add);
        }
        return new ArrayList<>(dates);
    }

    private static Optional<LocalDate> nearestNonHoliday(LocalDate day, int direction, Predicate<LocalDate> holiday) {
        for (int i = 1; i <= MAX_HOLIDAY_SHIFT_DAYS; i++) {
            LocalDate d = day.plusDays((long) i * direction);
            if (!holiday.test(d)) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private static Checked<Item.PlanCalendar> calendar(Function<String, Optional<Item>> items, boolean nonWorking, CalendarPath path,
                                                       Item.PlanSchedule schedule) {
        String key = Item.PlanCalendar.keyOf(nonWorking, path);
        return items.apply(key).filter(Item.PlanCalendar.class::isInstance).map(Item.PlanCalendar.class::cast)
                .<Checked<Item.PlanCalendar>>map(Checked::ok)
                .orElseGet(() -> Checked.fail(Problem.of("UnknownItem", "Schedule '" + schedule.path() + "' names the unknown "
                        + (nonWorking ? "NonWorkingDaysCalendar" : "WorkingDaysCalendar") + " '" + path + "'", Map.of("key", key))));
    }

    /**
     * Each start's order id: {@code #DATE#P} + ten digits drawn from the start's key + {@code -NAME}, a
     * repeating period's starts {@code #DATE#C…-NNNNN-NAME} (JS7's convention: the plan date first, then
     * the kind). Two starts whose digits meet (a one-in-ten-billion chance each) get the later one's
     * digits drawn again.
     */
    private static List<PlannedOrder> withUniqueIds(List<Start> starts) {
        Set<OrderId> seen = new HashSet<>();
        List<PlannedOrder> orders = new ArrayList<>(starts.size());
        for (Start s : starts) {
            OrderId id = orderId(s, 0);
            for (int salt = 1; !seen.add(id); salt++) {
                id = orderId(s, salt);
            }
            OrderParameterisation op = s.parameterisation();
            orders.add(new PlannedOrder(id, s.key(), s.schedule().path(), s.workflow(), s.planDate(), s.instant(), op.variables(),
                    op.priority(), op.forceJobAdmission()));
        }
        return orders;
    }

    private static OrderId orderId(Start s, int salt) {
        long digits = Long.remainderUnsigned(hash(salt == 0 ? s.key() : s.key() + "#" + salt), 10_000_000_000L);
        String name = s.parameterisation().orderName().orElse(s.schedule().path().name());
        return new OrderId("#" + s.planDate() + "#" + (s.cycleIndex().isPresent() ? "C" : "P") + String.format("%010d", digits)
                + s.cycleIndex().map(i -> String.format("-%05d", i)).orElse("") + "-" + name);
    }

    private static long hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        b.stream().filter(x -> !all.contains(x)).forEach(all::add);
        return all;
    }
}
