package io.jobwerk.cockpit.designer.form;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the forms read and write times as the operator types them: a clock time {@code 08:00} or
 * {@code 08:00:30}, a duration {@code 1h30m}, {@code 90m}, {@code 2d}, {@code 45s} or {@code 10:00}
 * (hours and minutes), a weekday {@code Mon}…{@code Sun} (or its full English name). A problem names
 * the field it was given, so the form can say where.
 */
final class TimeText {
    private TimeText() {}

    private static final Pattern CLOCK = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern UNITS = Pattern.compile("(?:(\\d+)d)?\\s*(?:(\\d+)h)?\\s*(?:(\\d+)m)?\\s*(?:(\\d+)s)?");

    /** Seconds since midnight of a clock time {@code HH:MM[:SS]} before 24:00. */
    static Checked<Integer> clock(String field, String text) {
        Matcher m = CLOCK.matcher(text.strip());
        if (!m.matches()) {
            return fail(field, "'" + text.strip() + "' is not a time of day (HH:MM)");
        }
        int h = Integer.parseInt(m.group(1));
        int min = Integer.parseInt(m.group(2));
        int s = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        if (h > 23 || min > 59 || s > 59) {
            return fail(field, "'" + text.strip() + "' is not a time of day (00:00 to 23:59)");
        }
        return Checked.ok(h * 3600 + min * 60 + s);
    }

    /** A positive duration; {@code allowZero} for a pause or an offset. */
    static Checked<Duration> duration(String field, String text, boolean allowZero) {
        String t = text.strip();
        Duration d;
        Matcher clock = CLOCK.matcher(t);
        Matcher units = UNITS.matcher(t);
        if (clock.matches()) {
            d = Duration.ofHours(Long.parseLong(clock.group(1))).plusMinutes(Long.parseLong(clock.group(2)))
                    .plusSeconds(clock.group(3) == null ? 0 : Long.parseLong(clock.group(3)));
        } else if (t.matches("\\d+")) {
            return fail(field, "'" + t + "' needs a unit, e.g. " + t + "m or " + t + "h");
        } else if (!t.isEmpty() && units.matches()) {
            d = Duration.ofDays(number(units.group(1))).plusHours(number(units.group(2)))
                    .plusMinutes(number(units.group(3))).plusSeconds(number(units.group(4)));
        } else {
            return fail(field, t.isEmpty() ? "is required, e.g. 1h30m" : "'" + t + "' is not a duration, e.g. 1h30m, 90m, 2d or 10:00");
        }
        if (d.isZero() && !allowZero) {
            return fail(field, "must be longer than zero");
        }
        return Checked.ok(d);
    }

    static Checked<DayOfWeek> weekday(String field, String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String full = d.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
            if (t.length() >= 2 && full.startsWith(t)) {
                return Checked.ok(d);
            }
        }
        return fail(field, "'" + text.strip() + "' is not a weekday (Mon … Sun)");
    }

    static String weekday(DayOfWeek day) {
        return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH);
    }

    static String clock(int secondOfDay) {
        int h = secondOfDay / 3600;
        int m = secondOfDay / 60 % 60;
        int s = secondOfDay % 60;
        return s == 0 ? String.format("%02d:%02d", h, m) : String.format("%02d:%02d:%02d", h, m, s);
    }

    /** The shortest unit form: {@code 1h30m}, {@code 2d}, {@code 45s}, {@code 0s}. */
    static String duration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        long s = d.getSeconds();
        StringBuilder b = new StringBuilder();
        append(b, s / 86400, "d");
        append(b, s / 3600 % 24, "h");
        append(b, s / 60 % 60, "m");
        append(b, s % 60, "s");
        return b.toString();
    }

    private static void append(StringBuilder b, long n, String unit) {
        if (n > 0) {
            b.append(n).append(unit);
        }
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    static <T> Checked<T> fail(String field, String message) {
        return Checked.fail(Problem.of("InvalidField", field + ": " + message, java.util.Map.of("field", field)));
    }
}
