package io.jobwerk.engine.outcome;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The outcome of a job step or instruction, as JS7's {@code OrderOutcome}. */
public sealed interface Outcome
        permits Outcome.Completed, Outcome.TimedOut, Outcome.Killed, Outcome.Caught, Outcome.Disrupted {

    enum Kind { SUCCEEDED, FAILED, TIMED_OUT, KILLED, CAUGHT, DISRUPTED }

    Kind kind();

    boolean isSucceeded();

    /** The values a step returned, including {@code returnCode} for processes. */
    default Map<String, Value> namedValues() {
        return Map.of();
    }

    /** An outcome that ends a process: Succeeded or Failed. */
    sealed interface Completed extends Outcome permits Succeeded, Failed {}

    record Succeeded(Map<String, Value> namedValues) implements Completed {
        public Succeeded {
            namedValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namedValues));
        }

        @Override
        public Kind kind() {
            return Kind.SUCCEEDED;
        }

        @Override
        public boolean isSucceeded() {
            return true;
        }
    }

    record Failed(Optional<String> message, Map<String, Value> namedValues, boolean uncatchable) implements Completed {
        public Failed {
            Objects.requireNonNull(message, "message");
            namedValues = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(namedValues));
        }

        public Failed(Optional<String> message, Map<String, Value> namedValues) {
            this(message, namedValues, false);
        }

        @Override
        public Kind kind() {
            return Kind.FAILED;
        }

        @Override
        public boolean isSucceeded() {
            return false;
        }
    }

    /** The process was killed because it exceeded the job's timeout. */
    record TimedOut(Completed outcome) implements Outcome {
        public TimedOut {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public Kind kind() {
            return Kind.TIMED_OUT;
        }

        @Override
        public boolean isSucceeded() {
            return false;
        }

        @Override
        public Map<String, Value> namedValues() {
            return outcome.namedValues();
        }
    }

    /** The process was killed on command (cancel or suspend with kill). */
    record Killed(Completed outcome) implements Outcome {
        public Killed {
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public Kind kind() {
            return Kind.KILLED;
        }

        @Override
        public boolean isSucceeded() {
            return false;
        }

        @Override
        public Map<String, Value> namedValues() {
            return outcome.namedValues();
        }
    }

    /** Recorded when a failure was caught by a Try block. */
    record Caught() implements Outcome {
        @Override
        public Kind kind() {
            return Kind.CAUGHT;
        }

        @Override
        public boolean isSucceeded() {
            return true;
        }
    }

    /** The step could not complete: its process was lost (then the job restarts) or another problem occurred. */
    record Disrupted(DisruptedReason reason, boolean uncatchable) implements Outcome {
        public Disrupted {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Kind kind() {
            return Kind.DISRUPTED;
        }

        @Override
        public boolean isSucceeded() {
            return false;
        }
    }

    sealed interface DisruptedReason permits ProcessLost, OtherProblem {}

    record ProcessLost(Optional<Problem> problem) implements DisruptedReason {
        public ProcessLost {
            Objects.requireNonNull(problem, "problem");
        }
    }

    record OtherProblem(Problem problem) implements DisruptedReason {
        public OtherProblem {
            Objects.requireNonNull(problem, "problem");
        }
    }

    // No constants of the records here: initialising this interface would then construct a Succeeded,
    // whose initialisation needs this interface (it has default methods), so two threads doing one each
    // (two job processes ending at once in a fresh JVM) deadlocked. Records compare by value.

    /** Succeeded without values. */
    static Succeeded succeeded() {
        return new Succeeded(Map.of());
    }

    /** Failed without message or values. */
    static Failed failed() {
        return new Failed(Optional.empty(), Map.of());
    }

    static Caught caught() {
        return new Caught();
    }

    static Succeeded succeeded(int returnCode) {
        return new Succeeded(Map.of("returnCode", Value.of(returnCode)));
    }

    static Failed failed(String message) {
        return new Failed(Optional.of(message), Map.of());
    }

    static Failed failed(int returnCode) {
        return new Failed(Optional.empty(), Map.of("returnCode", Value.of(returnCode)));
    }

    /** The process return code of a process outcome, if it has one. */
    default Optional<BigDecimal> returnCode() {
        return namedValues().get("returnCode") instanceof Value.NumberValue n ? Optional.of(n.number()) : Optional.empty();
    }
}
