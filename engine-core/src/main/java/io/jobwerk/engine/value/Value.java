package io.jobwerk.engine.value;

import io.jobwerk.engine.base.Checked;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A value of an order variable or of an evaluated expression, as JS7 knows them:
 * string, number (always {@link BigDecimal}), boolean, list, object, {@code null} (from JSON) and
 * {@link MissingValue} (what {@code missing} and an unknown optional variable evaluate to).
 * Functions ({@code x => …}) exist only during evaluation.
 */
public sealed interface Value extends ValueTypeName
        permits Value.StringValue, Value.NumberValue, Value.BooleanValue, Value.ListValue,
                Value.ObjectValue, Value.NullValue, Value.MissingValue, Value.FunctionValue {

    enum Kind { STRING, NUMBER, BOOLEAN, LIST, OBJECT, NULL, MISSING, FUNCTION }

    @Override
    Kind kind();

    record StringValue(String string) implements Value {
        public StringValue {
            Objects.requireNonNull(string, "string");
        }

        @Override
        public Kind kind() {
            return Kind.STRING;
        }
    }

    /** Equality ignores scale: {@code 1} equals {@code 1.0}, as in JS7. */
    record NumberValue(BigDecimal number) implements Value {
        public NumberValue {
            Objects.requireNonNull(number, "number");
        }

        @Override
        public Kind kind() {
            return Kind.NUMBER;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof NumberValue other && number.compareTo(other.number) == 0;
        }

        @Override
        public int hashCode() {
            return number.stripTrailingZeros().hashCode();
        }
    }

    record BooleanValue(boolean bool) implements Value {
        @Override
        public Kind kind() {
            return Kind.BOOLEAN;
        }
    }

    record ListValue(List<Value> elements) implements Value {
        public ListValue {
            elements = List.copyOf(elements);
        }

        @Override
        public Kind kind() {
            return Kind.LIST;
        }
    }

    /** Keeps the insertion order of its fields. */
    record ObjectValue(Map<String, Value> fields) implements Value {
        public ObjectValue {
            fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        @Override
        public Kind kind() {
            return Kind.OBJECT;
        }
    }

    record NullValue() implements Value {
        @Override
        public Kind kind() {
            return Kind.NULL;
        }
    }

    /** Not a value: an unknown variable with {@code ?}, {@code missing}, or a failed optional lookup. */
    record MissingValue() implements Value {
        @Override
        public Kind kind() {
            return Kind.MISSING;
        }
    }

    /**
     * What a {@link FunctionValue} computes, its parameters bound in the scope: an expression, which
     * the expression language ({@code value.expression}, built on values) parses and evaluates.
     */
    interface FunctionBody {
        Checked<Value> evaluate(Scope scope);
    }

    /** A lambda {@code (a, b) => expression}, applied by functions like {@code ForkList.childToId}. */
    record FunctionValue(List<String> parameters, FunctionBody body) implements Value {
        public FunctionValue {
            parameters = List.copyOf(parameters);
            Objects.requireNonNull(body, "body");
        }

        @Override
        public Kind kind() {
            return Kind.FUNCTION;
        }
    }

    Value TRUE = new BooleanValue(true);
    Value FALSE = new BooleanValue(false);
    Value MISSING = new MissingValue();
    Value NULL = new NullValue();

    static Value of(String string) {
        return new StringValue(string);
    }

    static Value of(long number) {
        return new NumberValue(BigDecimal.valueOf(number));
    }

    static Value of(BigDecimal number) {
        return new NumberValue(number);
    }

    static Value of(boolean bool) {
        return bool ? TRUE : FALSE;
    }
}
