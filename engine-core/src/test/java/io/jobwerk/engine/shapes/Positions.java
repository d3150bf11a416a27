package io.jobwerk.engine.shapes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jobwerk.engine.json.EngineJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds a labelled instruction's position in a workflow given as JS7 JSON (e.g. {@code [1,"try+0",0]}). */
public final class Positions {
    private Positions() {}

    public static Optional<ArrayNode> ofLabel(JsonNode workflow, String label) {
        return find(workflow.get("instructions"), label, new ArrayList<>());
    }

    private static Optional<ArrayNode> find(JsonNode instructions, String label, List<Object> prefix) {
        for (int i = 0; i < instructions.size(); i++) {
            JsonNode instr = instructions.get(i);
            List<Object> here = new ArrayList<>(prefix);
            here.add(i);
            if (label.equals(instr.path("label").textValue())) {
                return Optional.of(toJson(here));
            }
            for (var branch : branches(instr)) {
                List<Object> inner = new ArrayList<>(here);
                inner.add(branch.id());
                Optional<ArrayNode> found = find(branch.block().get("instructions"), label, inner);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    private record Branch(String id, JsonNode block) {}

    private static List<Branch> branches(JsonNode instr) {
        List<Branch> list = new ArrayList<>();
        switch (instr.path("TYPE").asText()) {
            case "If" -> {
                JsonNode ifThens = instr.get("ifThens");
                for (int k = 0; k < ifThens.size(); k++) {
                    list.add(new Branch(k == 0 ? "then" : "then+" + (k + 1), ifThens.get(k).get("then")));
                }
                if (instr.has("else")) {
                    list.add(new Branch("else", instr.get("else")));
                }
            }
            case "Try" -> {
                list.add(new Branch("try+0", instr.get("try")));
                list.add(new Branch("catch+0", instr.get("catch")));
            }
            case "Fork" -> instr.get("branches").forEach(b -> list.add(new Branch("fork+" + b.get("id").textValue(), b.get("workflow"))));
            case "ForkList" -> list.add(new Branch("fork", instr.get("workflow")));
            case "Lock" -> list.add(new Branch("lock", instr.get("lockedWorkflow")));
            case "ConsumeNotices" -> list.add(new Branch("consumeNotices", instr.get("subworkflow")));
            case "StickySubagent" -> list.add(new Branch("stickySubagent", instr.get("subworkflow")));
            case "Options" -> list.add(new Branch("options", instr.get("block")));
            case "Cycle" -> list.add(new Branch("cycle", instr.get("cycleWorkflow")));
            default -> { }
        }
        return list;
    }

    private static ArrayNode toJson(List<Object> segments) {
        ArrayNode a = EngineJson.MAPPER.createArrayNode();
        for (Object s : segments) {
            if (s instanceof Integer i) {
                a.add(i);
            } else {
                a.add((String) s);
            }
        }
        return a;
    }
}
