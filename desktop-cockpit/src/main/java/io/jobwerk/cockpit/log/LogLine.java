package io.jobwerk.cockpit.log;

/** One line of an order's log as the viewer shows it; {@code section} is the index of its step, -1 before the first. */
public record LogLine(int number, LineKind kind, String text, int section) {

    /** As the history writes it: stderr lines marked {@code [stderr] }. */
    public String asLogText() {
        return kind == LineKind.STDERR ? LogFormat.STDERR_MARK + text : text;
    }
}
