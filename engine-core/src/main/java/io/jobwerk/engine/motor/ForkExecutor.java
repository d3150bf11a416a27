package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.outcome.Outcome;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.value.expression.FunctionCalls;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.Workflow;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Fork} and {@code ForkList}. Forking creates one child order per branch ({@code parent|branch})
 * or per list element ({@code parent|childToId(element, index)}, which must be unique and free of
 * {@code |}; {@code childToArguments(element, index)} gives an object of arguments). An empty fork
 * just moves on. The parent joins when every child is at the end of its branch, FailedInFork or
 * Cancelled: {@code OrderJoined(Succeeded)} whose named values are the branches' {@code result}
 * expressions evaluated in each child's scope (Fork: merged in branch order, later wins; ForkList:
 * each name collects a list of the children's values), or {@code OrderJoined(Failed)} if a child
 * failed or was cancelled. A child that failed without {@code joinIfFailed} stays Failed and the
 * parent waits. A child joins only where its parent is: one at an Agent the parent is not attached to
 * leaves it first (see {@code DetachRules.needsController}).
 */
final class ForkExecutor {
    private ForkExecutor() {}

    static List<OrderEvent> fork(Step step, Instruction.Fork fork) {
        if (fork.forkBranches().isEmpty()) {
            return step.moveOn();
        }
        List<OrderEvent.ForkedChild> children = new ArrayList<>();
        for (Instruction.ForkBranch branch : fork.forkBranches()) {
            children.add(new OrderEvent.ForkedChild(step.order().id().child(branch.id()), Optional.of(branch.id()), Map.of()));
        }
        return forked(step, children);
    }

    static List<OrderEvent> forkList(Step step, Instruction.ForkList forkList) {
        return step.orFail(listChildren(step, forkList).map(children -> children.isEmpty() ? step.moveOn() : forked(step, children)));
    }

    private static List<OrderEvent> forked(Step step, List<OrderEvent.ForkedChild> children) {
        for (OrderEvent.ForkedChild child : children) {
            if (step.ctx().state().orders().containsKey(child.orderId())) {
                return step.failWith(Problem.of("DuplicateOrder", "Child order '" + child.orderId() + "' already exists"));
            }
        }
        return List.of(new OrderEvent.OrderForked(children));
    }

    private static Checked<List<OrderEvent.ForkedChild>> listChildren(Step step, Instruction.ForkList forkList) {
        var scope = step.scope();
        Checked<Value> list = forkList.children().evaluate(scope);
        if (list.isFail()) {
            return Checked.fail(list.problemOption().orElseThrow());
        }
        if (!(list.orThrow() instanceof Value.ListValue elements)) {
            return Checked.fail(Problem.of("WrongValueType", "ForkList children must be a List, not " + list.orThrow().typeName()));
        }
        List<OrderEvent.ForkedChild> children = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < elements.elements().size(); i++) {
            Value element = elements.elements().get(i);
            Checked<String> id = call(forkList.childToId(), element, i, scope).flatMap(ValueConversions::convertToString);
            if (id.isFail()) {
                return Checked.fail(id.problemOption().orElseThrow());
            }
            String childId = id.orThrow();
            if (childId.isEmpty() || childId.indexOf(OrderId.CHILD_SEPARATOR) >= 0) {
                return Checked.fail(Problem.of("InvalidChildId", "ForkList child id '" + childId + "' must be non-empty and must not contain '|'"));
            }
            if (!ids.add(childId)) {
                return Checked.fail(Problem.of("DuplicateChildId", "ForkList child id '" + childId + "' is not unique"));
            }
            Map<String, Value> arguments = Map.of();
            if (forkList.childToArguments().isPresent()) {
                Checked<Value> args = call(forkList.childToArguments().get(), element, i, scope);
                if (args.isFail()) {
                    return Checked.fail(args.problemOption().orElseThrow());
                }
                if (!(args.orThrow() instanceof Value.ObjectValue object)) {
                    return Checked.fail(Problem.of("WrongValueType", "ForkList childToArguments must return an Object"));
                }
                arguments = object.fields();
            }
            children.add(new OrderEvent.ForkedChild(step.order().id().child(childId), Optional.empty(), arguments));
        }
        return Checked.ok(children);
    }

    /** Applies a lambda to (element, index), or to (element) when it has one parameter. */
    private static Checked<Value> call(Expr function, Value element, int index, OrderScope scope) {
        return function.evaluate(scope).flatMap(f -> {
            if (!(f instanceof Value.FunctionValue fn)) {
                return Checked.fail(Problem.of("WrongValueType", "Expected a function: " + function));
            }
            List<Value> arguments = fn.parameters().size() == 1 ? List.of(element) : List.of(element, Value.of(index));
            return FunctionCalls.apply(fn, arguments, scope);
        });
    }

    /** The join of a Forked parent, when all children are done. */
    static List<KeyedEvent<OrderEvent>> join(MotorContext ctx, Order parent, Workflow workflow) {
        if (!(parent.state() instanceof OrderState.Forked forked)) {
            return List.of();
        }
        Instruction instruction = workflow.instruction(parent.position()).toOptional().orElse(null);
        boolean isForkList = instruction instanceof Instruction.ForkList;
        List<String> failures = new ArrayList<>();
        Map<String, Value> merged = new LinkedHashMap<>();
        Map<String, List<Value>> collected = new LinkedHashMap<>();
        for (OrderState.Child c : forked.children()) {
            Order child = ctx.state().orders().get(c.orderId());
            boolean elsewhere = child == null ? ctx.placement() instanceof Placement.Agent
                    : !child.attachedState().equals(parent.attachedState());
            if (elsewhere) {
                // A child went to the Controller (for an instruction of its own): the parent joins there.
                return ctx.placement() instanceof Placement.Agent
                        ? List.of(MotorContext.keyed(parent.id(), new OrderEvent.OrderDetachable())) : List.of();
            }
            if (child == null) {
                continue;
            }
            if (child.isState(OrderState.Kind.CANCELLED)) {
                failures.add("Order:" + child.id() + " has been cancelled"); // JS7's words
                continue;
            }
            if (child.isState(OrderState.Kind.FAILED_IN_FORK)) {
                failures.add("Order:" + child.id() + " " + describe(child.lastOutcome().orElse(Outcome.failed())));
                continue;
            }
            if (!isAtBranchEnd(workflow, parent, child)) {
                return List.of();
            }
            Block branch = workflow.block(child.position().branchPath()).orElseThrow();
            for (var entry : branch.result().orElse(Map.of()).entrySet()) {
                Value value = entry.getValue().evaluate(ctx.scope(child, workflow)).orElse(Value.MISSING);
                merged.put(entry.getKey(), value);
                collected.computeIfAbsent(entry.getKey(), k -> new ArrayList<>()).add(value);
            }
        }
        Outcome outcome;
        if (!failures.isEmpty()) {
            // As JS7 (recorded): the first three failed children, one per line.
            outcome = new Outcome.Failed(Optional.of(String.join(";\n", failures.subList(0, Math.min(3, failures.size())))), Map.of());
        } else if (isForkList) {
            Map<String, Value> lists = new LinkedHashMap<>();
            collected.forEach((k, v) -> lists.put(k, new Value.ListValue(v)));
            outcome = new Outcome.Succeeded(lists);
        } else {
            outcome = new Outcome.Succeeded(merged);
        }
        return List.of(MotorContext.keyed(parent.id(), new OrderEvent.OrderJoined(outcome)));
    }

    /** As JS7 names a child's failure in the join: {@code Failed}, {@code Failed(message)}. */
    private static String describe(Outcome outcome) {
        if (outcome instanceof Outcome.Failed f) {
            return "Failed" + f.message().map(m -> "(" + m + ")").orElse("");
        }
        return switch (outcome.kind()) {
            case SUCCEEDED -> "Succeeded";
            case FAILED -> "Failed";
            case TIMED_OUT -> "TimedOut";
            case KILLED -> "Killed";
            case CAUGHT -> "Caught";
            case DISRUPTED -> "Disrupted";
        };
    }

    static boolean isAtBranchEnd(Workflow workflow, Order parent, Order child) {
        Position p = child.position();
        return child.isState(OrderState.Kind.READY)
                && p.parent().filter(parent.position()::equals).isPresent()
                && p.lastBranchId().map(b -> b.isFork()).orElse(false)
                && MotorContext.isEnd(workflow, p);
    }
}
