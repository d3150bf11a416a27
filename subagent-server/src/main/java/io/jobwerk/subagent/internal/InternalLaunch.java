package io.jobwerk.subagent.internal;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.value.Value;
import java.util.Map;
import java.util.Objects;

/**
 * One step of an internal job to run, its arguments already evaluated by the caller.
 *
 * @param jobKey names the job (e.g. workflow id and job name): one instance of the class per key
 * @param className the {@link InternalJob} or {@link AsyncInternalJob} class
 * @param jobArguments the executable's constant {@code jobArguments}, given to the constructor
 * @param arguments the executable's {@code arguments}, evaluated in the order's scope
 */
public record InternalLaunch(String jobKey, String className, Map<String, Value> jobArguments, OrderId orderId,
                             Map<String, Value> arguments) {
    public InternalLaunch {
        Objects.requireNonNull(jobKey, "jobKey");
        Objects.requireNonNull(className, "className");
        jobArguments = Map.copyOf(jobArguments);
        Objects.requireNonNull(orderId, "orderId");
        arguments = Map.copyOf(arguments);
    }
}
