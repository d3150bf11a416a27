package io.jobwerk.subagent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.JobJson;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.subagent.process.JobLaunch;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * JSON of {@link SubagentCommand}s, JS7 style, e.g.
 * <pre>{@code
 * {"TYPE":"CoupleDirector","directorRunId":"…"}
 * {"TYPE":"StartOrderProcess","orderId":"ORDER","taskId":"task-1","subagentRunId":"…","launch":{
 *     "executable":{"TYPE":"ShellScriptExecutable","script":"echo hello"},
 *     "commandLine":[],"env":{"JS7_ORDER_ID":"ORDER"},"sigkillDelay":15,"timeout":60,"failOnErrWritten":false}}
 * {"TYPE":"KillProcess","orderId":"ORDER","taskId":"task-1","immediately":false}
 * {"TYPE":"ReleaseEvents","untilEventId":1700000000000000}
 * {"TYPE":"NoOperation"}
 * }</pre>
 * Durations are seconds (decimals allowed). {@code CoupleDirector} is answered with
 * {@code {"TYPE":"DirectorCoupled","subagentRunId":…,"directorTimeout":30,"lastEventId":…}},
 * {@code StartOrderProcess} with {@code {"TYPE":"StartOrderProcess.Response","taskId":"task-1","process":"Started"}}
 * ({@code Running} or {@code Ended} for a repeated start of the same task).
 */
public final class SubagentCommandJson {
    private SubagentCommandJson() {}

    public static ObjectNode encode(SubagentCommand command) {
        ObjectNode json = EngineJson.MAPPER.createObjectNode();
        switch (command.kind()) {
            case COUPLE_DIRECTOR -> {
                var couple = (SubagentCommand.CoupleDirector) command;
                json.put("TYPE", "CoupleDirector").put("directorRunId", couple.directorRunId());
                couple.agentPath().ifPresent(a -> json.put("agentPath", a));
                couple.observedEventId().ifPresent(id -> json.put("observedEventId", id));
            }
            case START_ORDER_PROCESS -> {
                var start = (SubagentCommand.StartOrderProcess) command;
                json.put("TYPE", "StartOrderProcess").put("orderId", start.orderId().string()).put("taskId", start.launch().taskId());
                start.subagentRunId().ifPresent(id -> json.put("subagentRunId", id));
                json.set("launch", encodeLaunch(start.launch()));
            }
            case KILL_PROCESS -> {
                var kill = (SubagentCommand.KillProcess) command;
                json.put("TYPE", "KillProcess").put("orderId", kill.orderId().string()).put("taskId", kill.taskId())
                        .put("immediately", kill.immediately());
            }
            case RELEASE_EVENTS -> json.put("TYPE", "ReleaseEvents").put("untilEventId", ((SubagentCommand.ReleaseEvents) command).untilEventId());
            case NO_OPERATION -> json.put("TYPE", "NoOperation");
        }
        return json;
    }

    public static Checked<SubagentCommand> decode(JsonNode json) {
        String type = json.path("TYPE").asText("");
        try {
            return switch (type) {
                case "CoupleDirector" -> text(json, "directorRunId").map(id -> new SubagentCommand.CoupleDirector(id,
                        json.path("agentPath").isTextual() ? Optional.of(json.get("agentPath").asText()) : Optional.empty(),
                        json.path("observedEventId").canConvertToLong() ? Optional.of(json.get("observedEventId").asLong()) : Optional.empty()));
                case "StartOrderProcess" -> orderId(json).flatMap(id -> text(json, "taskId")
                        .flatMap(taskId -> decodeLaunch(taskId, json.path("launch")))
                        .map(launch -> new SubagentCommand.StartOrderProcess(id, launch,
                                json.path("subagentRunId").isTextual() ? Optional.of(json.get("subagentRunId").asText()) : Optional.empty())));
                case "KillProcess" -> orderId(json).flatMap(id -> text(json, "taskId")
                        .map(taskId -> new SubagentCommand.KillProcess(id, taskId, json.path("immediately").asBoolean(false))));
                case "ReleaseEvents" -> json.path("untilEventId").canConvertToLong()
                        ? Checked.ok(new SubagentCommand.ReleaseEvents(json.path("untilEventId").asLong()))
                        : Checked.fail(Problem.of("BadRequest", "ReleaseEvents needs the number 'untilEventId'"));
                case "NoOperation" -> Checked.ok(new SubagentCommand.NoOperation());
                default -> Checked.fail(Problem.of("UnknownCommand", "Unknown Subagent command TYPE '" + type
                        + "'; known: CoupleDirector, StartOrderProcess, KillProcess, ReleaseEvents, NoOperation"));
            };
        } catch (IllegalArgumentException e) {
            return Checked.fail(Problem.of("BadRequest", type + ": " + e.getMessage()));
        }
    }

    public static ObjectNode encode(SubagentCommand.DirectorCoupled coupled) {
        ObjectNode json = EngineJson.MAPPER.createObjectNode().put("TYPE", "DirectorCoupled")
                .put("subagentRunId", coupled.subagentRunId())
                .put("directorTimeout", seconds(Duration.ofMillis(coupled.directorTimeoutMillis())))
                .put("lastEventId", coupled.lastEventId())
                .put("continued", coupled.continued())
                .put("keptAfterEventId", coupled.keptAfterEventId());
        ArrayNode processes = json.putArray("processes");
        coupled.processes().forEach((orderId, taskId) -> processes.addObject().put("orderId", orderId.string()).put("taskId", taskId));
        return json;
    }

    public static Checked<SubagentCommand.DirectorCoupled> decodeCoupled(JsonNode json) {
        if (!json.path("TYPE").asText("").equals("DirectorCoupled") || !json.path("subagentRunId").isTextual()) {
            return Checked.fail(Problem.of("BadResponse", "Expected DirectorCoupled, got " + EngineJson.print(json)));
        }
        Map<OrderId, String> processes = new LinkedHashMap<>();
        for (JsonNode p : json.path("processes")) {
            Checked<OrderId> orderId = orderId(p);
            if (orderId.isFail() || !p.path("taskId").isTextual()) {
                return Checked.fail(Problem.of("BadResponse", "DirectorCoupled: a process needs 'orderId' and 'taskId': " + EngineJson.print(p)));
            }
            processes.put(orderId.orThrow(), p.get("taskId").asText());
        }
        long lastEventId = json.path("lastEventId").asLong(0);
        return Checked.ok(new SubagentCommand.DirectorCoupled(json.get("subagentRunId").asText(),
                toDuration(json.path("directorTimeout")).toMillis(), lastEventId, json.path("continued").asBoolean(false),
                json.path("keptAfterEventId").asLong(lastEventId), processes));
    }

    public static ObjectNode encode(SubagentCommand.StartOrderProcessResponse response) {
        return EngineJson.MAPPER.createObjectNode().put("TYPE", "StartOrderProcess.Response")
                .put("taskId", response.taskId()).put("process", response.process().name());
    }

    public static Checked<SubagentCommand.StartOrderProcessResponse> decodeStartResponse(JsonNode json) {
        try {
            if (json.path("TYPE").asText("").equals("StartOrderProcess.Response") && json.path("taskId").isTextual()) {
                return Checked.ok(new SubagentCommand.StartOrderProcessResponse(json.get("taskId").asText(),
                        SubagentCommand.ProcessState.valueOf(json.path("process").asText(""))));
            }
        } catch (IllegalArgumentException e) {
            // unknown process state
        }
        return Checked.fail(Problem.of("BadResponse", "Expected StartOrderProcess.Response, got " + EngineJson.print(json)));
    }

    static ObjectNode encodeLaunch(JobLaunch launch) {
        ObjectNode o = EngineJson.MAPPER.createObjectNode();
        o.set("executable", JobJson.encode(launch.executable()));
        var words = o.putArray("commandLine");
        launch.commandLine().forEach(words::add);
        ObjectNode env = o.putObject("env");
        new java.util.TreeMap<>(launch.env()).forEach(env::put);
        o.put("sigkillDelay", seconds(launch.sigkillDelay()));
        launch.timeout().ifPresent(t -> o.put("timeout", seconds(t)));
        o.put("failOnErrWritten", launch.failOnErrWritten());
        return o;
    }

    static Checked<JobLaunch> decodeLaunch(String taskId, JsonNode json) {
        if (!json.isObject()) {
            return Checked.fail(Problem.of("BadRequest", "StartOrderProcess needs the object 'launch'"));
        }
        Checked<Executable> executable = JobJson.decodeExecutable(json.path("executable"));
        if (executable.isFail()) {
            return Checked.fail(executable.problemOption().orElseThrow().withPrefix("launch.executable"));
        }
        List<String> commandLine = new ArrayList<>();
        json.path("commandLine").forEach(w -> commandLine.add(w.asText()));
        Map<String, String> env = new LinkedHashMap<>();
        json.path("env").fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        Duration sigkillDelay = json.has("sigkillDelay") ? toDuration(json.get("sigkillDelay")) : Duration.ofSeconds(15);
        Optional<Duration> timeout = json.has("timeout") ? Optional.of(toDuration(json.get("timeout"))) : Optional.empty();
        return Checked.ok(new JobLaunch(taskId, executable.orThrow(), commandLine, env, sigkillDelay, timeout,
                json.path("failOnErrWritten").asBoolean(false)));
    }

    private static BigDecimal seconds(Duration d) {
        return BigDecimal.valueOf(d.toNanos()).movePointLeft(9).stripTrailingZeros();
    }

    private static Duration toDuration(JsonNode seconds) {
        if (!seconds.isNumber() || seconds.decimalValue().signum() < 0) {
            throw new IllegalArgumentException("a duration must be a non-negative number of seconds: " + seconds);
        }
        return Duration.ofNanos(seconds.decimalValue().movePointRight(9).longValue());
    }

    private static Checked<String> text(JsonNode json, String field) {
        return json.path(field).isTextual() ? Checked.ok(json.get(field).asText())
                : Checked.fail(Problem.of("BadRequest", json.path("TYPE").asText() + " needs the string '" + field + "'"));
    }

    private static Checked<OrderId> orderId(JsonNode json) {
        return text(json, "orderId").flatMap(OrderId::existing);
    }
}
