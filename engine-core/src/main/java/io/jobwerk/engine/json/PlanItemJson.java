package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.calendar.DateRange;
import io.jobwerk.engine.calendar.Frequencies;
import io.jobwerk.engine.calendar.Period;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.OrderParameterisation;
import io.jobwerk.engine.item.ScheduleCalendar;
import io.jobwerk.engine.path.CalendarPath;
import io.jobwerk.engine.path.SchedulePath;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JOC's daily-plan objects as Controller items, in JOC's field names: {@code WorkingDaysCalendar} and
 * {@code NonWorkingDaysCalendar} {@code {path, from?, to?, includes?, excludes?}} with frequencies
 * ({@code dates}, {@code holidays[{dates}]}, {@code weekdays[{days, from?, to?}]},
 * {@code monthdays}/{@code ultimos[{days?, weeklyDays?[{day, weekOfMonth}], from?, to?}]},
 * {@code months[{months, weekdays?, monthdays?, ultimos?, from?, to?}]},
 * {@code repetitions[{repetition: DAILY|WEEKLY|MONTHLY|YEARLY, step, from, to?}]}); and {@code Schedule}
 * {@code {path, workflowNames, calendars[{calendarName, timeZone, includes?, excludes?
 * (with nonWorkingDayCalendars), periods[{singleStart | begin, end, repeat; whenHoliday?}]}],
 * nonWorkingDayCalendars?, orderParameterisations?[{orderName?, variables?, priority?, forceJobAdmission?}],
 * planOrderAutomatically, submitOrderToControllerWhenPlanned}}. Week days are numbered as JOC does:
 * 1 = Monday … 6 = Saturday, 0 or 7 = Sunday. JOC's {@code name}, {@code title}, {@code type} and
 * {@code version} fields are accepted and not kept; a single {@code workflowName} is read as a list of one.
 */
final class PlanItemJson {
    private PlanItemJson() {}

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    // Decoding

    static Item.PlanCalendar calendar(JsonCursor c, boolean nonWorkingDays) {
        CalendarPath path = pathField(c).as(CalendarPath::checked);
        DateRange range = range(c);
        Frequencies includes = c.optional("includes").map(PlanItemJson::frequencies).orElse(Frequencies.NONE);
        Frequencies excludes = c.optional("excludes").map(PlanItemJson::frequencies).orElse(Frequencies.NONE);
        return c.construct(() -> Item.PlanCalendar.of(nonWorkingDays, path, range, includes, excludes));
    }

    static Item.PlanSchedule schedule(JsonCursor c) {
        SchedulePath path = pathField(c).as(SchedulePath::checked);
        List<WorkflowPath> workflows = c.optional("workflowNames")
                .map(w -> w.list(e -> e.as(WorkflowPath::checked)))
                .or(() -> c.optional("workflowName").map(w -> List.of(w.as(WorkflowPath::checked))))
                .orElseThrow(() -> c.fail("missing required field 'workflowNames'"));
        List<ScheduleCalendar> calendars = c.required("calendars").list(PlanItemJson::scheduleCalendar);
        List<CalendarPath> nonWorking = c.optional("nonWorkingDayCalendars").map(PlanItemJson::calendarNames).orElse(List.of());
        List<OrderParameterisation> orders = c.optional("orderParameterisations")
                .map(o -> o.list(PlanItemJson::orderParameterisation)).orElse(List.of());
        boolean plan = c.optionalBool("planOrderAutomatically");
        boolean submit = c.optionalBool("submitOrderToControllerWhenPlanned");
        return c.construct(() -> new Item.PlanSchedule(path, workflows, calendars, nonWorking, orders, plan, submit));
    }

    private static JsonCursor pathField(JsonCursor c) {
        return c.optional("path").or(() -> c.optional("name")).orElseThrow(() -> c.fail("missing required field 'path'"));
    }

    private static ScheduleCalendar scheduleCalendar(JsonCursor c) {
        CalendarPath name = c.required("calendarName").as(CalendarPath::checked);
        ZoneId zone = c.optional("timeZone").map(PlanItemJson::zone).orElse(ZoneId.of("UTC"));
        Frequencies includes = c.optional("includes").map(PlanItemJson::frequencies).orElse(Frequencies.NONE);
        Frequencies excludes = c.optional("excludes").map(PlanItemJson::frequencies).orElse(Frequencies.NONE);
        List<CalendarPath> nonWorking = c.optional("excludes").flatMap(e -> e.optional("nonWorkingDayCalendars"))
                .map(PlanItemJson::calendarNames).orElse(List.of());
        List<Period> periods = c.required("periods").list(PlanItemJson::period);
        return c.construct(() -> new ScheduleCalendar(name, zone, includes, excludes, nonWorking, periods));
    }

    /** Names as strings or as JOC's {@code {calendarName}} objects. */
    private static List<CalendarPath> calendarNames(JsonCursor c) {
        return c.list(e -> e.node().isObject() ? e.required("calendarName").as(CalendarPath::checked) : e.as(CalendarPath::checked));
    }

    private static OrderParameterisation orderParameterisation(JsonCursor c) {
        Optional<String> name = c.optionalString("orderName");
        var variables = c.optional("variables").map(ValueJson::namedValues).orElse(java.util.Map.of());
        BigDecimal priority = c.optional("priority").map(JsonCursor::decimal).orElse(BigDecimal.ZERO);
        boolean force = c.optionalBool("forceJobAdmission");
        return c.construct(() -> new OrderParameterisation(name, variables, priority, force));
    }

    private static Period period(JsonCursor c) {
        Period.WhenHoliday when = c.optional("whenHoliday").map(w -> enumValue(w, Period.WhenHoliday.class))
                .orElse(Period.WhenHoliday.SUPPRESS);
        if (c.has("singleStart")) {
            Duration at = timeOfDay(c.required("singleStart"));
            return c.construct(() -> new Period.SingleStart(at, when));
        }
        if (!c.has("begin") && !c.has("repeat")) {
            throw c.fail("a period needs 'singleStart' or 'begin', 'end' and 'repeat'");
        }
        Duration begin = timeOfDay(c.required("begin"));
        Duration end = timeOfDay(c.required("end"));
        JsonCursor r = c.required("repeat");
        Duration repeat = r.node().isNumber() ? r.seconds() : timeOfDay(r);
        return c.construct(() -> new Period.Repeating(begin, end, repeat, when));
    }

    static Frequencies frequencies(JsonCursor c) {
        c.requireObject();
        List<LocalDate> dates = c.optional("dates").map(d -> d.list(PlanItemJson::date)).orElse(List.of());
        List<LocalDate> holidays = new ArrayList<>();
        c.optional("holidays").ifPresent(h -> h.list(e -> e.required("dates").list(PlanItemJson::date)).forEach(holidays::addAll));
        List<Frequencies.Weekdays> weekdays = c.optional("weekdays").map(w -> w.list(PlanItemJson::weekdays)).orElse(List.of());
        List<Frequencies.MonthDays> monthdays = c.optional("monthdays").map(m -> m.list(PlanItemJson::monthDays)).orElse(List.of());
        List<Frequencies.MonthDays> ultimos = c.optional("ultimos").map(m -> m.list(PlanItemJson::monthDays)).orElse(List.of());
        List<Frequencies.Months> months = c.optional("months").map(m -> m.list(PlanItemJson::months)).orElse(List.of());
        List<Frequencies.Repetition> repetitions = c.optional("repetitions").map(r -> r.list(PlanItemJson::repetition)).orElse(List.of());
        return new Frequencies(dates, holidays, weekdays, monthdays, ultimos, months, repetitions);
    }

    private static Frequencies.Weekdays weekdays(JsonCursor c) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        c.required("days").list(PlanItemJson::dayOfWeek).forEach(days::add);
        DateRange range = range(c);
        return c.construct(() -> new Frequencies.Weekdays(days, range));
    }

    private static Frequencies.MonthDays monthDays(JsonCursor c) {
        List<Integer> days = c.optional("days").map(d -> d.list(JsonCursor::intValue)).orElse(List.of());
        List<Frequencies.WeeklyDay> weekly = c.optional("weeklyDays").map(w -> w.list(PlanItemJson::weeklyDay)).orElse(List.of());
        DateRange range = range(c);
        return c.construct(() -> new Frequencies.MonthDays(days, weekly, range));
    }

    private static Frequencies.WeeklyDay weeklyDay(JsonCursor c) {
        DayOfWeek day = dayOfWeek(c.required("day"));
        int week = c.required("weekOfMonth").intValue();
        return c.construct(() -> new Frequencies.WeeklyDay(day, week));
    }

    private static Frequencies.Months months(JsonCursor c) {
        Set<Month> months = EnumSet.noneOf(Month.class);
        for (JsonCursor m : c.required("months").elements()) {
            int n = m.intValue();
            if (n < 1 || n > 12) {
                throw m.fail("a month must be 1 to 12, found " + n);
            }
            months.add(Month.of(n));
        }
        List<Frequencies.Weekdays> weekdays = c.optional("weekdays").map(w -> w.list(PlanItemJson::weekdays)).orElse(List.of());
        List<Frequencies.MonthDays> monthdays = c.optional("monthdays").map(m -> m.list(PlanItemJson::monthDays)).orElse(List.of());
        List<Frequencies.MonthDays> ultimos = c.optional("ultimos").map(m -> m.list(PlanItemJson::monthDays)).orElse(List.of());
        DateRange range = range(c);
        return c.construct(() -> new Frequencies.Months(months, weekdays, monthdays, ultimos, range));
    }

    private static Frequencies.Repetition repetition(JsonCursor c) {
        Frequencies.RepetitionUnit unit = enumValue(c.required("repetition"), Frequencies.RepetitionUnit.class);
        int step = c.optional("step").map(JsonCursor::intValue).orElse(1);
        LocalDate from = date(c.required("from"));
        Optional<LocalDate> to = c.optional("to").map(PlanItemJson::date);
        return c.construct(() -> new Frequencies.Repetition(unit, step, from, new DateRange(Optional.empty(), to)));
    }

    private static DateRange range(JsonCursor c) {
        Optional<LocalDate> from = c.optional("from").map(PlanItemJson::date);
        Optional<LocalDate> to = c.optional("to").map(PlanItemJson::date);
        return c.construct(() -> new DateRange(from, to));
    }

    private static LocalDate date(JsonCursor c) {
        try {
            return LocalDate.parse(c.string());
        } catch (DateTimeParseException e) {
            throw c.fail("expected a date YYYY-MM-DD, found '" + c.string() + "'");
        }
    }

    private static DayOfWeek dayOfWeek(JsonCursor c) {
        int n = c.intValue();
        if (n < 0 || n > 7) {
            throw c.fail("a week day must be 0 to 7 (1 = Monday, 0 or 7 = Sunday), found " + n);
        }
        return n == 0 ? DayOfWeek.SUNDAY : DayOfWeek.of(n);
    }

    private static ZoneId zone(JsonCursor c) {
        try {
            return ZoneId.of(c.string());
        } catch (DateTimeException e) {
            throw c.fail("unknown time zone '" + c.string() + "'");
        }
    }

    /** {@code HH:MM} or {@code HH:MM:SS}, up to 24:00:00. */
    private static Duration timeOfDay(JsonCursor c) {
        Matcher m = TIME.matcher(c.string());
        if (!m.matches()) {
            throw c.fail("expected a time HH:MM:SS, found '" + c.string() + "'");
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (min > 59 || s > 59 || h > 24 || (h == 24 && (min > 0 || s > 0))) {
            throw c.fail("expected a time HH:MM:SS up to 24:00:00, found '" + c.string() + "'");
        }
        return Duration.ofSeconds(h * 3600L + min * 60L + s);
    }

    private static <E extends Enum<E>> E enumValue(JsonCursor c, Class<E> type) {
        String s = c.string();
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s)) {
                return e;
            }
        }
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            names.add(e.name());
        }
        throw c.fail("expected one of " + String.join(", ", names) + ", found '" + s + "'");
    }

    // Encoding (JOC's field names; empty parts left out)

    static void encodeCalendar(ObjectNode o, Item.PlanCalendar calendar) {
        o.put("path", calendar.path().string());
        putRange(o, calendar.range());
        putFrequencies(o, "includes", calendar.includes(), List.of());
        putFrequencies(o, "excludes", calendar.excludes(), List.of());
    }

    static void encodeSchedule(ObjectNode o, Item.PlanSchedule schedule) {
        o.put("path", schedule.path().string());
        ArrayNode w = o.putArray("workflowNames");
        schedule.workflowPaths().forEach(p -> w.add(p.string()));
        ArrayNode cals = o.putArray("calendars");
        for (ScheduleCalendar sc : schedule.calendars()) {
            ObjectNode c = cals.addObject();
            c.put("calendarName", sc.calendarName().string());
            c.put("timeZone", sc.timeZone().getId());
            putFrequencies(c, "includes", sc.includes(), List.of());
            putFrequencies(c, "excludes", sc.excludes(), sc.nonWorkingDayCalendars());
            ArrayNode periods = c.putArray("periods");
            sc.periods().forEach(p -> periods.add(period(p)));
        }
        if (!schedule.nonWorkingDayCalendars().isEmpty()) {
            ArrayNode n = o.putArray("nonWorkingDayCalendars");
            schedule.nonWorkingDayCalendars().forEach(p -> n.add(p.string()));
        }
        if (!schedule.orderParameterisations().isEmpty()) {
            ArrayNode a = o.putArray("orderParameterisations");
            for (OrderParameterisation p : schedule.orderParameterisations()) {
                ObjectNode op = a.addObject();
                p.orderName().ifPresent(n -> op.put("orderName", n));
                if (!p.variables().isEmpty()) {
                    op.set("variables", ValueJson.namedValuesToJson(p.variables()));
                }
                if (p.priority().signum() != 0) {
                    op.put("priority", p.priority());
                }
                if (p.forceJobAdmission()) {
                    op.put("forceJobAdmission", true);
                }
            }
        }
        o.put("planOrderAutomatically", schedule.planOrderAutomatically());
        o.put("submitOrderToControllerWhenPlanned", schedule.submitOrderToControllerWhenPlanned());
    }

    private static ObjectNode period(Period period) {
        ObjectNode o = EngineJson.object();
        if (period instanceof Period.SingleStart s) {
            o.put("singleStart", time(s.at()));
        } else {
            Period.Repeating r = (Period.Repeating) period;
            o.put("begin", time(r.begin()));
            o.put("end", time(r.end()));
            o.put("repeat", time(r.repeat()));
        }
        o.put("whenHoliday", period.whenHoliday().name());
        return o;
    }

    private static String time(Duration d) {
        long s = d.toSeconds();
        return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static void putFrequencies(ObjectNode parent, String name, Frequencies f, List<CalendarPath> nonWorking) {
        if (f.isEmpty() && nonWorking.isEmpty()) {
            return;
        }
        ObjectNode o = parent.putObject(name);
        if (!f.dates().isEmpty()) {
            putDates(o.putArray("dates"), f.dates());
        }
        if (!f.holidays().isEmpty()) {
            putDates(o.putArray("holidays").addObject().putArray("dates"), f.holidays());
        }
        if (!f.weekdays().isEmpty()) {
            ArrayNode a = o.putArray("weekdays");
            f.weekdays().forEach(w -> putWeekdays(a.addObject(), w));
        }
        putMonthDays(o, "monthdays", f.monthdays());
        putMonthDays(o, "ultimos", f.ultimos());
        if (!f.months().isEmpty()) {
            ArrayNode a = o.putArray("months");
            for (Frequencies.Months m : f.months()) {
                ObjectNode mo = a.addObject();
                ArrayNode ms = mo.putArray("months");
                m.months().stream().sorted().forEach(x -> ms.add(x.getValue()));
                if (!m.weekdays().isEmpty()) {
                    ArrayNode wa = mo.putArray("weekdays");
                    m.weekdays().forEach(w -> putWeekdays(wa.addObject(), w));
                }
                putMonthDays(mo, "monthdays", m.monthdays());
                putMonthDays(mo, "ultimos", m.ultimos());
                putRange(mo, m.range());
            }
        }
        if (!f.repetitions().isEmpty()) {
            ArrayNode a = o.putArray("repetitions");
            for (Frequencies.Repetition r : f.repetitions()) {
                ObjectNode ro = a.addObject();
                ro.put("repetition", r.unit().name());
                ro.put("step", r.step());
                ro.put("from", r.from().toString());
                r.range().to().ifPresent(t -> ro.put("to", t.toString()));
            }
        }
        if (!nonWorking.isEmpty()) {
            ArrayNode a = o.putArray("nonWorkingDayCalendars");
            nonWorking.forEach(p -> a.add(p.string()));
        }
    }

    private static void putWeekdays(ObjectNode o, Frequencies.Weekdays w) {
        ArrayNode days = o.putArray("days");
        w.days().stream().sorted().forEach(d -> days.add(d.getValue()));
        putRange(o, w.range());
    }

    private static void putMonthDays(ObjectNode parent, String name, List<Frequencies.MonthDays> list) {
        if (list.isEmpty()) {
            return;
        }
        ArrayNode a = parent.putArray(name);
        for (Frequencies.MonthDays m : list) {
            ObjectNode o = a.addObject();
            if (!m.days().isEmpty()) {
                ArrayNode d = o.putArray("days");
                m.days().forEach(d::add);
            }
            if (!m.weeklyDays().isEmpty()) {
                ArrayNode w = o.putArray("weeklyDays");
                m.weeklyDays().forEach(x -> w.addObject().put("day", x.day().getValue()).put("weekOfMonth", x.weekOfMonth()));
            }
            putRange(o, m.range());
        }
    }

    private static void putDates(ArrayNode a, List<LocalDate> dates) {
        dates.forEach(d -> a.add(d.toString()));
    }

    private static void putRange(ObjectNode o, DateRange range) {
        range.from().ifPresent(f -> o.put("from", f.toString()));
        range.to().ifPresent(t -> o.put("to", t.toString()));
    }
}
