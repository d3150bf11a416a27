package io.jobwerk.engine.command;

import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeEvent;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.event.KeyedEvent;
import io.jobwerk.engine.state.EngineState;
import java.util.List;
import java.util.Map;

/** {@code PostNotice} and {@code DeleteNotice}: notice events keyed by the board path. */
final class NoticeExecutor {
    private NoticeExecutor() {}

    /** Posting again replaces the notice (a new endOfLife), as JS7 does. */
    static Checked<CommandResult> postNotice(EngineState state, Command.PostNotice command) {
        NoticeId id = command.noticeId();
        return state.board(id.boardPath()).map(board -> CommandResult.accepted(
                List.of(KeyedEvent.of(id.boardPath(), new NoticeEvent.NoticePosted(new Notice(id, command.endOfLife()))))));
    }

    static Checked<CommandResult> deleteNotice(EngineState state, Command.DeleteNotice command) {
        NoticeId id = command.noticeId();
        return state.board(id.boardPath()).flatMap(board -> {
            if (!board.hasNotice(id.noticeKey())) {
                return Checked.fail(Problem.of("UnknownNotice", "Board '" + id.boardPath() + "' has no notice '" + id.noticeKey() + "'",
                        Map.of("boardPath", id.boardPath().toString(), "noticeKey", id.noticeKey())));
            }
            return Checked.ok(CommandResult.accepted(List.of(KeyedEvent.of(id.boardPath(), new NoticeEvent.NoticeDeleted(id)))));
        });
    }
}
