package io.jobwerk.cockpit.designer.form;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.motor.CycleCalculator;
import io.jobwerk.engine.order.CycleState;
import io.jobwerk.engine.time.AdmissionPeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.time.Schedule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A Cycle instruction's schedule as a form: schemes ({@link CycleSchemeForm}), each admission periods
 * with a Periodic, Ticking or Continuous repeat. {@link #problemProperty} names what is wrong and
 * where; {@link #preview} lists the next start times an order entering the Cycle at a given instant
 * would get, computed by the engine's own pure {@link CycleCalculator} (the form reads no clock).
 */
public final class CycleScheduleViewModel {

    private final ObservableList<CycleSchemeForm> schemes = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");

    public CycleScheduleViewModel(Schedule schedule) {
        schedule.schemes().forEach(s -> schemes.add(new CycleSchemeForm(s)));
    }

    public ObservableList<CycleSchemeForm> schemes() {
        return schemes;
    }

    public CycleSchemeForm addScheme() {
        CycleSchemeForm scheme = new CycleSchemeForm(new Schedule.Scheme(
                new AdmissionTimeScheme(List.of(new AdmissionPeriod.DailyPeriod(0, Duration.ofDays(1)))),
                new Schedule.Periodic(Duration.ofHours(1), List.of(Duration.ZERO))));
        schemes.add(scheme);
        return scheme;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    /** The schedule the form states, or the first problem ("Scheme 1, period 2, begin: …"). */
    public Checked<Schedule> schedule() {
        List<Schedule.Scheme> list = new ArrayList<>();
        for (int i = 0; i < schemes.size(); i++) {
            Checked<Schedule.Scheme> s = schemes.get(i).scheme("Scheme " + (i + 1));
            if (s.isFail()) {
                return report(Checked.fail(s.problemOption().orElseThrow()));
            }
            list.add(s.orThrow());
        }
        if (list.isEmpty()) {
            return report(TimeText.fail("Schedule", "needs at least one scheme"));
        }
        return report(Checked.ok(new Schedule(list)));
    }

    private Checked<Schedule> report(Checked<Schedule> checked) {
        problem.set(checked.problemOption().map(Problem::message).orElse(""));
        return checked;
    }

    /**
     * The first {@code count} cycle starts for an order entering the Cycle at {@code now}, each cycle
     * taken as ending when it starts (a Continuous cycle's pause then counts from its start). Fewer
     * when the Cycle ends before (its admission period is over, or a Continuous limit is reached).
     */
    public static List<Instant> preview(Schedule schedule, Instant now, ZoneId zone, boolean onlyOnePeriod, int count) {
        List<Instant> starts = new ArrayList<>();
        Optional<CycleState> cycle = CycleCalculator.first(schedule, now, zone);
        Instant clock = now;
        while (cycle.isPresent() && starts.size() < count) {
            Instant start = cycle.get().next().equals(Instant.EPOCH) ? clock : cycle.get().next();
            starts.add(start);
            clock = start;
            cycle = CycleCalculator.next(schedule, cycle.get(), start, zone, onlyOnePeriod);
        }
        return starts;
    }
}
