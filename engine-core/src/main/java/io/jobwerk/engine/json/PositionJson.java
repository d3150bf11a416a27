package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.workflow.BranchId;
import io.jobwerk.engine.workflow.Label;
import io.jobwerk.engine.workflow.Position;
import io.jobwerk.engine.workflow.PositionOrLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * Positions as JS7 writes them: {@code [1,"then",0]} (instruction numbers alternating with branch
 * ids, odd length); a branch path ({@code AddOrder.innerBlock}) is the even-length form
 * {@code [1,"then"]}; a {@link PositionOrLabel} is a position array or a label string.
 */
public final class PositionJson {
    private PositionJson() {}

    public static Checked<Position> decode(JsonNode json) {
        return JsonCursor.decode(json, PositionJson::position);
    }

    public static ArrayNode encode(Position position) {
        ArrayNode a = branchPathToJson(position.branchPath());
        a.add(position.nr());
        return a;
    }

    public static Checked<List<Position.Segment>> decodeBranchPath(JsonNode json) {
        return JsonCursor.decode(json, PositionJson::branchPath);
    }

    public static ArrayNode encodeBranchPath(List<Position.Segment> branchPath) {
        return branchPathToJson(branchPath);
    }

    public static Checked<PositionOrLabel> decodePositionOrLabel(JsonNode json) {
        return JsonCursor.decode(json, PositionJson::positionOrLabel);
    }

    public static JsonNode encode(PositionOrLabel positionOrLabel) {
        if (positionOrLabel instanceof PositionOrLabel.AtLabel atLabel) {
            return TextNode.valueOf(atLabel.label().string());
        }
        return encode(((PositionOrLabel.AtPosition) positionOrLabel).position());
    }

    static Position position(JsonCursor c) {
        List<JsonCursor> elements = c.elements();
        if (elements.size() % 2 == 0) {
            throw c.fail("a position needs an odd number of elements (instruction numbers and branch ids), found "
                    + elements.size());
        }
        List<Position.Segment> path = segments(elements.subList(0, elements.size() - 1));
        int nr = instructionNr(elements.get(elements.size() - 1));
        return new Position(path, nr);
    }

    static List<Position.Segment> branchPath(JsonCursor c) {
        List<JsonCursor> elements = c.elements();
        if (elements.size() % 2 != 0) {
            throw c.fail("a branch path needs an even number of elements (instruction numbers and branch ids), found "
                    + elements.size());
        }
        return segments(elements);
    }

    private static List<Position.Segment> segments(List<JsonCursor> elements) {
        List<Position.Segment> path = new ArrayList<>();
        for (int i = 0; i + 1 < elements.size(); i += 2) {
            int nr = instructionNr(elements.get(i));
            JsonCursor b = elements.get(i + 1);
            String branch = b.string();
            BranchId branchId = b.construct(() -> new BranchId(branch));
            path.add(new Position.Segment(nr, branchId));
        }
        return path;
    }

    private static int instructionNr(JsonCursor c) {
        int nr = c.intValue();
        if (nr < 0) {
            throw c.fail("an instruction number must not be negative, found " + nr);
        }
        return nr;
    }

    static PositionOrLabel positionOrLabel(JsonCursor c) {
        if (c.node().isTextual()) {
            return new PositionOrLabel.AtLabel(c.check(Label.checked(c.string())));
        }
        if (!c.node().isArray()) {
            throw c.fail("expected a position array or a label string, found " + JsonCursor.typeName(c.node()));
        }
        return new PositionOrLabel.AtPosition(position(c));
    }

    private static ArrayNode branchPathToJson(List<Position.Segment> branchPath) {
        ArrayNode a = EngineJson.array();
        for (Position.Segment s : branchPath) {
            a.add(s.nr());
            a.add(s.branchId().string());
        }
        return a;
    }
}
