package io.jobwerk.engine.calendar;

import java.time.LocalDate;
import java.util.function.Predicate;

/**
 * The days that month days and ultimos count in. In a calendar every day counts ({@link #ALL_DAYS});
 * in a schedule's restriction only the calendar's own days do, so "the 1st" is the month's first
 * working day and "the last Friday" the last working Friday.
 */
public final class DayBase {

    public static final DayBase ALL_DAYS = new DayBase(d -> true);

    private final Predicate<LocalDate> member;

    private DayBase(Predicate<LocalDate> member) {
        this.member = member;
    }

    public static DayBase of(Predicate<LocalDate> member) {
        return new DayBase(member);
    }

    public boolean contains(LocalDate day) {
        return member.test(day);
    }

    /** 1 for the month's first member day; the day itself need not be a member. */
    int indexInMonth(LocalDate day) {
        int n = 0;
        for (LocalDate d = day.withDayOfMonth(1); !d.isAfter(day); d = d.plusDays(1)) {
            if (member.test(d)) {
                n++;
            }
        }
        return n;
    }

    /** 1 for the month's last member day. */
    int indexFromMonthEnd(LocalDate day) {
        int n = 0;
        for (LocalDate d = day.withDayOfMonth(day.lengthOfMonth()); !d.isBefore(day); d = d.minusDays(1)) {
            if (member.test(d)) {
                n++;
            }
        }
        return n;
    }

    /** 1 for the month's first member day of this day's weekday. */
    int weekdayIndexInMonth(LocalDate day) {
        int n = 0;
        for (LocalDate d = day; d.getMonth() == day.getMonth(); d = d.minusWeeks(1)) {
            if (member.test(d)) {
                n++;
            }
        }
        return n;
    }

    /** 1 for the month's last member day of this day's weekday. */
    int weekdayIndexFromMonthEnd(LocalDate day) {
        int n = 0;
        for (LocalDate d = day; d.getMonth() == day.getMonth(); d = d.plusWeeks(1)) {
            if (member.test(d)) {
                n++;
            }
        }
        return n;
    }
}
