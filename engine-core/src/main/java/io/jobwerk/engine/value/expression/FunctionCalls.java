package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Applies lambdas ({@code x => $x + 1}) to values, e.g. for {@code ForkList}'s {@code childToId}. */
public final class FunctionCalls {
    private FunctionCalls() {}

    /**
     * Evaluates {@code function}'s body in {@code scope}, with each parameter bound to the argument
     * at its position; the parameters ({@code $x} in the body) shadow the scope's variables of the
     * same names. The function captures nothing: its body sees only its parameters and {@code scope}.
     *
     * @return the body's value, or an {@code ArgumentCount} problem if {@code arguments} does not
     *     have one value for each parameter, or the body's problem
     */
    public static Checked<Value> apply(Value.FunctionValue function, List<Value> arguments, Scope scope) {
        List<String> parameters = function.parameters();
        if (arguments.size() != parameters.size()) {
            return Checked.fail(Problem.of("ArgumentCount", "Function with parameters (" + String.join(", ", parameters)
                    + ") expects " + parameters.size() + " argument" + (parameters.size() == 1 ? "" : "s")
                    + ", not " + arguments.size()));
        }
        Map<String, Value> bound = new HashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            bound.put(parameters.get(i), arguments.get(i));
        }
        Scope parameterScope = new Scope() {
            @Override
            public Optional<Value> variable(String name) {
                return Optional.ofNullable(bound.get(name));
            }
        };
        return function.body().evaluate(parameterScope.andThen(scope));
    }
}
