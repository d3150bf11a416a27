package io.jobwerk.cockpit;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.json.CommandJson;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemOperationJson;
import io.jobwerk.engine.order.Order;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.state.EngineState;
import io.jobwerk.harness.JobwerkSystem;
import io.jobwerk.harness.Login;
import io.jobwerk.harness.SystemSpec;
import io.jobwerk.http.auth.Permission;
import io.jobwerk.testing.Ports;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real standalone Controller + Agent in this JVM (ephemeral ports), started by the harness's
 * {@link JobwerkSystem}, with workflows whose orders
 * end up in every state group: running and waiting for a lock (ops/nightly-etl, ops/locked-report),
 * prompting (ops/approve), failed (ops/failing), finished (demo/hello), scheduled, suspended, and
 * blocked on a second Agent that is never reachable (remote/backup).
 */
final class DemoSystem implements AutoCloseable {

    static final String USER = "operator";
    static final String PASSWORD = "operator-pass-1";
    /** A user that may only look (ValidUser): the Cockpit disables its actions. */
    static final String VIEWER = "viewer";
    static final String VIEWER_PASSWORD = "viewer-pass-1";

    private final JobwerkSystem system;

    private DemoSystem(JobwerkSystem system) {
        this.system = system;
    }

    static DemoSystem start(Path data) throws Exception {
        return started(JobwerkSystem.in(data).standalone().user(Login.of(USER, PASSWORD))
                .user(Login.of(VIEWER, VIEWER_PASSWORD).withOnly(Permission.ValidUser)));
    }

    /** On a port of its own (the Agent on the next): {@link #restart} comes back at the same URL. */
    static DemoSystem startRestartable(Path data) throws Exception {
        return started(JobwerkSystem.in(data).standalone().fixedPorts().user(Login.of(USER, PASSWORD)));
    }

    private static DemoSystem started(SystemSpec.Builder spec) throws Exception {
        DemoSystem system = new DemoSystem(spec.start());
        try {
            system.deploy();
            return system;
        } catch (Exception | Error e) {
            system.close();
            throw e;
        }
    }

    /** Stops the Controller and Agent (as a crash or maintenance would for the Cockpit). */
    void stop() {
        system.stopStandalone();
    }

    /** Starts them again on the same data and ports; the Cockpit reconnects by itself. */
    void restart() throws Exception {
        system.startStandalone();
    }

    String controllerUri() {
        return system.controllerUri();
    }

    EngineState state() {
        return system.controller().keeper().state();
    }

    Optional<Order> order(String id) {
        return Optional.ofNullable(state().orders().get(new OrderId(id)));
    }

    private void deploy() throws Exception {
        int unusedPort = Ports.free(); // reserved, never bound: the backup Agent stays unreachable
        String ndjson = String.join("\n",
                "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Lock\",\"path\":\"report-lock\",\"limit\":1}}",
                "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"SubagentItem\",\"id\":\"backup-1\",\"agentPath\":\"backup\",\"uri\":\"http://127.0.0.1:" + unusedPort + "\"}}",
                "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"AgentRef\",\"path\":\"backup\",\"directors\":[\"backup-1\"]}}",
                "{\"TYPE\":\"AddVersion\",\"versionId\":\"2026-12-07\"}",
                workflow("ops/nightly-etl", "[" + job("extract", "extract") + ","
                        + "{\"TYPE\":\"Fork\",\"branches\":["
                        + "{\"id\":\"customers\",\"workflow\":{\"instructions\":[" + job("transform-customers", "transform") + "]}},"
                        + "{\"id\":\"invoices\",\"workflow\":{\"instructions\":[" + job("transform-invoices", "transform") + "]}}]},"
                        + "{\"TYPE\":\"If\",\"predicate\":\"$js7ReturnCode == 0\",\"then\":{\"instructions\":[" + job("load", "load") + "]},"
                        + "\"else\":{\"instructions\":[{\"TYPE\":\"Fail\",\"message\":\"'transform failed'\"}]}},"
                        + job("notify", "notify") + "]",
                        "{\"extract\":" + jobDef("agent", "echo extracting; sleep 600", 2) + ","
                        + "\"transform\":" + jobDef("agent", "echo transforming; sleep 1", 4) + ","
                        + "\"load\":" + jobDef("agent", "echo loading; sleep 1", 1) + ","
                        + "\"notify\":" + jobDef("agent", "echo notified", 1) + "}"),
                workflow("ops/locked-report", "[{\"TYPE\":\"Lock\",\"label\":\"exclusive\",\"demands\":[{\"lockPath\":\"report-lock\"}],"
                        + "\"lockedWorkflow\":{\"instructions\":[" + job("render", "render") + "]}}]",
                        "{\"render\":" + jobDef("agent", "echo rendering; sleep 600", 1) + "}"),
                workflow("ops/approve", "[{\"TYPE\":\"Prompt\",\"label\":\"ask\",\"question\":\"'Deploy to production?'\"}," + job("deploy", "deploy") + "]",
                        "{\"deploy\":" + jobDef("agent", "echo deploying", 1) + "}"),
                workflow("ops/failing", "[" + job("check-disk", "check") + "]",
                        "{\"check\":" + jobDef("agent", "echo 'disk /data is 97% full' >&2; exit 3", 1) + "}"),
                workflow("demo/hello", "[" + job("say-hello", "hello") + "]",
                        "{\"hello\":" + jobDef("agent", "echo Hello from $JS7_ORDER_ID", 1) + "}"),
                workflow("ops/daily-report", "[" + job("fetch", "fetch") + ","
                        + "{\"TYPE\":\"Fork\",\"branches\":["
                        + "{\"id\":\"eu\",\"workflow\":{\"instructions\":[" + job("aggregate-eu", "aggregate") + "]}},"
                        + "{\"id\":\"us\",\"workflow\":{\"instructions\":[" + job("aggregate-us", "aggregate") + "]}}]},"
                        + job("publish", "publish") + "]",
                        "{\"fetch\":" + jobDef("agent", "echo 'fetching sales of yesterday from db01'; echo '1200 rows read'; "
                                + "echo 'warning: 3 rows skipped (currency missing)' >&2; echo '1197 rows kept'", 1) + ","
                        + "\"aggregate\":" + jobDef("agent", "echo \"aggregating $JS7_ORDER_ID\"; sleep 0.3; echo '42 groups written'", 2) + ","
                        + "\"publish\":" + jobDef("agent", "echo 'rendering report.pdf (12 pages)'; echo 'published to /reports/daily/report.pdf'", 1) + "}",
                        ",\"orderPreparation\":{\"parameters\":{\"region\":{\"type\":\"String\",\"default\":\"'all'\"},"
                        + "\"rows\":{\"type\":\"Number\",\"default\":\"1000\"}}}"),
                workflow("ops/ticker", "[" + job("tick", "tick") + "]",
                        "{\"tick\":" + jobDef("agent", "i=1; while [ $i -le 60 ]; do echo \"tick $i\"; i=$((i+1)); sleep 0.1; done", 1) + "}"),
                workflow("remote/backup", "[" + job("backup", "backup") + "]",
                        "{\"backup\":" + jobDef("backup", "echo backing up", 1) + "}"));
        ndjson += "\n" + String.join("\n",
                "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"weekdays\",\"includes\":{\"weekdays\":[{\"days\":[1,2,3,4,5]}]}}}",
                "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"WorkingDaysCalendar\",\"path\":\"every-day\",\"includes\":{\"weekdays\":[{\"days\":[0,1,2,3,4,5,6]}]}}}",
                "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Schedule\",\"path\":\"daily-report\",\"workflowNames\":[\"ops/daily-report\"],"
                        + "\"calendars\":[{\"calendarName\":\"weekdays\",\"timeZone\":\"Europe/Berlin\",\"periods\":[{\"singleStart\":\"06:30:00\"}]}],"
                        + "\"planOrderAutomatically\":false,\"submitOrderToControllerWhenPlanned\":false}}",
                "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Schedule\",\"path\":\"hello-thrice\",\"workflowNames\":[\"demo/hello\"],"
                        + "\"calendars\":[{\"calendarName\":\"every-day\",\"timeZone\":\"Europe/Berlin\",\"periods\":[{\"singleStart\":\"08:00:00\"},"
                        + "{\"singleStart\":\"12:00:00\"},{\"singleStart\":\"18:00:00\"}]}],"
                        + "\"planOrderAutomatically\":false,\"submitOrderToControllerWhenPlanned\":false}}");
        Checked<Boolean> deployed = system.controller().deploy(ItemOperationJson.decodeNdjson(ndjson).orThrow());
        if (deployed.isFail()) {
            throw new IllegalStateException("Deployment failed: " + deployed.problemOption().orElseThrow());
        }
    }

    private static String workflow(String path, String instructions, String jobs) {
        return workflow(path, instructions, jobs, "");
    }

    private static String workflow(String path, String instructions, String jobs, String more) {
        return "{\"TYPE\":\"AddOrChangeSimple\",\"item\":{\"TYPE\":\"Workflow\",\"path\":\"" + path + "\",\"versionId\":\"2026-12-07\","
                + "\"instructions\":" + instructions + ",\"jobs\":" + jobs + more + "}}";
    }

    private static String job(String label, String jobName) {
        return "{\"TYPE\":\"Execute.Named\",\"label\":\"" + label + "\",\"jobName\":\"" + jobName + "\"}";
    }

    private static String jobDef(String agent, String script, int processLimit) {
        return "{\"agentPath\":\"" + agent + "\",\"processLimit\":" + processLimit + ",\"executable\":{\"TYPE\":\"ShellScriptExecutable\",\"script\":"
                + EngineJson.MAPPER.valueToTree("#!/bin/sh\n" + script + "\n") + "}}";
    }

    /** Adds an order, optionally scheduled for a later time. */
    void addOrder(String id, String workflowPath, Optional<Instant> scheduledFor) throws Exception {
        addOrder(id, workflowPath, scheduledFor, "{}");
    }

    /** Adds an order with arguments, a JSON object such as {@code {"rows":1200}}. */
    void addOrder(String id, String workflowPath, Optional<Instant> scheduledFor, String argumentsJson) throws Exception {
        var json = EngineJson.MAPPER.createObjectNode().put("id", id).put("workflowPath", workflowPath);
        scheduledFor.ifPresent(t -> json.put("scheduledFor", t.toEpochMilli()));
        json.set("arguments", EngineJson.parse(argumentsJson).orThrow());
        execute(new Command.AddOrder(CommandJson.decodeFreshOrder(json).orThrow()));
    }

    CommandResponse execute(Command command) throws Exception {
        Checked<CommandResponse> response = system.controller().keeper().execute(command).get(60, TimeUnit.SECONDS);
        return response.orThrow();
    }

    /** Orders in every state group. */
    void addOrders(Instant now) throws Exception {
        for (int i = 1; i <= 4; i++) {
            addOrder("etl-2026-12-07-" + i, "ops/nightly-etl", Optional.empty());
        }
        addOrder("report-morning", "ops/locked-report", Optional.empty());
        addOrder("report-noon", "ops/locked-report", Optional.empty());
        addOrder("report-evening", "ops/locked-report", Optional.empty());
        addOrder("approve-release-42", "ops/approve", Optional.empty());
        addOrder("check-disk-data", "ops/failing", Optional.empty());
        for (int i = 1; i <= 3; i++) {
            addOrder("hello-" + i, "demo/hello", Optional.empty());
        }
        addOrder("etl-2026-12-08", "ops/nightly-etl", Optional.of(now.plusSeconds(86_400)));
        addOrder("hello-tomorrow", "demo/hello", Optional.of(now.plusSeconds(90_000)));
        addOrder("backup-weekly", "remote/backup", Optional.empty());
        addOrder("hello-held", "demo/hello", Optional.of(now.plusSeconds(3_600)));
        execute(new Command.SuspendOrders(List.of(new OrderId("hello-held")), io.jobwerk.engine.order.SuspensionMode.STANDARD));
    }

    @Override
    public void close() {
        system.close();
    }
}
