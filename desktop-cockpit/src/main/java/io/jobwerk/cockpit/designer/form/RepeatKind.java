package io.jobwerk.cockpit.designer.form;

/** How a Cycle repeats inside an admission period, as the form names it. */
public enum RepeatKind {
    PERIODIC("Periodic (at offsets in each period)"),
    TICKING("Ticking (every interval)"),
    CONTINUOUS("Continuous (pause after each cycle)");

    private final String label;

    RepeatKind(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
