package io.jobwerk.engine.order;

import java.util.Objects;
import java.util.Optional;

/** How to suspend: optionally reset the state (leave Lock, Cycle …) and kill a running process. */
public record SuspensionMode(boolean resetState, Optional<CancellationMode.Kill> kill) {

    public static final SuspensionMode STANDARD = new SuspensionMode(false, Optional.empty());

    public SuspensionMode {
        Objects.requireNonNull(kill, "kill");
    }
}
