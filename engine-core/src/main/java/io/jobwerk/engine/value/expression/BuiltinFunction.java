package io.jobwerk.engine.value.expression;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The functions of the expression language, with their parameter names in positional order.
 * The first {@code required} parameters must be given; the rest are optional. Arguments may be
 * given by position or by name ({@code now(format='HH:mm')}). {@link #isVariadic() Variadic}
 * functions take any number (at least one) of positional arguments. Functions without parameters
 * may be written without parentheses ({@code orderId} or {@code orderId()}).
 */
public enum BuiltinFunction {
    VARIABLE("variable", 1, "key", "label", "job", "default"),
    ARGUMENT("argument", 1, "key", "default"),
    TO_NUMBER("toNumber", 1, "value"),
    TO_BOOLEAN("toBoolean", 1, "value"),
    REPLACE_ALL("replaceAll", 3, "string", "pattern", "replacement"),
    MATCH("match", 3, "string", "pattern", "replacement"),
    SUBSTRING("substring", 2, "string", "start", "end"),
    MIN("min", -1),
    MAX("max", -1),
    MK_STRING("mkString", 1, "list", "separator"),
    STRIP_MARGIN("stripMargin", 1, "string"),
    ENV("env", 1, "name", "default"),
    NOW("now", 0, "format", "timezone"),
    SCHEDULED_OR_EMPTY("scheduledOrEmpty", 0, "format", "timezone"),
    JOB_RESOURCE_VARIABLE("jobResourceVariable", 2, "jobResource", "name"),
    ERROR("error", 1, "message"),
    ORDER_ID("orderId", 0),
    TRY_COUNT("tryCount", 0),
    MAX_TRIES("maxTries", 0),
    TIMED_OUT("timedOut", 0),
    SUBAGENT_IDS("subagentIds", 1, "subagentBundleId"),
    IMPURE("impure", 1, "value");

    /** The single parameter under which a variadic function gets its arguments, as a list. */
    public static final String VARIADIC_PARAMETER = "values";

    private final String functionName;
    private final int required;
    private final List<String> parameters;

    BuiltinFunction(String functionName, int required, String... parameters) {
        this.functionName = functionName;
        this.required = required;
        this.parameters = List.of(parameters);
    }

    /** The name as written in expressions. */
    public String functionName() {
        return functionName;
    }

    public List<String> parameters() {
        return parameters;
    }

    /** How many leading parameters must be given; for a variadic function, 1. */
    public int required() {
        return isVariadic() ? 1 : required;
    }

    public boolean isVariadic() {
        return required < 0;
    }

    public static Optional<BuiltinFunction> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.functionName.equals(name)).findFirst();
    }
}
