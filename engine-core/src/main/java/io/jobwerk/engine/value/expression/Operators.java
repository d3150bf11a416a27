package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expression.BinaryOperator;
import io.jobwerk.engine.value.expression.Expression.UnaryOperator;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

final class Operators {
    private Operators() {}

    /** Problems that {@code ?} turns into {@code missing}: the thing asked for is not there. */
    static final Set<String> UNKNOWN_CODES = Set.of(
            "UnknownVariable", "UnknownArgument", "UnknownField", "UnknownEnvironmentVariable");

    static boolean isUnknown(Checked<Value> checked) {
        if (checked instanceof Checked.Ok<Value> ok) {
            return ok.value() instanceof Value.MissingValue;
        }
        return checked.problemOption().map(p -> UNKNOWN_CODES.contains(p.code())).orElse(false);
    }

    static Checked<Value> field(Value target, String name) {
        if (!(target instanceof Value.ObjectValue object)) {
            return Checked.fail(Problem.of("WrongValueType",
                    "Field access '." + name + "' needs an Object, not " + ValueConversions.describe(target)));
        }
        Value v = object.fields().get(name);
        return v != null
                ? Checked.ok(v)
                : Checked.fail(Problem.of("UnknownField", "No such field in Object: " + name, Map.of("field", name)));
    }

    static Checked<Value> unary(UnaryOperator operator, Value operand) {
        switch (operator) {
            case NOT:
                return operandOf(operator.symbol(), ValueConversions.asBoolean(operand)).map(b -> Value.of(!b));
            case NEGATE:
                return operandOf(operator.symbol(), ValueConversions.asNumber(operand)).map(n -> Value.of(n.negate()));
        }
        throw new AssertionError(operator);
    }

    static Checked<Value> binary(BinaryOperator operator, Expression left, Expression right, Scope scope) {
        Checked<Value> a = left.evaluate(scope);
        if (a.isFail()) {
            return a;
        }
        Value x = a.orThrow();
        if (operator == BinaryOperator.AND || operator == BinaryOperator.OR) {
            Checked<Boolean> bool = operandOf(operator.symbol(), ValueConversions.asBoolean(x));
            if (bool.isFail()) {
                return bool.map(Value::of);
            }
            boolean decided = operator == BinaryOperator.OR;
            if (bool.orThrow() == decided) {
                return Checked.ok(Value.of(decided));
            }
            return right.evaluate(scope)
                    .flatMap(y -> operandOf(operator.symbol(), ValueConversions.asBoolean(y)))
                    .map(Value::of);
        }
        return right.evaluate(scope).flatMap(y -> strict(operator, x, y));
    }

    private static Checked<Value> strict(BinaryOperator operator, Value x, Value y) {
        switch (operator) {
            case EQUAL:
                return Checked.ok(Value.of(x.equals(y)));
            case NOT_EQUAL:
                return Checked.ok(Value.of(!x.equals(y)));
            case LESS:
                return compare(operator, x, y).map(c -> Value.of(c < 0));
            case LESS_OR_EQUAL:
                return compare(operator, x, y).map(c -> Value.of(c <= 0));
            case GREATER:
                return compare(operator, x, y).map(c -> Value.of(c > 0));
            case GREATER_OR_EQUAL:
                return compare(operator, x, y).map(c -> Value.of(c >= 0));
            case IN:
                if (!(y instanceof Value.ListValue list)) {
                    return Checked.fail(Problem.of("WrongValueType",
                            "Operator 'in' needs a List on its right side, not " + ValueConversions.describe(y)));
                }
                return Checked.ok(Value.of(list.elements().contains(x)));
            case MATCHES:
                return matches(x, y);
            case CONCAT:
                return concat(x, y);
            case ADD:
                return numbers(operator, x, y).map(n -> Value.of(n.get(0).add(n.get(1))));
            case SUBTRACT:
                return numbers(operator, x, y).map(n -> Value.of(n.get(0).subtract(n.get(1))));
            case MULTIPLY:
                return numbers(operator, x, y).map(n -> Value.of(n.get(0).multiply(n.get(1))));
            case DIVIDE:
                return numbers(operator, x, y).flatMap(n -> divide(n.get(0), n.get(1)));
            case AND:
            case OR:
                break;
        }
        throw new AssertionError(operator);
    }

    private static Checked<Value> divide(BigDecimal a, BigDecimal b) {
        if (b.signum() == 0) {
            return Checked.fail(Problem.of("DivisionByZero", "Division by zero: " + a.toPlainString() + " / 0"));
        }
        return Checked.ok(Value.of(a.divide(b, MathContext.DECIMAL64).stripTrailingZeros()));
    }

    private static Checked<List<BigDecimal>> numbers(BinaryOperator operator, Value x, Value y) {
        if (x instanceof Value.NumberValue a && y instanceof Value.NumberValue b) {
            return Checked.ok(List.of(a.number(), b.number()));
        }
        String hint = operator == BinaryOperator.ADD && (x instanceof Value.StringValue || y instanceof Value.StringValue)
                ? " (use ++ to concatenate strings)"
                : "";
        return Checked.fail(Problem.of("WrongValueType",
                "Operator " + operator.symbol() + " needs two Numbers, not " + ValueConversions.describe(x)
                        + " and " + ValueConversions.describe(y) + hint));
    }

    private static Checked<Integer> compare(BinaryOperator operator, Value x, Value y) {
        if (x instanceof Value.NumberValue a && y instanceof Value.NumberValue b) {
            return Checked.ok(a.number().compareTo(b.number()));
        }
        if (x instanceof Value.StringValue a && y instanceof Value.StringValue b) {
            return Checked.ok(a.string().compareTo(b.string()));
        }
        return Checked.fail(Problem.of("WrongValueType",
                "Operator " + operator.symbol() + " compares two Numbers or two Strings, not "
                        + ValueConversions.describe(x) + " and " + ValueConversions.describe(y)));
    }

    private static Checked<Value> concat(Value x, Value y) {
        if (x instanceof Value.ListValue a && y instanceof Value.ListValue b) {
            List<Value> all = new ArrayList<>(a.elements());
            all.addAll(b.elements());
            return Checked.ok(new Value.ListValue(all));
        }
        return operandOf("++", ValueConversions.convertToString(x))
                .flatMap(a -> operandOf("++", ValueConversions.convertToString(y)).map(b -> Value.of(a + b)));
    }

    private static Checked<Value> matches(Value x, Value y) {
        return operandOf("matches", ValueConversions.asString(x))
                .flatMap(string -> operandOf("matches", ValueConversions.asString(y).flatMap(Operators::compile))
                        .map(pattern -> Value.of(pattern.matcher(string).matches())));
    }

    static Checked<Pattern> compile(String regex) {
        try {
            return Checked.ok(Pattern.compile(regex));
        } catch (PatternSyntaxException e) {
            return Checked.fail(Problem.of("InvalidRegex",
                    "Invalid regular expression '" + regex + "': " + e.getDescription(), Map.of("regex", regex)));
        }
    }

    private static <T> Checked<T> operandOf(String operator, Checked<T> checked) {
        return checked.mapProblem(p -> p.withPrefix("Operator " + operator));
    }
}
