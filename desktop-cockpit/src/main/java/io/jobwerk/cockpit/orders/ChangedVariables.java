package io.jobwerk.cockpit.orders;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.HistoricOutcome;
import io.jobwerk.engine.order.HistoryOperation;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.Outcome;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Variables an operator changes when resuming an order, as typed: {@code rows=1200, region=eu,
 * dryRun=true}. A number becomes a number, {@code true}/{@code false} a boolean, anything else a
 * string ({@code 'quoted'} or {@code "quoted"} to keep commas or spaces). They reach the order as
 * JS7 does it, through {@code ResumeOrder}'s history: a succeeded outcome with these values inserted
 * before the order's last outcome (so {@code asSucceeded} still rewrites the failed one and its
 * return code stays the last), or appended when the order has none yet.
 */
public record ChangedVariables(Map<String, Value> values) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern ITEM = Pattern.compile("\\s*([^=,]+?)\\s*=\\s*('[^']*'|\"[^\"]*\"|[^,]*?)\\s*(?:,|$)");

    public ChangedVariables {
        values = Map.copyOf(values);
    }

    /** Empty text: no change. A problem names the part that is not {@code name=value}. */
    public static Checked<ChangedVariables> parse(String text) {
        Map<String, Value> values = new LinkedHashMap<>();
        String rest = text == null ? "" : text.trim();
        var matcher = ITEM.matcher(rest);
        int at = 0;
        while (at < rest.length()) {
            if (!matcher.find(at) || matcher.start() != at) {
                return Checked.fail(Problem.of("InvalidVariables", "Variables: '" + rest.substring(at).trim()
                        + "' is not name=value (e.g. rows=1200, region='eu')"));
            }
            String name = matcher.group(1);
            if (!NAME.matcher(name).matches()) {
                return Checked.fail(Problem.of("InvalidVariables", "Variables: '" + name + "' is not a variable name"));
            }
            values.put(name, value(matcher.group(2)));
            at = matcher.end();
        }
        return Checked.ok(new ChangedVariables(values));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The history operations that give {@code order} these values. */
    public List<HistoryOperation> historyOperations(Order order) {
        if (values.isEmpty()) {
            return List.of();
        }
        Outcome outcome = new Outcome.Succeeded(values);
        List<HistoricOutcome> history = order.historicOutcomes();
        if (history.isEmpty()) {
            return List.of(new HistoryOperation.Append(order.position(), outcome));
        }
        var last = history.get(history.size() - 1).position();
        return List.of(new HistoryOperation.Insert(last, last, outcome));
    }

    private static Value value(String text) {
        if (text.length() >= 2 && (text.startsWith("'") && text.endsWith("'") || text.startsWith("\"") && text.endsWith("\""))) {
            return Value.of(text.substring(1, text.length() - 1));
        }
        if (text.equals("true") || text.equals("false")) {
            return Value.of(Boolean.parseBoolean(text));
        }
        try {
            return Value.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Value.of(text);
        }
    }
}
