package io.jobwerk.cockpit.live;

import io.jobwerk.engine.motor.OrderObstacle;
import io.jobwerk.engine.motor.OrderObstacleCalculator;
import io.jobwerk.engine.order.AttachedState;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.Workflow;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds {@link OrderRow}s from the core's state: obstacles by its {@link OrderObstacleCalculator}, a failure's reason by the core. */
public final class OrderRows {

    private final EngineState state;
    private final OrderObstacleCalculator obstacles;
    private final Instant now;
    private final ZoneId zone;

    public OrderRows(EngineState state, Instant now, ZoneId zone) {
        this.state = state;
        this.obstacles = new OrderObstacleCalculator(state, now);
        this.now = now;
        this.zone = zone;
    }

    public OrderRow row(Order order) {
        List<OrderObstacle> orderObstacles = order.state().isTerminated() ? List.of() : obstacles.obstacles(order);
        List<String> why = new ArrayList<>();
        OrderObstacleCalculator.failureReason(order).ifPresent(reason -> why.add("Failed: " + reason));
        boolean failed = order.state().isFailedOrStopped();
        for (OrderObstacle o : orderObstacles) {
            if (failed && o instanceof OrderObstacle.WaitingForCommand) {
                continue; // the failure's reason says it already
            }
            String text = ObstacleText.of(o, zone);
            if (!why.contains(text)) {
                why.add(text);
            }
        }
        StringBuilder stateName = new StringBuilder(order.state().kind().typeName());
        if (order.isSuspended()) {
            stateName.append(", suspended");
        }
        order.mark().ifPresent(m -> stateName.append(", ").append(m.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT)));
        return new OrderRow(order.id().string(), order.workflowId().path().string(), order.workflowId().versionId().string(),
                order.position().toString(), step(order), stateName.toString(), StateGroup.of(order, orderObstacles, now),
                order.attachedState().map(AttachedState::agentPath).map(Object::toString),
                order.scheduledFor(), why, order.parent().isPresent(), order.priority());
    }

    private String step(Order order) {
        Optional<Workflow> workflow = state.workflowOf(order).toOptional();
        if (workflow.isEmpty()) {
            return "";
        }
        Optional<String> label = workflow.get().label(order.position()).map(Object::toString);
        if (label.isPresent()) {
            return label.get();
        }
        Optional<String> job = workflow.get().jobName(order.position()).map(Object::toString);
        if (job.isPresent()) {
            return job.get();
        }
        return workflow.get().instruction(order.position()).toOptional()
                .map(i -> i.kind() == Instruction.Kind.IMPLICIT_END ? "end" : kindName(i)).orElse("");
    }

    static String kindName(Instruction instruction) {
        return instruction.kind() == Instruction.Kind.EXECUTE_NAMED || instruction.kind() == Instruction.Kind.EXECUTE_ANONYMOUS
                ? "Job" : io.jobwerk.engine.base.Names.camelCase(instruction.kind().name());
    }
}
