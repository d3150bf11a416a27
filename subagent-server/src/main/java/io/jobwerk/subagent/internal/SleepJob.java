package io.jobwerk.subagent.internal;

import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import io.jobwerk.scheduler.RealScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * An internal job that sleeps for its argument {@code millis} (a step argument, else a job argument;
 * default 0) and then succeeds. It holds a job thread while sleeping; killing the order interrupts it.
 */
public final class SleepJob implements InternalJob {

    @Override
    public Outcome.Completed run(JobStep step) throws InterruptedException {
        Value millis = step.argument("millis");
        long ms = 0;
        if (millis instanceof Value.NumberValue n) {
            ms = n.number().longValue();
        } else if (!(millis instanceof Value.MissingValue)) {
            return new Outcome.Failed(Optional.of("SleepJob: argument 'millis' must be a number"), Map.of());
        }
        RealScheduler.instance().sleep(Duration.ofMillis(ms));
        return new Outcome.Succeeded(Map.of());
    }
}
