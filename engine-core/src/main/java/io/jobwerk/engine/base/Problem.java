package io.jobwerk.engine.base;

import java.util.Map;
import java.util.Objects;

/**
 * A domain error as a value: what went wrong, in words an operator understands.
 *
 * <p>{@code code} names the kind of problem (e.g. {@code "UnknownOrder"}, {@code "JsonDecode"}) so
 * callers can react to it; {@code message} is the complete human-readable text; {@code arguments}
 * carries the details the message was built from (e.g. {@code orderId}, {@code path}).
 * Problems are never thrown inside the engine; the HTTP edge turns them into 4xx JSON bodies.
 */
public record Problem(String code, String message, Map<String, String> arguments) {

    public Problem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        arguments = Map.copyOf(arguments);
    }

    /** A problem without a particular code. */
    public static Problem of(String message) {
        return new Problem("Problem", message, Map.of());
    }

    public static Problem of(String code, String message) {
        return new Problem(code, message, Map.of());
    }

    public static Problem of(String code, String message, Map<String, String> arguments) {
        return new Problem(code, message, arguments);
    }

    /** The same problem with {@code prefix: } put before the message, to say where it happened. */
    public Problem withPrefix(String prefix) {
        return new Problem(code, prefix + ": " + message, arguments);
    }

    public <T> Checked<T> toChecked() {
        return Checked.fail(this);
    }

    @Override
    public String toString() {
        return message;
    }
}
