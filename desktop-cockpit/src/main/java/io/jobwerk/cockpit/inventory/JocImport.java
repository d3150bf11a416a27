package io.jobwerk.cockpit.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jobwerk.engine.json.EngineJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Converts an object of a JOC Cockpit inventory export (JOC's own field names) into the engine format
 * the workspace keeps, and says what it changed and what it could not carry over. JOC's
 * {@code agentName}, {@code parallelism}, {@code graceTimeout}, {@code jobResourceNames},
 * {@code lockName}/{@code demands[].lockName}, {@code noticeBoardNames}, {@code CaseWhen}, the
 * single-predicate {@code If}, {@code AddOrder}'s {@code workflowName}/{@code remainWhenTerminated},
 * {@code StickySubagent}'s and {@code ForkList}'s agent and cluster, {@code Finish}'s
 * {@code unsuccessful}, {@code Segment} blocks (flattened, as JOC does when it deploys), job
 * resources' {@code arguments}, notice boards' {@code postOrderToNoticeId}, file order sources'
 * {@code workflowName}/{@code agentName} become ours. Objects the engine has no counterpart for (job
 * templates, script includes, reports, plannable boards, script-engine jobs) are not converted.
 * Engine-format files pass unchanged. Pure.
 */
public final class JocImport {
    private JocImport() {}

    /** The converted item (empty: not converted), and a line for each change or loss worth telling. */
    public record Conversion(Optional<ObjectNode> json, List<String> notes) {
        public boolean converted() {
            return json.isPresent();
        }
    }

    private static final Map<String, String> NOT_CONVERTIBLE = Map.of(
            ".jobtemplate.json", "job template (JOC resolves it into the jobs that use it; the export's jobs carry it already)",
            ".includescript.json", "script include (JOC inserts it into job scripts when it deploys)",
            ".report.json", "report",
            ".jobclass.json", "job class",
            ".descriptor.json", "deployment descriptor");

    private static final Set<String> DROPPED_JOB_FIELDS = Set.of("warnOnErrWritten", "warnIfLonger", "warnIfShorter", "criticality",
            "notification", "jobTemplate");

    private static final Set<String> SCRIPT_ENGINES = Set.of("JavaScript_Graal", "JavaScript_Node", "Python_Graal", "Shell_Graal");

    public static Conversion convert(String fileName, ObjectNode original) {
        List<String> notes = new ArrayList<>();
        for (Map.Entry<String, String> e : NOT_CONVERTIBLE.entrySet()) {
            if (fileName.endsWith(e.getKey())) {
                return new Conversion(Optional.empty(), List.of("not converted: a JOC " + e.getValue() + " has no engine counterpart"));
            }
        }
        ObjectNode json = original.deepCopy();
        removeQuietly(json, "version", "title", "documentationName");
        if (fileName.endsWith(".workflow.json") || "Workflow".equals(json.path("TYPE").asText())) {
            rename(json, "jobResourceNames", "jobResourcePaths", notes, "workflow");
            if (json.has("instructions")) {
                json.set("instructions", instructions((ArrayNode) json.get("instructions"), notes));
            }
            if (!convertJobs(json, notes)) {
                return new Conversion(Optional.empty(), notes);
            }
            if (notes.stream().anyMatch(n -> n.startsWith("not converted"))) {
                return new Conversion(Optional.empty(), notes);
            }
        } else if (fileName.endsWith(".jobresource.json")) {
            rename(json, "arguments", "variables", notes, "job resource");
        } else if (fileName.endsWith(".noticeboard.json") || fileName.endsWith(".board.json")) {
            String boardType = json.path("boardType").asText("GLOBAL");
            if (boardType.equals("PLANNABLE")) {
                return new Conversion(Optional.empty(), List.of("not converted: a plannable notice board (Jobwerk has global boards only)"));
            }
            json.remove("boardType");
            rename(json, "postOrderToNoticeId", "postOrderToNoticeKey", notes, "notice board");
            rename(json, "expectOrderToNoticeId", "expectOrderToNoticeKey", notes, "notice board");
        } else if (fileName.endsWith(".fileordersource.json")) {
            rename(json, "workflowName", "workflowPath", notes, "file order source");
            rename(json, "agentName", "agentPath", notes, "file order source");
            if (json.has("directory") && !json.has("directoryExpr")) {
                json.put("directoryExpr", quoted(json.remove("directory").asText()));
                notes.add("file order source: directory → directoryExpr (quoted)");
            }
            drop(json, notes, "file order source", "timeZone", "priority", "tags");
        } else if (fileName.endsWith(".lock.json")) {
            if (json.has("lockType")) {
                json.remove("lockType");
            }
        }
        if (!json.equals(original)) {
            notes.add(0, "converted from JOC's field names");
        }
        return new Conversion(Optional.of(json), notes);
    }

    private static ArrayNode instructions(ArrayNode list, List<String> notes) {
        ArrayNode result = EngineJson.MAPPER.createArrayNode();
        for (JsonNode node : list) {
            if (!(node instanceof ObjectNode i)) {
                result.add(node);
                continue;
            }
            String type = i.path("TYPE").asText();
            if (type.equals("Segment")) {
                notes.add("Segment '" + i.path("label").asText("") + "' flattened into its instructions");
                JsonNode block = i.path("block").path("instructions");
                if (block instanceof ArrayNode inner) {
                    instructions(inner, notes).forEach(result::add);
                }
                continue;
            }
            result.add(instruction(i, type, notes));
        }
        return result;
    }

    private static ObjectNode instruction(ObjectNode i, String type, List<String> notes) {
        String where = type + (i.hasNonNull("label") ? " '" + i.get("label").asText() + "'" : "");
        switch (type) {
            case "Lock" -> {
                if (i.has("lockName")) {
                    ObjectNode demand = EngineJson.MAPPER.createObjectNode().put("lockPath", i.remove("lockName").asText());
                    if (i.has("count") && !i.get("count").isNull()) {
                        demand.set("count", i.remove("count"));
                    }
                    i.putArray("demands").add(demand);
                    notes.add(where + ": lockName → demands");
                }
                i.path("demands").forEach(d -> {
                    if (d instanceof ObjectNode o && o.has("lockName")) {
                        o.set("lockPath", o.remove("lockName"));
                    }
                });
            }
            case "PostNotices", "ExpectNotices", "ConsumeNotices" -> rename(i, "noticeBoardNames", "boardPaths", notes, where);
            case "CaseWhen" -> {
                i.put("TYPE", "If");
                i.set("ifThens", i.remove("cases"));
                notes.add(where + " → If with " + i.get("ifThens").size() + " cases");
            }
            case "If" -> {
                if (i.has("predicate") && !i.has("ifThens")) {
                    ObjectNode ifThen = EngineJson.MAPPER.createObjectNode();
                    ifThen.set("predicate", i.remove("predicate"));
                    ifThen.set("then", i.remove("then"));
                    i.putArray("ifThens").add(ifThen);
                }
            }
            case "AddOrder" -> {
                rename(i, "workflowName", "workflowPath", notes, where);
                if (i.has("remainWhenTerminated")) {
                    i.put("deleteWhenTerminated", !i.remove("remainWhenTerminated").asBoolean());
                }
                rename(i, "forceJobAdmission", "forceAdmission", notes, where);
                rename(i, "endPositions", "stopPositions", notes, where);
                rename(i, "blockPosition", "innerBlock", notes, where);
                if (!i.has("orderId")) {
                    String name = i.has("orderName") ? i.remove("orderName").asText() : i.path("workflowPath").asText("order");
                    i.put("orderId", "'#' ++ now(format='yyyy-MM-dd') ++ '#I' ++ $js7EpochMilli ++ '-" + name.replace("'", "") + "'");
                    notes.add(where + ": orderId made from JOC's convention #DATE#I<millis>-" + name);
                }
                drop(i, notes, where, "tags");
            }
            case "StickySubagent" -> {
                rename(i, "agentName", "agentPath", notes, where);
                rename(i, "subagentClusterIdExpr", "subagentBundleIdExpr", notes, where);
                if (i.has("subagentClusterId")) {
                    i.put("subagentBundleIdExpr", quoted(i.remove("subagentClusterId").asText()));
                }
            }
            case "ForkList" -> {
                rename(i, "agentName", "agentPath", notes, where);
                if (i.has("subagentClusterId") || i.has("subagentIdVariable")) {
                    notes.add("not converted: " + where + " forks over a Subagent cluster (subagentClusterId), which Jobwerk's ForkList does not");
                }
            }
            case "Finish" -> {
                boolean failed = i.has("unsuccessful") && i.remove("unsuccessful").asBoolean();
                JsonNode message = i.remove("message");
                if (failed || message != null) {
                    ObjectNode outcome = i.putObject("outcome").put("TYPE", failed ? "Failed" : "Succeeded");
                    if (message != null && failed) {
                        outcome.set("message", message);
                    }
                }
            }
            default -> { }
        }
        for (String blockField : List.of("then", "else", "try", "catch", "workflow", "lockedWorkflow", "subworkflow", "cycleWorkflow", "block")) {
            JsonNode block = i.get(blockField);
            if (block instanceof ObjectNode b && b.get("instructions") instanceof ArrayNode inner) {
                b.set("instructions", instructions(inner, notes));
            }
        }
        for (String listField : List.of("ifThens", "branches")) {
            i.path(listField).forEach(entry -> {
                for (String blockField : List.of("then", "workflow")) {
                    if (entry.get(blockField) instanceof ObjectNode b && b.get("instructions") instanceof ArrayNode inner) {
                        b.set("instructions", instructions(inner, notes));
                    }
                }
            });
        }
        return i;
    }

    /** Converts the workflow's jobs; false when a job cannot be carried over. */
    private static boolean convertJobs(ObjectNode workflow, List<String> notes) {
        if (!(workflow.get("jobs") instanceof ObjectNode jobs)) {
            return true;
        }
        boolean ok = true;
        for (Iterator<Map.Entry<String, JsonNode>> it = jobs.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!(e.getValue() instanceof ObjectNode job)) {
                continue;
            }
            String where = "job " + e.getKey();
            removeQuietly(job, "title", "documentationName");
            rename(job, "agentName", "agentPath", notes, where);
            rename(job, "parallelism", "processLimit", notes, where);
            rename(job, "graceTimeout", "sigkillDelay", notes, where);
            rename(job, "jobResourceNames", "jobResourcePaths", notes, where);
            if (job.has("subagentClusterId")) {
                String cluster = job.remove("subagentClusterId").asText();
                boolean isExpr = job.has("withSubagentClusterIdExpr") && job.remove("withSubagentClusterIdExpr").asBoolean();
                job.put("subagentBundleIdExpr", isExpr ? cluster : quoted(cluster));
                notes.add(where + ": subagentClusterId → subagentBundleIdExpr");
            }
            if (job.has("jobTemplate")) {
                notes.add(where + ": its job template '" + job.path("jobTemplate").path("name").asText() + "' is not linked any more (the job is kept as exported)");
            }
            drop(job, notes, where, DROPPED_JOB_FIELDS.toArray(String[]::new));
            JsonNode executable = job.get("executable");
            if (executable instanceof ObjectNode x) {
                String type = x.path("TYPE").asText();
                if (SCRIPT_ENGINES.contains(type)) {
                    notes.add("not converted: " + where + " runs on JOC's script engine " + type);
                    ok = false;
                }
                if (x.path("script").asText("").lines().anyMatch(l -> l.matches("^\\s*(##|::|//)!include\\s.*"))) {
                    notes.add(where + ": its script names script includes (##!include), which are not expanded");
                }
                if (x.get("returnCodeMeaning") instanceof ObjectNode rc && rc.has("warning")) {
                    rc.remove("warning");
                    notes.add(where + ": warning return codes dropped (Jobwerk knows success and failure)");
                }
            }
        }
        return ok;
    }

    private static void rename(ObjectNode o, String from, String to, List<String> notes, String where) {
        if (o.has(from) && !o.has(to)) {
            o.set(to, o.remove(from));
        } else if (o.has(from)) {
            o.remove(from);
        }
    }

    private static void drop(ObjectNode o, List<String> notes, String where, String... fields) {
        for (String f : fields) {
            if (o.has(f) && !o.get(f).isNull()) {
                o.remove(f);
                notes.add(where + ": " + f + " dropped (no counterpart in Jobwerk)");
            }
        }
    }

    private static void removeQuietly(ObjectNode o, String... fields) {
        for (String f : fields) {
            o.remove(f);
        }
    }

    private static String quoted(String s) {
        return new TextNode("'" + s.replace("'", "\\'") + "'").asText();
    }
}
