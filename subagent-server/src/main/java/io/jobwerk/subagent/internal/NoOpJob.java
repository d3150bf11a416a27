package io.jobwerk.subagent.internal;

import io.jobwerk.engine.outcome.Outcome;
import java.util.Map;

/** An internal job that succeeds at once, for tests and benchmarks: {@code "className": "io.jobwerk.subagent.internal.NoOpJob"}. */
public final class NoOpJob implements InternalJob {

    private static final Outcome.Succeeded SUCCEEDED = new Outcome.Succeeded(Map.of());

    @Override
    public Outcome.Completed run(JobStep step) {
        return SUCCEEDED;
    }
}
