package io.jobwerk.cockpit.designer.form;

/** The kinds of admission period the form offers, each with what its "days" field means. */
public enum PeriodKind {
    DAILY("Every day", ""),
    WEEKDAY("Weekdays", "e.g. Mon–Fri or Mon, Wed"),
    MONTHDAY("Month days", "e.g. 1, 15 or 1–5"),
    ULTIMO("Month end", "1 = last day, 2 = second-to-last"),
    NTH_WEEKDAY("Nth weekday", "e.g. 2nd Thu, 1st Mon"),
    NTH_LAST_WEEKDAY("Nth last weekday", "e.g. last Fri, 2nd last Mon"),
    DATE("Dates", "e.g. 2026-12-24");

    private final String label;
    private final String daysHint;

    PeriodKind(String label, String daysHint) {
        this.label = label;
        this.daysHint = daysHint;
    }

    public String daysHint() {
        return daysHint;
    }

    @Override
    public String toString() {
        return label;
    }
}
