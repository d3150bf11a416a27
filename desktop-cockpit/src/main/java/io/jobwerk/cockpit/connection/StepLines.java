package io.jobwerk.cockpit.connection;

import io.jobwerk.cockpit.log.LogFormat;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.JobName;
import java.time.Instant;
import java.util.Optional;

/** The lines that open and close a step in a live log, from the state before the event (its job is at the order's position). */
final class StepLines {
    private StepLines() {}

    static Optional<OrderOutput> of(EngineState before, OrderId orderId, OrderEvent event, Instant at, long eventId) {
        Order order = before.orders().get(orderId);
        if (order == null) {
            return Optional.empty();
        }
        Optional<String> job = before.workflowOf(order).toOptional().flatMap(w -> w.jobName(order.position())).map(JobName::string);
        if (event instanceof OrderEvent.OrderProcessingStarted started) {
            return Optional.of(new OrderOutput(orderId, OrderOutput.Kind.STEP_STARTED, LogFormat.startedLine(at, job, orderId.string(),
                    order.workflowId().path().string() + "~" + order.workflowId().versionId().string(), order.position().toString(),
                    order.attachedState().map(AttachedState::agentPath).map(a -> a.string()), started.subagentId().string()), eventId));
        }
        if (event instanceof OrderEvent.OrderProcessed processed) {
            return Optional.of(new OrderOutput(orderId, OrderOutput.Kind.STEP_ENDED, LogFormat.endedLine(at, job, describe(processed.outcome())), eventId));
        }
        return Optional.empty();
    }

    /** As the history names it: {@code Failed, returnCode 3, message}. */
    static String describe(Outcome outcome) {
        String name = switch (outcome.kind()) {
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case TIMED_OUT -> "TimedOut";
            case KILLED -> "Killed";
            case CAUGHT -> "Caught";
            case DISRUPTED -> "Disrupted";
        };
        Value rc = outcome.namedValues().get("returnCode");
        String returnCode = rc instanceof Value.NumberValue n ? ", returnCode " + n.number().toPlainString() : "";
        String message = outcome instanceof Outcome.Failed f ? f.message().map(m -> ", " + m).orElse("") : "";
        return name + returnCode + message;
    }
}
