package io.jobwerk.engine.simulation;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a job does in a simulation: succeeds or fails with a return code, returns values, and
 * takes some (virtual) time.
 *
 * <p>Written as {@code ok}, {@code fail}, {@code fail:3}, {@code rc:2} (succeeds with return code 2),
 * {@code takes:5m} ({@code s}, {@code m}, {@code h}, {@code d}), {@code NAME=VALUE} (a returned value,
 * a number if it reads as one), joined by commas: {@code fail:3,takes:90s,reason=disk}. Successive
 * calls of a job are separated by {@code /}: {@code fail:1/ok} fails the first time, then succeeds
 * (the last one repeats).
 */
public record JobOutcome(boolean succeeds, int returnCode, Map<String, Value> values, Duration takes) {

    public static final JobOutcome SUCCEEDS = new JobOutcome(true, 0, Map.of(), Duration.ZERO);

    public JobOutcome {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        if (takes.isNegative()) {
            throw new IllegalArgumentException("A job cannot take negative time");
        }
    }

    /** The outcome of the job's process, as a Subagent would report it. */
    public Outcome.Completed outcome() {
        Map<String, Value> named = new LinkedHashMap<>(values);
        named.put("returnCode", Value.of(BigDecimal.valueOf(returnCode)));
        return succeeds ? new Outcome.Succeeded(named)
                : new Outcome.Failed(Optional.empty(), named, false);
    }

    /** One outcome per call, e.g. {@code fail:1/ok}. */
    public static Checked<List<JobOutcome>> parseSequence(String text) {
        List<JobOutcome> list = new ArrayList<>();
        for (String part : text.split("/", -1)) {
            Checked<JobOutcome> one = parse(part);
            if (one.isFail()) {
                return Checked.fail(one.problemOption().orElseThrow());
            }
            list.add(one.orThrow());
        }
        return Checked.ok(list);
    }

    public static Checked<JobOutcome> parse(String text) {
        boolean succeeds = true;
        int rc = 0;
        Map<String, Value> values = new LinkedHashMap<>();
        Duration takes = Duration.ZERO;
        for (String raw : text.split(",", -1)) {
            String item = raw.strip();
            String word = item.contains(":") ? item.substring(0, item.indexOf(':')) : item;
            String arg = item.contains(":") ? item.substring(item.indexOf(':') + 1) : "";
            try {
                if (item.contains("=")) {
                    String name = item.substring(0, item.indexOf('=')).strip();
                    String value = item.substring(item.indexOf('=') + 1).strip();
                    values.put(name, value.matches("-?\\d+(\\.\\d+)?") ? Value.of(new BigDecimal(value)) : Value.of(value));
                } else if (word.equals("ok") || word.equals("succeeds")) {
                    succeeds = true;
                } else if (word.equals("fail") || word.equals("fails")) {
                    succeeds = false;
                    rc = arg.isEmpty() ? 1 : Integer.parseInt(arg);
                } else if (word.equals("rc")) {
                    rc = Integer.parseInt(arg);
                } else if (word.equals("takes")) {
                    takes = duration(arg);
                } else {
                    return bad(text, "'" + item + "' is none of ok, fail[:RC], rc:RC, takes:DURATION, NAME=VALUE");
                }
            } catch (NumberFormatException e) {
                return bad(text, "'" + item + "' has no number where one is expected");
            }
        }
        return Checked.ok(new JobOutcome(succeeds, rc, values, takes));
    }

    /** {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}; a bare number is seconds. */
    static Duration duration(String text) {
        String t = text.strip();
        char unit = t.isEmpty() ? 's' : t.charAt(t.length() - 1);
        String number = Character.isDigit(unit) ? t : t.substring(0, t.length() - 1);
        long n = Long.parseLong(number);
        return switch (Character.isDigit(unit) ? 's' : unit) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> throw new NumberFormatException(text);
        };
    }

    private static <T> Checked<T> bad(String text, String why) {
        return Checked.fail(Problem.of("InvalidJobOutcome", "Job outcome '" + text + "': " + why));
    }
}
