package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a {@link FreshOrder} into its {@link OrderEvent.OrderAdded} on the current version of its
 * workflow, after checking arguments, {@code innerBlock}, {@code startPosition} and {@code stopPositions}.
 * Does not look at duplicates: that is the caller's decision.
 */
final class FreshOrderChecker {
    private FreshOrderChecker() {}

    static Checked<KeyedEvent<OrderEvent.OrderAdded>> toOrderAdded(EngineState state, FreshOrder order) {
        return state.currentWorkflow(order.workflowPath())
                .flatMap(workflow -> OrderArgumentChecker.check(order.id(), workflow, order.arguments())
                        .flatMap(ok -> checkInnerBlock(order, workflow))
                        .flatMap(ok -> checkStartPosition(order, workflow))
                        .flatMap(ok -> checkStopPositions(order, workflow))
                        .map(ok -> KeyedEvent.of(order.id(), new OrderEvent.OrderAdded(workflow.id(), order.arguments(),
                                order.scheduledFor(), order.planId(), Optional.empty(), order.deleteWhenTerminated(),
                                order.forceAdmission(), order.innerBlock(), order.startPosition(), order.stopPositions(),
                                order.priority()))));
    }

    private static Checked<Boolean> checkInnerBlock(FreshOrder order, Workflow workflow) {
        if (order.innerBlock().isPresent() && workflow.block(order.innerBlock().get()).isEmpty()) {
            return invalidPosition(order, "innerBlock " + blockToString(order.innerBlock().get()) + " is not a block of workflow '"
                    + workflow.id() + "'");
        }
        return Checked.ok(true);
    }

    private static Checked<Boolean> checkStartPosition(FreshOrder order, Workflow workflow) {
        if (order.startPosition().isEmpty()) {
            return Checked.ok(true);
        }
        Position start = order.startPosition().get();
        if (!workflow.isDefinedAt(start)) {
            return invalidPosition(order, "startPosition " + start + " does not exist in workflow '" + workflow.id() + "'");
        }
        List<Position.Segment> innerBlock = order.innerBlock().orElse(List.of());
        if (!start.isIn(innerBlock)) {
            return invalidPosition(order, "startPosition " + start + " is not inside the innerBlock " + blockToString(innerBlock));
        }
        // An order may start in a then/else/try/catch/options block, which need no preparation on entry; a fork,
        // lock, cycle, notice consumption, sticky subagent or admission block must be entered by its instruction.
        for (Position.Segment segment : start.branchPath().subList(innerBlock.size(), start.branchPath().size())) {
            if (!isEnterableAnywhere(segment.branchId())) {
                return invalidPosition(order, "startPosition " + start + " lies inside a '" + segment.branchId()
                        + "' block, which only its instruction can enter");
            }
        }
        return Checked.ok(true);
    }

    private static boolean isEnterableAnywhere(BranchId branchId) {
        return branchId.thenIndex().isPresent() || branchId.equals(BranchId.ELSE) || branchId.isTryOrCatch()
                || branchId.equals(BranchId.OPTIONS);
    }

    private static Checked<Boolean> checkStopPositions(FreshOrder order, Workflow workflow) {
        List<Position.Segment> innerBlock = order.innerBlock().orElse(List.of());
        for (PositionOrLabel stop : order.stopPositions()) {
            Position position;
            if (stop instanceof PositionOrLabel.AtLabel atLabel) {
                Checked<Position> resolved = workflow.labelToPosition(atLabel.label());
                if (resolved.isFail()) {
                    return Checked.fail(Problem.of("UnknownLabel", "Order '" + order.id() + "': stopPositions names the label '"
                                    + atLabel.label() + "' which workflow '" + workflow.id() + "' does not have",
                            Map.of("orderId", order.id().string(), "label", atLabel.label().string())));
                }
                position = resolved.orThrow();
            } else {
                position = ((PositionOrLabel.AtPosition) stop).position();
                if (!workflow.isDefinedAt(position)) {
                    return invalidPosition(order, "stopPosition " + position + " does not exist in workflow '" + workflow.id() + "'");
                }
            }
            if (!position.isIn(innerBlock)) {
                return invalidPosition(order, "stopPosition " + position + " is not inside the innerBlock " + blockToString(innerBlock));
            }
        }
        return Checked.ok(true);
    }

    private static String blockToString(List<Position.Segment> blockPath) {
        StringBuilder sb = new StringBuilder("[");
        for (Position.Segment s : blockPath) {
            sb.append(sb.length() > 1 ? "," : "").append(s.nr()).append(",\"").append(s.branchId()).append('"');
        }
        return sb.append(']').toString();
    }

    private static <T> Checked<T> invalidPosition(FreshOrder order, String what) {
        return Checked.fail(Problem.of("InvalidPosition", "Order '" + order.id() + "': " + what,
                Map.of("orderId", order.id().string())));
    }
}
