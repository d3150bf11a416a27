package io.jobwerk.engine.item;

import io.jobwerk.engine.workflow.VersionId;
import io.jobwerk.engine.workflow.Workflow;
import io.jobwerk.engine.workflow.WorkflowPath;
import java.util.Objects;
import java.util.Set;

/**
 * One line of a deployment ({@code POST /controller/api/item}, an NDJSON stream), as JS7's
 * {@code ItemOperation}: {@code AddVersion}, {@code AddOrChangeSigned}, {@code AddOrChangeSimple},
 * {@code DeleteSimple}, {@code RemoveVersioned}. The server verifies signatures and turns a whole
 * stream into item events; these records only say what was asked.
 */
public sealed interface ItemOperation {

    enum Kind { ADD_VERSION, ADD_OR_CHANGE_SIGNED, ADD_OR_CHANGE_SIMPLE, DELETE_SIMPLE, REMOVE_VERSIONED }

    Kind kind();

    /** The JSON {@code TYPE}, e.g. {@code AddOrChangeSimple}. */
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** The versioned items (workflows) that follow in the same stream get this version. */
    record AddVersion(VersionId versionId) implements ItemOperation {
        public AddVersion {
            Objects.requireNonNull(versionId, "versionId");
        }

        @Override public Kind kind() { return Kind.ADD_VERSION; }
    }

    /** A signed item (a workflow or a job resource), kept as signed text until its signature is verified. */
    record AddOrChangeSigned(SignedString signedString) implements ItemOperation {
        public AddOrChangeSigned {
            Objects.requireNonNull(signedString, "signedString");
        }

        @Override public Kind kind() { return Kind.ADD_OR_CHANGE_SIGNED; }
    }

    /**
     * An unsigned item. Besides JS7's simple items, Jobwerk accepts a {@code Workflow} here, for
     * standalone installations that deploy without signatures (a Jobwerk extension; JS7 rejects it).
     */
    record AddOrChangeSimple(Deployable deployable) implements ItemOperation {
        public AddOrChangeSimple {
            Objects.requireNonNull(deployable, "deployable");
        }

        public AddOrChangeSimple(Item item) {
            this(new Deployable.SimpleItem(item));
        }

        public AddOrChangeSimple(Workflow workflow) {
            this(new Deployable.UnsignedWorkflow(workflow));
        }

        @Override public Kind kind() { return Kind.ADD_OR_CHANGE_SIMPLE; }
    }

    /** Deletes the simple item with this key, e.g. {@code Lock:LOCK} (JSON field {@code path}, as JS7). */
    record DeleteSimple(String key) implements ItemOperation {

        /** Key prefixes of deletable simple items. */
        public static final Set<String> KEY_TYPES = Set.of("Agent", "Subagent", "SubagentBundle", "Lock", "Board",
                "JobResource", "FileWatch", "Calendar", "WorkingDaysCalendar", "NonWorkingDaysCalendar", "Schedule");

        public DeleteSimple {
            Objects.requireNonNull(key, "key");
            int colon = key.indexOf(':');
            if (colon < 0 || !KEY_TYPES.contains(key.substring(0, colon))) {
                throw new IllegalArgumentException("Invalid simple item key '" + key
                        + "': expected TYPE:path with TYPE one of " + KEY_TYPES.stream().sorted().toList());
            }
            if (key.length() == colon + 1) {
                throw new IllegalArgumentException("Invalid simple item key '" + key + "': the path is empty");
            }
        }

        @Override public Kind kind() { return Kind.DELETE_SIMPLE; }
    }

    /** Removes the workflow path (JSON {@code "path":"Workflow:PATH"}); versions in use stay until their orders are gone. */
    record RemoveVersioned(WorkflowPath path) implements ItemOperation {
        public RemoveVersioned {
            Objects.requireNonNull(path, "path");
        }

        @Override public Kind kind() { return Kind.REMOVE_VERSIONED; }
    }

    /** What {@link AddOrChangeSimple} carries: a simple {@link Item} or an unsigned {@link Workflow}. */
    sealed interface Deployable {
        record SimpleItem(Item item) implements Deployable {
            public SimpleItem {
                Objects.requireNonNull(item, "item");
            }
        }

        record UnsignedWorkflow(Workflow workflow) implements Deployable {
            public UnsignedWorkflow {
                Objects.requireNonNull(workflow, "workflow");
            }
        }
    }
}
