package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.expression.Expr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A JSON node with its path from the document root ({@code $.instructions[1].ifThens[0]}), so
 * every decode problem names where it happened.
 *
 * <p>Decoders are written straight-line: a failing read throws {@link DecodeFailure}, which only
 * {@link #decode} catches and turns into a {@code Checked}. Every public decode method of this
 * package goes through {@link #decode}, so the exception never leaves the package.
 */
final class JsonCursor {

    static final String PROBLEM_CODE = "JsonDecode";

    private static final Pattern SIMPLE_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final JsonNode node;
    // The path is spelled out only for a problem (rarely): a cursor keeps its parent and its step.
    private final JsonCursor parent;
    private final String key;   // the step from the parent: a field name, or null for an array element
    private final int index;
    private String path;

    private JsonCursor(JsonNode node, JsonCursor parent, String key, int index) {
        this.node = node;
        this.parent = parent;
        this.key = key;
        this.index = index;
    }

    static JsonCursor root(JsonNode node) {
        JsonCursor root = new JsonCursor(node, null, null, 0);
        root.path = "$";
        return root;
    }

    /** Runs a straight-line decoder; any decode failure or model validation error becomes a Problem. */
    static <T> Checked<T> decode(JsonNode json, Function<JsonCursor, T> decoder) {
        if (json == null) {
            return Checked.fail(root(com.fasterxml.jackson.databind.node.MissingNode.getInstance())
                    .problem("expected a JSON value, found nothing"));
        }
        JsonCursor root = root(json);
        try {
            return Checked.ok(decoder.apply(root));
        } catch (DecodeFailure e) {
            return Checked.fail(e.problem);
        } catch (IllegalArgumentException | NullPointerException e) {
            // A model constructor not wrapped by construct(): still a problem, not an exception.
            return Checked.fail(root.problem(String.valueOf(e.getMessage())));
        }
    }

    /** Carries a decode problem up to {@link #decode}; never escapes the package. */
    static final class DecodeFailure extends RuntimeException {
        final transient Problem problem;

        DecodeFailure(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }

    JsonNode node() {
        return node;
    }

    String path() {
        if (path == null) {
            String p = parent.path();
            path = key == null ? p + "[" + index + "]"
                    : SIMPLE_KEY.matcher(key).matches() ? p + "." + key : p + "[\"" + key.replace("\"", "\\\"") + "\"]";
        }
        return path;
    }

    Problem problem(String message) {
        return Problem.of(PROBLEM_CODE, "JSON path " + path() + ": " + message, Map.of("path", path()));
    }

    /** Throws the problem at this path. */
    DecodeFailure fail(String message) {
        return new DecodeFailure(problem(message));
    }

    /** Wraps a problem of the model or the expression parser with this path. */
    <T> T check(Checked<T> checked) {
        if (checked instanceof Checked.Ok<T> ok) {
            return ok.value();
        }
        Problem p = checked.problemOption().orElseThrow();
        Map<String, String> args = new LinkedHashMap<>(p.arguments());
        args.put("path", path());
        if (!p.code().equals(PROBLEM_CODE)) {
            args.put("cause", p.code());
        }
        throw new DecodeFailure(Problem.of(PROBLEM_CODE, "JSON path " + path() + ": " + p.message(), args));
    }

    /** Runs a model constructor, turning its validation exceptions into a problem at this path. */
    <T> T construct(Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw fail(String.valueOf(e.getMessage()));
        }
    }

    // Navigation

    JsonCursor child(String key) {
        JsonNode n = node.get(key);
        return new JsonCursor(n == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : n, this, key, 0);
    }

    boolean has(String key) {
        JsonNode n = node.get(key);
        return n != null && !n.isNull();
    }

    /** The field, which must be present (and not null). */
    JsonCursor required(String key) {
        requireObject();
        if (!has(key)) {
            throw fail("missing required field '" + key + "'");
        }
        return child(key);
    }

    /** The field if present and not null. */
    Optional<JsonCursor> optional(String key) {
        requireObject();
        return has(key) ? Optional.of(child(key)) : Optional.empty();
    }

    JsonCursor requireObject() {
        if (!node.isObject()) {
            throw fail("expected an object, found " + typeName(node));
        }
        return this;
    }

    List<JsonCursor> elements() {
        if (!node.isArray()) {
            throw fail("expected an array, found " + typeName(node));
        }
        List<JsonCursor> list = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            list.add(new JsonCursor(node.get(i), this, null, i));
        }
        return list;
    }

    /** The fields of an object in document order. */
    List<Map.Entry<String, JsonCursor>> fields() {
        requireObject();
        List<Map.Entry<String, JsonCursor>> list = new ArrayList<>(node.size());
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            list.add(Map.entry(key, child(key)));
        }
        return list;
    }

    /** An object whose values are decoded by {@code f}, in document order. */
    <T> Map<String, T> map(Function<JsonCursor, T> f) {
        Map<String, T> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonCursor> e : fields()) {
            map.put(e.getKey(), f.apply(e.getValue()));
        }
        return map;
    }

    <T> List<T> list(Function<JsonCursor, T> f) {
        List<T> list = new ArrayList<>();
        for (JsonCursor c : elements()) {
            list.add(f.apply(c));
        }
        return list;
    }

    // Scalars

    String string() {
        if (!node.isTextual()) {
            throw fail("expected a string, found " + typeName(node));
        }
        return node.textValue();
    }

    boolean bool() {
        if (!node.isBoolean()) {
            throw fail("expected a boolean, found " + typeName(node));
        }
        return node.booleanValue();
    }

    BigDecimal decimal() {
        if (!node.isNumber()) {
            throw fail("expected a number, found " + typeName(node));
        }
        BigDecimal d = node.isBigDecimal() || node.isFloatingPointNumber() ? node.decimalValue() : new BigDecimal(node.bigIntegerValue());
        // 1e999999999 is short text but would expand to a billion digits when written plain.
        if (d.scale() > MAX_SCALE || d.scale() < -MAX_SCALE) {
            throw fail("number out of range: " + node.asText());
        }
        return d;
    }

    private static final int MAX_SCALE = 1000;

    int intValue() {
        BigDecimal d = decimal();
        try {
            return d.intValueExact();
        } catch (ArithmeticException e) {
            throw fail("expected an integer, found " + d.toPlainString());
        }
    }

    long longValue() {
        BigDecimal d = decimal();
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw fail("expected an integer, found " + d.toPlainString());
        }
    }

    /** A duration in seconds, decimals allowed; must not be negative. */
    Duration seconds() {
        BigDecimal d = decimal();
        if (d.signum() < 0) {
            throw fail("expected a non-negative number of seconds, found " + d.toPlainString());
        }
        BigInteger whole = d.toBigInteger();
        if (whole.bitLength() > 62) {
            throw fail("number of seconds is too big: " + d.toPlainString());
        }
        long nanos = d.subtract(new BigDecimal(whole)).movePointRight(9).longValue();
        return Duration.ofSeconds(whole.longValueExact(), nanos);
    }

    /** A timestamp as JS7 writes it: epoch milliseconds. */
    java.time.Instant instant() {
        return java.time.Instant.ofEpochMilli(longValue());
    }

    /** An expression string, parsed; a syntax error is reported with this path. */
    Expr expr() {
        return check(Expr.parse(string()));
    }

    /** A string validated by an id's {@code checked} factory ({@code AgentPath::checked} …). */
    <T> T as(Function<String, Checked<T>> checkedFactory) {
        return check(checkedFactory.apply(string()));
    }

    Map<String, Expr> exprMap() {
        return map(JsonCursor::expr);
    }

    // Convenience for optional fields

    String requiredString(String key) {
        return required(key).string();
    }

    Optional<String> optionalString(String key) {
        return optional(key).map(JsonCursor::string);
    }

    boolean optionalBool(String key) {
        return optional(key).map(JsonCursor::bool).orElse(false);
    }

    Map<String, Expr> optionalExprMap(String key) {
        return optional(key).map(JsonCursor::exprMap).orElse(Map.of());
    }

    /** Decodes a TYPE-discriminated object: its {@code TYPE} string. */
    String type() {
        return required("TYPE").string();
    }

    static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case BINARY -> "binary";
            case BOOLEAN -> "boolean";
            case MISSING -> "nothing";
            case NULL -> "null";
            case NUMBER -> "number";
            case OBJECT -> "object";
            case POJO -> "pojo";
            case STRING -> "string";
        };
    }
}
