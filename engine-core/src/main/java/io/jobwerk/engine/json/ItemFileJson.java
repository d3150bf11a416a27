package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.workflow.VersionId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One item in a file of its own, as {@code jobwerk deploy DIR} and the Cockpit's inventory keep them:
 * the JS7 engine format, where {@code TYPE} may be left out when the file name says it
 * ({@code NAME.workflow.json}, {@code NAME.lock.json}, {@code NAME.jobresource.json},
 * {@code NAME.fileordersource.json} or {@code NAME.filewatch.json}, {@code NAME.noticeboard.json} or
 * {@code NAME.board.json}, {@code NAME.calendar.json}, {@code NAME.schedule.json}, {@code NAME.agent.json},
 * {@code NAME.subagent.json}, {@code NAME.subagentbundle.json}; a calendar with JOC's
 * {@code "type": "WORKINGDAYSCALENDAR"} or {@code "NONWORKINGDAYSCALENDAR"} is that kind), and so may its
 * {@code path} (or {@code id}): it is then the file's {@code NAME}. A workflow gets the version id given,
 * whatever its file says. Pure: the caller reads the file and names it in problems.
 */
public final class ItemFileJson {
    private ItemFileJson() {}

    private static final Map<String, String> SUFFIX_TO_TYPE = new LinkedHashMap<>();

    static {
        SUFFIX_TO_TYPE.put(".workflow.json", "Workflow");
        SUFFIX_TO_TYPE.put(".lock.json", "Lock");
        SUFFIX_TO_TYPE.put(".jobresource.json", "JobResource");
        SUFFIX_TO_TYPE.put(".fileordersource.json", "FileWatch");
        SUFFIX_TO_TYPE.put(".filewatch.json", "FileWatch");
        SUFFIX_TO_TYPE.put(".noticeboard.json", "GlobalBoard");
        SUFFIX_TO_TYPE.put(".board.json", "GlobalBoard");
        SUFFIX_TO_TYPE.put(".calendar.json", "Calendar");
        SUFFIX_TO_TYPE.put(".schedule.json", "Schedule");
        SUFFIX_TO_TYPE.put(".subagentbundle.json", "SubagentBundle");
        SUFFIX_TO_TYPE.put(".subagent.json", "SubagentItem");
        SUFFIX_TO_TYPE.put(".agent.json", "AgentRef");
    }

    /** An item file decoded: its {@code TYPE}, its name (path or id), the item and its JSON with TYPE and name filled in. */
    public record Decoded(String type, String name, ItemOperation.Deployable deployable, ObjectNode json) {

        /** {@code Workflow:NAME}, {@code Lock:NAME} …: the type with the name, unique in a deployment. */
        public String typedName() {
            return type + ":" + name;
        }
    }

    /** Suffix → TYPE, in the order they are tried. */
    public static Map<String, String> suffixToType() {
        return Collections.unmodifiableMap(SUFFIX_TO_TYPE);
    }

    /** The suffix a new file of this {@code TYPE} gets, e.g. {@code .workflow.json} (the first that names it). */
    public static Optional<String> suffixOf(String type) {
        String t = type.equals("WorkingDaysCalendar") || type.equals("NonWorkingDaysCalendar") ? "Calendar" : type;
        return SUFFIX_TO_TYPE.entrySet().stream().filter(e -> e.getValue().equals(t)).map(Map.Entry::getKey).findFirst();
    }

    /** The known suffix the file name ends with, if any. */
    public static Optional<String> suffix(String fileName) {
        return SUFFIX_TO_TYPE.keySet().stream().filter(fileName::endsWith).findFirst();
    }

    /** The file name without its item suffix ({@code .workflow.json}) or {@code .json}. */
    public static String baseName(String fileName) {
        String suffix = suffix(fileName).orElse(fileName.endsWith(".json") ? ".json" : "");
        return fileName.substring(0, fileName.length() - suffix.length());
    }

    /** Decodes the text of the file named {@code fileName}; a problem says where in the JSON, not which file. */
    public static Checked<Decoded> decode(String fileName, String text, VersionId versionId) {
        Checked<JsonNode> parsed = EngineJson.parse(text);
        if (parsed.isFail()) {
            return Checked.fail(parsed.problemOption().orElseThrow());
        }
        if (!parsed.orThrow().isObject()) {
            return Checked.fail(Problem.of("FileProblem", "expected a JSON object with one item"));
        }
        return decode(fileName, (ObjectNode) parsed.orThrow(), versionId);
    }

    /** As {@link #decode(String, String, VersionId)}, on parsed JSON (not changed). */
    public static Checked<Decoded> decode(String fileName, ObjectNode original, VersionId versionId) {
        ObjectNode json = original.deepCopy();
        Optional<String> suffix = suffix(fileName);
        if (!json.hasNonNull("TYPE") && json.hasNonNull("type")) {
            // JOC's inventory export names its calendars' kind in "type"
            String jocType = json.get("type").asText();
            if (jocType.equals("WORKINGDAYSCALENDAR")) {
                json.put("TYPE", "WorkingDaysCalendar");
            } else if (jocType.equals("NONWORKINGDAYSCALENDAR")) {
                json.put("TYPE", "NonWorkingDaysCalendar");
            }
        }
        if (!json.hasNonNull("TYPE")) {
            if (suffix.isEmpty()) {
                return Checked.fail(Problem.of("FileProblem", "the item has no TYPE and the file name does not say it"
                        + " (e.g. NAME.workflow.json, NAME.lock.json)"));
            }
            json.put("TYPE", SUFFIX_TO_TYPE.get(suffix.get()));
        }
        String type = json.get("TYPE").asText();
        String idField = idField(type);
        if (!json.hasNonNull(idField)) {
            json.put(idField, baseName(fileName));
        }
        if (type.equals("Workflow")) {
            json.put("versionId", versionId.string());
        }
        Checked<ItemOperation.Deployable> deployable = ItemJson.decodeDeployable(json);
        if (deployable.isFail()) {
            return Checked.fail(deployable.problemOption().orElseThrow());
        }
        return Checked.ok(new Decoded(type, json.get(idField).asText(), deployable.orThrow(), json));
    }

    /** {@code id} for Subagents and bundles, {@code path} for every other item. */
    public static String idField(String type) {
        return type.equals("SubagentItem") || type.equals("SubagentBundle") ? "id" : "path";
    }
}
