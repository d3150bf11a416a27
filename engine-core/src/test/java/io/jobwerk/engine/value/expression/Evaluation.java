package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shorthands for the expression tests. */
final class Evaluation {
    private Evaluation() {}

    static Checked<Value> eval(String source) {
        return eval(source, TestScope.standard());
    }

    static Checked<Value> eval(String source, Scope scope) {
        return ExpressionParser.parse(source).flatMap(e -> e.evaluate(scope));
    }

    static Checked<Value> ok(Value value) {
        return Checked.ok(value);
    }

    static Value num(String number) {
        return Value.of(new BigDecimal(number));
    }

    static Value str(String string) {
        return Value.of(string);
    }

    static Value list(Value... values) {
        return new Value.ListValue(Arrays.asList(values));
    }

    static Value object(Object... keysAndValues) {
        Map<String, Value> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            fields.put((String) keysAndValues[i], (Value) keysAndValues[i + 1]);
        }
        return new Value.ObjectValue(fields);
    }

    static Problem problem(Checked<?> checked) {
        return checked.problemOption().orElseThrow(() -> new AssertionError("Expected a problem, got " + checked));
    }
}
