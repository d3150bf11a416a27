package io.jobwerk.engine.plan;

import io.jobwerk.engine.order.FreshOrder;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.order.PlanId;
import io.jobwerk.engine.path.SchedulePath;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An order the daily plan starts: which schedule planned it for which plan date, when it starts and
 * with which arguments. {@link #key} names the start itself (schedule, workflow, parameterisation,
 * instant) and stays the same however often the plan is computed; {@link #orderId} is JS7's daily-plan
 * id {@code #DATE#P…-NAME} ({@code #DATE#C…-NNNNN-NAME} for a repeating period's starts).
 */
public record PlannedOrder(OrderId orderId, String key, SchedulePath schedulePath, WorkflowPath workflowPath, LocalDate planDate,
                           Instant scheduledFor, Map<String, Value> arguments, BigDecimal priority, boolean forceAdmission) {

    public PlannedOrder {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(schedulePath, "schedulePath");
        Objects.requireNonNull(workflowPath, "workflowPath");
        Objects.requireNonNull(planDate, "planDate");
        Objects.requireNonNull(scheduledFor, "scheduledFor");
        arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
        Objects.requireNonNull(priority, "priority");
    }

    /** The order to add to the Controller, in the daily plan's plan {@code ["DailyPlan", DATE]}. */
    public FreshOrder toFreshOrder() {
        return new FreshOrder(orderId, workflowPath, arguments, Optional.of(scheduledFor), new PlanId("DailyPlan", planDate.toString()),
                priority, false, forceAdmission, Optional.empty(), Optional.empty(), List.of());
    }
}
