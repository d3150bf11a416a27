package io.jobwerk.engine.workflow;

import java.util.Objects;

/** A version of a workflow: {@code path~versionId} as JS7 writes it in item keys. */
public record WorkflowId(WorkflowPath path, VersionId versionId) {

    public WorkflowId {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(versionId, "versionId");
    }

    public static WorkflowId of(String path, String versionId) {
        return new WorkflowId(new WorkflowPath(path), new VersionId(versionId));
    }

    /** The item key, {@code Workflow:PATH~VERSION}. */
    public String itemKey() {
        return "Workflow:" + this;
    }

    /** The workflow version an item key ({@code Workflow:PATH~VERSION}) names, if it names one. */
    public static java.util.Optional<WorkflowId> fromItemKey(String key) {
        if (!key.startsWith("Workflow:")) {
            return java.util.Optional.empty();
        }
        String id = key.substring("Workflow:".length());
        int tilde = id.lastIndexOf('~');
        if (tilde <= 0 || tilde == id.length() - 1) {
            return java.util.Optional.empty();
        }
        return WorkflowPath.checked(id.substring(0, tilde))
                .flatMap(p -> VersionId.checked(id.substring(tilde + 1)).map(v -> new WorkflowId(p, v))).toOptional();
    }

    @Override
    public String toString() {
        return path + "~" + versionId;
    }
}
