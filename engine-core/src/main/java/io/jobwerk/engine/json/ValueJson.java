package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Value} ↔ JSON: string, number ({@code BigDecimal}), boolean, list (array), object and
 * {@code null}. {@code Missing} and {@code Function} values have no JSON form.
 */
public final class ValueJson {
    private ValueJson() {}

    /** Any JSON value as a {@link Value}; never fails for a parsed tree except for binary/POJO nodes. */
    public static Checked<Value> decode(JsonNode json) {
        return JsonCursor.decode(json, ValueJson::decode);
    }

    /** A JSON object as named values ({@code namedValues}, {@code arguments}), in document order. */
    public static Checked<Map<String, Value>> decodeNamedValues(JsonNode json) {
        return JsonCursor.decode(json, ValueJson::namedValues);
    }

    /** The JSON form of a value; a problem for {@code Missing} and {@code Function} values. */
    public static Checked<JsonNode> encode(Value value) {
        try {
            return Checked.ok(encodeOrThrow(value));
        } catch (IllegalArgumentException e) {
            return Checked.fail(Problem.of("JsonEncode", e.getMessage()));
        }
    }

    /** Named values as a JSON object; a problem if one of them has no JSON form. */
    public static Checked<ObjectNode> encodeNamedValues(Map<String, Value> values) {
        try {
            return Checked.ok(namedValuesToJson(values));
        } catch (IllegalArgumentException e) {
            return Checked.fail(Problem.of("JsonEncode", e.getMessage()));
        }
    }

    static Value decode(JsonCursor c) {
        JsonNode n = c.node();
        switch (n.getNodeType()) {
            case STRING:
                return Value.of(n.textValue());
            case NUMBER:
                return Value.of(c.decimal());
            case BOOLEAN:
                return Value.of(n.booleanValue());
            case NULL:
                return Value.NULL;
            case ARRAY: {
                List<Value> list = new ArrayList<>();
                for (JsonCursor e : c.elements()) {
                    list.add(decode(e));
                }
                return new Value.ListValue(list);
            }
            case OBJECT:
                return new Value.ObjectValue(namedValues(c));
            case MISSING:
            case BINARY:
            case POJO:
            default:
                throw c.fail("expected a JSON value, found " + JsonCursor.typeName(n));
        }
    }

    static Map<String, Value> namedValues(JsonCursor c) {
        Map<String, Value> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonCursor> e : c.fields()) {
            map.put(e.getKey(), decode(e.getValue()));
        }
        return map;
    }

    /** @throws IllegalArgumentException for Missing and Function values */
    static JsonNode encodeOrThrow(Value value) {
        return switch (value.kind()) {
            case STRING -> TextNode.valueOf(((Value.StringValue) value).string());
            case NUMBER -> EngineJson.number(((Value.NumberValue) value).number());
            case BOOLEAN -> BooleanNode.valueOf(((Value.BooleanValue) value).bool());
            case LIST -> {
                ArrayNode array = EngineJson.array();
                for (Value v : ((Value.ListValue) value).elements()) {
                    array.add(encodeOrThrow(v));
                }
                yield array;
            }
            case OBJECT -> namedValuesToJson(((Value.ObjectValue) value).fields());
            case NULL -> NullNode.getInstance();
            case MISSING, FUNCTION -> throw new IllegalArgumentException(
                    "A " + value.typeName() + " value cannot be written as JSON");
        };
    }

    static ObjectNode namedValuesToJson(Map<String, Value> values) {
        ObjectNode o = EngineJson.object();
        values.forEach((k, v) -> o.set(k, encodeOrThrow(v)));
        return o;
    }
}
