package io.jobwerk.engine.value;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * What an expression can see. Each method answers {@code Optional.empty()} when this scope does
 * not know the thing; {@link #andThen} chains scopes so the first one that knows answers.
 * Scopes are pure values: the clock and the environment are passed in, never read.
 */
public interface Scope {

    /** {@code $name}, {@code ${name}}: the newest named value of that name (built-in {@code $js7…} included). */
    default Optional<Value> variable(String name) {
        return Optional.empty();
    }

    /**
     * {@code variable(name, label=L, job=J)}: the named value as the step at label {@code L}
     * (or the last step of job {@code J}) left it. {@code label} and {@code jobName} may be null.
     */
    default Optional<Value> variable(String name, String label, String jobName) {
        return label == null && jobName == null ? variable(name) : Optional.empty();
    }

    /** {@code argument(name)}: an order argument (or an Execute instruction's default argument). */
    default Optional<Value> argument(String name) {
        return Optional.empty();
    }

    /** {@code env('NAME')}: the process environment as passed into the scope. */
    default Optional<String> env(String name) {
        return Optional.empty();
    }

    /** The instant {@code now()} returns. */
    default Optional<Instant> now() {
        return Optional.empty();
    }

    /** The time zone {@code now()} and {@code scheduledOrEmpty()} use when none is given. */
    default Optional<ZoneId> timezone() {
        return Optional.empty();
    }

    /** The order's {@code scheduledFor}, for {@code scheduledOrEmpty()}. */
    default Optional<Instant> scheduledFor() {
        return Optional.empty();
    }

    /** {@code jobResourceVariable('RESOURCE', 'name')}. Empty when this scope has no job resources. */
    default Optional<Checked<Value>> jobResourceVariable(String jobResourcePath, String name) {
        return Optional.empty();
    }

    /** {@code orderId}. */
    default Optional<String> orderId() {
        return Optional.empty();
    }

    /** {@code tryCount}: 1 for the first try of the innermost Try block. */
    default Optional<Integer> tryCount() {
        return Optional.empty();
    }

    /** {@code maxTries} of the innermost Try block. */
    default Optional<Integer> maxTries() {
        return Optional.empty();
    }

    /** {@code timedOut}: whether the last job step timed out. */
    default Optional<Boolean> timedOut() {
        return Optional.empty();
    }

    /** {@code subagentIds(bundleId)}: the ids of a Subagent bundle's members, for ForkList. */
    default Optional<Checked<Value>> subagentIds(String subagentBundleId) {
        return Optional.empty();
    }

    /** The scope that asks this one first, then {@code fallback}. */
    default Scope andThen(Scope fallback) {
        return Scopes.chain(this, fallback);
    }

    Scope EMPTY = new Scope() {};

    static Problem unknownVariable(String name) {
        return Problem.of("UnknownVariable", "No such named value: " + name);
    }
}
