package io.jobwerk.engine.board;

import io.jobwerk.engine.event.Event;
import java.util.Objects;

/** Events of a notice board, keyed by the board path. */
public sealed interface NoticeEvent extends Event {

    enum Kind { NOTICE_POSTED, NOTICE_DELETED }

    Kind kind();

    @Override
    default String typeName() {
        return getClass().getSimpleName();
    }

    /** A notice was posted by command ({@code PostNotice}); orders post with {@code OrderNoticePosted}. */
    record NoticePosted(Notice notice) implements NoticeEvent {
        public NoticePosted {
            Objects.requireNonNull(notice, "notice");
        }

        @Override public Kind kind() { return Kind.NOTICE_POSTED; }
    }

    record NoticeDeleted(NoticeId noticeId) implements NoticeEvent {
        public NoticeDeleted {
            Objects.requireNonNull(noticeId, "noticeId");
        }

        @Override public Kind kind() { return Kind.NOTICE_DELETED; }
    }
}
