package io.jobwerk.subagent.internal;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.ValueConversions;
import java.util.Map;
import java.util.Optional;

/**
 * An internal job that writes its argument {@code text} (a step argument, else a job argument) and a
 * newline to stdout and returns it as the named value {@code echo}. Fails when {@code text} is missing.
 */
public final class EchoJob implements InternalJob {

    @Override
    public Outcome.Completed run(JobStep step) {
        Value text = step.argument("text");
        if (text instanceof Value.MissingValue) {
            return new Outcome.Failed(Optional.of("EchoJob needs the argument 'text'"), Map.of());
        }
        Checked<String> string = ValueConversions.convertToString(text);
        if (string.isFail()) {
            return new Outcome.Failed(Optional.of("EchoJob: " + string.problemOption().orElseThrow().message()), Map.of());
        }
        step.out().println(string.orThrow());
        return new Outcome.Succeeded(Map.of("echo", text));
    }
}
