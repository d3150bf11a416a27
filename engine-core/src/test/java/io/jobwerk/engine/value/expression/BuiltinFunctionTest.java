package io.jobwerk.engine.value.expression;

import static io.jobwerk.engine.value.expression.Evaluation.eval;
import static io.jobwerk.engine.value.expression.Evaluation.list;
import static io.jobwerk.engine.value.expression.Evaluation.num;
import static io.jobwerk.engine.value.expression.Evaluation.ok;
import static io.jobwerk.engine.value.expression.Evaluation.problem;
import static io.jobwerk.engine.value.expression.Evaluation.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BuiltinFunctionTest {

    static Stream<Arguments> values() {
        return Stream.of(
                arguments("variable('n')", num("7")),
                arguments("variable(key='n')", num("7")),
                arguments("variable('x', default=5)", num("5")),
                arguments("variable('n', default=error('unused'))", num("7")),
                arguments("variable('v', label='L1')", str("at L1")),
                arguments("variable('v', job='jobA')", str("from jobA")),
                arguments("variable('v', label='L2', default='none')", str("none")),
                arguments("variable('x') ? 'unknown'", str("unknown")),
                arguments("argument('arg')", str("argument value")),
                arguments("argument(key='arg')", str("argument value")),
                arguments("argument('zz', default='d')", str("d")),
                arguments("argument('zz') ? 'd'", str("d")),
                arguments("toNumber('12.5') + 1", num("13.5")),
                arguments("toNumber(3)", num("3")),
                arguments("toNumber(true)", num("1")),
                arguments("toNumber(false)", num("0")),
                arguments("'7'.toNumber", num("7")),
                arguments("toBoolean('true')", Value.TRUE),
                arguments("toBoolean('false')", Value.FALSE),
                arguments("toBoolean(true)", Value.TRUE),
                arguments("'true'.toBoolean && true", Value.TRUE),
                arguments("replaceAll('a-b-c', '-', '+')", str("a+b+c")),
                arguments("replaceAll('abc', 'a(b)', '$1$1')", str("bbc")),
                arguments("replaceAll($s, 'x', '')", str("tet")),
                arguments("match('2024-01-31', '(\\d+)-(\\d+)-(\\d+)', '$3.$2.$1')", str("31.01.2024")),
                arguments("match('abc', 'a(.*)', 'rest=$1')", str("rest=bc")),
                arguments("substring('abcdef', 2)", str("cdef")),
                arguments("substring('abcdef', 1, 3)", str("bc")),
                arguments("substring('abc', 0, 0)", str("")),
                arguments("substring(string='abcdef', start=4)", str("ef")),
                arguments("min(3, 1, 2)", num("1")),
                arguments("max(3, 1, 2)", num("3")),
                arguments("min($list)", num("1")),
                arguments("max([3, 10.5, 2])", num("10.5")),
                arguments("min(5)", num("5")),
                arguments("min('b', 'a', 'c')", str("a")),
                arguments("max([])", Value.MISSING),
                arguments("max([]) ? 0", num("0")),
                arguments("mkString(['a', 1, true])", str("a1true")),
                arguments("mkString([1, 2], ', ')", str("1, 2")),
                arguments("mkString([])", str("")),
                arguments("$list.mkString", str("312")),
                arguments("stripMargin('  |a\n  |b')", str("a\nb")),
                arguments("stripMargin('a\n\t| b\nc |d\n')", str("a\n b\nc |d\n")),
                arguments("\"x\n   |y\".stripMargin", str("x\ny")),
                arguments("env('HOME')", str("/home/test")),
                arguments("env('NOPE', default='d')", str("d")),
                arguments("env('NOPE', 'd')", str("d")),
                arguments("env('NOPE') ? 'x'", str("x")),
                arguments("now(format='yyyy-MM-dd HH:mm', timezone='UTC')", str("2024-03-01 12:00")),
                arguments("now(format='HH:mm')", str("13:00")),
                arguments("now('yyyy-MM-dd', 'America/New_York')", str("2024-03-01")),
                arguments("now()", str("2024-03-01T13:00:00+01:00")),
                arguments("now", str("2024-03-01T13:00:00+01:00")),
                arguments("scheduledOrEmpty(format='yyyy-MM-dd')", str("2024-03-01")),
                arguments("scheduledOrEmpty(format='yyyy-MM-dd', timezone='UTC')", str("2024-02-29")),
                arguments("jobResourceVariable('RES', 'a')", str("resource a")),
                arguments("orderId", str("ORDER-1")),
                arguments("orderId()", str("ORDER-1")),
                arguments("tryCount", num("2")),
                arguments("maxTries()", num("3")),
                arguments("timedOut", Value.FALSE),
                arguments("tryCount < maxTries && !timedOut", Value.TRUE),
                arguments("subagentIds('BUNDLE')", list(str("SUBAGENT-1"), str("SUBAGENT-2"))),
                arguments("impure(1 + 1)", num("2")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("values")
    void evaluates(String source, Value expected) {
        assertThat(eval(source)).isEqualTo(ok(expected));
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                arguments("variable('x')", "UnknownVariable", "No such named value: x"),
                arguments("variable('v', label=L2)", "UnknownVariable", "No such named value: v"),
                arguments("variable(1)", "WrongValueType", "variable(): Argument key: Expected a String value, not Number 1"),
                arguments("argument('zz')", "UnknownArgument", "No such order argument: zz"),
                arguments("toNumber('x')", "InvalidNumber", "toNumber(): Not a number: 'x'"),
                arguments("toNumber([1])", "WrongValueType", "toNumber(): Expected a Number or String value, not List"),
                arguments("toBoolean('yes')", "InvalidBoolean", "toBoolean(): Not a boolean (true or false): 'yes'"),
                arguments("toBoolean(1)", "WrongValueType", "toBoolean(): Expected a Boolean or String value, not Number 1"),
                arguments("replaceAll('abc', '(', 'x')", "InvalidRegex",
                        "replaceAll(): Invalid regular expression '(': Unclosed group"),
                arguments("replaceAll('abc', 'a', '$2')", "InvalidReplacement",
                        "replaceAll(): Invalid replacement '$2': No group 2"),
                arguments("replaceAll(1, 'a', 'b')", "WrongValueType",
                        "replaceAll(): Argument string: Expected a String value, not Number 1"),
                arguments("match('x', '\\d+', 'y')", "NoMatch", "match(): 'x' does not match pattern '\\d+'"),
                arguments("match('a1', '\\d', 'y')", "NoMatch", "match(): 'a1' does not match pattern '\\d'"),
                arguments("substring('abc', 2, 5)", "IndexOutOfBounds",
                        "substring(): substring(2, 5) is out of bounds for a String of length 3"),
                arguments("substring('abc', 2, 1)", "IndexOutOfBounds",
                        "substring(): substring(2, 1) is out of bounds for a String of length 3"),
                arguments("substring('abc', 1.5)", "WrongValueType",
                        "substring(): Argument start: Expected an integer, not 1.5"),
                arguments("max(1, 'a')", "WrongValueType", "max(): Cannot compare Number 1 with String 'a'"),
                arguments("min([true])", "WrongValueType", "min(): Expected a Number or String value, not Boolean true"),
                arguments("mkString([[1]])", "WrongValueType", "mkString(): Expected a String value, not List"),
                arguments("stripMargin(1)", "WrongValueType",
                        "stripMargin(): Argument string: Expected a String value, not Number 1"),
                arguments("env('NOPE')", "UnknownEnvironmentVariable", "No such environment variable: NOPE"),
                arguments("now(timezone='Mars/Base')", "InvalidTimezone", "now(): Unknown time zone: 'Mars/Base'"),
                arguments("now(format='yyyy {')", "InvalidDateTimeFormat",
                        "now(): Invalid date-time format 'yyyy {': Pattern includes reserved character: '{'"),
                arguments("jobResourceVariable('RES', 'zz')", "UnknownJobResourceVariable",
                        "jobResourceVariable(): No such variable in JobResource RES: zz"),
                arguments("error('boom')", "ExpressionError", "boom"),
                arguments("error('n=' ++ $n)", "ExpressionError", "n=7"),
                arguments("$x ? error('no x')", "ExpressionError", "no x"),
                arguments("subagentIds('NOPE')", "UnknownSubagentBundle", "subagentIds(): No such Subagent bundle: NOPE"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("problems")
    void failsWithProblem(String source, String code, String message) {
        Problem problem = problem(eval(source));
        assertThat(problem.code()).isEqualTo(code);
        assertThat(problem.message()).isEqualTo(message);
    }

    static Stream<Arguments> notAvailableInEmptyScope() {
        return Stream.of(
                arguments("now()", "now() is not available here"),
                arguments("jobResourceVariable('RES', 'a')", "jobResourceVariable('RES', 'a') is not available here"),
                arguments("orderId", "orderId is not available here"),
                arguments("tryCount", "tryCount is not available here"),
                arguments("maxTries", "maxTries is not available here"),
                arguments("timedOut", "timedOut is not available here"),
                arguments("subagentIds('B')", "subagentIds('B') is not available here"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("notAvailableInEmptyScope")
    void scopeWithoutTheThingGivesNotAvailable(String source, String message) {
        Problem problem = problem(eval(source, Scope.EMPTY));
        assertThat(problem.code()).isEqualTo("NotAvailable");
        assertThat(problem.message()).isEqualTo(message);
    }

    @Test
    void scheduledOrEmptyIsEmptyWithoutScheduledFor() {
        assertThat(eval("scheduledOrEmpty(format='yyyy')", Scope.EMPTY)).isEqualTo(ok(str("")));
    }

    @Test
    void nowUsesUtcWhenScopeHasNoTimezone() {
        Scope onlyNow = new Scope() {
            @Override
            public java.util.Optional<java.time.Instant> now() {
                return java.util.Optional.of(TestScope.NOW);
            }
        };
        assertThat(eval("now(format='HH:mm')", onlyNow)).isEqualTo(ok(str("12:00")));
    }

    @Test
    void everyFunctionIsCoveredByThisTest() {
        String all = values().map(a -> (String) a.get()[0]).reduce("", String::concat)
                + problems().map(a -> (String) a.get()[0]).reduce("", String::concat);
        for (BuiltinFunction f : BuiltinFunction.values()) {
            assertThat(all).as(f.functionName()).contains(f.functionName());
        }
    }
}
