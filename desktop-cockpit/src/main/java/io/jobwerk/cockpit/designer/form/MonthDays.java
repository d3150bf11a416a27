package io.jobwerk.cockpit.designer.form;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.time.AdmissionPeriod;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days of the form's kinds that name each day rather than number a range: the n-th weekday of the
 * month ({@code 2nd Thu}, {@code Mon} = the first), the n-th last ({@code last Fri}, {@code 2nd last Mon})
 * and dates ({@code 2026-12-24}); each day is one engine period at the line's time.
 */
final class MonthDays {
    private MonthDays() {}

    private static final Pattern NTH_WEEKDAY = Pattern.compile("(?:([1-4])(?:st|nd|rd|th)?\\s+)?(last\\s+)?(\\p{Alpha}+)", Pattern.CASE_INSENSITIVE);

    /** The period one named day of this kind stands for, or why the text is not such a day. */
    static Checked<AdmissionPeriod> period(PeriodKind kind, String field, String text, int secondOfDay, Duration duration) {
        String t = text.strip();
        if (kind == PeriodKind.DATE) {
            try {
                return Checked.ok(AdmissionPeriod.SpecificDatePeriod.of(LocalDate.parse(t).atStartOfDay().plusSeconds(secondOfDay), duration));
            } catch (DateTimeParseException e) {
                return TimeText.fail(field, "'" + t + "' is not a date (YYYY-MM-DD)");
            }
        }
        boolean fromEnd = kind == PeriodKind.NTH_LAST_WEEKDAY;
        Matcher m = NTH_WEEKDAY.matcher(t);
        if (!m.matches() || !fromEnd && m.group(2) != null) { // from the end, "last" may be left out
            return TimeText.fail(field, "'" + t + "' is not " + (fromEnd ? "a weekday from the month's end, e.g. last Fri or 2nd last Mon"
                    : "a weekday of the month, e.g. 2nd Thu (1st to 4th)"));
        }
        int nth = m.group(1) == null ? 1 : Integer.parseInt(m.group(1));
        return TimeText.weekday(field, m.group(3)).map(day -> fromEnd
                ? AdmissionPeriod.MonthlyLastWeekdayPeriod.of(nth, day, secondOfDay, duration)
                : AdmissionPeriod.MonthlyWeekdayPeriod.of(nth, day, secondOfDay, duration));
    }

    /** How the form names an n-th weekday: {@code 2nd Thu}, {@code last Fri}, {@code 2nd last Mon}. */
    static String name(int nth, DayOfWeek day, boolean fromEnd) {
        String ordinal = nth + switch (nth) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return fromEnd ? (nth == 1 ? "" : ordinal + " ") + "last " + TimeText.weekday(day) : ordinal + " " + TimeText.weekday(day);
    }

    static boolean isNamedDays(PeriodKind kind) {
        return kind == PeriodKind.NTH_WEEKDAY || kind == PeriodKind.NTH_LAST_WEEKDAY || kind == PeriodKind.DATE;
    }
}
