package io.jobwerk.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemJson;
import io.jobwerk.engine.workflow.VersionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Items read from JSON files for one deployment. A file holds one item in the JS7 engine format. Its
 * {@code TYPE} may be left out when the file name says it ({@code NAME.workflow.json},
 * {@code NAME.lock.json}, {@code NAME.jobresource.json}, {@code NAME.fileordersource.json} or
 * {@code NAME.filewatch.json}, {@code NAME.noticeboard.json}, {@code NAME.calendar.json},
 * {@code NAME.agent.json}, {@code NAME.subagent.json}, {@code NAME.subagentbundle.json},
 * {@code NAME.schedule.json}; a calendar with JOC's {@code "type": "WORKINGDAYSCALENDAR"} or
 * {@code "NONWORKINGDAYSCALENDAR"} is that kind of calendar), and its
 * {@code path} (or {@code id}) too: it is then the file's {@code NAME}. Workflows get the deployment's
 * version id, whatever {@code versionId} the file names. Directories are read recursively
 * ({@code *.json}, sorted). Every problem names its file.
 */
final class ItemFiles {
    private ItemFiles() {}

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

    /** One item and the file it came from. */
    record Entry(Path file, String type, String name, ItemOperation.Deployable deployable) {}

    /** The items of one deployment under one fresh version id. */
    record Deployment(VersionId versionId, List<Entry> entries) {

        /** {@code AddVersion} and one {@code AddOrChangeSimple} per item. */
        List<ItemOperation> operations() {
            List<ItemOperation> list = new ArrayList<>();
            list.add(new ItemOperation.AddVersion(versionId));
            entries.forEach(e -> list.add(new ItemOperation.AddOrChangeSimple(e.deployable())));
            return list;
        }
    }

    /** A version id from the clock: {@code 20261122T170102.123Z}. */
    static VersionId freshVersionId(Instant now) {
        return new VersionId(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC).format(now));
    }

    static Checked<Deployment> read(List<Path> paths, VersionId versionId) {
        List<Path> files = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".json")).sorted().forEach(files::add);
                } catch (IOException e) {
                    return Checked.fail(Problem.of("FileProblem", p + ": cannot be read: " + e.getMessage()));
                }
            } else if (Files.isRegularFile(p)) {
                files.add(p);
            } else {
                return Checked.fail(Problem.of("FileProblem", p + ": no such file or directory"));
            }
        }
        if (files.isEmpty()) {
            return Checked.fail(Problem.of("FileProblem", "No *.json item files in " + paths));
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, Path> keys = new HashMap<>();
        for (Path file : files) {
            Checked<Entry> entry = readFile(file, versionId);
            if (entry.isFail()) {
                return Checked.fail(entry.problemOption().orElseThrow());
            }
            Entry e = entry.orThrow();
            Path earlier = keys.put(e.type() + ":" + e.name(), file);
            if (earlier != null) {
                return Checked.fail(Problem.of("DuplicateItem", file + ": " + e.type() + " '" + e.name() + "' is also in " + earlier));
            }
            entries.add(e);
        }
        return Checked.ok(new Deployment(versionId, List.copyOf(entries)));
    }

    static Checked<Entry> readFile(Path file, VersionId versionId) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return Checked.fail(Problem.of("FileProblem", file + ": cannot be read: " + e.getMessage()));
        }
        Checked<JsonNode> parsed = EngineJson.parse(text);
        if (parsed.isFail()) {
            return Checked.fail(parsed.problemOption().orElseThrow().withPrefix(file.toString()));
        }
        if (!parsed.orThrow().isObject()) {
            return Checked.fail(Problem.of("FileProblem", file + ": expected a JSON object with one item"));
        }
        ObjectNode json = ((ObjectNode) parsed.orThrow()).deepCopy();
        String fileName = file.getFileName().toString();
        String suffix = SUFFIX_TO_TYPE.keySet().stream().filter(fileName::endsWith).findFirst().orElse(null);
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
            if (suffix == null) {
                return Checked.fail(Problem.of("FileProblem", file + ": the item has no TYPE and the file name does not say it"
                        + " (e.g. NAME.workflow.json, NAME.lock.json)"));
            }
            json.put("TYPE", SUFFIX_TO_TYPE.get(suffix));
        }
        String type = json.get("TYPE").asText();
        String idField = type.equals("SubagentItem") || type.equals("SubagentBundle") ? "id" : "path";
        if (!json.hasNonNull(idField)) {
            String base = suffix != null ? fileName.substring(0, fileName.length() - suffix.length())
                    : fileName.substring(0, fileName.length() - ".json".length());
            json.put(idField, base);
        }
        if (type.equals("Workflow")) {
            json.put("versionId", versionId.string());
        }
        Checked<ItemOperation.Deployable> deployable = ItemJson.decodeDeployable(json);
        if (deployable.isFail()) {
            return Checked.fail(deployable.problemOption().orElseThrow().withPrefix(file.toString()));
        }
        return Checked.ok(new Entry(file, type, json.get(idField).asText(), deployable.orThrow()));
    }
}
