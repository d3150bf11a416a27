package io.jobwerk.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.event.Stamped;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import io.jobwerk.subagent.internal.InternalJob;
import io.jobwerk.subagent.internal.JobStep;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** InternalExecutable jobs through Controller → Agent → Subagent, on the standalone system in this JVM. */
class InternalJobSystemTest {

    @TempDir
    static Path data;
    static InProcessSystem system;

    /** Fails every step: an exception in a job fails the step with the exception's message. */
    public static final class ThrowingJob implements InternalJob {
        @Override
        public Outcome.Completed run(JobStep step) {
            throw new IllegalStateException("THROWN BY " + step.orderId().string());
        }
    }

    /** Takes the jobArguments in its constructor and writes both kinds of arguments. */
    public static final class ArgumentsJob implements InternalJob {
        private final Map<String, Value> jobArguments;

        public ArgumentsJob(Map<String, Value> jobArguments) {
            this.jobArguments = jobArguments;
        }

        @Override
        public Outcome.Completed run(JobStep step) {
            step.err().print("to stderr");
            return new Outcome.Succeeded(Map.of(
                    "fromConstructor", jobArguments.get("constant"),
                    "fromStep", step.arguments().get("computed")));
        }
    }

    @BeforeAll
    static void start() throws Exception {
        system = InProcessSystem.start(data);
        system.deployWorkflows("1",
                workflow("noop", "io.jobwerk.subagent.internal.NoOpJob", "{}", "{}"),
                workflow("echo", "io.jobwerk.subagent.internal.EchoJob", "{}", "{\"text\": \"'Hello ' ++ $name\"}"),
                workflow("throwing", ThrowingJob.class.getName(), "{}", "{}"),
                workflow("unknown", "com.example.NoSuchJob", "{}", "{}"),
                workflow("echo-missing", "io.jobwerk.subagent.internal.EchoJob", "{}", "{\"text\": \"$undeclared\"}"),
                workflow("arguments", ArgumentsJob.class.getName(), "{\"constant\": \"CONSTANT\"}",
                "{\"computed\": \"$number * 2\"}"));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static String workflow(String path, String className, String jobArguments, String arguments) {
        return """
                {"TYPE": "Workflow", "path": "%s", "versionId": "1",
                 "orderPreparation": {"parameters": {"name": {"type": "String", "default": "'nobody'"}, "number": {"type": "Number", "default": "0"}}},
                 "instructions": [{"TYPE": "Execute.Named", "jobName": "JOB"}],
                 "jobs": {"JOB": {"agentPath": "agent", "executable": {"TYPE": "InternalExecutable",
                   "className": "%s", "jobArguments": %s, "arguments": %s}}}}
                """.formatted(path, className, jobArguments, arguments);
    }

    private static List<Stamped<? extends Event>> runToEnd(String orderId, String workflow, Map<String, Value> arguments) throws Exception {
        system.addOrder(FreshOrder.of(orderId, workflow, arguments));
        return system.awaitEvent(orderId, e -> e instanceof OrderEvent.OrderFinished || e instanceof OrderEvent.OrderFailed, 30_000);
    }

    private static Outcome processedOutcome(List<Stamped<? extends Event>> events) {
        return events.stream().map(s -> s.keyedEvent().event())
                .filter(e -> e instanceof OrderEvent.OrderProcessed)
                .map(e -> ((OrderEvent.OrderProcessed) e).outcome())
                .findFirst().orElseThrow();
    }

    @Test
    void noOpJobOrderGetsTheExactEvents() throws Exception {
        runToEnd("noop-1", "noop", Map.of());
        assertThat(system.eventNames("noop-1")).containsExactly(
                "OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted", "OrderProcessingStarted",
                "OrderProcessed", "OrderMoved", "OrderDetachable", "OrderDetached", "OrderFinished");
        assertThat(processedOutcome(system.events("noop-1"))).isEqualTo(new Outcome.Succeeded(Map.of()));
    }

    @Test
    void echoJobWritesItsEvaluatedArgumentToStdoutAndReturnsIt() throws Exception {
        List<Stamped<? extends Event>> events = runToEnd("echo-1", "echo", Map.of("name", Value.of("World")));
        assertThat(system.eventNames("echo-1")).containsExactly(
                "OrderAdded", "OrderAttachable", "OrderAttached", "OrderStarted", "OrderProcessingStarted",
                "OrderStdoutWritten", "OrderProcessed", "OrderMoved", "OrderDetachable", "OrderDetached", "OrderFinished");
        assertThat(events.stream().map(s -> (Event) s.keyedEvent().event()).toList()).contains(new OrderEvent.OrderStdoutWritten("Hello World\n"));
        assertThat(processedOutcome(events)).isEqualTo(new Outcome.Succeeded(Map.of("echo", Value.of("Hello World"))));
    }

    @Test
    void jobArgumentsGoToTheConstructorAndArgumentsAreEvaluatedPerStep() throws Exception {
        List<Stamped<? extends Event>> events = runToEnd("arguments-1", "arguments", Map.of("number", Value.of(21)));
        assertThat(events.stream().map(s -> (Event) s.keyedEvent().event()).toList()).contains(new OrderEvent.OrderStderrWritten("to stderr"));
        assertThat(processedOutcome(events)).isEqualTo(new Outcome.Succeeded(Map.of(
                "fromConstructor", Value.of("CONSTANT"), "fromStep", Value.of(42))));
    }

    @Test
    void throwingJobFailsTheStepWithTheExceptionMessage() throws Exception {
        List<Stamped<? extends Event>> events = runToEnd("throwing-1", "throwing", Map.of());
        assertThat(processedOutcome(events)).isEqualTo(new Outcome.Failed(Optional.of("THROWN BY throwing-1"), Map.of()));
        assertThat(system.eventNames("throwing-1")).contains("OrderFailed").doesNotContain("OrderFinished");
    }

    @Test
    void unknownClassFailsTheStepNamingTheClass() throws Exception {
        List<Stamped<? extends Event>> events = runToEnd("unknown-1", "unknown", Map.of());
        assertThat(processedOutcome(events)).isEqualTo(new Outcome.Failed(
                Optional.of("InternalExecutable 'com.example.NoSuchJob': class not found"), Map.of()));
    }

    @Test
    void missingArgumentFailsTheStep() throws Exception {
        List<Stamped<? extends Event>> events = runToEnd("echo-missing", "echo-missing", Map.of());
        assertThat(processedOutcome(events)).isInstanceOf(Outcome.Failed.class);
        assertThat(((Outcome.Failed) processedOutcome(events)).message().orElseThrow()).contains("argument text");
    }
}
