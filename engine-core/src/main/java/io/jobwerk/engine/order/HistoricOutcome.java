package io.jobwerk.engine.order;

import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.workflow.Position;
import java.util.Objects;

/** The outcome an order had at a position: its history, read by {@code variable(…, label=…)}. */
public record HistoricOutcome(Position position, Outcome outcome) {
    public HistoricOutcome {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(outcome, "outcome");
    }
}
