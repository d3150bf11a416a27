package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import java.util.Objects;

/**
 * An expression as it stands in a workflow or item: the source text (kept verbatim, so JSON is
 * written back as it was read) and its parsed form.
 */
public record Expr(String source, Expression expression) {

    public Expr {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(expression, "expression");
    }

    /** Parses {@code source}; a syntax error names the column. */
    public static Checked<Expr> parse(String source) {
        return ExpressionParser.parse(source).map(e -> new Expr(source, e));
    }

    /** For constants known to be valid (tests, defaults); throws on a syntax error. */
    public static Expr of(String source) {
        return parse(source).orThrow();
    }

    public Checked<Value> evaluate(Scope scope) {
        return expression.evaluate(scope);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Expr other && source.equals(other.source);
    }

    @Override
    public int hashCode() {
        return source.hashCode();
    }

    @Override
    public String toString() {
        return source;
    }
}
