package io.jobwerk.cockpit.boards;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A notice's end of life as the operator types it in the post form, in the operator's zone: empty
 * (the notice lives until deleted), a time from now ({@code +30m}, {@code +2h}, {@code +1d}), a time
 * today ({@code 18:00}) or a date and time ({@code 2026-12-08 06:00}). A time that is past is
 * refused (the Controller would delete the notice at once), naming what was typed.
 */
final class EndOfLifeText {

    private static final Pattern FROM_NOW = Pattern.compile("\\+\\s*(\\d{1,6})\\s*([mhd])");

    private EndOfLifeText() {}

    static Checked<Optional<Instant>> parse(String text, Instant now, ZoneId zone) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            return Checked.ok(Optional.empty());
        }
        Optional<Instant> at = fromNow(t, now).or(() -> atTime(t, now, zone));
        if (at.isEmpty()) {
            return Checked.fail(Problem.of("InvalidEndOfLife", "End of life '" + t
                    + "': give +30m, +2h, +1d, a time today (18:00) or a date and time (2026-12-08 06:00)"));
        }
        if (!at.get().isAfter(now)) {
            return Checked.fail(Problem.of("InvalidEndOfLife", "End of life '" + t + "' is past: the notice would be deleted at once"));
        }
        return Checked.ok(at);
    }

    private static Optional<Instant> fromNow(String t, Instant now) {
        Matcher m = FROM_NOW.matcher(t);
        if (!m.matches()) {
            return Optional.empty();
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
        return Optional.of(now.plus(d));
    }

    private static Optional<Instant> atTime(String t, Instant now, ZoneId zone) {
        try {
            if (t.length() <= 5) {
                return Optional.of(LocalDate.ofInstant(now, zone).atTime(LocalTime.parse(t.length() == 4 ? "0" + t : t)).atZone(zone).toInstant());
            }
            return Optional.of(LocalDateTime.parse(t.replace(' ', 'T')).atZone(zone).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
