package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.job.Executable;
import io.jobwerk.engine.job.ReturnCodeMeaning;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.value.expression.Expr;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link WorkflowJob} and {@link Executable} in the JS7 engine format.
 *
 * <p>Job fields, in the order written: {@code agentPath}, {@code executable}, {@code defaultArguments}
 * (omitted when empty), {@code subagentBundleIdExpr}, {@code jobResourcePaths} (omitted when empty),
 * {@code processLimit} (always written; input alias {@code parallelism}; default 1), {@code sigkillDelay}
 * and {@code timeout} (seconds, decimals allowed), {@code killAtEndOfAdmissionPeriod},
 * {@code failOnErrWritten}, {@code admissionTimeScheme}, {@code skipIfNoAdmissionStartForOrderDay},
 * {@code isNotRestartable} (booleans omitted when false).
 *
 * <p>Executable TYPEs: {@code ShellScriptExecutable} (input aliases {@code ScriptExecutable},
 * {@code ExecutableScript}), {@code PathExecutable} (alias {@code ExecutablePath}),
 * {@code CommandLineExecutable}, {@code InternalExecutable}. {@code returnCodeMeaning} is
 * {@code {"success":…}} or {@code {"failure":…}} with a list of codes or a range string
 * {@code "0,3..5"}; it is written as a range string and omitted when it is the default {@code success 0}.
 */
public final class JobJson {
    private JobJson() {}

    public static Checked<WorkflowJob> decode(JsonNode json) {
        return JsonCursor.decode(json, JobJson::job);
    }

    public static ObjectNode encode(WorkflowJob job) {
        ObjectNode o = EngineJson.object();
        o.put("agentPath", job.agentPath().string());
        o.set("executable", encode(job.executable()));
        putExprMap(o, "defaultArguments", job.defaultArguments());
        job.subagentBundleIdExpr().ifPresent(e -> o.put("subagentBundleIdExpr", e.source()));
        if (!job.jobResourcePaths().isEmpty()) {
            ArrayNode a = o.putArray("jobResourcePaths");
            job.jobResourcePaths().forEach(p -> a.add(p.string()));
        }
        o.put("processLimit", job.processLimit());
        job.sigkillDelay().ifPresent(d -> o.set("sigkillDelay", EngineJson.seconds(d)));
        job.timeout().ifPresent(d -> o.set("timeout", EngineJson.seconds(d)));
        putTrue(o, "killAtEndOfAdmissionPeriod", job.killAtEndOfAdmissionPeriod());
        putTrue(o, "failOnErrWritten", job.failOnErrWritten());
        job.admissionTimeScheme().ifPresent(s -> o.set("admissionTimeScheme", TimeJson.encode(s)));
        putTrue(o, "skipIfNoAdmissionStartForOrderDay", job.skipIfNoAdmissionStartForOrderDay());
        putTrue(o, "isNotRestartable", job.isNotRestartable());
        return o;
    }

    public static Checked<Executable> decodeExecutable(JsonNode json) {
        return JsonCursor.decode(json, JobJson::executable);
    }

    public static ObjectNode encode(Executable executable) {
        ObjectNode o = EngineJson.object();
        switch (executable.kind()) {
            case SHELL_SCRIPT -> {
                Executable.ShellScript e = (Executable.ShellScript) executable;
                o.put("TYPE", "ShellScriptExecutable");
                o.put("script", e.script());
                putExprMap(o, "env", e.env());
                e.login().ifPresent(l -> o.set("login", encodeLogin(l)));
                putReturnCodeMeaning(o, e.returnCodeMeaning());
                putTrue(o, "v1Compatible", e.v1Compatible());
            }
            case PATH -> {
                Executable.PathExecutable e = (Executable.PathExecutable) executable;
                o.put("TYPE", "PathExecutable");
                o.put("path", e.path());
                putExprMap(o, "env", e.env());
                e.login().ifPresent(l -> o.set("login", encodeLogin(l)));
                putReturnCodeMeaning(o, e.returnCodeMeaning());
                putTrue(o, "v1Compatible", e.v1Compatible());
            }
            case COMMAND_LINE -> {
                Executable.CommandLine e = (Executable.CommandLine) executable;
                o.put("TYPE", "CommandLineExecutable");
                o.put("command", e.command());
                putExprMap(o, "env", e.env());
                e.login().ifPresent(l -> o.set("login", encodeLogin(l)));
                putReturnCodeMeaning(o, e.returnCodeMeaning());
            }
            case INTERNAL -> {
                Executable.Internal e = (Executable.Internal) executable;
                o.put("TYPE", "InternalExecutable");
                o.put("className", e.className());
                if (!e.jobArguments().isEmpty()) {
                    o.set("jobArguments", ValueJson.namedValuesToJson(e.jobArguments()));
                }
                putExprMap(o, "arguments", e.arguments());
                putReturnCodeMeaning(o, e.returnCodeMeaning());
            }
        }
        return o;
    }

    static WorkflowJob job(JsonCursor c) {
        c.requireObject();
        AgentPath agentPath = c.required("agentPath").as(AgentPath::checked);
        Executable executable = executable(c.required("executable"));
        Map<String, Expr> defaultArguments = c.optionalExprMap("defaultArguments");
        Optional<Expr> subagentBundleIdExpr = c.optional("subagentBundleIdExpr").map(JsonCursor::expr);
        List<JobResourcePath> jobResourcePaths = c.optional("jobResourcePaths")
                .map(a -> a.list(p -> p.as(JobResourcePath::checked))).orElse(List.of());
        Optional<JsonCursor> limitField = c.optional("processLimit").or(() -> c.optional("parallelism"));
        int processLimit = WorkflowJob.DEFAULT_PROCESS_LIMIT;
        if (limitField.isPresent()) {
            processLimit = limitField.get().intValue();
            if (processLimit < 1) {
                throw limitField.get().fail("processLimit must be at least 1, found " + processLimit);
            }
        }
        Optional<Duration> sigkillDelay = c.optional("sigkillDelay").map(JsonCursor::seconds);
        Optional<Duration> timeout = c.optional("timeout").map(JsonCursor::seconds);
        boolean killAtEnd = c.optionalBool("killAtEndOfAdmissionPeriod");
        boolean failOnErrWritten = c.optionalBool("failOnErrWritten");
        Optional<AdmissionTimeScheme> admission = c.optional("admissionTimeScheme").map(TimeJson::admissionTimeScheme);
        boolean skip = c.optionalBool("skipIfNoAdmissionStartForOrderDay");
        boolean notRestartable = c.optionalBool("isNotRestartable");
        int limit = processLimit;
        return c.construct(() -> new WorkflowJob(agentPath, executable, defaultArguments, subagentBundleIdExpr,
                jobResourcePaths, limit, sigkillDelay, timeout, killAtEnd, failOnErrWritten, admission, skip,
                notRestartable));
    }

    static Executable executable(JsonCursor c) {
        String type = c.type();
        switch (type) {
            case "ShellScriptExecutable":
            case "ScriptExecutable":
            case "ExecutableScript": {
                String script = c.requiredString("script");
                Map<String, Expr> env = c.optionalExprMap("env");
                Optional<Executable.Login> login = c.optional("login").map(JobJson::login);
                boolean v1 = c.optionalBool("v1Compatible");
                ReturnCodeMeaning rcm = returnCodeMeaning(c);
                return c.construct(() -> new Executable.ShellScript(script, env, login, v1, rcm));
            }
            case "PathExecutable":
            case "ExecutablePath": {
                String path = c.requiredString("path");
                Map<String, Expr> env = c.optionalExprMap("env");
                Optional<Executable.Login> login = c.optional("login").map(JobJson::login);
                boolean v1 = c.optionalBool("v1Compatible");
                ReturnCodeMeaning rcm = returnCodeMeaning(c);
                return c.child("path").construct(() -> new Executable.PathExecutable(path, env, login, v1, rcm));
            }
            case "CommandLineExecutable": {
                String command = c.requiredString("command");
                Map<String, Expr> env = c.optionalExprMap("env");
                Optional<Executable.Login> login = c.optional("login").map(JobJson::login);
                ReturnCodeMeaning rcm = returnCodeMeaning(c);
                return c.child("command").construct(() -> new Executable.CommandLine(command, env, login, rcm));
            }
            case "InternalExecutable": {
                String className = c.requiredString("className");
                Map<String, io.jobwerk.engine.value.Value> jobArguments =
                        c.optional("jobArguments").map(ValueJson::namedValues).orElse(Map.of());
                Map<String, Expr> arguments = c.optionalExprMap("arguments");
                ReturnCodeMeaning rcm = returnCodeMeaning(c);
                return c.child("className").construct(() -> new Executable.Internal(className, jobArguments, arguments, rcm));
            }
            default:
                throw c.child("TYPE").fail("unknown executable TYPE '" + type + "'");
        }
    }

    private static Executable.Login login(JsonCursor c) {
        return new Executable.Login(c.requiredString("credentialKey"), c.optionalBool("withUserProfile"));
    }

    private static ObjectNode encodeLogin(Executable.Login login) {
        ObjectNode o = EngineJson.object();
        o.put("credentialKey", login.credentialKey());
        putTrue(o, "withUserProfile", login.withUserProfile());
        return o;
    }

    private static ReturnCodeMeaning returnCodeMeaning(JsonCursor executable) {
        Optional<JsonCursor> field = executable.optional("returnCodeMeaning");
        if (field.isEmpty()) {
            return ReturnCodeMeaning.DEFAULT;
        }
        JsonCursor c = field.get();
        Optional<JsonCursor> success = c.optional("success");
        Optional<JsonCursor> failure = c.optional("failure");
        if (success.isPresent() == failure.isPresent()) {
            throw c.fail("expected exactly one of 'success' and 'failure'");
        }
        return success.isPresent()
                ? ReturnCodeMeaning.success(ranges(success.get()))
                : ReturnCodeMeaning.failure(ranges(failure.get()));
    }

    private static List<ReturnCodeMeaning.Range> ranges(JsonCursor c) {
        if (c.node().isTextual()) {
            return c.check(ReturnCodeMeaning.parseRanges(c.string()));
        }
        if (!c.node().isArray()) {
            throw c.fail("expected a list of return codes or a range string like \"0,3..5\", found "
                    + JsonCursor.typeName(c.node()));
        }
        List<ReturnCodeMeaning.Range> ranges = new ArrayList<>();
        for (JsonCursor e : c.elements()) {
            int code = e.intValue();
            ranges.add(new ReturnCodeMeaning.Range(code, code));
        }
        return ranges;
    }

    private static void putReturnCodeMeaning(ObjectNode o, ReturnCodeMeaning rcm) {
        if (!rcm.equals(ReturnCodeMeaning.DEFAULT)) {
            o.putObject("returnCodeMeaning").put(rcm.listsSuccess() ? "success" : "failure", rcm.rangesString());
        }
    }

    static void putExprMap(ObjectNode o, String key, Map<String, Expr> map) {
        if (!map.isEmpty()) {
            ObjectNode m = o.putObject(key);
            map.forEach((k, v) -> m.put(k, v.source()));
        }
    }

    static void putTrue(ObjectNode o, String key, boolean value) {
        if (value) {
            o.put(key, true);
        }
    }
}
