package io.jobwerk.agent;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.motor.MotorEnvironment;
import io.jobwerk.engine.motor.OrderScope;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.subagent.internal.InternalLaunch;
import io.jobwerk.subagent.process.JobLaunch;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the process launch for an order's job step: the environment as JS7 passes it
 * ({@code JS7_ORDER_ID}, {@code JS7_WORKFLOW_NAME}, {@code JS7_JOB_NAME} …), the job resources'
 * {@code env} (the first listed resource wins), the executable's {@code env} expressions evaluated
 * in the order's scope (they win over resources), and for {@code v1Compatible} jobs every order
 * variable as {@code SCHEDULER_PARAM_NAME}.
 */
final class JobLaunches {
    private JobLaunches() {}

    static Checked<JobLaunch> build(EngineState state, Order order, String taskId, Instant now, MotorEnvironment env, String agentPath) {
        Checked<Workflow> workflow = state.workflowOf(order);
        if (workflow.isFail()) {
            return Checked.fail(workflow.problemOption().orElseThrow());
        }
        Checked<WorkflowJob> job = workflow.orThrow().job(order.position());
        if (job.isFail()) {
            return Checked.fail(job.problemOption().orElseThrow());
        }
        WorkflowJob j = job.orThrow();
        OrderScope scope = new OrderScope(state, order, workflow.orThrow(), order.position(), now, env);
        Map<String, String> environment = new LinkedHashMap<>();
        ZoneId zone = workflow.orThrow().timeZone();
        environment.put("JS7_ORDER_ID", order.id().string());
        environment.put("JS7_WORKFLOW_NAME", order.workflowId().path().string());
        environment.put("JS7_WORKFLOW_POSITION", order.position().toString());
        workflow.orThrow().label(order.position()).ifPresent(l -> environment.put("JS7_LABEL", l.string()));
        workflow.orThrow().jobName(order.position()).ifPresent(n -> environment.put("JS7_JOB_NAME", n.string()));
        environment.put("JS7_CONTROLLER_ID", env.controllerId());
        environment.put("JS7_AGENT_ID", agentPath);
        environment.put("JS7_TASKSTART_DATE", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(now.atZone(zone)));
        order.scheduledFor().ifPresent(t -> environment.put("JS7_SCHEDULED_DATE", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atZone(zone))));

        List<JobResourcePath> resources = new ArrayList<>(j.jobResourcePaths());
        resources.addAll(workflow.orThrow().jobResourcePaths());
        Map<String, String> resourceEnv = new LinkedHashMap<>();
        for (JobResourcePath path : resources) {
            Checked<Item.JobResource> resource = state.jobResource(path);
            if (resource.isFail()) {
                return Checked.fail(resource.problemOption().orElseThrow());
            }
            for (Map.Entry<String, Expr> e : resource.orThrow().env().entrySet()) {
                if (!resourceEnv.containsKey(e.getKey())) {
                    Checked<String> value = evaluate(e.getValue(), scope, "JobResource " + path + " env " + e.getKey());
                    if (value.isFail()) {
                        return Checked.fail(value.problemOption().orElseThrow());
                    }
                    resourceEnv.put(e.getKey(), value.orThrow());
                }
            }
        }
        environment.putAll(resourceEnv);
        Executable executable = j.executable();
        for (Map.Entry<String, Expr> e : executable.env().entrySet()) {
            Checked<String> value = evaluate(e.getValue(), scope, "env " + e.getKey());
            if (value.isFail()) {
                return Checked.fail(value.problemOption().orElseThrow());
            }
            environment.put(e.getKey(), value.orThrow());
        }
        if (isV1Compatible(executable)) {
            for (String name : order.arguments().keySet()) {
                scope.variable(name).map(ValueConversions::toStringValue)
                        .ifPresent(v -> environment.put("SCHEDULER_PARAM_" + name.toUpperCase(java.util.Locale.ROOT), v));
            }
        }
        List<String> commandLine = List.of();
        if (executable instanceof Executable.CommandLine cl) {
            Checked<List<String>> words = CommandLines.evaluate(cl.command(), scope);
            if (words.isFail()) {
                return Checked.fail(words.problemOption().orElseThrow());
            }
            commandLine = words.orThrow();
        }
        Duration sigkillDelay = j.sigkillDelay().orElse(env.defaultSigkillDelay());
        return Checked.ok(new JobLaunch(taskId, executable, commandLine, environment, sigkillDelay, j.timeout(), j.failOnErrWritten()));
    }

    /**
     * Builds the step of an internal job: the executable's {@code arguments} evaluated in the order's
     * scope (in their written order; a missing value fails the step), its {@code jobArguments}, and
     * the job's key (workflow version and job name, or position for an anonymous job).
     */
    /** Whether the order's job at its position is an InternalExecutable (run in the Director's JVM, whichever Subagent was selected). */
    static boolean isInternalJob(EngineState state, Order order) {
        return state.workflowOf(order).flatMap(w -> w.job(order.position()))
                .map(job -> job.executable() instanceof Executable.Internal).orElse(false);
    }

    static Checked<InternalLaunch> buildInternal(EngineState state, Order order, Instant now, MotorEnvironment env) {
        Checked<Workflow> workflow = state.workflowOf(order);
        if (workflow.isFail()) {
            return Checked.fail(workflow.problemOption().orElseThrow());
        }
        Checked<WorkflowJob> job = workflow.orThrow().job(order.position());
        if (job.isFail()) {
            return Checked.fail(job.problemOption().orElseThrow());
        }
        if (!(job.orThrow().executable() instanceof Executable.Internal internal)) {
            return Checked.fail(Problem.of("InternalJobProblem", "The job at " + order.position() + " is not an InternalExecutable"));
        }
        OrderScope scope = new OrderScope(state, order, workflow.orThrow(), order.position(), now, env);
        Map<String, Value> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, Expr> e : internal.arguments().entrySet()) {
            Checked<Value> value = e.getValue().evaluate(scope);
            if (value.isOk() && value.orThrow() instanceof Value.MissingValue) {
                value = Checked.fail(Problem.of("MissingValue", "expression '" + e.getValue() + "' has no value"));
            }
            if (value.isFail()) {
                return Checked.fail(value.problemOption().orElseThrow().withPrefix("argument " + e.getKey()));
            }
            arguments.put(e.getKey(), value.orThrow());
        }
        String jobKey = order.workflowId() + "|" + workflow.orThrow().jobName(order.position()).map(n -> n.string())
                .orElse(order.position().toString());
        return Checked.ok(new InternalLaunch(jobKey, internal.className(), internal.jobArguments(), order.id(), arguments));
    }

    private static boolean isV1Compatible(Executable executable) {
        return (executable instanceof Executable.ShellScript s && s.v1Compatible())
                || (executable instanceof Executable.PathExecutable p && p.v1Compatible());
    }

    private static Checked<String> evaluate(Expr expr, OrderScope scope, String what) {
        return expr.evaluate(scope).flatMap(v -> v instanceof Value.MissingValue
                ? Checked.fail(Problem.of("MissingValue", what + ": expression '" + expr + "' has no value"))
                : ValueConversions.convertToString(v)).mapProblem(p -> p.withPrefix(what));
    }
}
