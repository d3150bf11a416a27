package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;

/** Parses the JS7 expression language. A syntax error names the column (1-based). */
public final class ExpressionParser {
    private ExpressionParser() {}

    public static Checked<Expression> parse(String source) {
        // Placeholder until the parser lands: the parser is being written on its own branch.
        return Checked.fail(Problem.of("ExpressionSyntax", "Expression parser not yet available: " + source));
    }
}
