package io.jobwerk.cockpit.designer.form;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One scheme of a Cycle's schedule as typed: its admission periods and how it repeats in them. All
 * repeat fields stay while the kind is switched, so switching back loses nothing; only the chosen
 * kind's fields are read.
 */
public final class CycleSchemeForm {

    private final AdmissionTimeViewModel admission;
    private final ObjectProperty<RepeatKind> repeat = new SimpleObjectProperty<>(RepeatKind.PERIODIC);
    private final StringProperty period = new SimpleStringProperty("1h");
    private final StringProperty offsets = new SimpleStringProperty("0s");
    private final StringProperty interval = new SimpleStringProperty("15m");
    private final StringProperty pause = new SimpleStringProperty("0s");
    private final StringProperty limit = new SimpleStringProperty("");

    CycleSchemeForm(Schedule.Scheme scheme) {
        admission = new AdmissionTimeViewModel(Optional.of(scheme.admissionTimeScheme()), false);
        switch (scheme.repeat().kind()) {
            case PERIODIC -> {
                Schedule.Periodic p = (Schedule.Periodic) scheme.repeat();
                repeat.set(RepeatKind.PERIODIC);
                period.set(TimeText.duration(p.period()));
                offsets.set(String.join(", ", p.offsets().stream().map(TimeText::duration).toList()));
            }
            case TICKING -> {
                repeat.set(RepeatKind.TICKING);
                interval.set(TimeText.duration(((Schedule.Ticking) scheme.repeat()).interval()));
            }
            case CONTINUOUS -> {
                Schedule.Continuous c = (Schedule.Continuous) scheme.repeat();
                repeat.set(RepeatKind.CONTINUOUS);
                pause.set(TimeText.duration(c.pause()));
                limit.set(c.limit().map(String::valueOf).orElse(""));
            }
        }
    }

    public AdmissionTimeViewModel admission() {
        return admission;
    }

    public ObjectProperty<RepeatKind> repeatProperty() {
        return repeat;
    }

    public StringProperty periodProperty() {
        return period;
    }

    public StringProperty offsetsProperty() {
        return offsets;
    }

    public StringProperty intervalProperty() {
        return interval;
    }

    public StringProperty pauseProperty() {
        return pause;
    }

    public StringProperty limitProperty() {
        return limit;
    }

    Checked<Schedule.Scheme> scheme(String where) {
        return admission.periods(where + ", period").flatMap(periods -> {
            if (periods.isEmpty()) {
                return TimeText.fail(where, "needs at least one admission period");
            }
            return repeat(where).map(r -> new Schedule.Scheme(new AdmissionTimeScheme(periods), r));
        });
    }

    private Checked<Schedule.Repeat> repeat(String where) {
        return switch (repeat.get()) {
            case PERIODIC -> TimeText.duration(where + ", period", period.get(), false).flatMap(p ->
                    offsets(where + ", offsets").flatMap(o -> o.stream().anyMatch(d -> d.compareTo(p) >= 0)
                            ? TimeText.fail(where + ", offsets", "each offset must be shorter than the period " + TimeText.duration(p))
                            : Checked.ok(new Schedule.Periodic(p, o))));
            case TICKING -> TimeText.duration(where + ", interval", interval.get(), false).map(Schedule.Ticking::new);
            case CONTINUOUS -> TimeText.duration(where + ", pause", pause.get(), true).flatMap(p -> limit(where + ", limit")
                    .map(l -> new Schedule.Continuous(p, l)));
        };
    }

    private Checked<List<Duration>> offsets(String field) {
        List<Duration> list = new ArrayList<>();
        if (offsets.get().isBlank()) {
            return TimeText.fail(field, "at least one is required, e.g. 0m, 30m");
        }
        for (String part : offsets.get().split(",")) {
            Checked<Duration> d = TimeText.duration(field, part, true);
            if (d.isFail()) {
                return Checked.fail(d.problemOption().orElseThrow());
            }
            list.add(d.orThrow());
        }
        return Checked.ok(list);
    }

    private Checked<Optional<Integer>> limit(String field) {
        String t = limit.get().strip();
        if (t.isEmpty()) {
            return Checked.ok(Optional.empty());
        }
        try {
            int n = Integer.parseInt(t);
            if (n >= 1) {
                return Checked.ok(Optional.of(n));
            }
        } catch (NumberFormatException e) {
            // named below
        }
        return TimeText.fail(field, "'" + t + "' is not a number of cycles (1 or more, empty for no limit)");
    }
}
