package io.jobwerk.engine.base;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Either a value or a {@link Problem}. The engine returns {@code Checked} where an operation can
 * fail for a domain reason; it throws only for programming errors.
 */
public sealed interface Checked<T> permits Checked.Ok, Checked.Fail {

    record Ok<T>(T value) implements Checked<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Fail<T>(Problem problem) implements Checked<T> {
        public Fail {
            Objects.requireNonNull(problem, "problem");
        }
    }

    static <T> Checked<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Checked<T> fail(Problem problem) {
        return new Fail<>(problem);
    }

    static <T> Checked<T> fail(String code, String message) {
        return new Fail<>(Problem.of(code, message));
    }

    /** Catches exceptions of a parser or converter that reports bad input by throwing. */
    static <T> Checked<T> catching(String code, Supplier<T> body) {
        try {
            return ok(body.get());
        } catch (RuntimeException e) {
            return fail(code, String.valueOf(e.getMessage()));
        }
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    default boolean isFail() {
        return this instanceof Fail;
    }

    @SuppressWarnings("unchecked")
    default <R> Checked<R> map(Function<? super T, ? extends R> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return (Checked<R>) this;
    }

    @SuppressWarnings("unchecked")
    default <R> Checked<R> flatMap(Function<? super T, Checked<R>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return (Checked<R>) this;
    }

    default Checked<T> mapProblem(Function<Problem, Problem> f) {
        if (this instanceof Fail<T> fail) {
            return new Fail<>(f.apply(fail.problem()));
        }
        return this;
    }

    default T orElse(T other) {
        return this instanceof Ok<T> ok ? ok.value() : other;
    }

    default Optional<T> toOptional() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    default Optional<Problem> problemOption() {
        return this instanceof Fail<T> fail ? Optional.of(fail.problem()) : Optional.empty();
    }

    /**
     * The value, or an {@link IllegalStateException} with the problem's message. For tests and for
     * places where a failure is a programming error.
     */
    default T orThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException(((Fail<T>) this).problem().message());
    }

    /** All values, or the first problem. */
    static <T> Checked<List<T>> sequence(Collection<Checked<T>> checkeds) {
        List<T> values = new ArrayList<>(checkeds.size());
        for (Checked<T> c : checkeds) {
            if (c instanceof Fail<T> fail) {
                return new Fail<>(fail.problem());
            }
            values.add(((Ok<T>) c).value());
        }
        return ok(values);
    }

    /** Applies {@code f} to each element: all results, or the first problem. */
    static <A, B> Checked<List<B>> traverse(Collection<A> items, Function<? super A, Checked<B>> f) {
        List<B> values = new ArrayList<>(items.size());
        for (A a : items) {
            Checked<B> c = f.apply(a);
            if (c instanceof Fail<B> fail) {
                return new Fail<>(fail.problem());
            }
            values.add(((Ok<B>) c).value());
        }
        return ok(values);
    }
}
