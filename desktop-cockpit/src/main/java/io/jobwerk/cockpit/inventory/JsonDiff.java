package io.jobwerk.cockpit.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import io.jobwerk.engine.json.EngineJson;
import java.util.ArrayList;
import java.util.List;

/**
 * A line diff of two JSON values, each pretty-printed by the engine's printer (so the same item gives
 * the same lines, however its file was laid out), computed with Myers' algorithm (java-diff-utils):
 * every line of the new text, and each removed line where it was, marked.
 */
public final class JsonDiff {
    private JsonDiff() {}

    public enum Kind { SAME, ADDED, REMOVED }

    public record Line(Kind kind, String text) {
        /** {@code "  "}, {@code "+ "} or {@code "- "} before the text, as a unified diff marks it. */
        public String marked() {
            return switch (kind) {
                case SAME -> "  ";
                case ADDED -> "+ ";
                case REMOVED -> "- ";
            } + text;
        }
    }

    /** {@code before} empty (null): every line is added. */
    public static List<Line> of(JsonNode before, JsonNode after) {
        List<String> a = before == null ? List.of() : lines(before);
        List<String> b = lines(after);
        List<Line> result = new ArrayList<>();
        int i = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
            int sourceAt = delta.getSource().getPosition();
            while (i < sourceAt) {
                result.add(new Line(Kind.SAME, a.get(i++)));
            }
            delta.getSource().getLines().forEach(l -> result.add(new Line(Kind.REMOVED, l)));
            delta.getTarget().getLines().forEach(l -> result.add(new Line(Kind.ADDED, l)));
            i += delta.getSource().size();
        }
        while (i < a.size()) {
            result.add(new Line(Kind.SAME, a.get(i++)));
        }
        return result;
    }

    /** Whether there is any change. */
    public static boolean changed(List<Line> diff) {
        return diff.stream().anyMatch(l -> l.kind() != Kind.SAME);
    }

    private static List<String> lines(JsonNode json) {
        return List.of(EngineJson.prettyPrint(json).split("\n"));
    }
}
