package io.jobwerk.engine.board;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** A posted notice, deleted at {@code endOfLife} if it has one. */
public record Notice(NoticeId id, Optional<Instant> endOfLife) {
    public Notice {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(endOfLife, "endOfLife");
    }
}
