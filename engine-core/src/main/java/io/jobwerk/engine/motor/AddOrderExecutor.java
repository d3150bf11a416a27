package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Workflow;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code AddOrder}: {@code OrderOrderAdded} for a new order of the workflow path's current version,
 * its id and arguments evaluated in the adding order's scope, then the adding order moves on. The
 * new order belongs to the adding order's plan unless {@code planId} evaluates to a two-string list
 * (or an empty one: the global plan); it has priority 0.
 */
final class AddOrderExecutor {
    private AddOrderExecutor() {}

    static Checked<List<OrderEvent>> addOrder(Step step, Instruction.AddOrder add) {
        OrderScope scope = step.scope();
        Checked<OrderId> orderId = add.orderId().evaluate(scope).flatMap(ValueConversions::convertToString).flatMap(OrderId::checked);
        if (orderId.isFail()) {
            return Checked.fail(orderId.problemOption().orElseThrow());
        }
        if (step.ctx().state().orders().containsKey(orderId.orThrow())) {
            return Checked.fail(Problem.of("DuplicateOrder", "DuplicateKey: Duplicate OrderId 'Order:" + orderId.orThrow() + "'")); // JS7's message
        }
        Checked<Workflow> workflow = step.ctx().state().currentWorkflow(add.workflowPath());
        if (workflow.isFail()) {
            return Checked.fail(workflow.problemOption().orElseThrow());
        }
        Map<String, Value> arguments = new LinkedHashMap<>();
        for (Map.Entry<String, Expr> e : add.arguments().entrySet()) {
            Checked<Value> v = e.getValue().evaluate(scope);
            if (v.isFail()) {
                return Checked.fail(v.problemOption().orElseThrow());
            }
            arguments.put(e.getKey(), v.orThrow());
        }
        PlanId planId = step.order().planId();
        if (add.planId().isPresent()) {
            Checked<Value> v = add.planId().get().evaluate(scope);
            if (v.isFail()) {
                return Checked.fail(v.problemOption().orElseThrow());
            }
            if (v.orThrow() instanceof Value.ListValue l && l.elements().size() == 2) {
                planId = new PlanId(ValueConversions.toStringValue(l.elements().get(0)), ValueConversions.toStringValue(l.elements().get(1)));
            } else if (v.orThrow() instanceof Value.ListValue l && l.elements().isEmpty()) {
                planId = PlanId.GLOBAL;
            }
        }
        List<OrderEvent> events = new ArrayList<>();
        events.add(new OrderEvent.OrderOrderAdded(orderId.orThrow(), workflow.orThrow().id(), arguments, planId, add.innerBlock(),
                add.startPosition(), add.stopPositions(), add.deleteWhenTerminated(), add.forceAdmission(), BigDecimal.ZERO));
        events.addAll(step.moveOn());
        return Checked.ok(events);
    }
}
