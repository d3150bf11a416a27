package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expression.FunctionCall;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;

/** Evaluates the {@link BuiltinFunction}s. */
final class Functions {
    private Functions() {}

    /** Problems that already say where they come from, or whose message is the user's ({@code error}). */
    private static final java.util.Set<String> UNPREFIXED_CODES = java.util.Set.of("ExpressionError", "NotAvailable");

    static final String DEFAULT_DATE_TIME_FORMAT = "yyyy-MM-dd'T'HH:mm:ssXXX";

    static Checked<Value> evaluate(FunctionCall call, Scope scope) {
        Arguments args = new Arguments(call, scope);
        return evaluate(call.function(), args, scope)
                .mapProblem(p -> UNPREFIXED_CODES.contains(p.code()) || Operators.UNKNOWN_CODES.contains(p.code())
                        ? p
                        : p.withPrefix(call.function().functionName() + "()"));
    }

    private static Checked<Value> evaluate(BuiltinFunction function, Arguments args, Scope scope) {
        switch (function) {
            case VARIABLE:
                return args.string("key").flatMap(key ->
                        args.optionalString("label").flatMap(label ->
                                args.optionalString("job").flatMap(job ->
                                        orDefault(scope.variable(key, label.orElse(null), job.orElse(null)), args,
                                                () -> Scope.unknownVariable(key)))));
            case ARGUMENT:
                return args.string("key").flatMap(key ->
                        orDefault(scope.argument(key), args, () -> Problem.of("UnknownArgument",
                                "No such order argument: " + key, Map.of("key", key))));
            case TO_NUMBER:
                return args.value("value").flatMap(Functions::toNumber);
            case TO_BOOLEAN:
                return args.value("value").flatMap(Functions::toBoolean);
            case REPLACE_ALL:
                return args.string("string").flatMap(string ->
                        args.string("pattern").flatMap(Operators::compile).flatMap(pattern ->
                                args.string("replacement").flatMap(replacement ->
                                        replace(replacement, () -> pattern.matcher(string).replaceAll(replacement)))));
            case MATCH:
                return args.string("string").flatMap(string ->
                        args.string("pattern").flatMap(Operators::compile).flatMap(pattern ->
                                args.string("replacement").flatMap(replacement -> {
                                    Matcher m = pattern.matcher(string);
                                    if (!m.matches()) {
                                        return Checked.fail(Problem.of("NoMatch",
                                                "'" + string + "' does not match pattern '" + pattern.pattern() + "'"));
                                    }
                                    return replace(replacement, () -> {
                                        StringBuilder sb = new StringBuilder();
                                        m.appendReplacement(sb, replacement);
                                        return sb.toString();
                                    });
                                })));
            case SUBSTRING:
                return args.string("string").flatMap(string ->
                        args.integer("start").flatMap(start ->
                                args.optional("end", Functions::toInt).flatMap(end ->
                                        substring(string, start, end.orElse(string.length())))));
            case MIN:
                return args.value(BuiltinFunction.VARIADIC_PARAMETER).flatMap(v -> extreme(v, -1));
            case MAX:
                return args.value(BuiltinFunction.VARIADIC_PARAMETER).flatMap(v -> extreme(v, 1));
            case MK_STRING:
                return args.value("list").flatMap(list ->
                        args.optionalString("separator").flatMap(sep -> mkString(list, sep.orElse(""))));
            case STRIP_MARGIN:
                return args.string("string").map(s -> Value.of(stripMargin(s)));
            case ENV:
                return args.string("name").flatMap(name ->
                        orDefault(scope.env(name).map(Value::of), args, () -> Problem.of("UnknownEnvironmentVariable",
                                "No such environment variable: " + name, Map.of("name", name))));
            case NOW:
                return scope.now()
                        .map(now -> formatInstant(now, args, scope))
                        .orElseGet(() -> notAvailable("now()"));
            case SCHEDULED_OR_EMPTY:
                return scope.scheduledFor()
                        .map(at -> formatInstant(at, args, scope))
                        .orElseGet(() -> Checked.ok(Value.of("")));
            case JOB_RESOURCE_VARIABLE:
                return args.string("jobResource").flatMap(resource ->
                        args.string("name").flatMap(name ->
                                scope.jobResourceVariable(resource, name)
                                        .orElseGet(() -> notAvailable("jobResourceVariable('" + resource + "', '" + name + "')"))));
            case ERROR:
                return args.value("message").flatMap(ValueConversions::convertToString)
                        .flatMap(message -> Checked.fail(Problem.of("ExpressionError", message)));
            case ORDER_ID:
                return scope.orderId().map(o -> Checked.ok(Value.of(o))).orElseGet(() -> notAvailable("orderId"));
            case TRY_COUNT:
                return scope.tryCount().map(o -> Checked.ok(Value.of(o))).orElseGet(() -> notAvailable("tryCount"));
            case MAX_TRIES:
                return scope.maxTries().map(o -> Checked.ok(Value.of(o))).orElseGet(() -> notAvailable("maxTries"));
            case TIMED_OUT:
                return scope.timedOut().map(o -> Checked.ok(Value.of(o))).orElseGet(() -> notAvailable("timedOut"));
            case SUBAGENT_IDS:
                return args.string("subagentBundleId").flatMap(id ->
                        scope.subagentIds(id).orElseGet(() -> notAvailable("subagentIds('" + id + "')")));
            case IMPURE:
                return args.value("value");
        }
        throw new AssertionError(function);
    }

    private static Checked<Value> orDefault(Optional<Value> value, Arguments args, java.util.function.Supplier<Problem> unknown) {
        if (value.isPresent()) {
            return Checked.ok(value.get());
        }
        return args.has("default") ? args.value("default") : Checked.fail(unknown.get());
    }

    private static Checked<Value> notAvailable(String what) {
        return Checked.fail(Problem.of("NotAvailable", what + " is not available here"));
    }

    static Checked<Value> toNumber(Value value) {
        if (value instanceof Value.NumberValue) {
            return Checked.ok(value);
        }
        if (value instanceof Value.BooleanValue b) {
            return Checked.ok(Value.of(b.bool() ? 1 : 0));
        }
        if (value instanceof Value.StringValue s) {
            try {
                return Checked.ok(Value.of(new BigDecimal(s.string())));
            } catch (NumberFormatException e) {
                return Checked.fail(Problem.of("InvalidNumber", "Not a number: '" + s.string() + "'"));
            }
        }
        return ValueConversions.wrongType("Number or String", value);
    }

    static Checked<Value> toBoolean(Value value) {
        if (value instanceof Value.BooleanValue) {
            return Checked.ok(value);
        }
        if (value instanceof Value.StringValue s) {
            switch (s.string()) {
                case "true":
                    return Checked.ok(Value.TRUE);
                case "false":
                    return Checked.ok(Value.FALSE);
                default:
                    return Checked.fail(Problem.of("InvalidBoolean",
                            "Not a boolean (true or false): '" + s.string() + "'"));
            }
        }
        return ValueConversions.wrongType("Boolean or String", value);
    }

    private static Checked<Value> replace(String replacement, java.util.function.Supplier<String> body) {
        try {
            return Checked.ok(Value.of(body.get()));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return Checked.fail(Problem.of("InvalidReplacement",
                    "Invalid replacement '" + replacement + "': " + e.getMessage()));
        }
    }

    private static Checked<Value> substring(String string, int start, int end) {
        if (start < 0 || end > string.length() || start > end) {
            return Checked.fail(Problem.of("IndexOutOfBounds",
                    "substring(" + start + ", " + end + ") is out of bounds for a String of length " + string.length()));
        }
        return Checked.ok(Value.of(string.substring(start, end)));
    }

    private static Checked<Integer> toInt(Value value) {
        return ValueConversions.asNumber(value).flatMap(n -> {
            try {
                return Checked.ok(n.intValueExact());
            } catch (ArithmeticException e) {
                return Checked.fail(Problem.of("WrongValueType", "Expected an integer, not " + n.toPlainString()));
            }
        });
    }

    /** {@code sign} -1 for the minimum, 1 for the maximum; {@code missing} for no values. */
    private static Checked<Value> extreme(Value arguments, int sign) {
        List<Value> values = ((Value.ListValue) arguments).elements();
        if (values.size() == 1 && values.get(0) instanceof Value.ListValue list) {
            values = list.elements();
        }
        Value best = null;
        for (Value v : values) {
            if (best == null) {
                if (!(v instanceof Value.NumberValue) && !(v instanceof Value.StringValue)) {
                    return ValueConversions.wrongType("Number or String", v);
                }
                best = v;
                continue;
            }
            int c;
            if (best instanceof Value.NumberValue a && v instanceof Value.NumberValue b) {
                c = b.number().compareTo(a.number());
            } else if (best instanceof Value.StringValue a && v instanceof Value.StringValue b) {
                c = b.string().compareTo(a.string());
            } else {
                return Checked.fail(Problem.of("WrongValueType", "Cannot compare "
                        + ValueConversions.describe(best) + " with " + ValueConversions.describe(v)));
            }
            if (c * sign > 0) {
                best = v;
            }
        }
        return Checked.ok(best == null ? Value.MISSING : best);
    }

    private static Checked<Value> mkString(Value value, String separator) {
        if (!(value instanceof Value.ListValue list)) {
            return ValueConversions.convertToString(value).map(Value::of);
        }
        return Checked.traverse(list.elements(), ValueConversions::convertToString)
                .map(strings -> Value.of(String.join(separator, strings)));
    }

    /** As Scala's {@code stripMargin}: on each line, blanks up to and including a leading {@code |} go. */
    static String stripMargin(String string) {
        StringBuilder sb = new StringBuilder(string.length());
        int lineStart = 0;
        while (lineStart < string.length()) {
            int newline = string.indexOf('\n', lineStart);
            int lineEnd = newline < 0 ? string.length() : newline + 1;
            int i = lineStart;
            while (i < lineEnd && string.charAt(i) <= ' ' && string.charAt(i) != '\n') {
                i++;
            }
            sb.append(string, i < lineEnd && string.charAt(i) == '|' ? i + 1 : lineStart, lineEnd);
            lineStart = lineEnd;
        }
        return sb.toString();
    }

    private static Checked<Value> formatInstant(Instant instant, Arguments args, Scope scope) {
        return args.optionalString("format").flatMap(format ->
                args.optionalString("timezone").flatMap(timezone -> {
                    Checked<ZoneId> zone = timezone.isPresent()
                            ? zone(timezone.get())
                            : Checked.ok(scope.timezone().orElse(ZoneOffset.UTC));
                    return zone.flatMap(z -> {
                        String pattern = format.orElse(DEFAULT_DATE_TIME_FORMAT);
                        try {
                            return Checked.ok(Value.of(DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH)
                                    .format(instant.atZone(z))));
                        } catch (IllegalArgumentException | DateTimeException e) {
                            return Checked.fail(Problem.of("InvalidDateTimeFormat",
                                    "Invalid date-time format '" + pattern + "': " + e.getMessage()));
                        }
                    });
                }));
    }

    private static Checked<ZoneId> zone(String name) {
        try {
            return Checked.ok(ZoneId.of(name));
        } catch (DateTimeException e) {
            return Checked.fail(Problem.of("InvalidTimezone", "Unknown time zone: '" + name + "'"));
        }
    }

    /** The arguments of one call, evaluated on demand so that an unused {@code default} is never evaluated. */
    private static final class Arguments {
        private final FunctionCall call;
        private final Scope scope;

        Arguments(FunctionCall call, Scope scope) {
            this.call = call;
            this.scope = scope;
        }

        boolean has(String name) {
            return call.arguments().containsKey(name);
        }

        Checked<Value> value(String name) {
            Expression e = call.arguments().get(name);
            if (e == null) {
                throw new IllegalStateException("Parser let through a call without " + name + ": " + call);
            }
            return e.evaluate(scope);
        }

        Checked<String> string(String name) {
            return value(name).flatMap(v -> ValueConversions.asString(v).mapProblem(p -> p.withPrefix("Argument " + name)));
        }

        Checked<Integer> integer(String name) {
            return value(name).flatMap(Functions::toInt).mapProblem(p -> p.withPrefix("Argument " + name));
        }

        <T> Checked<Optional<T>> optional(String name, Function<Value, Checked<T>> convert) {
            if (!has(name)) {
                return Checked.ok(Optional.empty());
            }
            return value(name).flatMap(convert).map(Optional::of).mapProblem(p -> p.withPrefix("Argument " + name));
        }

        Checked<Optional<String>> optionalString(String name) {
            return optional(name, ValueConversions::asString);
        }
    }
}
