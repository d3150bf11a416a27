package io.jobwerk.engine.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeEvent;

/**
 * {@link NoticeEvent}s, keyed by the board path in the event stream:
 * {@code {"Key":"BOARD","TYPE":"NoticePosted","notice":{"boardPath":"BOARD","noticeKey":"2025-02-26","endOfLife":1700000000000}}}
 * and {@code {"Key":"BOARD","TYPE":"NoticeDeleted","noticeId":{"boardPath":"BOARD","noticeKey":"2025-02-26"}}}.
 * The notice carries its board path as in {@code OrderNoticePosted}, so an event decodes without its key.
 * (JS7 2.7 wrote the bare notice key; JS7 2.8+ writes plan-qualified NoticeIds — Jobwerk has global boards only.)
 */
public final class NoticeEventJson {
    private NoticeEventJson() {}

    static boolean isType(String type) {
        return type.equals("NoticePosted") || type.equals("NoticeDeleted");
    }

    public static Checked<NoticeEvent> decode(JsonNode json) {
        return JsonCursor.decode(json, NoticeEventJson::event);
    }

    public static ObjectNode encode(NoticeEvent event) {
        ObjectNode o = EngineJson.object();
        o.put("TYPE", event.typeName());
        switch (event.kind()) {
            case NOTICE_POSTED -> o.set("notice", encode(((NoticeEvent.NoticePosted) event).notice()));
            case NOTICE_DELETED -> o.set("noticeId", OrderJson.encode(((NoticeEvent.NoticeDeleted) event).noticeId()));
        }
        return o;
    }

    /** {@code {"boardPath":…,"noticeKey":…,"endOfLife":ms?}}. */
    static ObjectNode encode(Notice notice) {
        ObjectNode o = OrderJson.encode(notice.id());
        notice.endOfLife().ifPresent(t -> o.put("endOfLife", t.toEpochMilli()));
        return o;
    }

    static Notice notice(JsonCursor c) {
        return new Notice(OrderJson.noticeId(c), c.optional("endOfLife").map(JsonCursor::instant));
    }

    static NoticeEvent event(JsonCursor c) {
        String type = c.type();
        return switch (type) {
            case "NoticePosted" -> new NoticeEvent.NoticePosted(notice(c.required("notice")));
            case "NoticeDeleted" -> new NoticeEvent.NoticeDeleted(OrderJson.noticeId(c.required("noticeId")));
            default -> throw c.child("TYPE").fail("unknown notice event TYPE '" + type + "'");
        };
    }
}
