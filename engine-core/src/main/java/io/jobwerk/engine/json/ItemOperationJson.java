package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.item.ItemOperation;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ItemOperation}s, the lines of a deployment stream ({@code POST /controller/api/item},
 * {@code application/x-ndjson}), as JS7 writes them:
 * <pre>
 * {"TYPE":"AddVersion","versionId":"1"}
 * {"TYPE":"AddOrChangeSigned","signedString":{"string":"{\"TYPE\":\"Workflow\",…}","signature":{"TYPE":"PGP","signatureString":"…"}}}
 * {"TYPE":"AddOrChangeSimple","item":{"TYPE":"Lock","path":"LOCK","limit":1}}
 * {"TYPE":"DeleteSimple","path":"Lock:LOCK"}
 * {"TYPE":"RemoveVersioned","path":"Workflow:WORKFLOW"}
 * </pre>
 * Jobwerk extension: {@code AddOrChangeSimple} may carry a {@code "TYPE":"Workflow"} item (unsigned
 * deployment); a workflow without {@code versionId} there gets the version of the preceding
 * {@code AddVersion} line of the same stream. The signed string is kept verbatim and not decoded here.
 */
public final class ItemOperationJson {
    private ItemOperationJson() {}

    /** Problem code of a bad NDJSON stream; the problem's arguments name the {@code line} (1-based). */
    public static final String DECODE_PROBLEM = EngineJson.DECODE_PROBLEM;

    public static Checked<ItemOperation> decode(JsonNode json) {
        return JsonCursor.decode(json, c -> operation(c, Optional.empty()));
    }

    /**
     * Decodes an NDJSON body, one operation per non-blank line. The first bad line fails the whole
     * body with a problem {@code Line 2: JSON path $.item.path: …} (syntax errors:
     * {@code Line 2: JSON syntax error at …}, code {@code JsonSyntax}) and argument {@code line}.
     */
    public static Checked<List<ItemOperation>> decodeNdjson(String body) {
        List<ItemOperation> operations = new ArrayList<>();
        Optional<VersionId> version = Optional.empty();
        String[] lines = body.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            int lineNr = i + 1;
            Checked<JsonNode> parsed = EngineJson.parse(line);
            if (parsed.isFail()) {
                return Checked.fail(atLine(lineNr, parsed.problemOption().orElseThrow()));
            }
            Optional<VersionId> currentVersion = version;
            Checked<ItemOperation> op = JsonCursor.decode(parsed.orThrow(), c -> operation(c, currentVersion));
            if (op.isFail()) {
                return Checked.fail(atLine(lineNr, op.problemOption().orElseThrow()));
            }
            ItemOperation operation = op.orThrow();
            if (operation instanceof ItemOperation.AddVersion v) {
                version = Optional.of(v.versionId());
            }
            operations.add(operation);
        }
        return Checked.ok(operations);
    }

    /** Operations as NDJSON, one compact line each, each line ending with a newline. */
    public static String encodeNdjson(List<ItemOperation> operations) {
        StringBuilder sb = new StringBuilder();
        for (ItemOperation op : operations) {
            sb.append(EngineJson.print(encode(op))).append('\n');
        }
        return sb.toString();
    }

    private static Problem atLine(int lineNr, Problem problem) {
        Map<String, String> args = new LinkedHashMap<>(problem.arguments());
        args.put("line", Integer.toString(lineNr));
        return Problem.of(problem.code(), "Line " + lineNr + ": " + problem.message(), args);
    }

    public static ObjectNode encode(ItemOperation operation) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", operation.typeName());
        switch (operation.kind()) {
            case ADD_VERSION -> o.put("versionId", ((ItemOperation.AddVersion) operation).versionId().string());
            case ADD_OR_CHANGE_SIGNED -> o.set("signedString", ItemJson.encode(((ItemOperation.AddOrChangeSigned) operation).signedString()));
            case ADD_OR_CHANGE_SIMPLE -> o.set("item", ItemJson.encode(((ItemOperation.AddOrChangeSimple) operation).deployable()));
            case DELETE_SIMPLE -> o.put("path", ((ItemOperation.DeleteSimple) operation).key());
            case REMOVE_VERSIONED -> o.put("path", "Workflow:" + ((ItemOperation.RemoveVersioned) operation).path().string());
        }
        return o;
    }

    static ItemOperation operation(JsonCursor c, Optional<VersionId> version) {
        String type = c.type();
        return switch (type) {
            case "AddVersion" -> new ItemOperation.AddVersion(c.required("versionId").as(VersionId::checked));
            case "AddOrChangeSigned" -> new ItemOperation.AddOrChangeSigned(ItemJson.signedString(c.required("signedString")));
            case "AddOrChangeSimple" -> new ItemOperation.AddOrChangeSimple(ItemJson.deployable(c.required("item"), version));
            case "DeleteSimple" -> {
                JsonCursor p = c.required("path");
                String key = p.string();
                yield p.construct(() -> new ItemOperation.DeleteSimple(key));
            }
            case "RemoveVersioned" -> new ItemOperation.RemoveVersioned(workflowPathKey(c.required("path")));
            default -> throw c.child("TYPE").fail("unknown item operation TYPE '" + type + "'");
        };
    }

    /** {@code Workflow:PATH}, as JS7 writes a versioned item's path. */
    static WorkflowPath workflowPathKey(JsonCursor c) {
        String s = c.string();
        if (!s.startsWith("Workflow:")) {
            throw c.fail("expected 'Workflow:PATH', found '" + s + "'");
        }
        return c.check(WorkflowPath.checked(s.substring("Workflow:".length())));
    }
}
