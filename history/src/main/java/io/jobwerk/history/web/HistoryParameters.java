package io.jobwerk.history.web;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.history.OrderQuery;
import io.jobwerk.history.TaskQuery;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The query parameters of the history routes, checked: each problem names the parameter
 * ({@code InvalidParameter}, HTTP 400). {@code from} and {@code to} are ISO-8601 times with an
 * offset or zone ({@code 2027-01-04T02:30:00Z}, {@code …+01:00}, {@code …[Europe/Berlin]}) or a
 * date (its start in UTC); {@code limit} 1 to {@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}),
 * {@code offset} from 0.
 */
final class HistoryParameters {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 10_000;
    private static final Set<String> ORDER_NAMES = Set.of("workflowPath", "state", "from", "to", "limit", "offset");
    private static final Set<String> TASK_NAMES = Set.of("orderId", "workflowPath", "jobName", "agentPath", "from", "to", "limit", "offset");

    private final Map<String, Deque<String>> parameters;

    private HistoryParameters(Map<String, Deque<String>> parameters) {
        this.parameters = parameters;
    }

    static Checked<OrderQuery> orderQuery(Map<String, Deque<String>> parameters) {
        HistoryParameters p = new HistoryParameters(parameters);
        try {
            p.onlyKnown(ORDER_NAMES);
            return Checked.ok(new OrderQuery(p.string("workflowPath"), p.string("state"), p.time("from"), p.time("to"),
                    p.limit(), p.offset()));
        } catch (InvalidParameter e) {
            return Checked.fail(e.problem);
        }
    }

    static Checked<TaskQuery> taskQuery(Map<String, Deque<String>> parameters) {
        HistoryParameters p = new HistoryParameters(parameters);
        try {
            p.onlyKnown(TASK_NAMES);
            return Checked.ok(new TaskQuery(p.string("orderId"), p.string("workflowPath"), p.string("jobName"), p.string("agentPath"),
                    p.time("from"), p.time("to"), p.limit(), p.offset()));
        } catch (InvalidParameter e) {
            return Checked.fail(e.problem);
        }
    }

    private void onlyKnown(Set<String> names) {
        for (String name : parameters.keySet()) {
            if (!names.contains(name)) {
                throw invalid(name, "Unknown parameter '" + name + "' (known: " + String.join(", ", names.stream().sorted().toList()) + ")");
            }
        }
    }

    /** The parameter's one value; an empty value counts as not given. */
    private Optional<String> string(String name) {
        Deque<String> values = parameters.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw invalid(name, "Parameter '" + name + "' is given " + values.size() + " times");
        }
        return Optional.of(values.getFirst()).filter(v -> !v.isEmpty());
    }

    private Optional<Long> time(String name) {
        return string(name).map(value -> {
            String v = value.replace(' ', '+'); // an unencoded '+' of an offset arrives as a space
            try {
                return ZonedDateTime.parse(v, DateTimeFormatter.ISO_DATE_TIME).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                } catch (DateTimeParseException e2) {
                    throw invalid(name, "Parameter '" + name + "' must be an ISO-8601 time with an offset or zone"
                            + " (e.g. 2027-01-04T02:30:00Z) or a date (2027-01-04), not '" + value + "'");
                }
            }
        });
    }

    private int limit() {
        return integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    private int offset() {
        return integer("offset", 0, 0, Integer.MAX_VALUE);
    }

    private int integer(String name, int defaultValue, int min, int max) {
        Optional<String> value = string(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value.get());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw invalid(name, "Parameter '" + name + "' must be a whole number from " + min + (max == Integer.MAX_VALUE ? " on" : " to " + max)
                + ", not '" + value.get() + "'");
    }

    private static InvalidParameter invalid(String name, String message) {
        return new InvalidParameter(Problem.of("InvalidParameter", message, Map.of("parameter", name)));
    }

    private static final class InvalidParameter extends RuntimeException {
        final transient Problem problem;

        InvalidParameter(Problem problem) {
            super(problem.message(), null, false, false);
            this.problem = problem;
        }
    }
}
