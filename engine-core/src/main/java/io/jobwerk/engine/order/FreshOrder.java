package io.jobwerk.engine.order;

import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An order as a client adds it ({@code AddOrder}, {@code POST /controller/api/order}).
 *
 * @param scheduledFor start no earlier than this; empty = at once
 * @param innerBlock confine the order to this block (it finishes at the block's end)
 * @param startPosition start here instead of at the beginning
 * @param stopPositions finish when reaching one of these positions or labels
 */
public record FreshOrder(
        OrderId id,
        WorkflowPath workflowPath,
        Map<String, Value> arguments,
        Optional<Instant> scheduledFor,
        PlanId planId,
        BigDecimal priority,
        boolean deleteWhenTerminated,
        boolean forceAdmission,
        Optional<List<Position.Segment>> innerBlock,
        Optional<Position> startPosition,
        List<PositionOrLabel> stopPositions) {

    public FreshOrder {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workflowPath, "workflowPath");
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        Objects.requireNonNull(planId, "planId");
        Objects.requireNonNull(priority, "priority");
        innerBlock = innerBlock.map(List::copyOf);
        Objects.requireNonNull(startPosition, "startPosition");
        stopPositions = List.copyOf(stopPositions);
    }

    public static FreshOrder of(String id, String workflowPath) {
        return of(id, workflowPath, Map.of());
    }

    public static FreshOrder of(String id, String workflowPath, Map<String, Value> arguments) {
        return new FreshOrder(new OrderId(id), new WorkflowPath(workflowPath), arguments, Optional.empty(), PlanId.GLOBAL,
                BigDecimal.ZERO, false, false, Optional.empty(), Optional.empty(), List.of());
    }

    public FreshOrder withScheduledFor(Instant scheduledFor) {
        return new FreshOrder(id, workflowPath, arguments, Optional.of(scheduledFor), planId, priority, deleteWhenTerminated,
                forceAdmission, innerBlock, startPosition, stopPositions);
    }

    public FreshOrder withDeleteWhenTerminated(boolean delete) {
        return new FreshOrder(id, workflowPath, arguments, scheduledFor, planId, priority, delete,
                forceAdmission, innerBlock, startPosition, stopPositions);
    }
}
