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

    @Override
    public String toString() {
        return path + "~" + versionId;
    }
}
