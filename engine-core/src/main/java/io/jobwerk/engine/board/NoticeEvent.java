package io.jobwerk.engine.board;

import io.jobwerk.engine.event.Event;
import java.util.Objects;

/** Events of a notice board, keyed by the board path. */
public sealed interface NoticeEvent extends Event {

    @Override
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** A notice was posted by command ({@code PostNotice}); orders post with {@code OrderNoticePosted}. */
    record NoticePosted(Notice notice) implements NoticeEvent {
        public NoticePosted {
            Objects.requireNonNull(notice, "notice");
        }
    }

    record NoticeDeleted(NoticeId noticeId) implements NoticeEvent {
        public NoticeDeleted {
            Objects.requireNonNull(noticeId, "noticeId");
        }
    }
}
