package io.jobwerk.cockpit.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** An order of a day's plan ({@code GET /controller/api/plan?date=}), or one projected ({@code state} {@code projected}). */
public record PlanEntry(String orderId, String workflowPath, String schedulePath, Instant scheduledFor, String state) {

    static PlanEntry of(JsonNode json, String state) {
        return new PlanEntry(json.path("orderId").asText(), json.path("workflowPath").asText(), json.path("schedulePath").asText(),
                Instant.parse(json.path("scheduledFor").asText()), state);
    }
}
