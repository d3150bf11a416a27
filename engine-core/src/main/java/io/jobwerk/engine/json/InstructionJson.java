package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.job.WorkflowJob;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.time.AdmissionTimeScheme;
import io.jobwerk.engine.value.Value;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.Block;
import io.jobwerk.engine.workflow.BoardPathExpression;
import io.jobwerk.engine.workflow.Instruction;
import io.jobwerk.engine.workflow.JobName;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Workflow instructions and nested blocks in the JS7 engine format.
 *
 * <p>Every instruction is an object with {@code TYPE} ({@code Execute.Named}, {@code Execute.Anonymous},
 * {@code If}, {@code Fork}, {@code ForkList}, {@code Try}, {@code Retry}, {@code Lock}, {@code Prompt},
 * {@code Finish}, {@code Fail}, {@code PostNotices}, {@code ExpectNotices}, {@code ConsumeNotices},
 * {@code Cycle}, {@code Break}, {@code AddOrder}, {@code StickySubagent}, {@code Options}, {@code Sleep},
 * {@code AdmissionTime}, {@code Stop}, {@code End}) and an optional {@code label}, written first.
 * {@code sourcePos} and unknown keys are ignored. Legacy input forms are accepted and written in the
 * current form: {@code If} with a single {@code predicate}/{@code then}; {@code Lock} with a single
 * {@code lockPath}/{@code count}; {@code PostNotice} with {@code boardPath}. An {@code ImplicitEnd} in an
 * instruction list is skipped on input and never written.
 *
 * <p>A block is {@code {"instructions":[…], "jobs":{…}, "result":{…}}} with {@code jobs} and
 * {@code result} optional (omitted when empty / absent).
 */
public final class InstructionJson {
    private InstructionJson() {}

    public static Checked<Instruction> decode(JsonNode json) {
        return JsonCursor.decode(json, InstructionJson::instruction);
    }

    public static Checked<Block> decodeBlock(JsonNode json) {
        return JsonCursor.decode(json, InstructionJson::block);
    }

    /**
     * The JSON of an instruction.
     *
     * @throws IllegalArgumentException for {@link Instruction.ImplicitEnd}, which has no JSON form
     */
    public static ObjectNode encode(Instruction instruction) {
        ObjectNode o = EngineJson.object();
        instruction.label().ifPresent(l -> o.put("label", l.string()));
        switch (instruction.kind()) {
            case EXECUTE_NAMED -> {
                Instruction.ExecuteNamed i = (Instruction.ExecuteNamed) instruction;
                o.put("TYPE", "Execute.Named");
                o.put("jobName", i.jobName().string());
                JobJson.putExprMap(o, "defaultArguments", i.defaultArguments());
            }
            case EXECUTE_ANONYMOUS -> {
                Instruction.ExecuteAnonymous i = (Instruction.ExecuteAnonymous) instruction;
                o.put("TYPE", "Execute.Anonymous");
                JobJson.putExprMap(o, "defaultArguments", i.defaultArguments());
                o.set("job", JobJson.encode(i.job()));
            }
            case IF -> {
                Instruction.If i = (Instruction.If) instruction;
                o.put("TYPE", "If");
                ArrayNode ifThens = o.putArray("ifThens");
                for (Instruction.IfThen ifThen : i.ifThens()) {
                    ObjectNode it = ifThens.addObject();
                    it.put("predicate", ifThen.predicate().source());
                    it.set("then", encodeBlock(ifThen.then()));
                }
                i.elseBlock().ifPresent(b -> o.set("else", encodeBlock(b)));
            }
            case FORK -> {
                Instruction.Fork i = (Instruction.Fork) instruction;
                o.put("TYPE", "Fork");
                ArrayNode branches = o.putArray("branches");
                for (Instruction.ForkBranch b : i.forkBranches()) {
                    ObjectNode bo = branches.addObject();
                    bo.put("id", b.id());
                    bo.set("workflow", encodeBlock(b.workflow()));
                }
                i.agentPath().ifPresent(a -> o.put("agentPath", a.string()));
                JobJson.putTrue(o, "joinIfFailed", i.joinIfFailed());
            }
            case FORK_LIST -> {
                Instruction.ForkList i = (Instruction.ForkList) instruction;
                o.put("TYPE", "ForkList");
                o.put("children", i.children().source());
                o.put("childToId", i.childToId().source());
                i.childToArguments().ifPresent(e -> o.put("childToArguments", e.source()));
                o.set("workflow", encodeBlock(i.workflow()));
                i.agentPath().ifPresent(a -> o.put("agentPath", a.string()));
                o.put("joinIfFailed", i.joinIfFailed());  // JS7 writes it even when false
            }
            case TRY -> {
                Instruction.Try i = (Instruction.Try) instruction;
                o.put("TYPE", "Try");
                o.set("try", encodeBlock(i.tryBlock()));
                o.set("catch", encodeBlock(i.catchBlock()));
                i.retryDelays().ifPresent(delays -> {
                    ArrayNode a = o.putArray("retryDelays");
                    delays.forEach(d -> a.add(EngineJson.number(d)));
                });
                i.maxTries().ifPresent(n -> o.put("maxTries", n));
            }
            case RETRY -> o.put("TYPE", "Retry");
            case LOCK -> {
                Instruction.Lock i = (Instruction.Lock) instruction;
                o.put("TYPE", "Lock");
                ArrayNode demands = o.putArray("demands");
                for (Instruction.LockDemand d : i.demands()) {
                    ObjectNode dn = demands.addObject();
                    dn.put("lockPath", d.lockPath().string());
                    d.count().ifPresent(n -> dn.put("count", n));
                }
                o.set("lockedWorkflow", encodeBlock(i.lockedWorkflow()));
            }
            case PROMPT -> {
                o.put("TYPE", "Prompt");
                o.put("question", ((Instruction.Prompt) instruction).question().source());
            }
            case FINISH -> {
                o.put("TYPE", "Finish");
                ((Instruction.Finish) instruction).outcome().ifPresent(out -> o.set("outcome", OutcomeJson.encode(out)));
            }
            case FAIL -> {
                Instruction.Fail i = (Instruction.Fail) instruction;
                o.put("TYPE", "Fail");
                i.message().ifPresent(m -> o.put("message", m.source()));
                if (!i.namedValues().isEmpty()) {
                    o.set("namedValues", ValueJson.namedValuesToJson(i.namedValues()));
                }
                JobJson.putTrue(o, "uncatchable", i.uncatchable());
            }
            case POST_NOTICES -> {
                o.put("TYPE", "PostNotices");
                ArrayNode a = o.putArray("boardPaths");
                ((Instruction.PostNotices) instruction).boardPaths().forEach(b -> a.add(b.string()));
            }
            case EXPECT_NOTICES -> {
                Instruction.ExpectNotices i = (Instruction.ExpectNotices) instruction;
                o.put("TYPE", "ExpectNotices");
                o.put("boardPaths", i.boardPaths().source());
                o.put("whenNotAnnounced", i.whenNotAnnounced().name());
            }
            case CONSUME_NOTICES -> {
                Instruction.ConsumeNotices i = (Instruction.ConsumeNotices) instruction;
                o.put("TYPE", "ConsumeNotices");
                o.put("boardPaths", i.boardPaths().source());
                o.put("whenNotAnnounced", i.whenNotAnnounced().name());
                o.set("subworkflow", encodeBlock(i.subworkflow()));
            }
            case CYCLE -> {
                Instruction.Cycle i = (Instruction.Cycle) instruction;
                o.put("TYPE", "Cycle");
                o.put("onlyOnePeriod", i.onlyOnePeriod());  // JS7 writes it even when false
                o.set("schedule", TimeJson.encode(i.schedule()));
                o.set("cycleWorkflow", encodeBlock(i.cycleWorkflow()));
            }
            case BREAK -> o.put("TYPE", "Break");
            case ADD_ORDER -> {
                Instruction.AddOrder i = (Instruction.AddOrder) instruction;
                o.put("TYPE", "AddOrder");
                o.put("orderId", i.orderId().source());
                o.put("workflowPath", i.workflowPath().string());
                i.planId().ifPresent(e -> o.put("planId", e.source()));
                JobJson.putExprMap(o, "arguments", i.arguments());
                i.innerBlock().ifPresent(b -> o.set("innerBlock", PositionJson.encodeBranchPath(b)));
                i.startPosition().ifPresent(p -> o.set("startPosition", PositionJson.encode(p)));
                if (!i.stopPositions().isEmpty()) {
                    ArrayNode a = o.putArray("stopPositions");
                    i.stopPositions().forEach(p -> a.add(PositionJson.encode(p)));
                }
                JobJson.putTrue(o, "deleteWhenTerminated", i.deleteWhenTerminated());
                JobJson.putTrue(o, "forceAdmission", i.forceAdmission());
            }
            case STICKY_SUBAGENT -> {
                Instruction.StickySubagent i = (Instruction.StickySubagent) instruction;
                o.put("TYPE", "StickySubagent");
                o.put("agentPath", i.agentPath().string());
                i.subagentBundleIdExpr().ifPresent(e -> o.put("subagentBundleIdExpr", e.source()));
                o.set("subworkflow", encodeBlock(i.subworkflow()));
            }
            case OPTIONS -> {
                Instruction.Options i = (Instruction.Options) instruction;
                o.put("TYPE", "Options");
                i.stopOnFailure().ifPresent(b -> o.put("stopOnFailure", b));
                o.set("block", encodeBlock(i.block()));
            }
            case SLEEP -> {
                o.put("TYPE", "Sleep");
                o.put("duration", ((Instruction.Sleep) instruction).duration().source());
            }
            case ADMISSION_TIME -> {
                Instruction.AdmissionTime i = (Instruction.AdmissionTime) instruction;
                o.put("TYPE", "AdmissionTime");
                o.set("admissionTimeScheme", TimeJson.encode(i.admissionTimeScheme()));
                JobJson.putTrue(o, "skipIfNoAdmissionStartForOrderDay", i.skipIfNoAdmissionStartForOrderDay());
                o.set("block", encodeBlock(i.block()));
            }
            case STOP -> o.put("TYPE", "Stop");
            case END -> o.put("TYPE", "End");
            case IMPLICIT_END -> throw new IllegalArgumentException("ImplicitEnd has no JSON form");
        }
        return o;
    }

    /** The JSON of a block; implicit ends are left out. */
    public static ObjectNode encodeBlock(Block block) {
        ObjectNode o = EngineJson.object();
        putBlockFields(o, block);
        return o;
    }

    /** Writes {@code instructions}, {@code jobs} (if any) and {@code result} (if present) into {@code o}. */
    static void putBlockFields(ObjectNode o, Block block) {
        o.set("instructions", encodeInstructions(block.instructions()));
        putJobs(o, block.jobs());
        putResult(o, block.result());
    }

    static ArrayNode encodeInstructions(List<Instruction> instructions) {
        ArrayNode a = EngineJson.array();
        for (Instruction i : instructions) {
            if (i.kind() != Instruction.Kind.IMPLICIT_END) {
                a.add(encode(i));
            }
        }
        return a;
    }

    static void putJobs(ObjectNode o, Map<JobName, WorkflowJob> jobs) {
        if (!jobs.isEmpty()) {
            ObjectNode j = o.putObject("jobs");
            jobs.forEach((name, job) -> j.set(name.string(), JobJson.encode(job)));
        }
    }

    static void putResult(ObjectNode o, Optional<Map<String, Expr>> result) {
        result.ifPresent(r -> {
            ObjectNode ro = o.putObject("result");
            r.forEach((k, v) -> ro.put(k, v.source()));
        });
    }

    // Decoding

    static Block block(JsonCursor c) {
        List<Instruction> instructions = instructions(c.required("instructions"));
        Map<JobName, WorkflowJob> jobs = jobs(c);
        Optional<Map<String, Expr>> result = c.optional("result").map(JsonCursor::exprMap);
        return new Block(instructions, jobs, result);
    }

    static List<Instruction> instructions(JsonCursor c) {
        List<Instruction> list = new ArrayList<>();
        for (JsonCursor e : c.elements()) {
            if (e.node().isObject() && e.node().path("TYPE").asText("").equals("ImplicitEnd")) {
                continue;  // JOC shows implicit ends; they are not instructions of their own
            }
            list.add(instruction(e));
        }
        return list;
    }

    static Map<JobName, WorkflowJob> jobs(JsonCursor c) {
        Map<JobName, WorkflowJob> jobs = new LinkedHashMap<>();
        c.optional("jobs").ifPresent(j -> {
            for (Map.Entry<String, JsonCursor> e : j.fields()) {
                JobName name = e.getValue().check(JobName.checked(e.getKey()));
                jobs.put(name, JobJson.job(e.getValue()));
            }
        });
        return jobs;
    }

    static Instruction instruction(JsonCursor c) {
        c.requireObject();
        String type = c.type();
        Optional<Label> label = c.optional("label").map(l -> l.as(Label::checked));
        switch (type) {
            case "Execute.Named": {
                JobName jobName = c.required("jobName").as(JobName::checked);
                return new Instruction.ExecuteNamed(label, jobName, c.optionalExprMap("defaultArguments"));
            }
            case "Execute.Anonymous": {
                WorkflowJob job = JobJson.job(c.required("job"));
                return new Instruction.ExecuteAnonymous(label, job, c.optionalExprMap("defaultArguments"));
            }
            case "If":
                return ifInstruction(c, label);
            case "Fork": {
                List<Instruction.ForkBranch> branches = c.required("branches").list(b -> {
                    String id = b.requiredString("id");
                    Block workflow = block(b.required("workflow"));
                    return b.child("id").construct(() -> new Instruction.ForkBranch(id, workflow));
                });
                Optional<AgentPath> agentPath = c.optional("agentPath").map(a -> a.as(AgentPath::checked));
                boolean joinIfFailed = c.optionalBool("joinIfFailed");
                return c.child("branches").construct(() -> new Instruction.Fork(label, branches, agentPath, joinIfFailed));
            }
            case "ForkList": {
                Expr children = c.required("children").expr();
                Expr childToId = c.required("childToId").expr();
                Optional<Expr> childToArguments = c.optional("childToArguments").map(JsonCursor::expr);
                Block workflow = block(c.required("workflow"));
                Optional<AgentPath> agentPath = c.optional("agentPath").map(a -> a.as(AgentPath::checked));
                return new Instruction.ForkList(label, children, childToId, childToArguments, workflow, agentPath,
                        c.optionalBool("joinIfFailed"));
            }
            case "Try": {
                Block tryBlock = block(c.required("try"));
                Block catchBlock = block(c.required("catch"));
                Optional<List<BigDecimal>> retryDelays = c.optional("retryDelays").map(a -> a.list(d -> {
                    BigDecimal delay = d.decimal();
                    if (delay.signum() < 0) {
                        throw d.fail("a retry delay must not be negative, found " + delay.toPlainString());
                    }
                    return delay;
                }));
                Optional<Integer> maxTries = c.optional("maxTries").map(m -> {
                    int n = m.intValue();
                    if (n < 1) {
                        throw m.fail("maxTries must be at least 1, found " + n);
                    }
                    return n;
                });
                return c.construct(() -> new Instruction.Try(label, tryBlock, catchBlock, retryDelays, maxTries));
            }
            case "Retry":
                return new Instruction.Retry(label);
            case "Lock": {
                List<Instruction.LockDemand> demands;
                if (c.has("demands")) {
                    demands = c.required("demands").list(InstructionJson::lockDemand);
                } else if (c.has("lockPath")) {
                    demands = List.of(lockDemand(c));  // legacy v2.4: single lockPath and count
                } else {
                    throw c.fail("missing required field 'demands'");
                }
                Block locked = block(c.required("lockedWorkflow"));
                List<Instruction.LockDemand> d = demands;
                return c.child(c.has("demands") ? "demands" : "lockPath")
                        .construct(() -> new Instruction.Lock(label, d, locked));
            }
            case "Prompt":
                return new Instruction.Prompt(label, c.required("question").expr());
            case "Finish":
                return new Instruction.Finish(label, c.optional("outcome").map(OutcomeJson::completed));
            case "Fail": {
                Optional<Expr> message = c.optional("message").map(JsonCursor::expr);
                Map<String, Value> namedValues = c.optional("namedValues").map(ValueJson::namedValues).orElse(Map.of());
                return new Instruction.Fail(label, message, namedValues, c.optionalBool("uncatchable"));
            }
            case "PostNotices": {
                List<BoardPath> boards = c.required("boardPaths").list(b -> b.as(BoardPath::checked));
                return c.child("boardPaths").construct(() -> new Instruction.PostNotices(label, boards));
            }
            case "PostNotice":  // legacy: a single board
                return new Instruction.PostNotices(label, List.of(c.required("boardPath").as(BoardPath::checked)));
            case "ExpectNotices": {
                BoardPathExpression boards = c.required("boardPaths").as(BoardPathExpression::parse);
                return new Instruction.ExpectNotices(label, boards, whenNotAnnounced(c));
            }
            case "ConsumeNotices": {
                BoardPathExpression boards = c.required("boardPaths").as(BoardPathExpression::parse);
                Instruction.WhenNotAnnounced when = whenNotAnnounced(c);
                return new Instruction.ConsumeNotices(label, boards, when, block(c.required("subworkflow")));
            }
            case "Cycle": {
                var schedule = TimeJson.schedule(c.required("schedule"));
                Block cycleWorkflow = block(c.required("cycleWorkflow"));
                return new Instruction.Cycle(label, schedule, cycleWorkflow, c.optionalBool("onlyOnePeriod"));
            }
            case "Break":
                return new Instruction.Break(label);
            case "AddOrder": {
                Expr orderId = c.required("orderId").expr();
                WorkflowPath workflowPath = c.required("workflowPath").as(WorkflowPath::checked);
                Optional<Expr> planId = c.optional("planId").map(JsonCursor::expr);
                Map<String, Expr> arguments = c.optionalExprMap("arguments");
                Optional<List<Position.Segment>> innerBlock = c.optional("innerBlock").map(PositionJson::branchPath);
                Optional<Position> startPosition = c.optional("startPosition").map(PositionJson::position);
                List<PositionOrLabel> stopPositions = c.optional("stopPositions")
                        .map(a -> a.list(PositionJson::positionOrLabel)).orElse(List.of());
                return new Instruction.AddOrder(label, orderId, workflowPath, planId, arguments, innerBlock,
                        startPosition, stopPositions, c.optionalBool("deleteWhenTerminated"),
                        c.optionalBool("forceAdmission"));
            }
            case "StickySubagent": {
                AgentPath agentPath = c.required("agentPath").as(AgentPath::checked);
                Optional<Expr> bundle = c.optional("subagentBundleIdExpr").map(JsonCursor::expr);
                return new Instruction.StickySubagent(label, agentPath, bundle, block(c.required("subworkflow")));
            }
            case "Options": {
                Optional<Boolean> stopOnFailure = c.optional("stopOnFailure").map(JsonCursor::bool);
                return new Instruction.Options(label, stopOnFailure, block(c.required("block")));
            }
            case "Sleep":
                return new Instruction.Sleep(label, c.required("duration").expr());
            case "AdmissionTime": {
                AdmissionTimeScheme scheme = TimeJson.admissionTimeScheme(c.required("admissionTimeScheme"));
                boolean skip = c.optionalBool("skipIfNoAdmissionStartForOrderDay");
                return new Instruction.AdmissionTime(label, scheme, skip, block(c.required("block")));
            }
            case "Stop":
                return new Instruction.Stop(label);
            case "End":
                return new Instruction.End(label);
            default:
                throw c.child("TYPE").fail("unknown instruction TYPE '" + type + "' (docs/workflows.md lists the instructions)");
        }
    }

    private static Instruction ifInstruction(JsonCursor c, Optional<Label> label) {
        List<Instruction.IfThen> ifThens;
        if (c.has("ifThens")) {
            JsonCursor list = c.required("ifThens");
            ifThens = list.list(it -> new Instruction.IfThen(it.required("predicate").expr(), block(it.required("then"))));
            if (ifThens.isEmpty()) {
                throw list.fail("If needs at least one predicate");
            }
        } else if (c.has("predicate")) {
            // legacy ≤ v2.7.1: a single predicate and then-block
            ifThens = List.of(new Instruction.IfThen(c.required("predicate").expr(), block(c.required("then"))));
        } else {
            throw c.fail("missing required field 'ifThens'");
        }
        Optional<Block> elseBlock = c.optional("else").map(InstructionJson::block);
        return new Instruction.If(label, ifThens, elseBlock);
    }

    private static Instruction.LockDemand lockDemand(JsonCursor c) {
        LockPath lockPath = c.required("lockPath").as(LockPath::checked);
        Optional<Integer> count = c.optional("count").map(JsonCursor::intValue);
        JsonCursor at = c.has("count") ? c.child("count") : c;
        return at.construct(() -> new Instruction.LockDemand(lockPath, count));
    }

    private static Instruction.WhenNotAnnounced whenNotAnnounced(JsonCursor c) {
        Optional<JsonCursor> field = c.optional("whenNotAnnounced");
        if (field.isEmpty()) {
            return Instruction.WhenNotAnnounced.Wait;
        }
        String s = field.get().string();
        for (Instruction.WhenNotAnnounced w : Instruction.WhenNotAnnounced.values()) {
            if (w.name().equals(s)) {
                return w;
            }
        }
        throw field.get().fail("expected one of Wait, DontWait, SkipWhenNoNotice, found '" + s + "'");
    }
}
