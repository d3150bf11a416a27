package io.jobwerk.engine.order;

import java.util.Objects;

/**
 * The plan an order belongs to, e.g. {@code ["DailyPlan","2025-02-26"]}; the global plan is
 * written as {@code []}.
 */
public record PlanId(String planSchemaId, String planKey) {

    public static final PlanId GLOBAL = new PlanId("Global", "");

    public PlanId {
        Objects.requireNonNull(planSchemaId, "planSchemaId");
        Objects.requireNonNull(planKey, "planKey");
    }

    public boolean isGlobal() {
        return equals(GLOBAL);
    }
}
