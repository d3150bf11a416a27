package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.http.client.EngineClient;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jobwerk order add WORKFLOW}: adds one FreshOrder ({@code POST /controller/api/order}). */
@Command(name = "add", mixinStandardHelpOptions = true, description = "Add an order to a workflow.")
public final class OrderAddCommand implements Callable<Integer> {

    @Mixin
    ControllerOptions controller;

    @Parameters(index = "0", paramLabel = "WORKFLOW", description = "Workflow path.")
    String workflow;

    @Option(names = "--id", paramLabel = "ID", description = "Order id (default: #DATE#C<time>-WORKFLOWNAME).")
    String id;

    @Option(names = "--arg", paramLabel = "NAME=VALUE", description = "An argument; VALUE is read as JSON (7, true, \"x\", [1,2]) or else as a string.")
    Map<String, String> args = new LinkedHashMap<>();

    @Option(names = "--scheduled-for", paramLabel = "ISO", description = "Start time, e.g. 2026-11-22T18:00:00Z or 2026-11-22T18:00:00+01:00.")
    String scheduledFor;

    @Option(names = "--start-position", paramLabel = "JSON", description = "Start position, e.g. [1] or [2,\"try+0\",0].")
    String startPosition;

    @Option(names = "--delete-when-terminated", description = "Delete the order when it has finished.")
    boolean deleteWhenTerminated;

    @Override
    public Integer call() {
        Instant now = Instant.now();
        String orderId = id != null ? id : defaultId(workflow, now);
        ObjectNode json = EngineJson.MAPPER.createObjectNode();
        json.put("id", orderId);
        json.put("workflowPath", workflow);
        if (!args.isEmpty()) {
            ObjectNode a = json.putObject("arguments");
            args.forEach((name, value) -> a.set(name, EngineJson.parse(value).orElse(EngineJson.MAPPER.getNodeFactory().textNode(value))));
        }
        if (scheduledFor != null) {
            try {
                json.put("scheduledFor", OffsetDateTime.parse(scheduledFor).toInstant().toEpochMilli());
            } catch (DateTimeParseException e) {
                throw new CommandLine.ParameterException(controller.spec.commandLine(),
                        "--scheduled-for: not an ISO time with offset: " + scheduledFor);
            }
        }
        if (startPosition != null) {
            Checked<JsonNode> position = EngineJson.parse(startPosition);
            if (position.isFail()) {
                throw new CommandLine.ParameterException(controller.spec.commandLine(), "--start-position: not JSON: " + startPosition);
            }
            json.set("startPosition", position.orThrow());
        }
        if (deleteWhenTerminated) {
            json.put("deleteWhenTerminated", true);
        }
        Checked<?> checked = CommandJson.decodeFreshOrder(json);
        if (checked.isFail()) {
            return controller.problem(checked.problemOption().orElseThrow());
        }
        try (EngineClient client = controller.client()) {
            Checked<JsonNode> response = client.postJson("/order", json);
            if (response.isFail()) {
                return controller.problem(response.problemOption().orElseThrow());
            }
        }
        controller.out().println("Added order " + orderId + " to workflow " + workflow);
        controller.out().flush();
        return 0;
    }

    /** JOC's naming: {@code #2026-11-22#C1732294862123-hello}. */
    static String defaultId(String workflow, Instant now) {
        String name = workflow.substring(workflow.lastIndexOf('/') + 1);
        return "#" + DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(now) + "#C" + now.toEpochMilli() + "-" + name;
    }

}
