package io.jobwerk.engine.value.expression;

import static io.jobwerk.engine.value.expression.Evaluation.eval;
import static io.jobwerk.engine.value.expression.Evaluation.list;
import static io.jobwerk.engine.value.expression.Evaluation.num;
import static io.jobwerk.engine.value.expression.Evaluation.object;
import static io.jobwerk.engine.value.expression.Evaluation.ok;
import static io.jobwerk.engine.value.expression.Evaluation.problem;
import static io.jobwerk.engine.value.expression.Evaluation.str;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExpressionTest {

    static Stream<Arguments> values() {
        return Stream.of(
                // constants
                arguments("true", Value.TRUE),
                arguments("false", Value.FALSE),
                arguments("7", num("7")),
                arguments("-1.5", num("-1.5")),
                arguments("1e3", num("1000")),
                arguments("2.5E-1", num("0.25")),
                arguments("missing", Value.MISSING),
                arguments("null", Value.NULL),
                arguments("'single $s \\n'", str("single $s \\n")),
                arguments("  'padded'  ", str("padded")),
                arguments("''", str("")),
                arguments("''it's''", str("it's")),
                arguments("'''say ''hi'' '''", str("say ''hi'' ")),
                arguments("'a\r\nb'", str("a\nb")),
                arguments("1 /* one */ + // comment\n 2", num("3")),
                arguments("$`a-b` ++ ${`c d`.`e-f`}", str("ab-cd")),
                arguments("{`x y`: 1}.`x y`", num("1")),
                arguments("$straße", str("street")),
                // arithmetic and precedence
                arguments("1 + 2 * 3", num("7")),
                arguments("(1 + 2) * 3", num("9")),
                arguments("10 - 4 - 3", num("3")),
                arguments("12 / 4 / 3", num("1")),
                arguments("10 / 4", num("2.5")),
                arguments("1 / 3", num("0.3333333333333333")),
                arguments("2 * -3", num("-6")),
                arguments("-$n", num("-7")),
                arguments("- (1 + 1)", num("-2")),
                arguments("--1", num("1")),
                arguments("0.1 + 0.2", num("0.3")),
                arguments("0.1 + 0.2 == 0.3", Value.TRUE),
                arguments("$half * 4", num("2")),
                // concatenation
                arguments("'a' ++ 'b'", str("ab")),
                arguments("'a' ++ 1 ++ true", str("a1true")),
                arguments("1 ++ 2", str("12")),
                arguments("1.50 ++ ''", str("1.50")),
                arguments("1e3 ++ ''", str("1000")),
                arguments("1 + 2 ++ 'x'", str("3x")),
                arguments("[1] ++ [2, 'x']", list(num("1"), num("2"), str("x"))),
                // comparison
                arguments("1 == 1.0", Value.TRUE),
                arguments("1 == '1'", Value.FALSE),
                arguments("'a' != 'b'", Value.TRUE),
                arguments("1 < 2", Value.TRUE),
                arguments("2 < 2", Value.FALSE),
                arguments("2 <= 2", Value.TRUE),
                arguments("3 > 2", Value.TRUE),
                arguments("2 >= 3", Value.FALSE),
                arguments("'a' < 'b'", Value.TRUE),
                arguments("'b' >= 'a'", Value.TRUE),
                arguments("[1, 'a'] == [1.0, 'a']", Value.TRUE),
                arguments("{a: 1} == {a: 1}", Value.TRUE),
                arguments("missing == missing", Value.TRUE),
                arguments("1 == 1 == true", Value.TRUE),
                arguments("1 + 1 == 2", Value.TRUE),
                arguments("2 in [1, 2]", Value.TRUE),
                arguments("2.0 in [1, 2]", Value.TRUE),
                arguments("'x' in []", Value.FALSE),
                arguments("1 + 1 in [2]", Value.TRUE),
                arguments("'abc' matches 'a.c'", Value.TRUE),
                arguments("'abcd' matches 'a.c'", Value.FALSE),
                arguments("'a' ++ 'bc' matches 'a.c'", Value.TRUE),
                // boolean logic
                arguments("true && false", Value.FALSE),
                arguments("true && true", Value.TRUE),
                arguments("false || true", Value.TRUE),
                arguments("false || false", Value.FALSE),
                arguments("!true", Value.FALSE),
                arguments("!!true", Value.TRUE),
                arguments("!false && false", Value.FALSE),
                arguments("true || false && false", Value.TRUE),
                arguments("(true || false) && false", Value.FALSE),
                arguments("1 < 2 && 'a' < 'b' || false", Value.TRUE),
                arguments("2 in [1, 2] && 'x' matches 'x'", Value.TRUE),
                arguments("false && $unknown", Value.FALSE),
                arguments("true || $unknown", Value.TRUE),
                arguments("false && 1", Value.FALSE),
                // if then else
                arguments("if 1 < 2 then 'yes' else 'no'", str("yes")),
                arguments("if $b && false then 1 else 2", num("2")),
                arguments("if false then 1 else if true then 2 else 3", num("2")),
                arguments("if true then 1 else $unknown", num("1")),
                // variables, fields
                arguments("$n", num("7")),
                arguments("${n}", num("7")),
                arguments("$returnCode", num("0")),
                arguments("$js7OrderId", str("ORDER-1")),
                arguments("$obj.a", num("1")),
                arguments("$obj . nested . b", str("deep")),
                arguments("${obj.nested.b}", str("deep")),
                arguments("{x: {y: 5}}.x.y", num("5")),
                // ? and defaults
                arguments("$x ? 'default'", str("default")),
                arguments("$n ? 0", num("7")),
                arguments("$x?", Value.MISSING),
                arguments("$x ?", Value.MISSING),
                arguments("$x? == missing", Value.TRUE),
                arguments("$x ? $y ? 'third'", str("third")),
                arguments("$x ? -1", num("-1")),
                arguments("$x ? 1 + 1", num("2")),
                arguments("$n ? 0 * 2", num("14")),
                arguments("-$x ? 3", num("-3")),
                arguments("$obj.zz ? 'no field'", str("no field")),
                arguments("${obj.zz} ? 'no field'", str("no field")),
                arguments("missing ? 'was missing'", str("was missing")),
                arguments("null ? 'not replaced'", Value.NULL),
                arguments("$n ? error('never evaluated')", num("7")),
                arguments("$x ? [1]", list(num("1"))),
                // collections
                arguments("[]", list()),
                arguments("[1, 'a', true, [2]]", list(num("1"), str("a"), Value.TRUE, list(num("2")))),
                arguments("{}", object()),
                arguments("{a: 1, 'b c': 'x', \"d\": [$n]}", object("a", num("1"), "b c", str("x"), "d", list(num("7")))),
                // interpolation
                arguments("\"plain\"", str("plain")),
                arguments("\"\"", str("")),
                arguments("\"a $s b\"", str("a text b")),
                arguments("\"${s}x\"", str("textx")),
                arguments("\"$s.x\"", str("text.x")),
                arguments("\"${obj.nested.b}!\"", str("deep!")),
                arguments("\"$(1 + 2)\"", str("3")),
                arguments("\"$n$b\"", str("7true")),
                arguments("\"group $1\"", str("group group1")),
                arguments("\"\\$s \\\\ \\\" \\t\\r\\n\"", str("$s \\ \" \t\r\n")),
                arguments("\"multi\nline\"", str("multi\nline")),
                arguments("impure(\"n=$n\")", str("n=7")));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("values")
    void evaluates(String source, Value expected) {
        assertThat(eval(source)).isEqualTo(ok(expected));
    }

    static Stream<Arguments> problems() {
        return Stream.of(
                arguments("$x", "UnknownVariable", "No such named value: x"),
                arguments("${x}", "UnknownVariable", "No such named value: x"),
                arguments("1 / 0", "DivisionByZero", "Division by zero: 1 / 0"),
                arguments("(1 / 0) ? 5", "DivisionByZero", "Division by zero: 1 / 0"),
                arguments("$x ? 1 / 0", "DivisionByZero", "Division by zero: 1 / 0"),
                arguments("'a' + 1", "WrongValueType",
                        "Operator + needs two Numbers, not String 'a' and Number 1 (use ++ to concatenate strings)"),
                arguments("'a' + 'b'", "WrongValueType",
                        "Operator + needs two Numbers, not String 'a' and String 'b' (use ++ to concatenate strings)"),
                arguments("true * 2", "WrongValueType", "Operator * needs two Numbers, not Boolean true and Number 2"),
                arguments("$x? - 1", "WrongValueType", "Operator - needs two Numbers, not Missing and Number 1"),
                arguments("'x' ++ 1 + 2", "WrongValueType",
                        "Operator + needs two Numbers, not String 'x1' and Number 2 (use ++ to concatenate strings)"),
                arguments("1 && true", "WrongValueType", "Operator &&: Expected a Boolean value, not Number 1"),
                arguments("true && 'yes'", "WrongValueType", "Operator &&: Expected a Boolean value, not String 'yes'"),
                arguments("false || null", "WrongValueType", "Operator ||: Expected a Boolean value, not Null"),
                arguments("!'x'", "WrongValueType", "Operator !: Expected a Boolean value, not String 'x'"),
                arguments("-'x'", "WrongValueType", "Operator -: Expected a Number value, not String 'x'"),
                arguments("1 < 'a'", "WrongValueType",
                        "Operator < compares two Numbers or two Strings, not Number 1 and String 'a'"),
                arguments("true >= false", "WrongValueType",
                        "Operator >= compares two Numbers or two Strings, not Boolean true and Boolean false"),
                arguments("1 in 'abc'", "WrongValueType", "Operator 'in' needs a List on its right side, not String 'abc'"),
                arguments("1 matches '1'", "WrongValueType", "Operator matches: Expected a String value, not Number 1"),
                arguments("'a' matches '('", "InvalidRegex",
                        "Operator matches: Invalid regular expression '(': Unclosed group"),
                arguments("if 1 then 2 else 3", "WrongValueType", "Condition of 'if': Expected a Boolean value, not Number 1"),
                arguments("$n.a", "WrongValueType", "Field access '.a' needs an Object, not Number 7"),
                arguments("$obj.zz", "UnknownField", "No such field in Object: zz"),
                arguments("'a' ++ [1]", "WrongValueType", "Operator ++: Expected a String value, not List"),
                arguments("\"$obj\"", "WrongValueType", "Expected a String value, not Object"),
                arguments("\"$x\"", "UnknownVariable", "No such named value: x"),
                arguments("[1, $x]", "UnknownVariable", "No such named value: x"),
                arguments("{a: $x}", "UnknownVariable", "No such named value: x"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("problems")
    void failsWithProblem(String source, String code, String message) {
        Problem problem = problem(eval(source));
        assertThat(problem.code()).isEqualTo(code);
        assertThat(problem.message()).isEqualTo(message);
    }

    @Test
    void numbersAreBigDecimals() {
        Value v = eval("0.1 + 0.2").orThrow();
        assertThat(v).isInstanceOf(Value.NumberValue.class);
        assertThat(((Value.NumberValue) v).number()).isEqualByComparingTo(new BigDecimal("0.3"));
        assertThat(((Value.NumberValue) eval("123456789012345678901234567890 + 1").orThrow()).number())
                .isEqualTo(new BigDecimal("123456789012345678901234567891"));
    }

    @Test
    void objectKeepsFieldOrder() {
        Value v = eval("{z: 1, a: 2, m: 3}").orThrow();
        assertThat(((Value.ObjectValue) v).fields().keySet()).containsExactly("z", "a", "m");
    }

    @Test
    void unaryMinusBeforeNumberIsFoldedIntoConstant() {
        assertThat(ExpressionParser.parse("-1.5").orThrow()).isEqualTo(new Expression.Constant(num("-1.5")));
    }

    @Test
    void precedenceShowsInSyntaxTree() {
        Expression e = ExpressionParser.parse("$a || $b && $c == 1 + 2 * -$d ?").orThrow();
        Expression.NamedValue a = new Expression.NamedValue("a");
        Expression expected = new Expression.Binary(Expression.BinaryOperator.OR, a,
                new Expression.Binary(Expression.BinaryOperator.AND, new Expression.NamedValue("b"),
                        new Expression.Binary(Expression.BinaryOperator.EQUAL, new Expression.NamedValue("c"),
                                new Expression.Binary(Expression.BinaryOperator.ADD, new Expression.Constant(num("1")),
                                        new Expression.Binary(Expression.BinaryOperator.MULTIPLY,
                                                new Expression.Constant(num("2")),
                                                new Expression.Unary(Expression.UnaryOperator.NEGATE,
                                                        new Expression.OrMissing(new Expression.NamedValue("d"))))))));
        assertThat(e).isEqualTo(expected);
    }

    @Test
    void everyPermittedSubtypeHasItsOwnKind() {
        List<String> sources = List.of("1", "$a", "\"$a\"", "[1]", "{a: 1}", "$a.b", "!true", "1 + 1", "$a?",
                "$a ? 1", "if true then 1 else 2", "x => 1", "orderId");
        Set<Expression.Kind> kinds = sources.stream()
                .map(s -> ExpressionParser.parse(s).orThrow().kind())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Expression.Kind.class)));
        assertThat(kinds).containsExactlyInAnyOrder(Expression.Kind.values());
        Set<Class<?>> classes = sources.stream()
                .map(s -> ExpressionParser.parse(s).orThrow().getClass())
                .collect(Collectors.toSet());
        assertThat(classes).containsExactlyInAnyOrder(Expression.class.getPermittedSubclasses());
    }

    @Test
    void exprParsesAndEvaluates() {
        assertThat(io.jobwerk.engine.value.expression.Expr.parse("$n + 1").flatMap(e -> e.evaluate(TestScope.standard())))
                .isEqualTo(Checked.ok(num("8")));
        assertThat(io.jobwerk.engine.value.expression.Expr.parse("$n +").isFail()).isTrue();
    }
}
