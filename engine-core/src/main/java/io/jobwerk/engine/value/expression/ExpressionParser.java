package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expression.Binary;
import io.jobwerk.engine.value.expression.Expression.BinaryOperator;
import io.jobwerk.engine.value.expression.Expression.Constant;
import io.jobwerk.engine.value.expression.Expression.FieldAccess;
import io.jobwerk.engine.value.expression.Expression.FunctionCall;
import io.jobwerk.engine.value.expression.Expression.UnaryOperator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the JS7 expression language into an {@link Expression}.
 *
 * <p>Precedence, loosest first: lambda {@code x => …}; {@code ||}; {@code &&}; comparison
 * {@code == != < <= > >= in matches}; {@code ++ + -}; {@code * /}; prefix {@code ! -};
 * {@code ?} (postfix {@code a?} and binary {@code a ? default}); field access {@code .name};
 * then constants, {@code $variables}, strings, lists, objects, {@code if … then … else …},
 * function calls and parentheses. Binary operators associate to the left.
 *
 * <p>Lexical rules as in JS7: {@code 'single-quoted'} strings are raw ({@code ''it's''} for a
 * quote inside); {@code "double-quoted"} strings know the escapes {@code \\ \" \t \r \n \$} and
 * interpolate {@code $name}, {@code ${name.field}} and {@code $(expression)}; numbers are decimal
 * with optional fraction and exponent; names in backticks ({@code $`a-b`}) may contain any
 * character but newline; {@code /* … *}{@code /} and {@code // …} are comments.
 *
 * <p>Never throws for bad input: a syntax error is a problem with code {@code ExpressionSyntax}
 * whose message names what was expected and the 1-based column, e.g.
 * {@code Expected ')' to close '(' of column 1 at column 8 in expression: ($a + 1}.
 * Its arguments hold {@code column}
 * and {@code expression}.
 */
public final class ExpressionParser {
    private ExpressionParser() {}

    /** Deeper nesting is a syntax error rather than a stack overflow. */
    static final int MAX_DEPTH = 200;

    /**
     * Operator chains like {@code 1 + 1 + …} parse in a loop but evaluate recursively; the limit
     * keeps evaluation far from a stack overflow.
     */
    static final int MAX_OPERATIONS = 2000;

    private static final Set<String> KEYWORDS =
            Set.of("true", "false", "missing", "null", "if", "then", "else", "in", "matches");

    /** Functions that may follow a dot: {@code $x.toNumber}, as in JS7. */
    private static final Map<String, BuiltinFunction> METHODS = Map.of(
            "toNumber", BuiltinFunction.TO_NUMBER,
            "toBoolean", BuiltinFunction.TO_BOOLEAN,
            "stripMargin", BuiltinFunction.STRIP_MARGIN,
            "mkString", BuiltinFunction.MK_STRING);

    public static Checked<Expression> parse(String source) {
        if (source == null) {
            return Checked.fail("ExpressionSyntax", "Expression is missing (null)");
        }
        try {
            return Checked.ok(new Parser(source).parseAll());
        } catch (SyntaxError e) {
            return Checked.fail(e.problem);
        }
    }

    /** Internal control flow only; {@link #parse} turns it into a problem. */
    private static final class SyntaxError extends RuntimeException {
        final Problem problem;

        SyntaxError(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    private static final class Parser {
        private final String src;
        private int pos;
        private int depth;
        private int operations;

        Parser(String src) {
            this.src = src;
        }

        Expression parseAll() {
            skipWhitespace();
            if (atEnd()) {
                throw error("Expected an expression", pos);
            }
            Expression e = expression();
            skipWhitespace();
            if (!atEnd()) {
                if (peek() == '=' && !lookingAt("==")) {
                    throw error("Unexpected '=' (compare with ==)", pos);
                }
                throw error("Expected an operator or the end of the expression", pos);
            }
            return e;
        }

        // ---- operators ----

        private Expression expression() {
            enter();
            try {
                List<String> parameters = lambdaParameters();
                if (parameters != null) {
                    skipWhitespace();
                    return new Expression.Lambda(parameters, expression());
                }
                return or();
            } finally {
                depth--;
            }
        }

        private Expression or() {
            Expression e = and();
            while (skipWhitespace() && lookingAt("||")) {
                countOperation();
                pos += 2;
                e = new Binary(BinaryOperator.OR, e, operand(this::and));
            }
            return e;
        }

        private Expression and() {
            Expression e = comparison();
            while (skipWhitespace() && lookingAt("&&")) {
                countOperation();
                pos += 2;
                e = new Binary(BinaryOperator.AND, e, operand(this::comparison));
            }
            return e;
        }

        private Expression comparison() {
            Expression e = additive();
            while (true) {
                skipWhitespace();
                BinaryOperator op;
                if (lookingAt("==")) {
                    op = BinaryOperator.EQUAL;
                } else if (lookingAt("!=")) {
                    op = BinaryOperator.NOT_EQUAL;
                } else if (lookingAt("<=")) {
                    op = BinaryOperator.LESS_OR_EQUAL;
                } else if (lookingAt(">=")) {
                    op = BinaryOperator.GREATER_OR_EQUAL;
                } else if (lookingAt("<")) {
                    op = BinaryOperator.LESS;
                } else if (lookingAt(">")) {
                    op = BinaryOperator.GREATER;
                } else if (lookingAtKeyword("in")) {
                    op = BinaryOperator.IN;
                } else if (lookingAtKeyword("matches")) {
                    op = BinaryOperator.MATCHES;
                } else {
                    return e;
                }
                countOperation();
                pos += op.symbol().length();
                e = new Binary(op, e, operand(this::additive));
            }
        }

        private Expression additive() {
            Expression e = multiplicative();
            while (true) {
                skipWhitespace();
                BinaryOperator op;
                if (lookingAt("++")) {
                    op = BinaryOperator.CONCAT;
                } else if (lookingAt("+")) {
                    op = BinaryOperator.ADD;
                } else if (lookingAt("-")) {
                    op = BinaryOperator.SUBTRACT;
                } else {
                    return e;
                }
                countOperation();
                pos += op.symbol().length();
                e = new Binary(op, e, operand(this::multiplicative));
            }
        }

        private Expression multiplicative() {
            Expression e = unary();
            while (true) {
                skipWhitespace();
                BinaryOperator op;
                if (lookingAt("*")) {
                    op = BinaryOperator.MULTIPLY;
                } else if (lookingAt("/")) {
                    op = BinaryOperator.DIVIDE;
                } else {
                    return e;
                }
                countOperation();
                pos += 1;
                e = new Binary(op, e, operand(this::unary));
            }
        }

        private Expression operand(java.util.function.Supplier<Expression> parser) {
            skipWhitespace();
            if (atEnd()) {
                throw error("Expected an operand", pos);
            }
            return parser.get();
        }

        private Expression unary() {
            return prefixed(this::orElse);
        }

        /** {@code ! x} and {@code - x} around what {@code inner} parses. */
        private Expression prefixed(java.util.function.Supplier<Expression> inner) {
            skipWhitespace();
            if (peek() == '!' && !lookingAt("!=")) {
                pos++;
                enter();
                try {
                    return new Expression.Unary(UnaryOperator.NOT, operand(() -> prefixed(inner)));
                } finally {
                    depth--;
                }
            }
            if (peek() == '-') {
                pos++;
                enter();
                try {
                    Expression operand = operand(() -> prefixed(inner));
                    if (operand instanceof Constant c && c.value() instanceof Value.NumberValue n) {
                        return new Constant(Value.of(n.number().negate()));
                    }
                    return new Expression.Unary(UnaryOperator.NEGATE, operand);
                } finally {
                    depth--;
                }
            }
            return inner.get();
        }

        private Expression orElse() {
            Expression e = postfix();
            while (skipWhitespace() && peek() == '?') {
                countOperation();
                pos++;
                skipWhitespace();
                if (startsDefault()) {
                    e = new Expression.OrElse(e, prefixed(this::postfix));
                } else {
                    e = new Expression.OrMissing(e);
                }
            }
            return e;
        }

        /**
         * Whether {@code ?} is followed by a default value. A {@code -} counts only directly before
         * a digit, so {@code $a? - 1} still subtracts.
         */
        private boolean startsDefault() {
            if (atEnd()) {
                return false;
            }
            char c = peek();
            if (c == '-') {
                return pos + 1 < src.length() && isDigit(src.charAt(pos + 1));
            }
            if (c == '!') {
                return !lookingAt("!=");
            }
            if (isIdentifierStart(c)) {
                return !(lookingAtKeyword("in") || lookingAtKeyword("matches")
                        || lookingAtKeyword("then") || lookingAtKeyword("else"));
            }
            return isDigit(c) || c == '\'' || c == '"' || c == '$' || c == '(' || c == '[' || c == '{';
        }

        private Expression postfix() {
            Expression e = primary();
            while (true) {
                int save = pos;
                skipWhitespace();
                if (peek() != '.') {
                    pos = save;
                    return e;
                }
                countOperation();
                pos++;
                skipWhitespace();
                if (!startsName()) {
                    throw error("Expected a field name after '.'", pos);
                }
                boolean backticked = peek() == '`';
                String name = name();
                BuiltinFunction method = METHODS.get(name);
                e = method != null && !backticked
                        ? new FunctionCall(method, Map.of(method.parameters().get(0), e))
                        : new FieldAccess(e, name);
            }
        }

        // ---- primaries ----

        private Expression primary() {
            if (atEnd()) {
                throw error("Expected an expression", pos);
            }
            char c = peek();
            if (c == '(') {
                int open = pos;
                pos++;
                skipWhitespace();
                Expression e = expression();
                expect(')', "')' to close '(' of column " + (open + 1));
                return e;
            }
            if (c == '[') {
                pos++;
                return new Expression.ListExpression(commaSeparated(']', this::expression));
            }
            if (c == '{') {
                return object();
            }
            if (c == '\'') {
                return new Constant(Value.of(singleQuoted()));
            }
            if (c == '"') {
                return doubleQuoted();
            }
            if (c == '$') {
                return namedValue();
            }
            if (isDigit(c)) {
                return number();
            }
            if (isIdentifierStart(c)) {
                return word();
            }
            throw error("Expected an expression", pos);
        }

        private Expression word() {
            int start = pos;
            String name = identifier();
            switch (name) {
                case "true":
                    return new Constant(Value.TRUE);
                case "false":
                    return new Constant(Value.FALSE);
                case "missing":
                    return new Constant(Value.MISSING);
                case "null":
                    return new Constant(Value.NULL);
                case "if":
                    return ifThenElse();
                case "then":
                case "else":
                case "in":
                case "matches":
                    throw error("Expected an expression, not the keyword '" + name + "'", start);
                default:
                    break;
            }
            BuiltinFunction function = BuiltinFunction.byName(name).orElse(null);
            int save = pos;
            skipWhitespace();
            boolean hasParentheses = peek() == '(';
            if (function == null) {
                throw hasParentheses
                        ? error("Unknown function '" + name + "'", start)
                        : error("Unknown name '" + name + "' (a variable is written $" + name + ")", start);
            }
            if (!hasParentheses) {
                pos = save;
                if (function.required() > 0) {
                    throw error("Expected '(' after function name '" + name + "'", pos);
                }
                return new FunctionCall(function, Map.of());
            }
            pos++;
            return call(function, start);
        }

        private Expression ifThenElse() {
            Expression condition = operand(this::expression);
            expectKeyword("then");
            Expression then = operand(this::expression);
            expectKeyword("else");
            Expression otherwise = operand(this::expression);
            return new Expression.IfThenElse(condition, then, otherwise);
        }

        private Expression call(BuiltinFunction function, int nameStart) {
            String fn = "Function '" + function.functionName() + "'";
            List<Expression> positional = new ArrayList<>();
            Map<String, Expression> named = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == ')') {
                pos++;
            } else {
                while (true) {
                    skipWhitespace();
                    int argStart = pos;
                    String name = argumentName();
                    if (name == null) {
                        if (!named.isEmpty()) {
                            throw error("Positional argument after named argument", argStart);
                        }
                        positional.add(expression());
                    } else {
                        if (function.isVariadic() || !function.parameters().contains(name)) {
                            throw error(fn + " has no parameter '" + name + "'"
                                    + (function.isVariadic() ? "" : "; it has: " + String.join(", ", function.parameters())),
                                    argStart);
                        }
                        if (named.containsKey(name)) {
                            throw error("Duplicate argument '" + name + "'", argStart);
                        }
                        skipWhitespace();
                        named.put(name, function == BuiltinFunction.VARIABLE && (name.equals("label") || name.equals("job"))
                                ? bareNameOrExpression()
                                : expression());
                    }
                    skipWhitespace();
                    if (peek() == ',') {
                        pos++;
                        continue;
                    }
                    expect(')', "',' or ')' in the argument list of " + fn.substring("Function ".length()));
                    break;
                }
            }
            if (function.isVariadic()) {
                if (positional.isEmpty()) {
                    throw error(fn + " needs at least one argument", nameStart);
                }
                return new FunctionCall(function, Map.of(BuiltinFunction.VARIADIC_PARAMETER,
                        new Expression.ListExpression(positional)));
            }
            List<String> parameters = function.parameters();
            if (positional.size() > parameters.size()) {
                throw error(fn + " takes at most " + parameters.size() + " argument"
                        + (parameters.size() == 1 ? "" : "s") + ", not " + positional.size(), nameStart);
            }
            Map<String, Expression> arguments = new LinkedHashMap<>();
            for (int i = 0; i < positional.size(); i++) {
                arguments.put(parameters.get(i), positional.get(i));
            }
            for (Map.Entry<String, Expression> arg : named.entrySet()) {
                if (arguments.containsKey(arg.getKey())) {
                    throw error(fn + " got argument '" + arg.getKey() + "' twice", nameStart);
                }
                arguments.put(arg.getKey(), arg.getValue());
            }
            for (String required : parameters.subList(0, function.required())) {
                if (!arguments.containsKey(required)) {
                    throw error(fn + " needs argument '" + required + "'", nameStart);
                }
            }
            return new FunctionCall(function, arguments);
        }

        /** {@code name =} (not {@code ==} or {@code =>}) at the cursor: consumes it and returns the name. */
        private String argumentName() {
            if (atEnd() || !isIdentifierStart(peek())) {
                return null;
            }
            int save = pos;
            String name = identifier();
            skipWhitespace();
            if (peek() == '=' && !lookingAt("==") && !lookingAt("=>")) {
                pos++;
                return name;
            }
            pos = save;
            return null;
        }

        /** JS7 writes {@code variable('x', label=MY_LABEL)} with a bare name. */
        private Expression bareNameOrExpression() {
            if (atEnd() || !isIdentifierStart(peek())) {
                return expression();
            }
            int save = pos;
            String name = identifier();
            skipWhitespace();
            if (KEYWORDS.contains(name) || BuiltinFunction.byName(name).isPresent() || (peek() != ',' && peek() != ')')) {
                pos = save;
                return expression();
            }
            return new Constant(Value.of(name));
        }

        private Expression object() {
            pos++;
            Map<String, Expression> fields = new LinkedHashMap<>();
            skipWhitespace();
            if (peek() == '}') {
                pos++;
                return new Expression.ObjectExpression(fields);
            }
            while (true) {
                skipWhitespace();
                int keyStart = pos;
                String key;
                if (startsName()) {
                    key = name();
                } else if (peek() == '\'') {
                    key = singleQuoted();
                } else if (peek() == '"') {
                    Expression k = doubleQuoted();
                    if (!(k instanceof Constant c)) {
                        throw error("Expected a constant field name, without $", keyStart);
                    }
                    key = ((Value.StringValue) c.value()).string();
                } else {
                    throw error("Expected a field name", pos);
                }
                if (fields.containsKey(key)) {
                    throw error("Duplicate field name '" + key + "'", keyStart);
                }
                skipWhitespace();
                expect(':', "':' after field name '" + key + "'");
                skipWhitespace();
                fields.put(key, expression());
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                expect('}', "',' or '}'");
                return new Expression.ObjectExpression(fields);
            }
        }

        private List<Expression> commaSeparated(char close, java.util.function.Supplier<Expression> element) {
            List<Expression> result = new ArrayList<>();
            skipWhitespace();
            if (peek() == close) {
                pos++;
                return result;
            }
            while (true) {
                skipWhitespace();
                result.add(element.get());
                skipWhitespace();
                if (peek() == ',') {
                    pos++;
                    continue;
                }
                expect(close, "',' or '" + close + "'");
                return result;
            }
        }

        /**
         * {@code x =>} or {@code (a, b) =>} at the cursor: consumes it and returns the parameters;
         * otherwise leaves the cursor and returns null.
         */
        private List<String> lambdaParameters() {
            int save = pos;
            List<String> parameters = new ArrayList<>();
            if (!atEnd() && isIdentifierStart(peek())) {
                String name = identifier();
                if (!KEYWORDS.contains(name)) {
                    parameters.add(name);
                    skipWhitespace();
                    if (lookingAt("=>")) {
                        pos += 2;
                        return parameters;
                    }
                }
            } else if (peek() == '(') {
                pos++;
                skipWhitespace();
                boolean ok = true;
                while (ok && peek() != ')') {
                    if (atEnd() || !isIdentifierStart(peek())) {
                        ok = false;
                        break;
                    }
                    parameters.add(identifier());
                    skipWhitespace();
                    if (peek() == ',') {
                        pos++;
                        skipWhitespace();
                    } else if (peek() != ')') {
                        ok = false;
                    }
                }
                if (ok) {
                    pos++;
                    skipWhitespace();
                    if (lookingAt("=>")) {
                        pos += 2;
                        return parameters;
                    }
                }
            }
            pos = save;
            return null;
        }

        // ---- lexical ----

        /**
         * {@code 'raw'}, without escapes. As in JS7, a string opened by n quotes ({@code ''it's''})
         * is closed by the next n quotes and may contain shorter runs of quotes. {@code ''} without
         * a closing {@code ''} is the empty string.
         */
        private String singleQuoted() {
            int start = pos;
            int n = 0;
            while (peek() == '\'') {
                pos++;
                n++;
            }
            if (n == 1) {
                int end = src.indexOf('\'', pos);
                if (end < 0) {
                    throw error("Expected \"'\" to close the string of column " + (start + 1), src.length());
                }
                String s = src.substring(pos, end);
                pos = end + 1;
                return s.replace("\r\n", "\n");
            }
            String quotes = "'".repeat(n);
            int end = src.indexOf(quotes, pos);
            if (end < 0) {
                if (n == 2) {
                    return "";
                }
                throw error("Expected " + quotes + " to close the string of column " + (start + 1), src.length());
            }
            String s = src.substring(pos, end);
            pos = end + n;
            return s.replace("\r\n", "\n");
        }

        private Expression doubleQuoted() {
            int start = pos;
            pos++;
            List<Expression> parts = new ArrayList<>();
            StringBuilder constant = new StringBuilder();
            while (true) {
                if (atEnd()) {
                    throw error("Expected '\"' to close the string of column " + (start + 1), pos);
                }
                char c = src.charAt(pos);
                if (c == '"') {
                    pos++;
                    break;
                }
                if (c == '\\') {
                    if (pos + 1 >= src.length()) {
                        throw error("Expected an escaped character after '\\'", pos + 1);
                    }
                    char escaped = src.charAt(pos + 1);
                    switch (escaped) {
                        case '\\': constant.append('\\'); break;
                        case '"': constant.append('"'); break;
                        case 't': constant.append('\t'); break;
                        case 'r': constant.append('\r'); break;
                        case 'n': constant.append('\n'); break;
                        case '$': constant.append('$'); break;
                        default:
                            throw error("Unknown escape '\\" + escaped + "' (known are \\\\ \\\" \\t \\r \\n \\$)", pos);
                    }
                    pos += 2;
                } else if (c == '$') {
                    if (constant.length() > 0) {
                        parts.add(new Constant(Value.of(constant.toString())));
                        constant.setLength(0);
                    }
                    if (pos + 1 < src.length() && src.charAt(pos + 1) == '(') {
                        int open = pos + 1;
                        pos += 2;
                        skipWhitespace();
                        parts.add(expression());
                        skipWhitespace();
                        expect(')', "')' to close '$(' of column " + (open + 1));
                    } else {
                        parts.add(namedValue());
                    }
                } else {
                    constant.append(c);
                    pos++;
                }
            }
            if (constant.length() > 0 || parts.isEmpty()) {
                parts.add(new Constant(Value.of(constant.toString())));
            }
            return parts.size() == 1 && parts.get(0) instanceof Constant c && c.value() instanceof Value.StringValue
                    ? parts.get(0)
                    : new Expression.InterpolatedString(parts);
        }

        /** {@code $name}, {@code $1} (a regex group), {@code ${name}} or {@code ${name.field}}. */
        private Expression namedValue() {
            pos++;
            if (atEnd()) {
                throw error("Expected a name after '$'", pos);
            }
            char c = peek();
            if (startsName()) {
                return new Expression.NamedValue(name());
            }
            if (isDigit(c)) {
                int start = pos;
                while (!atEnd() && isDigit(peek())) {
                    pos++;
                }
                return new Expression.NamedValue(src.substring(start, pos));
            }
            if (c == '{') {
                pos++;
                if (!startsName()) {
                    throw error("Expected a name after '${'", pos);
                }
                Expression e = new Expression.NamedValue(name());
                while (peek() == '.') {
                    countOperation();
                    pos++;
                    if (!startsName()) {
                        throw error("Expected a field name after '.'", pos);
                    }
                    e = new FieldAccess(e, name());
                }
                expect('}', "'}'");
                return e;
            }
            throw error("Expected a name after '$'", pos);
        }

        private Expression number() {
            int start = pos;
            skipDigits();
            if (peek() == '.' && pos + 1 < src.length() && isDigit(src.charAt(pos + 1))) {
                pos++;
                skipDigits();
            }
            if (peek() == 'e' || peek() == 'E') {
                int save = pos;
                pos++;
                if (peek() == '+' || peek() == '-') {
                    pos++;
                }
                if (!atEnd() && isDigit(peek())) {
                    skipDigits();
                } else {
                    pos = save;
                }
            }
            if (!atEnd() && isIdentifierPart(peek())) {
                throw error("Unexpected '" + peek() + "' after number", pos);
            }
            try {
                return new Constant(Value.of(new BigDecimal(src.substring(start, pos))));
            } catch (NumberFormatException | ArithmeticException e) {
                throw error("Invalid number", start);
            }
        }

        private void skipDigits() {
            while (!atEnd() && isDigit(peek())) {
                pos++;
            }
        }

        private boolean startsName() {
            return !atEnd() && (isIdentifierStart(peek()) || peek() == '`');
        }

        /** An identifier, or any name in backticks ({@code `a-b`}); {@code ``} inside stands for one backtick. */
        private String name() {
            if (peek() != '`') {
                return identifier();
            }
            int start = pos;
            StringBuilder sb = new StringBuilder();
            while (peek() == '`') {
                if (start != pos) {
                    sb.append('`');
                }
                int end = pos + 1;
                while (end < src.length() && src.charAt(end) != '`' && src.charAt(end) != '\n') {
                    end++;
                }
                if (end >= src.length() || src.charAt(end) != '`') {
                    throw error("Expected '`' to close the name of column " + (start + 1), end);
                }
                sb.append(src, pos + 1, end);
                pos = end + 1;
            }
            if (sb.length() == 0) {
                throw error("Expected a name between the backticks", start + 1);
            }
            return sb.toString();
        }

        private String identifier() {
            int start = pos;
            pos++;
            while (!atEnd() && isIdentifierPart(peek())) {
                pos++;
            }
            return src.substring(start, pos);
        }

        private void expect(char c, String what) {
            skipWhitespace();
            if (peek() != c || atEnd()) {
                throw error("Expected " + what, pos);
            }
            pos++;
        }

        private void expectKeyword(String keyword) {
            skipWhitespace();
            if (!lookingAtKeyword(keyword)) {
                throw error("Expected '" + keyword + "'", pos);
            }
            pos += keyword.length();
        }

        private boolean lookingAt(String s) {
            return src.startsWith(s, pos);
        }

        private boolean lookingAtKeyword(String keyword) {
            int end = pos + keyword.length();
            return src.startsWith(keyword, pos) && (end >= src.length() || !isIdentifierPart(src.charAt(end)));
        }

        /** Skips blanks and comments ({@code /* … *}{@code /}, {@code // …}). Always true, to chain in loop conditions. */
        private boolean skipWhitespace() {
            while (!atEnd()) {
                if (Character.isWhitespace(peek())) {
                    pos++;
                } else if (lookingAt("/*")) {
                    int end = src.indexOf("*/", pos + 2);
                    if (end < 0) {
                        throw error("Expected '*/' to close the comment of column " + (pos + 1), src.length());
                    }
                    pos = end + 2;
                } else if (lookingAt("//")) {
                    int end = src.indexOf('\n', pos);
                    pos = end < 0 ? src.length() : end + 1;
                } else {
                    return true;
                }
            }
            return true;
        }

        private boolean atEnd() {
            return pos >= src.length();
        }

        /** The character at the cursor, or NUL at the end. */
        private char peek() {
            return atEnd() ? '\0' : src.charAt(pos);
        }

        private void countOperation() {
            if (++operations > MAX_OPERATIONS) {
                throw error("Expression is too long (more than " + MAX_OPERATIONS + " operators)", pos);
            }
        }

        private void enter() {
            if (++depth > MAX_DEPTH) {
                throw error("Expression is nested too deeply (more than " + MAX_DEPTH + " levels)", pos);
            }
        }

        private SyntaxError error(String what, int at) {
            int column = at + 1;
            return new SyntaxError(Problem.of("ExpressionSyntax",
                    what + " at column " + column + " in expression: " + src,
                    Map.of("column", Integer.toString(column), "expression", src)));
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        private static boolean isIdentifierStart(char c) {
            return Character.isUnicodeIdentifierStart(c) || c == '_';
        }

        private static boolean isIdentifierPart(char c) {
            return Character.isUnicodeIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
        }
    }
}
