package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.time.AdmissionPeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import java.time.Duration;
import java.util.Optional;

/**
 * Admission time schemes and Cycle schedules:
 * {@code {"periods":[{"TYPE":"DailyPeriod","secondOfDay":32400,"duration":4800},
 * {"TYPE":"WeekdayPeriod","secondOfWeek":93600,"duration":3600}]}} (also {@code MonthlyDatePeriod{secondOfMonth}}
 * and {@code MonthlyLastDatePeriod{lastSecondOfMonth}}, negative; {@code MonthlyWeekdayPeriod{secondOfWeeks}},
 * {@code MonthlyLastWeekdayPeriod{secondOfWeeks}}, negative; {@code SpecificDatePeriod{secondsSinceLocalEpoch}}) and
 * {@code {"schemes":[{"admissionTimeScheme":{…},"repeat":{"TYPE":"Periodic","period":3600,"offsets":[600]}}]}}
 * with repeats {@code Ticking{interval}} and {@code Continuous{pause, limit?}}. Durations are seconds.
 */
public final class TimeJson {
    private TimeJson() {}

    public static Checked<AdmissionTimeScheme> decodeAdmissionTimeScheme(JsonNode json) {
        return JsonCursor.decode(json, TimeJson::admissionTimeScheme);
    }

    public static ObjectNode encode(AdmissionTimeScheme scheme) {
        ObjectNode o = EngineJson.object();
        ArrayNode periods = o.putArray("periods");
        for (AdmissionPeriod p : scheme.periods()) {
            ObjectNode po = periods.addObject();
            switch (p.kind()) {
                case DAILY -> {
                    po.put("TYPE", "DailyPeriod");
                    po.put("secondOfDay", ((AdmissionPeriod.DailyPeriod) p).secondOfDay());
                }
                case WEEKDAY -> {
                    po.put("TYPE", "WeekdayPeriod");
                    po.put("secondOfWeek", ((AdmissionPeriod.WeekdayPeriod) p).secondOfWeek());
                }
                case MONTHLY_DATE -> {
                    po.put("TYPE", "MonthlyDatePeriod");
                    po.put("secondOfMonth", ((AdmissionPeriod.MonthlyDatePeriod) p).secondOfMonth());
                }
                case MONTHLY_LAST_DATE -> {
                    po.put("TYPE", "MonthlyLastDatePeriod");
                    po.put("lastSecondOfMonth", ((AdmissionPeriod.MonthlyLastDatePeriod) p).lastSecondOfMonth());
                }
                case MONTHLY_WEEKDAY -> {
                    po.put("TYPE", "MonthlyWeekdayPeriod");
                    po.put("secondOfWeeks", ((AdmissionPeriod.MonthlyWeekdayPeriod) p).secondOfWeeks());
                }
                case MONTHLY_LAST_WEEKDAY -> {
                    po.put("TYPE", "MonthlyLastWeekdayPeriod");
                    po.put("secondOfWeeks", ((AdmissionPeriod.MonthlyLastWeekdayPeriod) p).secondOfWeeks());
                }
                case SPECIFIC_DATE -> {
                    po.put("TYPE", "SpecificDatePeriod");
                    po.put("secondsSinceLocalEpoch", ((AdmissionPeriod.SpecificDatePeriod) p).secondsSinceLocalEpoch());
                }
            }
            po.set("duration", EngineJson.seconds(p.duration()));
        }
        return o;
    }

    public static Checked<Schedule> decodeSchedule(JsonNode json) {
        return JsonCursor.decode(json, TimeJson::schedule);
    }

    public static ObjectNode encode(Schedule schedule) {
        ObjectNode o = EngineJson.object();
        ArrayNode schemes = o.putArray("schemes");
        for (Schedule.Scheme s : schedule.schemes()) {
            ObjectNode so = schemes.addObject();
            so.set("admissionTimeScheme", encode(s.admissionTimeScheme()));
            ObjectNode r = so.putObject("repeat");
            switch (s.repeat().kind()) {
                case PERIODIC -> {
                    Schedule.Periodic p = (Schedule.Periodic) s.repeat();
                    r.put("TYPE", "Periodic");
                    r.set("period", EngineJson.seconds(p.period()));
                    ArrayNode offsets = r.putArray("offsets");
                    p.offsets().forEach(d -> offsets.add(EngineJson.seconds(d)));
                }
                case TICKING -> {
                    r.put("TYPE", "Ticking");
                    r.set("interval", EngineJson.seconds(((Schedule.Ticking) s.repeat()).interval()));
                }
                case CONTINUOUS -> {
                    Schedule.Continuous c = (Schedule.Continuous) s.repeat();
                    r.put("TYPE", "Continuous");
                    r.set("pause", EngineJson.seconds(c.pause()));
                    c.limit().ifPresent(l -> r.put("limit", l));
                }
            }
        }
        return o;
    }

    static AdmissionTimeScheme admissionTimeScheme(JsonCursor c) {
        return new AdmissionTimeScheme(c.required("periods").list(TimeJson::period));
    }

    private static AdmissionPeriod period(JsonCursor c) {
        String type = c.type();
        switch (type) {
            case "DailyPeriod": {
                int second = c.required("secondOfDay").intValue();
                Duration duration = c.required("duration").seconds();
                return c.construct(() -> new AdmissionPeriod.DailyPeriod(second, duration));
            }
            case "WeekdayPeriod": {
                int second = c.required("secondOfWeek").intValue();
                Duration duration = c.required("duration").seconds();
                return c.construct(() -> new AdmissionPeriod.WeekdayPeriod(second, duration));
            }
            case "MonthlyDatePeriod": {
                int second = c.required("secondOfMonth").intValue();
                Duration duration = c.required("duration").seconds();
                return c.construct(() -> new AdmissionPeriod.MonthlyDatePeriod(second, duration));
            }
            case "MonthlyLastDatePeriod": {
                int second = c.required("lastSecondOfMonth").intValue();
                Duration duration = c.required("duration").seconds();
                return c.construct(() -> new AdmissionPeriod.MonthlyLastDatePeriod(second, duration));
            }
            case "MonthlyWeekdayPeriod": {
                int second = c.required("secondOfWeeks").intValue();
                Duration duration = c.required("duration").seconds();
                return c.construct(() -> new AdmissionPeriod.MonthlyWeekdayPeriod(second, duration));
            }
            case "MonthlyLastWeekdayPeriod": {
                int second = c.required("secondOfWeeks").intValue();
                Duration duration = c.required("duration").seconds();
                return c.construct(() -> new AdmissionPeriod.MonthlyLastWeekdayPeriod(second, duration));
            }
            case "SpecificDatePeriod": {
                long second = c.required("secondsSinceLocalEpoch").longValue();
                Duration duration = c.required("duration").seconds();
                return c.construct(() -> new AdmissionPeriod.SpecificDatePeriod(second, duration));
            }
            default:
                throw c.child("TYPE").fail("unknown admission period TYPE '" + type + "'");
        }
    }

    static Schedule schedule(JsonCursor c) {
        return new Schedule(c.required("schemes").list(s -> {
            AdmissionTimeScheme scheme = admissionTimeScheme(s.required("admissionTimeScheme"));
            Schedule.Repeat repeat = repeat(s.required("repeat"));
            return new Schedule.Scheme(scheme, repeat);
        }));
    }

    private static Schedule.Repeat repeat(JsonCursor c) {
        String type = c.type();
        switch (type) {
            case "Periodic": {
                Duration period = c.required("period").seconds();
                var offsets = c.required("offsets").list(JsonCursor::seconds);
                return c.construct(() -> new Schedule.Periodic(period, offsets));
            }
            case "Ticking": {
                Duration interval = c.required("interval").seconds();
                return c.construct(() -> new Schedule.Ticking(interval));
            }
            case "Continuous": {
                Duration pause = c.required("pause").seconds();
                Optional<Integer> limit = c.optional("limit").map(l -> {
                    int n = l.intValue();
                    if (n < 0) {
                        throw l.fail("limit must not be negative, found " + n);
                    }
                    return n;
                });
                return c.construct(() -> new Schedule.Continuous(pause, limit));
            }
            default:
                throw c.child("TYPE").fail("unknown Cycle repeat TYPE '" + type + "'");
        }
    }
}
