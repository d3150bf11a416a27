package io.jobwerk.engine.order;

import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.workflow.Position;
import java.util.Objects;

/** An edit of an order's historic outcomes, given with {@code ResumeOrder}. */
public sealed interface HistoryOperation {

    /** Replace the outcome recorded at {@code position}. */
    record Replace(Position position, Outcome outcome) implements HistoryOperation {
        public Replace {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Insert an outcome before the one recorded at {@code before}. */
    record Insert(Position before, Position position, Outcome outcome) implements HistoryOperation {
        public Insert {
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** Delete the outcome recorded at {@code position}. */
    record Delete(Position position) implements HistoryOperation {
        public Delete {
            Objects.requireNonNull(position, "position");
        }
    }

    /** Append an outcome at the end. */
    record Append(Position position, Outcome outcome) implements HistoryOperation {
        public Append {
            Objects.requireNonNull(position, "position");
            Objects.requireNonNull(outcome, "outcome");
        }
    }
}
