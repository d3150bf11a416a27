package io.jobwerk.engine.item;

import io.jobwerk.engine.event.Event;
import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.Objects;
import java.util.Optional;

/** Deployment events: workflow versions and simple items added, changed, removed. Keyless in JSON. */
public sealed interface ItemEvent extends Event {

    enum Kind { VERSION_ADDED, VERSIONED_ITEM_ADDED, VERSIONED_ITEM_CHANGED, VERSIONED_ITEM_REMOVED,
        UNSIGNED_SIMPLE_ITEM_ADDED, UNSIGNED_SIMPLE_ITEM_CHANGED, ITEM_DELETED }

    Kind kind();

    @Override
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** A deployment with this version id begins; the workflows that follow carry it. */
    record VersionAdded(VersionId versionId) implements ItemEvent {
        public VersionAdded {
            Objects.requireNonNull(versionId, "versionId");
        }

        @Override public Kind kind() { return Kind.VERSION_ADDED; }
    }

    /**
     * A workflow version is deployed. {@code signed} is the signed text it was decoded from, kept so the
     * event can be written back exactly and the item re-sent to Agents with its signature; empty for a
     * workflow deployed unsigned.
     */
    record VersionedItemAdded(Workflow workflow, Optional<SignedString> signed) implements ItemEvent {
        public VersionedItemAdded {
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(signed, "signed");
        }

        /** An unsigned deployment. */
        public VersionedItemAdded(Workflow workflow) {
            this(workflow, Optional.empty());
        }

        @Override public Kind kind() { return Kind.VERSIONED_ITEM_ADDED; }
    }

    /** A new version of an existing workflow; orders stay on their version until transferred. */
    record VersionedItemChanged(Workflow workflow, Optional<SignedString> signed) implements ItemEvent {
        public VersionedItemChanged {
            Objects.requireNonNull(workflow, "workflow");
            Objects.requireNonNull(signed, "signed");
        }

        /** An unsigned deployment. */
        public VersionedItemChanged(Workflow workflow) {
            this(workflow, Optional.empty());
        }

        @Override public Kind kind() { return Kind.VERSIONED_ITEM_CHANGED; }
    }

    /** The workflow path is removed; versions still used by orders are kept until those orders are gone. */
    record VersionedItemRemoved(WorkflowPath path) implements ItemEvent {
        public VersionedItemRemoved {
            Objects.requireNonNull(path, "path");
        }

        @Override public Kind kind() { return Kind.VERSIONED_ITEM_REMOVED; }
    }

    record UnsignedSimpleItemAdded(Item item) implements ItemEvent {
        public UnsignedSimpleItemAdded {
            Objects.requireNonNull(item, "item");
        }

        @Override public Kind kind() { return Kind.UNSIGNED_SIMPLE_ITEM_ADDED; }
    }

    record UnsignedSimpleItemChanged(Item item) implements ItemEvent {
        public UnsignedSimpleItemChanged {
            Objects.requireNonNull(item, "item");
        }

        @Override public Kind kind() { return Kind.UNSIGNED_SIMPLE_ITEM_CHANGED; }
    }

    /** The simple item with this key ({@code Lock:LOCK}) is deleted. */
    record ItemDeleted(String key) implements ItemEvent {
        public ItemDeleted {
            Objects.requireNonNull(key, "key");
        }

        @Override public Kind kind() { return Kind.ITEM_DELETED; }
    }
}
