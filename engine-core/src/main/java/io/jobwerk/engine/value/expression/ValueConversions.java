package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Conversions of a {@link Value} to Java types, as expressions and instructions need them.
 *
 * <p>The {@code as…} methods are strict: they accept only the one matching type and otherwise fail
 * with a {@code WrongValueType} problem naming the expected and the actual type. {@link
 * #convertToString} also accepts numbers and booleans (what {@code ++} and string interpolation
 * do); {@link #toStringValue} never fails.
 */
public final class ValueConversions {
    private ValueConversions() {}

    public static Checked<Boolean> asBoolean(Value value) {
        return value instanceof Value.BooleanValue b ? Checked.ok(b.bool()) : wrongType("Boolean", value);
    }

    public static Checked<BigDecimal> asNumber(Value value) {
        return value instanceof Value.NumberValue n ? Checked.ok(n.number()) : wrongType("Number", value);
    }

    public static Checked<String> asString(Value value) {
        return value instanceof Value.StringValue s ? Checked.ok(s.string()) : wrongType("String", value);
    }

    /** A String as it is, a Number as plain digits ({@code 1000}, never {@code 1E+3}), a Boolean as {@code true}/{@code false}; other types fail. */
    public static Checked<String> convertToString(Value value) {
        switch (value.kind()) {
            case STRING:
            case NUMBER:
            case BOOLEAN:
                return Checked.ok(toStringValue(value));
            case LIST:
            case OBJECT:
            case NULL:
            case MISSING:
            case FUNCTION:
                return wrongType("String", value);
        }
        throw new AssertionError(value.kind());
    }

    /**
     * Never fails: like {@link #convertToString}, and lists as {@code [a, b]}, objects as
     * {@code {a: 1}}, null as {@code null}, missing as the empty string, a function as {@code <function>}.
     */
    public static String toStringValue(Value value) {
        switch (value.kind()) {
            case STRING:
                return ((Value.StringValue) value).string();
            case NUMBER:
                return ((Value.NumberValue) value).number().toPlainString();
            case BOOLEAN:
                return Boolean.toString(((Value.BooleanValue) value).bool());
            case LIST:
                return ((Value.ListValue) value).elements().stream()
                        .map(ValueConversions::toStringValue)
                        .collect(Collectors.joining(", ", "[", "]"));
            case OBJECT:
                return ((Value.ObjectValue) value).fields().entrySet().stream()
                        .map(e -> e.getKey() + ": " + toStringValue(e.getValue()))
                        .collect(Collectors.joining(", ", "{", "}"));
            case NULL:
                return "null";
            case MISSING:
                return "";
            case FUNCTION:
                return "<function>";
        }
        throw new AssertionError(value.kind());
    }

    static <T> Checked<T> wrongType(String expected, Value actual) {
        return Checked.fail(wrongTypeProblem(expected, actual));
    }

    static Problem wrongTypeProblem(String expected, Value actual) {
        return Problem.of("WrongValueType",
                "Expected a " + expected + " value, not " + describe(actual),
                Map.of("expected", expected, "actual", actual.typeName()));
    }

    /** The type and, for scalars, the value, for problem messages. */
    static String describe(Value value) {
        switch (value.kind()) {
            case STRING:
                return "String '" + ((Value.StringValue) value).string() + "'";
            case NUMBER:
            case BOOLEAN:
                return value.typeName() + " " + toStringValue(value);
            default:
                return value.typeName();
        }
    }
}
