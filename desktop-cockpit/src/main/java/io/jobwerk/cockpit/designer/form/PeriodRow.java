package io.jobwerk.cockpit.designer.form;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.time.AdmissionPeriod;
import java.time.DayOfWeek;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One line of the admission-time form as the operator types it: a kind, its days ({@code Mon–Fri},
 * {@code 1, 15}), a begin time and a duration. One line may stand for several engine periods (one
 * per day), and consecutive periods that differ only in their day are read back as one line, so a
 * scheme round-trips through the form in its order.
 */
public final class PeriodRow {
    private static final int DAY = 86400;

    private final ObjectProperty<PeriodKind> kind = new SimpleObjectProperty<>(PeriodKind.WEEKDAY);
    private final StringProperty days = new SimpleStringProperty("");
    private final StringProperty begin = new SimpleStringProperty("");
    private final StringProperty duration = new SimpleStringProperty("");

    public PeriodRow(PeriodKind kind, String days, String begin, String duration) {
        this.kind.set(kind);
        this.days.set(days);
        this.begin.set(begin);
        this.duration.set(duration);
    }

    public ObjectProperty<PeriodKind> kindProperty() {
        return kind;
    }

    public StringProperty daysProperty() {
        return days;
    }

    public StringProperty beginProperty() {
        return begin;
    }

    public StringProperty durationProperty() {
        return duration;
    }

    /** The engine's periods of this line; a problem names the line ({@code where}) and the field. */
    Checked<List<AdmissionPeriod>> periods(String where) {
        return TimeText.clock(where + ", begin", begin.get()).flatMap(secondOfDay ->
                TimeText.duration(where + ", duration", duration.get(), false).flatMap(d -> MonthDays.isNamedDays(kind.get())
                        ? namedDays(where + ", days", secondOfDay, d)
                        : dayNumbers(where + ", days").flatMap(numbers -> {
                            List<AdmissionPeriod> periods = new ArrayList<>();
                            for (int n : numbers) {
                                periods.add(period(n, secondOfDay, d));
                            }
                            return Checked.ok(periods);
                        })));
    }

    private AdmissionPeriod period(int day, int secondOfDay, Duration d) {
        return switch (kind.get()) {
            case DAILY -> new AdmissionPeriod.DailyPeriod(secondOfDay, d);
            case WEEKDAY -> new AdmissionPeriod.WeekdayPeriod((day - 1) * DAY + secondOfDay, d);
            case MONTHDAY -> new AdmissionPeriod.MonthlyDatePeriod((day - 1) * DAY + secondOfDay, d);
            case ULTIMO -> new AdmissionPeriod.MonthlyLastDatePeriod(-day * DAY + secondOfDay, d);
            case NTH_WEEKDAY, NTH_LAST_WEEKDAY, DATE -> throw new IllegalStateException("named, not numbered days: " + kind.get());
        };
    }

    /** The periods of days named one by one ({@link MonthDays}), in the order typed. */
    private Checked<List<AdmissionPeriod>> namedDays(String field, int secondOfDay, Duration d) {
        String text = days.get().strip();
        if (text.isEmpty()) {
            return TimeText.fail(field, "are required, " + kind.get().daysHint());
        }
        List<AdmissionPeriod> periods = new ArrayList<>();
        for (String part : text.split(",")) {
            Checked<AdmissionPeriod> p = MonthDays.period(kind.get(), field, part, secondOfDay, d);
            if (p.isFail()) {
                return Checked.fail(p.problemOption().orElseThrow());
            }
            if (periods.contains(p.orThrow())) {
                return TimeText.fail(field, "name a day only once");
            }
            periods.add(p.orThrow());
        }
        return Checked.ok(periods);
    }

    /** The days as numbers (Monday = 1, the 1st = 1, the last day = 1), in the order typed. */
    private Checked<List<Integer>> dayNumbers(String field) {
        PeriodKind k = kind.get();
        if (k == PeriodKind.DAILY) {
            return Checked.ok(List.of(0));
        }
        int max = switch (k) {
            case WEEKDAY -> 7;
            case MONTHDAY -> 31;
            default -> 28;
        };
        List<Integer> numbers = new ArrayList<>();
        String text = days.get().strip();
        if (text.isEmpty()) {
            return TimeText.fail(field, "are required, " + k.daysHint());
        }
        for (String part : text.split(",")) {
            String[] range = part.strip().split("\\s*[-–]\\s*", -1);
            if (range.length > 2) {
                return TimeText.fail(field, "'" + part.strip() + "' is not a day or a range");
            }
            Checked<Integer> from = day(field, range[0], max);
            Checked<Integer> to = range.length == 2 ? day(field, range[1], max) : from;
            if (from.isFail() || to.isFail()) {
                return Checked.fail((from.isFail() ? from : to).problemOption().orElseThrow());
            }
            int a = from.orThrow();
            int b = to.orThrow();
            for (int n = a; ; n = n % max + 1) { // a weekday range may wrap: Sat–Mon
                if (numbers.contains(n)) {
                    return TimeText.fail(field, "name a day only once");
                }
                numbers.add(n);
                if (n == b) {
                    break;
                }
                if (k != PeriodKind.WEEKDAY && n == max) {
                    return TimeText.fail(field, "'" + part.strip() + "' runs backwards");
                }
            }
        }
        return Checked.ok(numbers);
    }

    private Checked<Integer> day(String field, String text, int max) {
        if (kind.get() == PeriodKind.WEEKDAY) {
            return TimeText.weekday(field, text).map(DayOfWeek::getValue);
        }
        try {
            int n = Integer.parseInt(text.strip());
            if (n >= 1 && n <= max) {
                return Checked.ok(n);
            }
        } catch (NumberFormatException e) {
            // named below
        }
        return TimeText.fail(field, "'" + text.strip() + "' is not a day number from 1 to " + max);
    }

    /** The lines of a scheme's periods, merging runs of consecutive days with the same time. */
    static List<PeriodRow> rowsOf(List<AdmissionPeriod> periods) {
        List<PeriodRow> rows = new ArrayList<>();
        int i = 0;
        while (i < periods.size()) {
            Day first = Day.of(periods.get(i));
            int j = i + 1;
            Day last = first;
            while (j < periods.size()) {
                Day next = Day.of(periods.get(j));
                boolean named = MonthDays.isNamedDays(first.kind);
                if (next.kind != first.kind || first.kind == PeriodKind.DAILY || next.secondOfDay != first.secondOfDay
                        || !next.duration.equals(first.duration) || !named && next.number != last.number + 1) {
                    break;
                }
                last = next;
                j++;
            }
            String days = first.kind == PeriodKind.DAILY ? ""
                    : MonthDays.isNamedDays(first.kind) ? String.join(", ", periods.subList(i, j).stream().map(p -> Day.of(p).name()).toList())
                    : first.number == last.number ? first.name()
                    : first.name() + (last.number == first.number + 1 ? ", " : "–") + last.name();
            rows.add(new PeriodRow(first.kind, days, TimeText.clock(first.secondOfDay), TimeText.duration(first.duration)));
            i = j;
        }
        return rows;
    }

    /** A period read as the form's kind, day number and time of day. */
    record Day(PeriodKind kind, int number, int secondOfDay, Duration duration, String name) {
        Day(PeriodKind kind, int number, int secondOfDay, Duration duration) {
            this(kind, number, secondOfDay, duration, kind == PeriodKind.WEEKDAY ? TimeText.weekday(DayOfWeek.of(number)) : Integer.toString(number));
        }

        static Day of(AdmissionPeriod p) {
            return switch (p.kind()) {
                case DAILY -> new Day(PeriodKind.DAILY, 0, ((AdmissionPeriod.DailyPeriod) p).secondOfDay(), p.duration());
                case WEEKDAY -> {
                    int s = ((AdmissionPeriod.WeekdayPeriod) p).secondOfWeek();
                    yield new Day(PeriodKind.WEEKDAY, s / DAY + 1, s % DAY, p.duration());
                }
                case MONTHLY_DATE -> {
                    int s = ((AdmissionPeriod.MonthlyDatePeriod) p).secondOfMonth();
                    yield new Day(PeriodKind.MONTHDAY, s / DAY + 1, s % DAY, p.duration());
                }
                case MONTHLY_LAST_DATE -> {
                    int s = ((AdmissionPeriod.MonthlyLastDatePeriod) p).lastSecondOfMonth();
                    int n = (-s + DAY - 1) / DAY;
                    yield new Day(PeriodKind.ULTIMO, n, s + n * DAY, p.duration());
                }
                case MONTHLY_WEEKDAY -> {
                    var m = (AdmissionPeriod.MonthlyWeekdayPeriod) p;
                    yield new Day(PeriodKind.NTH_WEEKDAY, 0, m.secondOfDay(), p.duration(), MonthDays.name(m.nth(), m.dayOfWeek(), false));
                }
                case MONTHLY_LAST_WEEKDAY -> {
                    var m = (AdmissionPeriod.MonthlyLastWeekdayPeriod) p;
                    yield new Day(PeriodKind.NTH_LAST_WEEKDAY, 0, m.secondOfDay(), p.duration(), MonthDays.name(m.nthLast(), m.dayOfWeek(), true));
                }
                case SPECIFIC_DATE -> {
                    var start = ((AdmissionPeriod.SpecificDatePeriod) p).start();
                    yield new Day(PeriodKind.DATE, 0, start.toLocalTime().toSecondOfDay(), p.duration(), start.toLocalDate().toString());
                }
            };
        }
    }
}
