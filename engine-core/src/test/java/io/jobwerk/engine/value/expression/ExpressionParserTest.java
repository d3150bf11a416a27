package io.jobwerk.engine.value.expression;

import static io.jobwerk.engine.value.expression.Evaluation.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpressionParserTest {

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                arguments("($a + 1", "Expected ')' to close '(' of column 1", 8),
                arguments("", "Expected an expression", 1),
                arguments("   ", "Expected an expression", 4),
                arguments("1 +", "Expected an operand", 4),
                arguments("1 * * 2", "Expected an expression", 5),
                arguments("'abc", "Expected \"'\" to close the string of column 1", 5),
                arguments("\"abc", "Expected '\"' to close the string of column 1", 5),
                arguments("\"a\\q\"", "Unknown escape '\\q' (known are \\\\ \\\" \\t \\r \\n \\$)", 3),
                arguments("\"$(1\"", "Expected ')' to close '$(' of column 3", 5),
                arguments("$", "Expected a name after '$'", 2),
                arguments("$`a", "Expected '`' to close the name of column 2", 4),
                arguments("$``", "Expected a name between the backticks", 3),
                arguments("'''a''", "Expected ''' to close the string of column 1", 7),
                arguments("1 /* open", "Expected '*/' to close the comment of column 3", 10),
                arguments("$ a", "Expected a name after '$'", 2),
                arguments("${a", "Expected '}'", 4),
                arguments("${}", "Expected a name after '${'", 3),
                arguments("$a.", "Expected a field name after '.'", 4),
                arguments("[1, 2", "Expected ',' or ']'", 6),
                arguments("[1,]", "Expected an expression", 4),
                arguments("{a 1}", "Expected ':' after field name 'a'", 4),
                arguments("{a: 1, a: 2}", "Duplicate field name 'a'", 8),
                arguments("{1: 2}", "Expected a field name", 2),
                arguments("foo(1)", "Unknown function 'foo'", 1),
                arguments("1 + foo", "Unknown name 'foo' (a variable is written $foo)", 5),
                arguments("$a = 1", "Unexpected '=' (compare with ==)", 4),
                arguments("1 2", "Expected an operator or the end of the expression", 3),
                arguments("12abc", "Unexpected 'a' after number", 3),
                arguments("if true then 1", "Expected 'else'", 15),
                arguments("if true 1 else 2", "Expected 'then'", 9),
                arguments("then", "Expected an expression, not the keyword 'then'", 1),
                arguments("'a' matches", "Expected an operand", 12),
                arguments("x =>", "Expected an expression", 5),
                arguments("substring('a')", "Function 'substring' needs argument 'start'", 1),
                arguments("toNumber(1, 2)", "Function 'toNumber' takes at most 1 argument, not 2", 1),
                arguments("orderId(1)", "Function 'orderId' takes at most 0 arguments, not 1", 1),
                arguments("now(zone='UTC')", "Function 'now' has no parameter 'zone'; it has: format, timezone", 5),
                arguments("variable(key='a', key='b')", "Duplicate argument 'key'", 19),
                arguments("variable('a', key='b')", "Function 'variable' got argument 'key' twice", 1),
                arguments("env(default='x', 'PATH')", "Positional argument after named argument", 18),
                arguments("min()", "Function 'min' needs at least one argument", 1),
                arguments("max(values=1)", "Function 'max' has no parameter 'values'", 5),
                arguments("argument", "Expected '(' after function name 'argument'", 9),
                arguments("env('A' 'B')", "Expected ',' or ')' in the argument list of 'env'", 9),
                arguments("(".repeat(300) + "1" + ")".repeat(300),
                        "Expression is nested too deeply (more than 200 levels)", 201),
                arguments("!".repeat(300) + "true", "Expression is nested too deeply (more than 200 levels)", 201));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("syntaxErrors")
    void syntaxErrorNamesWhatWasExpectedAndTheColumn(String source, String what, int column) {
        Problem problem = problem(ExpressionParser.parse(source));
        assertThat(problem.code()).isEqualTo("ExpressionSyntax");
        assertThat(problem.message()).isEqualTo(what + " at column " + column + " in expression: " + source);
        assertThat(problem.arguments()).containsEntry("column", Integer.toString(column));
    }

    @Test
    void longOperatorChainEvaluatesWithinTheLimit() {
        String source = "0" + " + 1".repeat(ExpressionParser.MAX_OPERATIONS);
        assertThat(Evaluation.eval(source)).isEqualTo(Checked.ok(Evaluation.num("2000")));
    }

    @Test
    void tooLongOperatorChainIsASyntaxError() {
        String source = "0" + " + 1".repeat(ExpressionParser.MAX_OPERATIONS + 1);
        Problem problem = problem(ExpressionParser.parse(source));
        assertThat(problem.message()).startsWith("Expression is too long (more than 2000 operators) at column "
                + (1 + 4 * ExpressionParser.MAX_OPERATIONS + 2) + " in expression: 0 + 1 + 1");
    }

    @Test
    void nullSourceIsAProblem() {
        assertThat(problem(ExpressionParser.parse(null)).code()).isEqualTo("ExpressionSyntax");
    }

    @Test
    void namedArgumentLooksAheadForEqualityAndLambda() {
        // `key == 'x'` and `x => …` are expressions, not named arguments
        assertThat(ExpressionParser.parse("impure(orderId == 'x')").isOk()).isTrue();
        assertThat(ExpressionParser.parse("impure(x => $x)").isOk()).isTrue();
    }

    @Test
    void variableAcceptsBareLabelAndJobNames() {
        assertThat(Evaluation.eval("variable('v', label=L1)")).isEqualTo(Checked.ok(Evaluation.str("at L1")));
        assertThat(Evaluation.eval("variable('v', job=jobA)")).isEqualTo(Checked.ok(Evaluation.str("from jobA")));
    }

    private static final List<String> FRAGMENTS = List.of(
            "$", "$a", "${", "}", "{", "(", ")", "[", "]", ",", ".", ":", "?", "'", "\"", "\\", "=", "==", "=>",
            "!", "-", "+", "++", "*", "/", "<", ">=", "&&", "||", "in", "matches", "if", "then", "else",
            "1", "0", "1.5", "1e", "x", "missing", "null", "true", "variable", "now", "min", "orderId",
            "substring", "error", "'a'", "\"$a\"", " ", "\n", "\u00e4", "$(");

    @Test
    void neverThrowsOnMalformedInput() {
        Random random = new Random(4711);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            int n = 1 + random.nextInt(12);
            for (int j = 0; j < n; j++) {
                sb.append(FRAGMENTS.get(random.nextInt(FRAGMENTS.size())));
            }
            String source = sb.toString();
            assertThatCode(() -> {
                Checked<Expression> parsed = ExpressionParser.parse(source);
                parsed.problemOption().ifPresent(p -> assertThat(p.code()).isEqualTo("ExpressionSyntax"));
                parsed.map(e -> e.evaluate(TestScope.standard()));
                parsed.map(e -> e.evaluate(io.jobwerk.engine.value.Scope.EMPTY));
            }).as(source).doesNotThrowAnyException();
        }
    }
}
