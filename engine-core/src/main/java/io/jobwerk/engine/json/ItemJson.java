package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.Item;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.item.SignedString;
import io.jobwerk.engine.path.AgentPath;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.path.CalendarPath;
import io.jobwerk.engine.path.FileWatchPath;
import io.jobwerk.engine.path.JobResourcePath;
import io.jobwerk.engine.path.LockPath;
import io.jobwerk.engine.path.SubagentBundleId;
import io.jobwerk.engine.path.SubagentId;
import io.jobwerk.engine.value.expression.Expr;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Simple (unsigned, unversioned) {@link Item}s in the JS7 engine format, TYPE first, fields in JS7's
 * order:
 * <ul>
 * <li>{@code AgentRef {path, directors, processLimit?, requireFailoverConfirmation}}</li>
 * <li>{@code SubagentItem {id, agentPath, uri, disabled}}</li>
 * <li>{@code SubagentBundle {id, subagentToPriority{SUBAGENT: number | expression}}}</li>
 * <li>{@code Lock {path, limit}}</li>
 * <li>{@code GlobalBoard {path, postOrderToNoticeKey, expectOrderToNoticeKey, endOfLife?}}</li>
 * <li>{@code JobResource {path, variables, env}}</li>
 * <li>{@code FileWatch {path, workflowPath, agentPath, directoryExpr, pattern?, orderExpr?, delay}}</li>
 * <li>{@code Calendar {path, dateOffset (s), orderIdPattern, periodDatePattern}}</li>
 * <li>JOC's daily-plan objects {@code WorkingDaysCalendar}, {@code NonWorkingDaysCalendar} and
 * {@code Schedule}, see {@link PlanItemJson}</li>
 * </ul>
 * {@code requireFailoverConfirmation} and {@code disabled} are written even when false, as JS7 does.
 *
 * <p>{@code itemRevision}, which JS7 adds to simple items it has stored, is ignored on input and not
 * written: the engine state does not keep revisions (the Controller's journal adapter may add them).
 * A FileWatch's order id expression is read from {@code orderExpr} (JS7 2.7+) or the older
 * {@code orderIdExpression} and written as {@code orderExpr}. A SubagentBundle priority given as a JSON
 * number becomes the expression of that number's text and is written back as a number; any priority
 * whose expression source is a plain decimal number is written as a number.
 *
 * <p>{@link #decodeDeployable} additionally accepts {@code "TYPE":"Workflow"} (see
 * {@link WorkflowJson#encodeItem}).
 */
public final class ItemJson {
    private ItemJson() {}

    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

    private static final Map<String, Item.Kind> TYPE_TO_KIND = new LinkedHashMap<>();

    static {
        for (Item.Kind k : Item.Kind.values()) {
            TYPE_TO_KIND.put(typeName(k), k);
        }
    }

    /** The JSON TYPE of an item kind: {@code AgentRef}, {@code SubagentItem}, {@code Lock} … */
    public static String typeName(Item.Kind kind) {
        return switch (kind) {
            case AGENT_REF -> "AgentRef";
            case SUBAGENT_ITEM -> "SubagentItem";
            case SUBAGENT_BUNDLE -> "SubagentBundle";
            case LOCK -> "Lock";
            case GLOBAL_BOARD -> "GlobalBoard";
            case JOB_RESOURCE -> "JobResource";
            case FILE_WATCH -> "FileWatch";
            case CALENDAR -> "Calendar";
            case WORKING_DAYS_CALENDAR -> "WorkingDaysCalendar";
            case NON_WORKING_DAYS_CALENDAR -> "NonWorkingDaysCalendar";
            case SCHEDULE -> "Schedule";
        };
    }

    public static Checked<Item> decode(JsonNode json) {
        return JsonCursor.decode(json, ItemJson::item);
    }

    /** {@code {"TYPE":…, fields…}}. */
    public static ObjectNode encode(Item item) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", typeName(item.kind()));
        switch (item.kind()) {
            case AGENT_REF -> {
                Item.AgentRef a = (Item.AgentRef) item;
                o.put("path", a.path().string());
                ArrayNode d = o.putArray("directors");
                a.directors().forEach(s -> d.add(s.string()));
                a.processLimit().ifPresent(n -> o.put("processLimit", n));
                o.put("requireFailoverConfirmation", a.requireFailoverConfirmation());
            }
            case SUBAGENT_ITEM -> {
                Item.SubagentItem s = (Item.SubagentItem) item;
                o.put("id", s.id().string());
                o.put("agentPath", s.agentPath().string());
                o.put("uri", s.uri());
                o.put("disabled", s.disabled());
            }
            case SUBAGENT_BUNDLE -> {
                Item.SubagentBundle b = (Item.SubagentBundle) item;
                o.put("id", b.id().string());
                ObjectNode p = o.putObject("subagentToPriority");
                b.subagentToPriority().forEach((id, expr) -> p.set(id.string(), priority(expr)));
            }
            case LOCK -> {
                Item.LockItem l = (Item.LockItem) item;
                o.put("path", l.path().string());
                o.put("limit", l.limit());
            }
            case GLOBAL_BOARD -> {
                Item.GlobalBoard b = (Item.GlobalBoard) item;
                o.put("path", b.path().string());
                o.put("postOrderToNoticeKey", b.postOrderToNoticeKey().source());
                o.put("expectOrderToNoticeKey", b.expectOrderToNoticeKey().source());
                b.endOfLife().ifPresent(e -> o.put("endOfLife", e.source()));
            }
            case JOB_RESOURCE -> {
                Item.JobResource r = (Item.JobResource) item;
                o.put("path", r.path().string());
                putExprs(o.putObject("variables"), r.variables());
                putExprs(o.putObject("env"), r.env());
            }
            case FILE_WATCH -> {
                Item.FileWatch f = (Item.FileWatch) item;
                o.put("path", f.path().string());
                o.put("workflowPath", f.workflowPath().string());
                o.put("agentPath", f.agentPath().string());
                o.put("directoryExpr", f.directoryExpr().source());
                f.pattern().ifPresent(p -> o.put("pattern", p));
                f.orderIdExpression().ifPresent(e -> o.put("orderExpr", e.source()));
                o.set("delay", EngineJson.seconds(f.delay()));
            }
            case CALENDAR -> {
                Item.Calendar c = (Item.Calendar) item;
                o.put("path", c.path().string());
                o.set("dateOffset", EngineJson.seconds(c.dateOffset()));
                o.put("orderIdPattern", c.orderIdPattern());
                o.put("periodDatePattern", c.periodDatePattern());
            }
            case WORKING_DAYS_CALENDAR, NON_WORKING_DAYS_CALENDAR -> PlanItemJson.encodeCalendar(o, (Item.PlanCalendar) item);
            case SCHEDULE -> PlanItemJson.encodeSchedule(o, (Item.PlanSchedule) item);
        }
        return o;
    }

    /** A simple item or, with {@code "TYPE":"Workflow"}, a workflow (which then must carry its versionId). */
    public static Checked<ItemOperation.Deployable> decodeDeployable(JsonNode json) {
        return JsonCursor.decode(json, c -> deployable(c, Optional.empty()));
    }

    /** A simple item with {@link #encode(Item)}, a workflow with {@link WorkflowJson#encodeItem}. */
    public static ObjectNode encode(ItemOperation.Deployable deployable) {
        if (deployable instanceof ItemOperation.Deployable.SimpleItem s) {
            return encode(s.item());
        }
        return WorkflowJson.encodeItem(((ItemOperation.Deployable.UnsignedWorkflow) deployable).workflow());
    }

    /** A signed string as JS7 writes it: {@code {"string":"…","signature":{"TYPE":"PGP","signatureString":"…"}}}. */
    public static ObjectNode encode(SignedString signed) {
        ObjectNode o = EngineJson.object();
        o.put("string", signed.string());
        ObjectNode s = o.putObject("signature");
        SignedString.Signature sig = signed.signature();
        s.put("TYPE", sig.typeName());
        if (!sig.typeName().equals(SignedString.UNSIGNED) || !sig.signatureString().isEmpty()) {
            s.put("signatureString", sig.signatureString());
        }
        sig.algorithm().ifPresent(a -> s.put("algorithm", a));
        sig.signerId().ifPresent(a -> s.put("signerId", a));
        sig.signerCertificate().ifPresent(a -> s.put("signerCertificate", a));
        return o;
    }

    public static Checked<SignedString> decodeSignedString(JsonNode json) {
        return JsonCursor.decode(json, ItemJson::signedString);
    }

    /**
     * The workflow a signed string holds (its signature is not checked here); a problem in the text
     * is reported at {@code $.string}, naming the path inside the text.
     */
    public static Checked<Workflow> decodeSignedWorkflow(SignedString signed) {
        return JsonCursor.decode(EngineJson.object().put("string", signed.string()),
                c -> signedWorkflow(c.required("string")));
    }

    // Decoders

    static ItemOperation.Deployable deployable(JsonCursor c, Optional<VersionId> defaultVersionId) {
        if (c.type().equals("Workflow")) {
            return new ItemOperation.Deployable.UnsignedWorkflow(WorkflowJson.workflow(c, defaultVersionId));
        }
        return new ItemOperation.Deployable.SimpleItem(item(c));
    }

    static Item item(JsonCursor c) {
        String type = c.type();
        Item.Kind kind = TYPE_TO_KIND.get(type);
        if (kind == null) {
            throw c.child("TYPE").fail("unknown item TYPE '" + type + "', expected one of " + String.join(", ", TYPE_TO_KIND.keySet()));
        }
        return switch (kind) {
            case AGENT_REF -> {
                AgentPath path = c.required("path").as(AgentPath::checked);
                List<SubagentId> directors = c.required("directors").list(d -> d.as(SubagentId::checked));
                Optional<Integer> processLimit = c.optional("processLimit").map(JsonCursor::intValue);
                boolean confirm = c.optionalBool("requireFailoverConfirmation");
                yield c.construct(() -> new Item.AgentRef(path, directors, processLimit, confirm));
            }
            case SUBAGENT_ITEM -> {
                SubagentId id = c.required("id").as(SubagentId::checked);
                AgentPath agentPath = c.required("agentPath").as(AgentPath::checked);
                String uri = c.requiredString("uri");
                if (uri.isEmpty()) {
                    throw c.child("uri").fail("uri must not be empty");
                }
                yield new Item.SubagentItem(id, agentPath, uri, c.optionalBool("disabled"));
            }
            case SUBAGENT_BUNDLE -> {
                SubagentBundleId id = c.required("id").as(SubagentBundleId::checked);
                Map<SubagentId, Expr> priorities = new LinkedHashMap<>();
                for (Map.Entry<String, JsonCursor> e : c.required("subagentToPriority").fields()) {
                    JsonCursor p = e.getValue();
                    SubagentId subagentId = p.construct(() -> new SubagentId(e.getKey()));
                    priorities.put(subagentId, priorityExpr(p));
                }
                yield new Item.SubagentBundle(id, priorities);
            }
            case LOCK -> {
                LockPath path = c.required("path").as(LockPath::checked);
                JsonCursor limitCursor = c.optional("limit").orElse(null);
                int limit = limitCursor == null ? 1 : limitCursor.intValue();
                if (limit < 1) {
                    throw c.child("limit").fail("Lock limit must be at least 1, found " + limit);
                }
                yield new Item.LockItem(path, limit);
            }
            case GLOBAL_BOARD -> new Item.GlobalBoard(c.required("path").as(BoardPath::checked),
                    c.required("postOrderToNoticeKey").expr(), c.required("expectOrderToNoticeKey").expr(),
                    c.optional("endOfLife").map(JsonCursor::expr));
            case JOB_RESOURCE -> new Item.JobResource(c.required("path").as(JobResourcePath::checked),
                    c.optionalExprMap("variables"), c.optionalExprMap("env"));
            case FILE_WATCH -> {
                FileWatchPath path = c.required("path").as(FileWatchPath::checked);
                WorkflowPath workflowPath = c.required("workflowPath").as(WorkflowPath::checked);
                AgentPath agentPath = c.required("agentPath").as(AgentPath::checked);
                Expr directoryExpr = c.required("directoryExpr").expr();
                Optional<String> pattern = c.optionalString("pattern");
                Optional<Expr> orderExpr = c.optional("orderExpr").or(() -> c.optional("orderIdExpression"))
                        .map(JsonCursor::expr);
                Duration delay = c.optional("delay").map(JsonCursor::seconds).orElse(Duration.ZERO);
                yield new Item.FileWatch(path, workflowPath, agentPath, directoryExpr, pattern, orderExpr, delay);
            }
            case CALENDAR -> new Item.Calendar(c.required("path").as(CalendarPath::checked),
                    c.optional("dateOffset").map(JsonCursor::seconds).orElse(Duration.ZERO),
                    c.requiredString("orderIdPattern"), c.requiredString("periodDatePattern"));
            case WORKING_DAYS_CALENDAR -> PlanItemJson.calendar(c, false);
            case NON_WORKING_DAYS_CALENDAR -> PlanItemJson.calendar(c, true);
            case SCHEDULE -> PlanItemJson.schedule(c);
        };
    }

    static SignedString signedString(JsonCursor c) {
        String string = c.requiredString("string");
        JsonCursor s = c.required("signature");
        String type = s.type();
        if (type.isEmpty()) {
            throw s.child("TYPE").fail("signature TYPE must not be empty");
        }
        String signatureString = type.equals(SignedString.UNSIGNED)
                ? s.optionalString("signatureString").orElse("")
                : s.requiredString("signatureString");
        return new SignedString(string, new SignedString.Signature(type, signatureString, s.optionalString("algorithm"),
                s.optionalString("signerId"), s.optionalString("signerCertificate")));
    }

    /** The cursor is at the signed string; its text is parsed and decoded as a workflow. */
    static Workflow signedWorkflow(JsonCursor stringCursor) {
        String text = stringCursor.string();
        Checked<JsonNode> parsed = EngineJson.parse(text);
        JsonNode json = stringCursor.check(parsed);
        return stringCursor.check(WorkflowJson.decode(json));
    }

    private static Expr priorityExpr(JsonCursor p) {
        if (p.node().isNumber()) {
            BigDecimal d = p.decimal();
            return p.check(Expr.parse(d.toPlainString()));
        }
        return p.expr();
    }

    private static JsonNode priority(Expr expr) {
        String source = expr.source();
        if (PLAIN_NUMBER.matcher(source).matches()) {
            return EngineJson.number(new BigDecimal(source));
        }
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(source);
    }

    private static void putExprs(ObjectNode o, Map<String, Expr> exprs) {
        exprs.forEach((k, v) -> o.put(k, v.source()));
    }
}
