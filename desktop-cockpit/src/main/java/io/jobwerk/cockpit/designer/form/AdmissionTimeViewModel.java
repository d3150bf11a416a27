package io.jobwerk.cockpit.designer.form;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.time.AdmissionPeriod;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The admission times of a job or an {@code AdmissionTime} block as a form: lines of periods
 * ({@link PeriodRow}) and "skip if not admitted on the order's day". Every change is checked at once:
 * {@link #problemProperty} names the line and field that is wrong, {@link #summaryProperty} reads
 * the valid scheme back ("Mon–Fri 08:00–18:00"). No lines means no scheme: always admitted.
 */
public final class AdmissionTimeViewModel {

    private final ObservableList<PeriodRow> rows = FXCollections.observableArrayList(
            r -> new Observable[] {r.kindProperty(), r.daysProperty(), r.beginProperty(), r.durationProperty()});
    private final BooleanProperty skipIfNoAdmissionForOrderDay = new SimpleBooleanProperty(false);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public AdmissionTimeViewModel(Optional<AdmissionTimeScheme> scheme, boolean skipIfNoAdmissionForOrderDay) {
        scheme.ifPresent(s -> rows.setAll(PeriodRow.rowsOf(s.periods())));
        this.skipIfNoAdmissionForOrderDay.set(skipIfNoAdmissionForOrderDay);
        rows.addListener((javafx.collections.ListChangeListener<PeriodRow>) c -> check());
        check();
    }

    public ObservableList<PeriodRow> rows() {
        return rows;
    }

    public BooleanProperty skipIfNoAdmissionForOrderDayProperty() {
        return skipIfNoAdmissionForOrderDay;
    }

    /** Empty when the form is valid, else what is wrong and where ("Period 2, begin: …"). */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Adds a line like the last one (or Mon–Fri 08:00 for 10h) for the operator to change. */
    public PeriodRow addRow() {
        PeriodRow row = rows.isEmpty() ? new PeriodRow(PeriodKind.WEEKDAY, "Mon–Fri", "08:00", "10h")
                : new PeriodRow(rows.get(rows.size() - 1).kindProperty().get(), "", "08:00", "1h");
        rows.add(row);
        return row;
    }

    /** The scheme the form states; empty when it has no lines. */
    public Checked<Optional<AdmissionTimeScheme>> scheme() {
        return periods("Period").map(periods -> periods.isEmpty() ? Optional.empty() : Optional.of(new AdmissionTimeScheme(periods)));
    }

    Checked<List<AdmissionPeriod>> periods(String linePrefix) {
        List<AdmissionPeriod> periods = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Checked<List<AdmissionPeriod>> line = rows.get(i).periods(linePrefix + " " + (i + 1));
            if (line.isFail()) {
                return Checked.fail(line.problemOption().orElseThrow());
            }
            periods.addAll(line.orThrow());
        }
        return Checked.ok(periods);
    }

    private void check() {
        Checked<Optional<AdmissionTimeScheme>> scheme = scheme();
        problem.set(scheme.problemOption().map(Problem::message).orElse(""));
        summary.set(scheme.toOptional().map(s -> s.map(AdmissionTimeViewModel::summary).orElse("Always admitted")).orElse(""));
    }

    /** A readable summary of a scheme: {@code Mon–Fri 08:00–18:00; last day 22:00–23:00}. */
    public static String summary(AdmissionTimeScheme scheme) {
        List<String> parts = new ArrayList<>();
        for (PeriodRow row : PeriodRow.rowsOf(scheme.periods())) {
            String days = row.daysProperty().get();
            String when = switch (row.kindProperty().get()) {
                case DAILY -> "Daily";
                case WEEKDAY -> days;
                case MONTHDAY -> "Day " + days + " of the month";
                case ULTIMO -> days.equals("1") ? "Last day of the month" : "Day " + days + " before month end";
                case NTH_WEEKDAY, NTH_LAST_WEEKDAY -> days + " of the month";
                case DATE -> days;
            };
            parts.add(when + " " + window(row.beginProperty().get(), row.durationProperty().get()));
        }
        return String.join("; ", parts);
    }

    private static String window(String begin, String durationText) {
        int start = TimeText.clock("begin", begin).orThrow();
        long seconds = TimeText.duration("duration", durationText, false).orThrow().getSeconds();
        if (seconds >= 86400) {
            return begin + " for " + durationText;
        }
        long end = (start + seconds) % 86400;
        return begin + "–" + TimeText.clock((int) end) + (start + seconds > 86400 ? " (next day)" : "");
    }
}
