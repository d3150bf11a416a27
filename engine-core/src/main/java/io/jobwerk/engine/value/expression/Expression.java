package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;

/**
 * A parsed expression of the JS7 expression language (constants, variables, operators, functions).
 * Evaluation is pure: everything it reads comes from the {@link Scope}.
 */
public interface Expression {

    Checked<Value> evaluate(Scope scope);
}
