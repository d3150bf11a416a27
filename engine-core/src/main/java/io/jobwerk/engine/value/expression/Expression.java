package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed expression of the JS7 expression language (constants, variables, operators, functions).
 * Evaluation is pure: everything it reads comes from the {@link Scope}. It never throws for bad
 * data; a type mismatch, an unknown variable or a failing function is a {@code Checked.Fail}.
 *
 * <p>Build expressions with {@link ExpressionParser#parse}; the records below are the syntax tree.
 */
public sealed interface Expression extends Value.FunctionBody
        permits Expression.Constant, Expression.NamedValue, Expression.InterpolatedString,
                Expression.ListExpression, Expression.ObjectExpression, Expression.FieldAccess,
                Expression.Unary, Expression.Binary, Expression.OrMissing, Expression.OrElse,
                Expression.IfThenElse, Expression.Lambda, Expression.FunctionCall {

    enum Kind {
        CONSTANT, NAMED_VALUE, INTERPOLATED_STRING, LIST, OBJECT, FIELD_ACCESS, UNARY, BINARY,
        OR_MISSING, OR_ELSE, IF_THEN_ELSE, LAMBDA, FUNCTION_CALL
    }

    Kind kind();

    @Override
    Checked<Value> evaluate(Scope scope);

    /** {@code true}, {@code 7}, {@code 'text'}, {@code missing}, {@code null}. */
    record Constant(Value value) implements Expression {
        public Constant {
            Objects.requireNonNull(value, "value");
        }

        @Override public Kind kind() { return Kind.CONSTANT; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            return Checked.ok(value);
        }
    }

    /** {@code $name} or {@code ${name}}: {@link Scope#variable(String)}, else {@code UnknownVariable}. */
    record NamedValue(String name) implements Expression {
        public NamedValue {
            Objects.requireNonNull(name, "name");
        }

        @Override public Kind kind() { return Kind.NAMED_VALUE; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            return scope.variable(name)
                    .map(Checked::ok)
                    .orElseGet(() -> Checked.fail(Scope.unknownVariable(name)));
        }
    }

    /** {@code "text $name ${name} $(expression)"}: the parts converted to strings and joined. */
    record InterpolatedString(List<Expression> parts) implements Expression {
        public InterpolatedString {
            parts = List.copyOf(parts);
        }

        @Override public Kind kind() { return Kind.INTERPOLATED_STRING; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            StringBuilder sb = new StringBuilder();
            for (Expression part : parts) {
                Checked<String> s = part.evaluate(scope).flatMap(ValueConversions::convertToString);
                if (s instanceof Checked.Fail<String> fail) {
                    return Checked.fail(fail.problem());
                }
                sb.append(s.orThrow());
            }
            return Checked.ok(Value.of(sb.toString()));
        }
    }

    /** {@code [a, b]}. */
    record ListExpression(List<Expression> elements) implements Expression {
        public ListExpression {
            elements = List.copyOf(elements);
        }

        @Override public Kind kind() { return Kind.LIST; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            return Checked.traverse(elements, e -> e.evaluate(scope)).map(Value.ListValue::new);
        }
    }

    /** {@code {a: 1, 'b c': 2}}; keeps the order of the fields. */
    record ObjectExpression(Map<String, Expression> fields) implements Expression {
        public ObjectExpression {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override public Kind kind() { return Kind.OBJECT; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            Map<String, Value> values = new LinkedHashMap<>();
            for (Map.Entry<String, Expression> field : fields.entrySet()) {
                Checked<Value> v = field.getValue().evaluate(scope);
                if (v instanceof Checked.Fail<Value>) {
                    return v;
                }
                values.put(field.getKey(), v.orThrow());
            }
            return Checked.ok(new Value.ObjectValue(values));
        }
    }

    /** {@code $object.field}: {@code UnknownField} if the object lacks the field. */
    record FieldAccess(Expression target, String field) implements Expression {
        public FieldAccess {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(field, "field");
        }

        @Override public Kind kind() { return Kind.FIELD_ACCESS; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            return target.evaluate(scope).flatMap(v -> Operators.field(v, field));
        }
    }

    /** {@code !a}, {@code -a}. */
    record Unary(UnaryOperator operator, Expression operand) implements Expression {
        public Unary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(operand, "operand");
        }

        @Override public Kind kind() { return Kind.UNARY; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            return operand.evaluate(scope).flatMap(v -> Operators.unary(operator, v));
        }
    }

    /** {@code a op b}; {@code &&} and {@code ||} evaluate {@code b} only when needed. */
    record Binary(BinaryOperator operator, Expression left, Expression right) implements Expression {
        public Binary {
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }

        @Override public Kind kind() { return Kind.BINARY; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            return Operators.binary(operator, left, right, scope);
        }
    }

    /**
     * {@code a?}: {@code missing} instead of an unknown variable, argument, field or environment
     * variable, that is, instead of a problem with code {@code UnknownVariable},
     * {@code UnknownArgument}, {@code UnknownField} or {@code UnknownEnvironmentVariable}
     * (a {@link Scope} reporting an unknown thing should use one of these codes).
     * Other problems (e.g. a division by zero) are still problems.
     */
    record OrMissing(Expression operand) implements Expression {
        public OrMissing {
            Objects.requireNonNull(operand, "operand");
        }

        @Override public Kind kind() { return Kind.OR_MISSING; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            Checked<Value> v = operand.evaluate(scope);
            return Operators.isUnknown(v) ? Checked.ok(Value.MISSING) : v;
        }
    }

    /** {@code a ? b}: {@code b} when {@code a} is missing or unknown (see {@link OrMissing}). */
    record OrElse(Expression operand, Expression fallback) implements Expression {
        public OrElse {
            Objects.requireNonNull(operand, "operand");
            Objects.requireNonNull(fallback, "fallback");
        }

        @Override public Kind kind() { return Kind.OR_ELSE; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            Checked<Value> v = operand.evaluate(scope);
            return Operators.isUnknown(v) ? fallback.evaluate(scope) : v;
        }
    }

    /** {@code if c then a else b}; the condition must be a Boolean. */
    record IfThenElse(Expression condition, Expression then, Expression otherwise) implements Expression {
        public IfThenElse {
            Objects.requireNonNull(condition, "condition");
            Objects.requireNonNull(then, "then");
            Objects.requireNonNull(otherwise, "otherwise");
        }

        @Override public Kind kind() { return Kind.IF_THEN_ELSE; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            return condition.evaluate(scope)
                    .flatMap(c -> ValueConversions.asBoolean(c)
                            .mapProblem(p -> p.withPrefix("Condition of 'if'")))
                    .flatMap(c -> c ? then.evaluate(scope) : otherwise.evaluate(scope));
        }
    }

    /** {@code x => body}, {@code (a, b) => body}: evaluates to a {@link Value.FunctionValue}. */
    record Lambda(List<String> parameters, Expression body) implements Expression {
        public Lambda {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(body, "body");
        }

        @Override public Kind kind() { return Kind.LAMBDA; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            return Checked.ok(new Value.FunctionValue(parameters, body));
        }
    }

    /**
     * A call of a built-in function. {@code arguments} maps parameter names to argument expressions
     * (positional arguments already bound to their names by the parser); optional parameters that
     * were not given are absent. Variadic functions ({@code min}, {@code max}) get their arguments
     * as one {@link ListExpression} under {@code "values"}.
     */
    record FunctionCall(BuiltinFunction function, Map<String, Expression> arguments) implements Expression {
        public FunctionCall {
            Objects.requireNonNull(function, "function");
            arguments = Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        }

        @Override public Kind kind() { return Kind.FUNCTION_CALL; }

        @Override
        public Checked<Value> evaluate(Scope scope) {
            return Functions.evaluate(this, scope);
        }
    }

    enum UnaryOperator {
        NOT("!"), NEGATE("-");

        private final String symbol;

        UnaryOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    enum BinaryOperator {
        OR("||"), AND("&&"),
        EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_OR_EQUAL("<="), GREATER(">"), GREATER_OR_EQUAL(">="),
        IN("in"), MATCHES("matches"),
        CONCAT("++"), ADD("+"), SUBTRACT("-"),
        MULTIPLY("*"), DIVIDE("/");

        private final String symbol;

        BinaryOperator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }
}
