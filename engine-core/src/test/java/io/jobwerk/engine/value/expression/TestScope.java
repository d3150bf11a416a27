package io.jobwerk.engine.value.expression;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A scope made of maps; {@code byLabelOrJob} is keyed {@code "label:NAME:key"} or {@code "job:NAME:key"}. */
record TestScope(
        Map<String, Value> variables,
        Map<String, Value> byLabelOrJob,
        Map<String, Value> arguments,
        Map<String, String> environment,
        Instant instant,
        ZoneId zone,
        Instant scheduled,
        Map<String, Map<String, Value>> jobResources,
        Map<String, List<String>> bundles,
        String order,
        Integer tries,
        Integer triesMax,
        Boolean timedOutFlag) implements Scope {

    static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");

    static TestScope standard() {
        return new TestScope(
                Map.ofEntries(
                        Map.entry("n", Value.of(7)),
                        Map.entry("s", Value.of("text")),
                        Map.entry("b", Value.TRUE),
                        Map.entry("half", Value.of(new BigDecimal("0.5"))),
                        Map.entry("1", Value.of("group1")),
                        Map.entry("returnCode", Value.of(0)),
                        Map.entry("js7OrderId", Value.of("ORDER-1")),
                        Map.entry("list", new Value.ListValue(List.of(Value.of(3), Value.of(1), Value.of(2)))),
                        Map.entry("a-b", Value.of("ab-")),
                        Map.entry("c d", new Value.ObjectValue(Map.of("e-f", Value.of("cd")))),
                        Map.entry("straße", Value.of("street")),
                        Map.entry("obj", new Value.ObjectValue(Map.of(
                                "a", Value.of(1),
                                "nested", new Value.ObjectValue(Map.of("b", Value.of("deep"))))))),
                Map.of("label:L1:v", Value.of("at L1"), "job:jobA:v", Value.of("from jobA")),
                Map.of("arg", Value.of("argument value")),
                Map.of("HOME", "/home/test"),
                NOW,
                ZoneId.of("Europe/Berlin"),
                Instant.parse("2024-02-29T23:30:00Z"),
                Map.of("RES", Map.of("a", Value.of("resource a"))),
                Map.of("BUNDLE", List.of("SUBAGENT-1", "SUBAGENT-2")),
                "ORDER-1", 2, 3, false);
    }

    @Override
    public Optional<Value> variable(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    @Override
    public Optional<Value> variable(String name, String label, String jobName) {
        if (label != null) {
            return Optional.ofNullable(byLabelOrJob.get("label:" + label + ":" + name));
        }
        if (jobName != null) {
            return Optional.ofNullable(byLabelOrJob.get("job:" + jobName + ":" + name));
        }
        return variable(name);
    }

    @Override
    public Optional<Value> argument(String name) {
        return Optional.ofNullable(arguments.get(name));
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name));
    }

    @Override
    public Optional<Instant> now() {
        return Optional.ofNullable(instant);
    }

    @Override
    public Optional<ZoneId> timezone() {
        return Optional.ofNullable(zone);
    }

    @Override
    public Optional<Instant> scheduledFor() {
        return Optional.ofNullable(scheduled);
    }

    @Override
    public Optional<Checked<Value>> jobResourceVariable(String jobResourcePath, String name) {
        Map<String, Value> resource = jobResources.get(jobResourcePath);
        if (resource == null) {
            return Optional.of(Checked.fail(Problem.of("UnknownJobResource", "No such JobResource: " + jobResourcePath)));
        }
        Value v = resource.get(name);
        return Optional.of(v != null
                ? Checked.ok(v)
                : Checked.fail(Problem.of("UnknownJobResourceVariable", "No such variable in JobResource " + jobResourcePath + ": " + name)));
    }

    @Override
    public Optional<String> orderId() {
        return Optional.ofNullable(order);
    }

    @Override
    public Optional<Integer> tryCount() {
        return Optional.ofNullable(tries);
    }

    @Override
    public Optional<Integer> maxTries() {
        return Optional.ofNullable(triesMax);
    }

    @Override
    public Optional<Boolean> timedOut() {
        return Optional.ofNullable(timedOutFlag);
    }

    @Override
    public Optional<Checked<Value>> subagentIds(String subagentBundleId) {
        List<String> ids = bundles.get(subagentBundleId);
        return Optional.of(ids != null
                ? Checked.ok(new Value.ListValue(ids.stream().map(Value::of).toList()))
                : Checked.fail(Problem.of("UnknownSubagentBundle", "No such Subagent bundle: " + subagentBundleId)));
    }
}
