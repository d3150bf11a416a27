package io.jobwerk.cockpit.designer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.cockpit.designer.PropertyFields.Type;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.json.EngineJson;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** A property field's text and its JSON value, both ways, and where the value goes in the owner's JSON. */
final class FieldValues {
    private FieldValues() {}

    static String text(Type type, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        return switch (type) {
            case LIST, NUMBER_LIST -> {
                StringBuilder sb = new StringBuilder();
                node.forEach(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n.asText()));
                yield sb.toString();
            }
            case MAP -> {
                StringBuilder sb = new StringBuilder();
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    sb.append(e.getKey()).append(" = ").append(e.getValue().asText()).append('\n');
                }
                yield sb.toString().strip();
            }
            case JSON -> node.toPrettyString();
            default -> node.asText();
        };
    }

    /** The JSON value of a field's text; empty text removes the field (a missing node). */
    static Checked<JsonNode> value(Type type, String text) {
        String t = type == Type.SCRIPT ? text : text.strip();
        if (t.isEmpty() && type != Type.SCRIPT) {
            return Checked.ok(com.fasterxml.jackson.databind.node.MissingNode.getInstance());
        }
        switch (type) {
            case NUMBER -> {
                try {
                    return Checked.ok(EngineJson.MAPPER.getNodeFactory().numberNode(new BigDecimal(t)));
                } catch (NumberFormatException e) {
                    return Checked.fail(Problem.of("NotANumber", "'" + t + "' is not a number"));
                }
            }
            case BOOLEAN -> {
                return Checked.ok(com.fasterxml.jackson.databind.node.BooleanNode.valueOf(Boolean.parseBoolean(t)));
            }
            case LIST, NUMBER_LIST -> {
                ArrayNode a = EngineJson.MAPPER.createArrayNode();
                for (String part : t.split(",")) {
                    if (type == Type.LIST) {
                        a.add(part.strip());
                    } else {
                        try {
                            a.add(EngineJson.MAPPER.getNodeFactory().numberNode(new BigDecimal(part.strip())));
                        } catch (NumberFormatException e) {
                            return Checked.fail(Problem.of("NotANumber", "'" + part.strip() + "' is not a number"));
                        }
                    }
                }
                return Checked.ok(a);
            }
            case MAP -> {
                ObjectNode o = EngineJson.MAPPER.createObjectNode();
                for (String line : List.of(t.split("\n"))) {
                    if (line.isBlank()) {
                        continue;
                    }
                    int eq = line.indexOf('=');
                    if (eq <= 0) {
                        return Checked.fail(Problem.of("NotAnAssignment", "'" + line.strip() + "': write NAME = EXPRESSION"));
                    }
                    o.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
                return Checked.ok(o);
            }
            case JSON -> {
                return EngineJson.parse(t);
            }
            default -> {
                return Checked.ok(com.fasterxml.jackson.databind.node.TextNode.valueOf(t));
            }
        }
    }

    /** Sets (or, for a missing node, removes) the value at a JSON pointer, creating objects on the way. */
    static void set(ObjectNode json, String pointer, JsonNode value) {
        String[] parts = pointer.substring(1).split("/");
        JsonNode parent = json;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = parent.isArray() ? parent.get(Integer.parseInt(parts[i])) : parent.get(parts[i]);
            if (next == null || next.isNull()) {
                next = ((ObjectNode) parent).putObject(parts[i]);
            }
            parent = next;
        }
        String last = parts[parts.length - 1];
        if (parent instanceof ObjectNode o) {
            if (value.isMissingNode()) {
                o.remove(last);
            } else {
                o.set(last, value);
            }
        }
    }
}
