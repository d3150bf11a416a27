package io.jobwerk.engine.value.expression;

import static io.jobwerk.engine.value.expression.Evaluation.eval;
import static io.jobwerk.engine.value.expression.Evaluation.num;
import static io.jobwerk.engine.value.expression.Evaluation.ok;
import static io.jobwerk.engine.value.expression.Evaluation.problem;
import static io.jobwerk.engine.value.expression.Evaluation.str;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

class FunctionCallsTest {

    private static Value.FunctionValue lambda(String source) {
        return (Value.FunctionValue) eval(source).orThrow();
    }

    @Test
    void lambdaEvaluatesToFunctionValue() {
        Value.FunctionValue f = lambda("x => $x + 1");
        assertThat(f.parameters()).containsExactly("x");
        assertThat(f.body()).isEqualTo(ExpressionParser.parse("$x + 1").orThrow());
    }

    @Test
    void appliesOneParameter() {
        assertThat(FunctionCalls.apply(lambda("x => $x + 1"), List.of(Value.of(41)), TestScope.standard()))
                .isEqualTo(ok(num("42")));
    }

    @Test
    void appliesSeveralParameters() {
        assertThat(FunctionCalls.apply(lambda("(a, b) => $a ++ '-' ++ $b"), List.of(Value.of("x"), Value.of("y")),
                TestScope.standard()))
                .isEqualTo(ok(str("x-y")));
    }

    @Test
    void appliesNoParameters() {
        assertThat(FunctionCalls.apply(lambda("() => orderId"), List.of(), TestScope.standard()))
                .isEqualTo(ok(str("ORDER-1")));
    }

    @Test
    void parameterShadowsScopeVariable() {
        // $n is 7 in the scope
        assertThat(FunctionCalls.apply(lambda("n => $n * 2"), List.of(Value.of(5)), TestScope.standard()))
                .isEqualTo(ok(num("10")));
    }

    @Test
    void bodySeesScopeVariables() {
        assertThat(FunctionCalls.apply(lambda("x => $x + $n"), List.of(Value.of(1)), TestScope.standard()))
                .isEqualTo(ok(num("8")));
    }

    @Test
    void lambdaInsideListAndAsBodyOfIf() {
        Value v = eval("[x => $x, (a, b) => if $a then $b else 0]").orThrow();
        List<Value> functions = ((Value.ListValue) v).elements();
        assertThat(FunctionCalls.apply((Value.FunctionValue) functions.get(1), List.of(Value.TRUE, Value.of(3)),
                TestScope.standard())).isEqualTo(ok(num("3")));
    }

    @Test
    void wrongNumberOfArgumentsIsAProblem() {
        Problem problem = problem(FunctionCalls.apply(lambda("(a, b) => $a"), List.of(Value.of(1)), TestScope.standard()));
        assertThat(problem.code()).isEqualTo("ArgumentCount");
        assertThat(problem.message()).isEqualTo("Function with parameters (a, b) expects 2 arguments, not 1");
    }

    @Test
    void bodyProblemIsReturned() {
        Problem problem = problem(FunctionCalls.apply(lambda("x => $x / 0"), List.of(Value.of(1)), TestScope.standard()));
        assertThat(problem.code()).isEqualTo("DivisionByZero");
    }
}
