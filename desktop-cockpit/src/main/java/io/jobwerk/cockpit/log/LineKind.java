package io.jobwerk.cockpit.log;

/** What a line of an order's log is: a step's opening or closing line, or a line the job wrote. */
public enum LineKind {
    STEP_STARTED("log-step"), STEP_ENDED("log-step-end"), STDOUT("log-stdout"), STDERR("log-stderr");

    private final String styleClass;

    LineKind(String styleClass) {
        this.styleClass = styleClass;
    }

    public String styleClass() {
        return styleClass;
    }
}
