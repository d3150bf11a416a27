package io.jobwerk.engine.json;

import java.nio.charset.StandardCharsets;
import io.jobwerk.engine.item.Item;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the leading {@code {"TYPE":"…"} of a snapshot object's JSON says, as far as it says anything:
 * lets a checkpoint's items and workflows be decoded before the rest without parsing every object twice.
 */
enum SnapshotObjectKind {
    ITEM, OTHER, UNKNOWN;

    private static final byte[] PREFIX = "{\"TYPE\":\"".getBytes(StandardCharsets.US_ASCII);

    static SnapshotObjectKind of(byte[] json) {
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

    static boolean isItemOrWorkflow(String type) {
        return type.equals("Workflow") || isItemType(type);
    }

    /** Whether {@code type} is the TYPE of a simple item. */
    static boolean isItemType(String type) {
        return ItemTypes.TYPES.contains(type);
    }

    /** Apart, so the set is built on first use, not with the enum. */
    private static final class ItemTypes {
        static final Set<String> TYPES = Arrays.stream(Item.Kind.values()).map(ItemJson::typeName).collect(Collectors.toUnmodifiableSet());
    }
}
