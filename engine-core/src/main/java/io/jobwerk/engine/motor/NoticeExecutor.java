package io.jobwerk.engine.motor;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.order.OrderEvent;
import io.jobwerk.engine.order.OrderState;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.state.BoardState;
import io.jobwerk.engine.value.expression.ValueConversions;
import io.jobwerk.engine.workflow.BoardPathExpression;
import io.jobwerk.engine.workflow.Instruction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code PostNotices}, {@code ExpectNotices}, {@code ConsumeNotices}. Notice keys come from the
 * board's {@code postOrderToNoticeKey}/{@code expectOrderToNoticeKey} evaluated in the order's
 * scope; {@code endOfLife} is an epoch-millisecond number. When the board expression is not
 * fulfilled: {@code Wait} waits ({@code OrderNoticesExpected}); {@code SkipWhenNoNotice} skips the
 * instruction (and a ConsumeNotices block: {@code OrderNoticesRead}, {@code OrderMoved} with the reason
 * {@code NoNotice}, as JS7); {@code DontWait} goes on (ExpectNotices as if skipped) (ConsumeNotices enters its
 * block, consuming the notices that exist). A fulfilled expectation reads ({@code OrderNoticesRead}
 * then {@code OrderMoved}) or starts the consumption; the end of the ConsumeNotices block deletes
 * the consumed notices ({@code OrderNoticesConsumed(false)}).
 */
final class NoticeExecutor {
    private NoticeExecutor() {}

    static List<OrderEvent> post(Step step, Instruction.PostNotices post) {
        List<OrderEvent> events = new ArrayList<>();
        for (BoardPath path : post.boardPaths()) {
            Checked<Notice> notice = step.ctx().state().board(path).flatMap(board -> {
                var scope = step.scope();
                return board.board().postOrderToNoticeKey().evaluate(scope).flatMap(ValueConversions::convertToString)
                        .flatMap(key -> board.board().endOfLife()
                                .map(e -> e.evaluate(scope).flatMap(ValueConversions::asNumber)
                                        .map(ms -> Optional.of(Instant.ofEpochMilli(ms.longValue()))))
                                .orElse(Checked.ok(Optional.empty()))
                                .map(end -> new Notice(board.board().noticeId(key), end)));
            });
            if (notice.isFail()) {
                return step.failWith(notice.problemOption().orElseThrow());
            }
            events.add(new OrderEvent.OrderNoticePosted(notice.orThrow()));
        }
        events.addAll(step.moveOn());
        return events;
    }

    /** ExpectNotices, Ready or ExpectingNotices. */
    static List<OrderEvent> expect(Step step, Instruction.ExpectNotices expect) {
        return step.orFail(expectedIds(step, expect.boardPaths()).map(ids -> {
            boolean waiting = step.order().state() instanceof OrderState.ExpectingNotices;
            if (isFulfilled(step, expect.boardPaths(), ids)) {
                List<OrderEvent> events = new ArrayList<>();
                events.add(new OrderEvent.OrderNoticesRead());
                events.addAll(step.moveOn());
                return events;
            }
            if (waiting) {
                return List.of();
            }
            return switch (expect.whenNotAnnounced()) {
                case Wait -> List.of(new OrderEvent.OrderNoticesExpected(List.copyOf(ids.values())));
                case DontWait, SkipWhenNoNotice -> noNotice(step);
            };
        }));
    }

    /** ConsumeNotices, Ready or ExpectingNotices. */
    static List<OrderEvent> consume(Step step, Instruction.ConsumeNotices consume) {
        return step.orFail(expectedIds(step, consume.boardPaths()).map(ids -> {
            boolean waiting = step.order().state() instanceof OrderState.ExpectingNotices;
            if (isFulfilled(step, consume.boardPaths(), ids)) {
                return List.of(new OrderEvent.OrderNoticesConsumptionStarted(existing(step, ids)));
            }
            if (waiting) {
                return List.of();
            }
            return switch (consume.whenNotAnnounced()) {
                case Wait -> List.of(new OrderEvent.OrderNoticesExpected(List.copyOf(ids.values())));
                case DontWait -> List.of(new OrderEvent.OrderNoticesConsumptionStarted(existing(step, ids)));
                case SkipWhenNoNotice -> noNotice(step);
            };
        }));
    }

    /**
     * As JS7 (recorded): going on without the notice reads none and moves to the next instruction
     * with the reason {@code NoNotice} (a block's end is left by a move of its own).
     */
    private static List<OrderEvent> noNotice(Step step) {
        return List.of(new OrderEvent.OrderNoticesRead(),
                new OrderEvent.OrderMoved(step.position().increment(), Optional.of("NoNotice")));
    }

    private static Checked<Map<BoardPath, NoticeId>> expectedIds(Step step, BoardPathExpression expression) {
        Map<BoardPath, NoticeId> ids = new LinkedHashMap<>();
        for (BoardPath path : expression.boardPaths()) {
            Checked<NoticeId> id = step.ctx().state().board(path).flatMap(board ->
                    board.board().expectOrderToNoticeKey().evaluate(step.scope())
                            .flatMap(ValueConversions::convertToString).map(board.board()::noticeId));
            if (id.isFail()) {
                return Checked.fail(id.problemOption().orElseThrow());
            }
            ids.put(path, id.orThrow());
        }
        return Checked.ok(ids);
    }

    private static boolean isFulfilled(Step step, BoardPathExpression expression, Map<BoardPath, NoticeId> ids) {
        return expression.isFulfilled(path -> hasNotice(step, ids.get(path)));
    }

    private static boolean hasNotice(Step step, NoticeId id) {
        BoardState board = step.ctx().state().boards().get(id.boardPath());
        return board != null && board.hasNotice(id.noticeKey());
    }

    private static List<NoticeId> existing(Step step, Map<BoardPath, NoticeId> ids) {
        return ids.values().stream().filter(id -> hasNotice(step, id)).toList();
    }
}
