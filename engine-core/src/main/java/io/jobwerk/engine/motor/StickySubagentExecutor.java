package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.engine.workflow.Instruction;
import java.util.List;
import java.util.Optional;

/**
 * {@code StickySubagent}: {@code OrderStickySubagentEntered} with the Agent and the evaluated Subagent
 * bundle, if any; the block is left by {@code OrderStickySubagentLeaved} (see {@link EndExecutor},
 * {@link FailureHandler}).
 */
final class StickySubagentExecutor {
    private StickySubagentExecutor() {}

    /** As JS7, a problem here is the order's Disrupted outcome (not a Failed one), a nested block one of them (recorded). */
    static List<OrderEvent> enter(Step step, Instruction.StickySubagent sticky) {
        Checked<List<OrderEvent>> entered = stickySubagent(step, sticky);
        return entered.isOk() ? entered.orThrow() : Anticipation.failOrBreak(step, entered.problemOption().orElseThrow());
    }

    private static Checked<List<OrderEvent>> stickySubagent(Step step, Instruction.StickySubagent sticky) {
        if (!step.order().stickySubagents().isEmpty()) {
            return MotorContext.problem("NestedStickySubagent", "StickySubagent instruction must not be nested");
        }
        if (sticky.subagentBundleIdExpr().isEmpty()) {
            return Checked.ok(List.of(new OrderEvent.OrderStickySubagentEntered(sticky.agentPath(), Optional.empty())));
        }
        return sticky.subagentBundleIdExpr().get().evaluate(step.scope()).flatMap(ValueConversions::convertToString)
                .flatMap(SubagentBundleId::checked)
                .map(id -> List.of(new OrderEvent.OrderStickySubagentEntered(sticky.agentPath(), Optional.of(id))));
    }
}
