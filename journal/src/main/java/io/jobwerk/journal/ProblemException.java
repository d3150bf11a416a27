package io.jobwerk.journal;

import io.jobwerk.engine.base.Problem;
import java.util.Objects;

/**
 * Carries a {@link Problem} through a {@link java.util.concurrent.CompletableFuture} or out of
 * {@link Journal#open}: the edge where a domain error has to become an exception.
 */
public final class ProblemException extends RuntimeException {
    private final Problem problem;

    public ProblemException(Problem problem) {
        super(Objects.requireNonNull(problem, "problem").message(), null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
