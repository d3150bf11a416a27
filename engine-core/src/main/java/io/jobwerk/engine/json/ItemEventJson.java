package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.item.ItemEvent;
import io.jobwerk.engine.item.SignedString;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ItemEvent}s (keyless) in the JS7 engine format:
 * {@code VersionAdded{versionId}}, {@code VersionedItemAdded/Changed{signed:{string, signature}}},
 * {@code VersionedItemRemoved{path:"Workflow:PATH"}}, {@code UnsignedSimpleItemAdded/Changed{item}},
 * {@code ItemDeleted{key}}.
 *
 * <p>A versioned item's {@code signed.string} is the workflow's JSON text as signed; it is decoded
 * into the event's workflow and, when signed, kept verbatim so the event is written back byte for
 * byte. A workflow deployed without a signature is written in the same shape with its compact
 * JSON as {@code string} and {@code "signature":{"TYPE":"Unsigned"}} (a Jobwerk extension); such a
 * signature decodes to an unsigned event, whose string is written canonically again.
 */
public final class ItemEventJson {
    private ItemEventJson() {}

    private static final Map<String, ItemEvent.Kind> TYPE_TO_KIND = new HashMap<>();

    static {
        TYPE_TO_KIND.put("VersionAdded", ItemEvent.Kind.VERSION_ADDED);
        TYPE_TO_KIND.put("VersionedItemAdded", ItemEvent.Kind.VERSIONED_ITEM_ADDED);
        TYPE_TO_KIND.put("VersionedItemChanged", ItemEvent.Kind.VERSIONED_ITEM_CHANGED);
        TYPE_TO_KIND.put("VersionedItemRemoved", ItemEvent.Kind.VERSIONED_ITEM_REMOVED);
        TYPE_TO_KIND.put("UnsignedSimpleItemAdded", ItemEvent.Kind.UNSIGNED_SIMPLE_ITEM_ADDED);
        TYPE_TO_KIND.put("UnsignedSimpleItemChanged", ItemEvent.Kind.UNSIGNED_SIMPLE_ITEM_CHANGED);
        TYPE_TO_KIND.put("ItemDeleted", ItemEvent.Kind.ITEM_DELETED);
    }

    static boolean isType(String type) {
        return TYPE_TO_KIND.containsKey(type);
    }

    public static Checked<ItemEvent> decode(JsonNode json) {
        return JsonCursor.decode(json, ItemEventJson::event);
    }

    public static ObjectNode encode(ItemEvent event) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", event.typeName());
        switch (event.kind()) {
            case VERSION_ADDED -> o.put("versionId", ((ItemEvent.VersionAdded) event).versionId().string());
            case VERSIONED_ITEM_ADDED -> {
                ItemEvent.VersionedItemAdded e = (ItemEvent.VersionedItemAdded) event;
                o.set("signed", ItemJson.encode(signedOrUnsigned(e.workflow(), e.signed())));
            }
            case VERSIONED_ITEM_CHANGED -> {
                ItemEvent.VersionedItemChanged e = (ItemEvent.VersionedItemChanged) event;
                o.set("signed", ItemJson.encode(signedOrUnsigned(e.workflow(), e.signed())));
            }
            case VERSIONED_ITEM_REMOVED -> o.put("path", "Workflow:" + ((ItemEvent.VersionedItemRemoved) event).path().string());
            case UNSIGNED_SIMPLE_ITEM_ADDED -> o.set("item", ItemJson.encode(((ItemEvent.UnsignedSimpleItemAdded) event).item()));
            case UNSIGNED_SIMPLE_ITEM_CHANGED -> o.set("item", ItemJson.encode(((ItemEvent.UnsignedSimpleItemChanged) event).item()));
            case ITEM_DELETED -> o.put("key", ((ItemEvent.ItemDeleted) event).key());
        }
        return o;
    }

    /** The signed string to write: the kept one, or the workflow's compact JSON marked {@code Unsigned}. */
    static SignedString signedOrUnsigned(Workflow workflow, Optional<SignedString> signed) {
        return signed.orElseGet(() -> new SignedString(EngineJson.print(WorkflowJson.encodeItem(workflow)),
                new SignedString.Signature(SignedString.UNSIGNED, "")));
    }

    static ItemEvent event(JsonCursor c) {
        String type = c.type();
        ItemEvent.Kind kind = TYPE_TO_KIND.get(type);
        if (kind == null) {
            throw c.child("TYPE").fail("unknown item event TYPE '" + type + "'");
        }
        return switch (kind) {
            case VERSION_ADDED -> new ItemEvent.VersionAdded(c.required("versionId").as(VersionId::checked));
            case VERSIONED_ITEM_ADDED -> {
                JsonCursor s = c.required("signed");
                SignedString signed = ItemJson.signedString(s);
                yield new ItemEvent.VersionedItemAdded(ItemJson.signedWorkflow(s.required("string")), keptSignature(signed));
            }
            case VERSIONED_ITEM_CHANGED -> {
                JsonCursor s = c.required("signed");
                SignedString signed = ItemJson.signedString(s);
                yield new ItemEvent.VersionedItemChanged(ItemJson.signedWorkflow(s.required("string")), keptSignature(signed));
            }
            case VERSIONED_ITEM_REMOVED -> new ItemEvent.VersionedItemRemoved(ItemOperationJson.workflowPathKey(c.required("path")));
            case UNSIGNED_SIMPLE_ITEM_ADDED -> new ItemEvent.UnsignedSimpleItemAdded(ItemJson.item(c.required("item")));
            case UNSIGNED_SIMPLE_ITEM_CHANGED -> new ItemEvent.UnsignedSimpleItemChanged(ItemJson.item(c.required("item")));
            case ITEM_DELETED -> new ItemEvent.ItemDeleted(itemKey(c.required("key")));
        };
    }

    private static Optional<SignedString> keptSignature(SignedString signed) {
        return signed.signature().typeName().equals(SignedString.UNSIGNED) ? Optional.empty() : Optional.of(signed);
    }

    /** An item key {@code TYPE:path} ({@code Lock:LOCK}, {@code Workflow:W~1}). */
    static String itemKey(JsonCursor c) {
        String key = c.string();
        int colon = key.indexOf(':');
        if (colon <= 0 || colon == key.length() - 1) {
            throw c.fail("expected an item key like 'Lock:LOCK', found '" + key + "'");
        }
        return key;
    }
}
