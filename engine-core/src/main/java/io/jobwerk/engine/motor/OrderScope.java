package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.order.HistoricOutcome;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.value.Scope;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.OrderPreparation;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an expression sees for an order at a position of its workflow.
 *
 * <p>{@code $name} is, in this order of precedence: a built-in {@code $js7…} variable; a workflow
 * parameter's {@code final} value; the newest historic outcome's named value; the order's argument;
 * the workflow parameter's {@code default}; at an Execute instruction its {@code defaultArguments},
 * then the job's (defaults fill only names not given otherwise). Defaults and finals are evaluated
 * in a scope without defaults, so a default cannot refer to itself. A default that fails to
 * evaluate is treated as absent.
 *
 * <p>{@code $js7WorkflowPosition} is written {@code PATH~VERSION:[1,"then",0]}. {@code tryCount} and
 * {@code maxTries} come from the {@code try+N}/{@code catch+N} segment of the position (tryCount = N + 1)
 * found looking outwards through then/else blocks only, as JS7: inside a Lock, StickySubagent, Cycle,
 * Options or fork branch within the Try (or outside any Try) they are 0 and absent.
 */
public final class OrderScope implements Scope {

    private final EngineState state;
    private final Order order;
    private final Workflow workflow;
    private final Position position;
    private final Instant now;
    private final MotorEnvironment env;
    private final boolean withDefaults;

    public OrderScope(EngineState state, Order order, Workflow workflow, Position position, Instant now, MotorEnvironment env) {
        this(state, order, workflow, position, now, env, true);
    }

    private OrderScope(EngineState state, Order order, Workflow workflow, Position position, Instant now,
                       MotorEnvironment env, boolean withDefaults) {
        this.state = Objects.requireNonNull(state, "state");
        this.order = Objects.requireNonNull(order, "order");
        this.workflow = Objects.requireNonNull(workflow, "workflow");
        this.position = Objects.requireNonNull(position, "position");
        this.now = Objects.requireNonNull(now, "now");
        this.env = Objects.requireNonNull(env, "env");
        this.withDefaults = withDefaults;
    }

    /** The scope of the order at its current position. */
    public static Checked<OrderScope> of(EngineState state, Order order, Instant now, MotorEnvironment env) {
        return state.workflowOf(order).map(w -> new OrderScope(state, order, w, order.position(), now, env));
    }

    private OrderScope withoutDefaults() {
        return withDefaults ? new OrderScope(state, order, workflow, position, now, env, false) : this;
    }

    @Override
    public Optional<Value> variable(String name) {
        Optional<Value> builtin = builtin(name);
        if (builtin.isPresent()) {
            return builtin;
        }
        OrderPreparation.Parameter parameter = workflow.orderPreparation().parameters().get(name);
        if (withDefaults && parameter != null && parameter.finalValue().isPresent()) {
            return evaluateDefault(parameter.finalValue().get());
        }
        List<HistoricOutcome> history = order.historicOutcomes();
        for (int i = history.size() - 1; i >= 0; i--) {
            Value v = history.get(i).outcome().namedValues().get(name);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return argumentOrDefault(name);
    }

    private Optional<Value> argumentOrDefault(String name) {
        Value argument = order.arguments().get(name);
        if (argument != null) {
            return Optional.of(argument);
        }
        if (!withDefaults) {
            return Optional.empty();
        }
        OrderPreparation.Parameter parameter = workflow.orderPreparation().parameters().get(name);
        if (parameter != null) {
            Optional<Expr> expr = parameter.finalValue().or(parameter::defaultValue);
            if (expr.isPresent()) {
                return evaluateDefault(expr.get());
            }
        }
        Instruction instruction = workflow.instruction(position).toOptional().orElse(null);
        Map<String, Expr> executeDefaults = instruction instanceof Instruction.ExecuteNamed named ? named.defaultArguments()
                : instruction instanceof Instruction.ExecuteAnonymous anonymous ? anonymous.defaultArguments() : Map.of();
        if (executeDefaults.containsKey(name)) {
            return evaluateDefault(executeDefaults.get(name));
        }
        Optional<WorkflowJob> job = workflow.job(position).toOptional();
        if (job.isPresent() && job.get().defaultArguments().containsKey(name)) {
            return evaluateDefault(job.get().defaultArguments().get(name));
        }
        return Optional.empty();
    }

    private Optional<Value> evaluateDefault(Expr expr) {
        return expr.evaluate(withoutDefaults()).toOptional();
    }

    private Optional<Value> builtin(String name) {
        if (!name.startsWith("js7")) {
            return Optional.empty();
        }
        return switch (name) {
            case "js7OrderId" -> Optional.of(Value.of(order.id().string()));
            case "js7WorkflowPath" -> Optional.of(Value.of(workflow.path().string()));
            case "js7WorkflowPosition" -> Optional.of(Value.of(workflow.path() + "~" + workflow.id().versionId() + ":" + position));
            case "js7Label" -> Optional.of(Value.of(workflow.label(position).map(Label::string).orElse("")));
            case "js7JobName" -> Optional.of(Value.of(workflow.jobName(position).map(JobName::string).orElse("")));
            case "js7ControllerId" -> Optional.of(Value.of(env.controllerId()));
            case "js7EpochMilli" -> Optional.of(Value.of(now.toEpochMilli()));
            case "js7EpochSecond" -> Optional.of(Value.of(now.getEpochSecond()));
            case "js7TryCount" -> Optional.of(Value.of(tryCount().orElse(0)));
            case "js7MaxTries" -> maxTries().map(Value::of);
            case "js7WorkflowTimezone" -> Optional.of(Value.of(workflow.timeZone().getId()));
            default -> Optional.empty();
        };
    }

    @Override
    public Optional<Value> variable(String name, String label, String jobName) {
        if (label == null && jobName == null) {
            return variable(name);
        }
        Optional<Position> labelPosition = label == null ? Optional.empty()
                : workflow.labelToPosition(new Label(label)).toOptional();
        if (label != null && labelPosition.isEmpty()) {
            return Optional.empty();
        }
        List<HistoricOutcome> history = order.historicOutcomes();
        for (int i = history.size() - 1; i >= 0; i--) {
            HistoricOutcome h = history.get(i);
            boolean matches = label != null
                    ? h.position().equals(labelPosition.get())
                    : workflow.jobName(h.position()).map(j -> j.string().equals(jobName)).orElse(false);
            if (matches) {
                return Optional.ofNullable(h.outcome().namedValues().get(name));
            }
        }
        return Optional.empty();
    }

    @Override
    public Optional<Value> argument(String name) {
        return argumentOrDefault(name);
    }

    @Override
    public Optional<String> env(String name) {
        return Optional.ofNullable(env.processEnvironment().get(name));
    }

    @Override
    public Optional<Instant> now() {
        return Optional.of(now);
    }

    @Override
    public Optional<ZoneId> timezone() {
        return Optional.of(workflow.timeZone());
    }

    @Override
    public Optional<Instant> scheduledFor() {
        return order.scheduledFor();
    }

    @Override
    public Optional<Checked<Value>> jobResourceVariable(String jobResourcePath, String name) {
        return Optional.of(JobResourcePath.checked(jobResourcePath)
                .flatMap(state::jobResource)
                .flatMap(resource -> {
                    Expr expr = resource.variables().get(name);
                    return expr == null
                            ? Checked.fail(Problem.of("UnknownVariable", "JobResource '" + jobResourcePath + "' has no variable '" + name + "'"))
                            : expr.evaluate(withoutDefaults());
                }));
    }

    @Override
    public Optional<String> orderId() {
        return Optional.of(order.id().string());
    }

    @Override
    public Optional<Integer> tryCount() {
        return innermostTry().map(s -> s.branchId().tryRetry().or(() -> s.branchId().catchRetry()).orElse(0) + 1);
    }

    @Override
    public Optional<Integer> maxTries() {
        return innermostTryInstruction().flatMap(Instruction.Try::maxTries);
    }

    @Override
    public Optional<Boolean> timedOut() {
        return Optional.of(order.historicOutcomes().stream().map(HistoricOutcome::outcome)
                .filter(o -> !(o instanceof Outcome.Caught)).reduce((a, b) -> b)
                .map(o -> o instanceof Outcome.TimedOut).orElse(false));
    }

    @Override
    public Optional<Checked<Value>> subagentIds(String subagentBundleId) {
        return Optional.of(SubagentBundleId.checked(subagentBundleId)
                .flatMap(state::subagentBundle)
                .map(bundle -> new Value.ListValue(bundle.subagentToPriority().keySet().stream()
                        .map(SubagentId::string).map(Value::of).toList())));
    }

    /**
     * As JS7 ({@code BranchPath.tryCount}; recorded: random-946): the Try whose try or catch block the
     * position is in, looking outwards through then/else blocks only. Inside any other block (a
     * Lock, StickySubagent, Cycle, Options, a fork branch …) in that Try there is none.
     */
    private Optional<Integer> innermostTryIndex() {
        List<Position.Segment> path = position.branchPath();
        for (int i = path.size() - 1; i >= 0; i--) {
            BranchId b = path.get(i).branchId();
            if (b.isTryOrCatch()) {
                return Optional.of(i);
            }
            if (!b.equals(BranchId.ELSE) && b.thenIndex().isEmpty()) {
                break;
            }
        }
        return Optional.empty();
    }

    private Optional<Position.Segment> innermostTry() {
        return innermostTryIndex().map(i -> position.branchPath().get(i));
    }

    private Optional<Instruction.Try> innermostTryInstruction() {
        return innermostTryIndex().flatMap(i -> {
            List<Position.Segment> path = position.branchPath();
            Position tryPosition = new Position(path.subList(0, i), path.get(i).nr());
            return workflow.instruction(tryPosition).toOptional()
                    .filter(Instruction.Try.class::isInstance).map(Instruction.Try.class::cast);
        });
    }
}
