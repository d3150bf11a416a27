package io.jobwerk.engine.state;

import io.jobwerk.engine.base.Problem;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether this node is coupled with a peer (a Controller with an Agent, a Director with a Subagent),
 * since when and, when not, why: JS7's {@code AgentRefState.couplingState} and {@code problem},
 * folded from {@code AgentCoupled}/{@code AgentReady}/{@code AgentCouplingFailed} and the Subagent
 * equivalents. A failure keeps the time of the first failure while only its problem changes.
 *
 * @param since when the status began (the coupling event's time); empty for an event without a time
 * @param problem the last coupling failure, empty while coupled
 */
public record CouplingState(Status status, Optional<Instant> since, Optional<Problem> problem) {

    /** JS7's couplingState TYPEs this node knows: {@code Coupled}, {@code CouplingFailed}. */
    public enum Status {
        COUPLED("Coupled"), COUPLING_FAILED("CouplingFailed");

        private final String typeName;

        Status(String typeName) {
            this.typeName = typeName;
        }

        public String typeName() {
            return typeName;
        }
    }

    public CouplingState {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(problem, "problem");
    }

    public static CouplingState coupled(Optional<Instant> since) {
        return new CouplingState(Status.COUPLED, since, Optional.empty());
    }

    public boolean isCoupled() {
        return status == Status.COUPLED;
    }

    /** The state after a coupling failure with {@code problem} at {@code at}: a failure already going on keeps its start. */
    public static CouplingState failed(Optional<CouplingState> before, Problem problem, Optional<Instant> at) {
        Optional<Instant> since = before.filter(b -> b.status == Status.COUPLING_FAILED).map(b -> b.since.or(() -> at)).orElse(at);
        return new CouplingState(Status.COUPLING_FAILED, since, Optional.of(problem));
    }
}
