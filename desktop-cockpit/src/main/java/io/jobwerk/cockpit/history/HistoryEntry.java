package io.jobwerk.cockpit.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A row of the history's tables: an order ({@code GET …/history/orders}) or a task ({@code …/history/tasks}). */
public sealed interface HistoryEntry permits HistoryEntry.OrderEntry, HistoryEntry.TaskEntry {

    String orderId();

    String workflowPath();

    Optional<Instant> startedAt();

    Optional<Instant> endedAt();

    /** {@code OrderFinished}, {@code Succeeded} … as the history names it. */
    String state();

    default Optional<Duration> duration() {
        return startedAt().flatMap(s -> endedAt().map(e -> Duration.between(s, e)));
    }

    /** The top-level order whose log holds this row's output. */
    default String mainOrderId() {
        int bar = orderId().indexOf('|');
        return bar < 0 ? orderId() : orderId().substring(0, bar);
    }

    record OrderEntry(String orderId, String workflowPath, String versionId, String state, String position,
                      Optional<Instant> startedAt, Optional<Instant> endedAt, List<OrderEntry> children) implements HistoryEntry {

        static OrderEntry of(JsonNode json) {
            List<OrderEntry> children = new ArrayList<>();
            json.path("children").forEach(c -> children.add(of(c)));
            return new OrderEntry(json.path("orderId").asText(), json.path("workflowPath").asText(), json.path("versionId").asText(),
                    json.path("state").asText(), json.path("position").asText(), time(json, "startedAt"), time(json, "endedAt"), List.copyOf(children));
        }

        public boolean failed() {
            return state.equals("OrderFailed");
        }
    }

    record TaskEntry(long taskId, String orderId, String workflowPath, String position, Optional<String> jobName,
                     Optional<String> agentPath, String subagentId, Optional<Integer> returnCode, String state,
                     Optional<String> message, Optional<Instant> startedAt, Optional<Instant> endedAt) implements HistoryEntry {

        static TaskEntry of(JsonNode json) {
            return parse(json);
        }

        /** A task as {@code GET …/history/tasks} lists it. */
        public static TaskEntry parse(JsonNode json) {
            return new TaskEntry(json.path("taskId").asLong(), json.path("orderId").asText(), json.path("workflowPath").asText(),
                    json.path("position").asText(), text(json, "jobName"), text(json, "agentPath"), json.path("subagentId").asText(),
                    json.path("returnCode").isNumber() ? Optional.of(json.path("returnCode").asInt()) : Optional.empty(),
                    text(json, "outcome").orElse("running"), text(json, "message"), time(json, "startedAt"), time(json, "endedAt"));
        }
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode v = json.path(field);
        return v.isTextual() ? Optional.of(v.asText()) : Optional.empty();
    }

    private static Optional<Instant> time(JsonNode json, String field) {
        return text(json, field).map(Instant::parse);
    }
}
