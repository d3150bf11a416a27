package io.jobwerk.engine.board;

import io.jobwerk.engine.path.BoardPath;
import java.util.Objects;

/** A notice on a board, identified by its key (for daily-plan boards typically the plan date). */
public record NoticeId(BoardPath boardPath, String noticeKey) {
    public NoticeId {
        Objects.requireNonNull(boardPath, "boardPath");
        Objects.requireNonNull(noticeKey, "noticeKey");
    }

    @Override
    public String toString() {
        return boardPath + "/" + noticeKey;
    }
}
