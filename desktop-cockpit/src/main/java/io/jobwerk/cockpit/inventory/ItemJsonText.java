package io.jobwerk.cockpit.inventory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.json.EngineJson;
import io.jobwerk.engine.json.ItemFileJson;
import java.util.Optional;

/** Edits of an item file's text that keep it an item file. */
final class ItemJsonText {
    private ItemJsonText() {}

    /**
     * The text with the item's stated name ({@code path}, or {@code id} of Subagents and bundles) set to
     * {@code name}; empty when the text states no name (the file name is the name) or is not a JSON object.
     */
    static Optional<String> withName(String text, String name) {
        var parsed = EngineJson.parse(text);
        if (parsed.isFail() || !(parsed.orThrow() instanceof ObjectNode json)) {
            return Optional.empty();
        }
        String type = json.path("TYPE").asText("");
        String field = ItemFileJson.idField(type);
        if (!json.hasNonNull(field)) {
            return Optional.empty();
        }
        json.put(field, name);
        return Optional.of(pretty(json));
    }

    static String pretty(ObjectNode json) {
        return EngineJson.prettyPrint(json) + "\n";
    }
}
