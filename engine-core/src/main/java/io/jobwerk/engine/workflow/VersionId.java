package io.jobwerk.engine.workflow;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Names;

/** A workflow version; any non-empty string without control characters (JS7 uses UUIDs or deployment ids). */
public record VersionId(String string) {

    public VersionId {
        if (string == null || string.isEmpty() || io.jobwerk.engine.base.Names.hasControlCharacter(string)) {
            throw new IllegalArgumentException("Invalid VersionId '" + string + "': must not be empty nor contain control characters");
        }
    }

    public static Checked<VersionId> checked(String string) {
        return Names.checked(() -> new VersionId(string));
    }

    @Override
    public String toString() {
        return string;
    }
}
