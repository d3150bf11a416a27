package io.jobwerk.engine.order;

import java.util.Optional;

/**
 * The kill a {@link CancellationMode} asks for. A super-interface of its own, without fields, so that
 * creating a mode never initialises {@code CancellationMode}, whose constants create modes (see {@link OrderState}).
 */
public interface CancellationKillOption {

    default Optional<CancellationMode.Kill> killOption() {
        return this instanceof CancellationMode.FreshOrStarted f ? f.kill() : Optional.empty();
    }
}
