package io.jobwerk.cockpit.plan;

import java.time.LocalDate;

/**
 * A day of the month view: its stored plan's orders by state ({@code planned}, {@code submitted},
 * {@code finished}) and how many the deployed schedules would plan ({@code projected}, for days
 * not planned yet); {@code inMonth} false for the days before and after the month that fill its weeks.
 */
public record PlanDay(LocalDate date, int planned, int submitted, int finished, int projected, boolean inMonth) {

    public int stored() {
        return planned + submitted + finished;
    }

    public boolean isProjectionOnly() {
        return stored() == 0 && projected > 0;
    }
}
