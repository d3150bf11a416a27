package io.jobwerk.subagent.internal;

import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.value.Value;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Objects;

/**
 * What an internal job sees of one step.
 *
 * <p>{@link #out()} and {@link #err()} become the order's {@code OrderStdoutWritten} and
 * {@code OrderStderrWritten} events. Text is collected and sent as one chunk when the job calls
 * {@code flush()}, when a chunk is full, and at the end of the step, so printing line by line does
 * not cost one event per line. Everything written before the step ends is reported before its
 * {@code OrderProcessed}.
 */
public final class JobStep {

    private final OrderId orderId;
    private final Map<String, Value> arguments;
    private final Map<String, Value> jobArguments;
    private final PrintWriter out;
    private final PrintWriter err;

    JobStep(OrderId orderId, Map<String, Value> arguments, Map<String, Value> jobArguments, PrintWriter out, PrintWriter err) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.arguments = Map.copyOf(arguments);
        this.jobArguments = Map.copyOf(jobArguments);
        this.out = out;
        this.err = err;
    }

    public OrderId orderId() {
        return orderId;
    }

    /** The executable's {@code arguments}, evaluated in the order's scope when the step started. */
    public Map<String, Value> arguments() {
        return arguments;
    }

    /** The executable's constant {@code jobArguments} (the same for every step of the job). */
    public Map<String, Value> jobArguments() {
        return jobArguments;
    }

    /** An argument of the step, else of the job, else {@link Value.MissingValue}. */
    public Value argument(String name) {
        Value v = arguments.get(name);
        if (v == null) {
            v = jobArguments.get(name);
        }
        return v != null ? v : Value.MISSING;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }
}
