package io.jobwerk.engine.base;

import java.util.Objects;

/**
 * Carries a {@link Problem} where a {@link Checked} cannot travel: through a
 * {@link java.util.concurrent.CompletableFuture}, out of a server's start, up to a command line's
 * main. Only edges throw it (the journal's futures, the servers' starts, the CLI); inside, a
 * {@code Checked} carries the problem. It lives beside {@code Problem} so every module that meets
 * an edge has it without depending on the journal.
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
