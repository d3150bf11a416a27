package io.jobwerk.engine.value;

import io.jobwerk.engine.base.Checked;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.function.Function;

final class Scopes {
    private Scopes() {}

    static Scope chain(Scope first, Scope second) {
        return new Scope() {
            private <T> Optional<T> ask(Function<Scope, Optional<T>> f) {
                Optional<T> a = f.apply(first);
                return a.isPresent() ? a : f.apply(second);
            }

            @Override public Optional<Value> variable(String name) { return ask(s -> s.variable(name)); }
            @Override public Optional<Value> variable(String name, String label, String jobName) {
                return ask(s -> s.variable(name, label, jobName));
            }
            @Override public Optional<Value> argument(String name) { return ask(s -> s.argument(name)); }
            @Override public Optional<String> env(String name) { return ask(s -> s.env(name)); }
            @Override public Optional<Instant> now() { return ask(Scope::now); }
            @Override public Optional<ZoneId> timezone() { return ask(Scope::timezone); }
            @Override public Optional<Instant> scheduledFor() { return ask(Scope::scheduledFor); }
            @Override public Optional<Checked<Value>> jobResourceVariable(String path, String name) {
                return ask(s -> s.jobResourceVariable(path, name));
            }
            @Override public Optional<String> orderId() { return ask(Scope::orderId); }
            @Override public Optional<Integer> tryCount() { return ask(Scope::tryCount); }
            @Override public Optional<Integer> maxTries() { return ask(Scope::maxTries); }
            @Override public Optional<Boolean> timedOut() { return ask(Scope::timedOut); }
            @Override public Optional<Checked<Value>> subagentIds(String bundleId) { return ask(s -> s.subagentIds(bundleId)); }
        };
    }
}
