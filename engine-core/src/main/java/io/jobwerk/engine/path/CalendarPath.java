package io.jobwerk.engine.path;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** The path of an engine calendar (how a daily-plan date is derived from an OrderId). */
public record CalendarPath(String string) implements Comparable<CalendarPath> {

    public CalendarPath {
        Names.requirePath("CalendarPath", string);
    }

    public static Checked<CalendarPath> checked(String string) {
        return Names.checked(() -> new CalendarPath(string));
    }

    @Override
    public int compareTo(CalendarPath o) {
        return string.compareTo(o.string);
    }

    @Override
    public String toString() {
        return string;
    }
}
