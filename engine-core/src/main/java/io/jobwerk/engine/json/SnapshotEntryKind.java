package io.jobwerk.engine.json;

import io.jobwerk.engine.item.Item;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What the leading {@code {"TYPE":"…"} of a snapshot object's JSON says, as far as it says anything:
 * {@link EngineStateJson#fromSnapshotEntries} reads items and workflows first, so it sorts the
 * entries without parsing them.
 */
enum SnapshotEntryKind {
    /** An item or a workflow: the first pass. */
    ITEM,
    /** Anything else: the second pass. */
    OTHER,
    /** No leading TYPE the bytes tell: both passes, the parser decides. */
    UNKNOWN;

    private static final byte[] PREFIX = "{\"TYPE\":\"".getBytes(StandardCharsets.US_ASCII);

    static SnapshotEntryKind of(byte[] json) {
        if (json.length <= PREFIX.length || !Arrays.equals(json, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
            return UNKNOWN;
        }
        for (int end = PREFIX.length; end < json.length; end++) {
            if (json[end] == '"') {
                String type = new String(json, PREFIX.length, end - PREFIX.length, StandardCharsets.US_ASCII);
                return isItemOrWorkflow(type) ? ITEM : OTHER;
            }
            if (json[end] == '\\' || json[end] < 0x20 || json[end] > 0x7e) {
                return UNKNOWN; // escaped or not ASCII: the parser decides
            }
        }
        return UNKNOWN;
    }

    boolean inFirstPass() {
        return this == ITEM || this == UNKNOWN;
    }

    boolean inSecondPass() {
        return this != ITEM;
    }

    static boolean isItemOrWorkflow(String type) {
        return type.equals("Workflow") || isItem(type);
    }

    /** A simple item's TYPE ({@code AgentRef}, {@code Lock} …), not a workflow's. */
    static boolean isItem(String type) {
        return ItemTypes.TYPES.contains(type);
    }

    /** Initialised on first use, not with the enum. */
    private static final class ItemTypes {
        private static final Set<String> TYPES;

        static {
            Set<String> set = new HashSet<>();
            for (Item.Kind k : Item.Kind.values()) {
                set.add(ItemJson.typeName(k));
            }
            TYPES = Set.copyOf(set);
        }
    }
}
