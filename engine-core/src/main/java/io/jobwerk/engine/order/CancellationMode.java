package io.jobwerk.engine.order;

import io.jobwerk.engine.workflow.WorkflowPosition;
import java.util.Objects;
import java.util.Optional;

/**
 * How to cancel: {@code FreshOnly} cancels only orders that have not started; {@code FreshOrStarted}
 * cancels started orders too, optionally killing a running process.
 */
public sealed interface CancellationMode extends CancellationKillOption {

    record FreshOnly() implements CancellationMode {}

    record FreshOrStarted(Optional<Kill> kill) implements CancellationMode {
        public FreshOrStarted {
            Objects.requireNonNull(kill, "kill");
        }
    }

    CancellationMode FRESH_ONLY = new FreshOnly();
    CancellationMode FRESH_OR_STARTED = new FreshOrStarted(Optional.empty());

    static CancellationMode kill(boolean immediately) {
        return new FreshOrStarted(Optional.of(new Kill(immediately, Optional.empty())));
    }

    /**
     * Kill the running process: {@code immediately} = SIGKILL at once, else SIGTERM then SIGKILL after
     * the job's sigkillDelay. With {@code workflowPosition}, only if the order is at that position.
     */
    record Kill(boolean immediately, Optional<WorkflowPosition> workflowPosition) {
        public Kill {
            Objects.requireNonNull(workflowPosition, "workflowPosition");
        }
    }
}
