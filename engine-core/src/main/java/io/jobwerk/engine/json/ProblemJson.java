package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link Problem} as JS7 writes it: {@code {"TYPE":"Problem","code":"…","arguments":{…},"message":"…"}}.
 * {@code code} is omitted for the generic code {@code Problem}, {@code arguments} when empty;
 * both are optional on input.
 */
public final class ProblemJson {
    private ProblemJson() {}

    public static Checked<Problem> decode(JsonNode json) {
        return JsonCursor.decode(json, ProblemJson::decode);
    }

    public static ObjectNode encode(Problem problem) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", "Problem");
        if (!problem.code().equals("Problem")) {
            o.put("code", problem.code());
        }
        if (!problem.arguments().isEmpty()) {
            ObjectNode args = o.putObject("arguments");
            new java.util.TreeMap<>(problem.arguments()).forEach(args::put);
        }
        o.put("message", problem.message());
        return o;
    }

    static Problem decode(JsonCursor c) {
        c.requireObject();
        c.optionalString("TYPE").ifPresent(type -> {
            if (!type.equals("Problem")) {
                throw c.child("TYPE").fail("expected 'Problem', found '" + type + "'");
            }
        });
        String message = c.requiredString("message");
        String code = c.optionalString("code").orElse("Problem");
        Map<String, String> args = c.optional("arguments").map(a -> a.map(JsonCursor::string)).orElse(new LinkedHashMap<>());
        return Problem.of(code, message, args);
    }
}
