package io.jobwerk.cockpit.boards;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobwerk.cockpit.connection.LiveUpdate;
import io.jobwerk.cockpit.connection.UserPermissions;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.live.Snapshots;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.http.auth.Permission;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class NoticeBoardsViewModelTest {

    private static final Instant END = Instant.parse("2026-12-08T00:00:00Z");

    private final List<Command> sent = new ArrayList<>();
    private final LiveModel live = new LiveModel(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC), ZoneId.of("UTC"));
    private final NoticeBoardsViewModel viewModel = new NoticeBoardsViewModel(live, command -> {
        sent.add(command);
        return CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED));
    }, UiThread.direct());

    private static String board(String path) {
        return "{\"TYPE\":\"GlobalBoard\",\"path\":\"" + path + "\",\"postOrderToNoticeKey\":\"'k'\",\"expectOrderToNoticeKey\":\"'k'\"}";
    }

    private void show() {
        live.apply(new LiveUpdate(Snapshots.state(board("etl-done"), board("quiet"),
                "{\"TYPE\":\"Notice\",\"boardPath\":\"etl-done\",\"noticeKey\":\"2026-12-06\",\"endOfLife\":" + END.toEpochMilli() + "}",
                Snapshots.order("report", 0, "{\"TYPE\":\"Fresh\"}"),
                "{\"TYPE\":\"NoticeExpectation\",\"boardPath\":\"etl-done\",\"noticeKey\":\"2026-12-07\",\"orderIds\":[\"report\"]}"),
                1, true, Set.of(), true, List.of()));
    }

    @Test
    void listsEachBoardsNoticesAndTheKeysOrdersExpect() {
        show();
        assertThat(viewModel.rows()).containsExactly(
                new NoticeRow("etl-done", "2026-12-06", true, Optional.of(END), List.of()),
                new NoticeRow("etl-done", "2026-12-07", false, Optional.empty(), List.of("report")),
                new NoticeRow("quiet", "", false, Optional.empty(), List.of()));
        assertThat(viewModel.rows().get(2).isEmptyBoard()).isTrue();
        assertThat(viewModel.boardPaths()).containsExactly("etl-done", "quiet");
    }

    @Test
    void postsANoticeNamingTheOrdersItReleases() {
        show();
        assertThat(viewModel.describePost("etl-done", " 2026-12-07 ")).isEqualTo("Post notice 2026-12-07 on board etl-done? 1 order waits for it and goes on.");
        assertThat(viewModel.post("etl-done", " 2026-12-07 ").isOk()).isTrue();
        assertThat(sent).containsExactly(new Command.PostNotice(new NoticeId(new BoardPath("etl-done"), "2026-12-07"), Optional.empty()));
        assertThat(viewModel.messageProperty().get()).isEqualTo("Posted notice 2026-12-07 on etl-done");
    }

    @Test
    void aMissingBoardOrKeyIsNamedBeforeAnythingIsSent() {
        show();
        assertThat(viewModel.post(null, "x").problemOption().orElseThrow().message()).isEqualTo("Board: choose one of etl-done, quiet");
        assertThat(viewModel.post("quiet", "  ").problemOption().orElseThrow().message()).startsWith("Notice key: required");
        assertThat(sent).isEmpty();
    }

    @Test
    void deletesTheSelectedPostedNotice() {
        show();
        viewModel.select(Optional.of(viewModel.rows().get(1)));
        assertThat(viewModel.describeDelete()).isEmpty();
        viewModel.select(Optional.of(viewModel.rows().get(0)));
        assertThat(viewModel.describeDelete()).contains("Delete notice 2026-12-06 from board etl-done? Orders that expect it wait again until it is posted.");
        viewModel.deleteSelected();
        assertThat(sent).containsExactly(new Command.DeleteNotice(new NoticeId(new BoardPath("etl-done"), "2026-12-06")));
    }

    @Test
    void aUserWithoutControlOrderMayNeitherPostNorDelete() {
        show();
        live.setPermissions(new UserPermissions("viewer", Optional.of(Set.of(Permission.ValidUser))));
        assertThat(viewModel.refusalProperty().get()).isEqualTo("needs permission ControlOrder; user viewer has ValidUser");
        assertThat(viewModel.post("etl-done", "2026-12-07").isFail()).isTrue();
        viewModel.select(Optional.of(viewModel.rows().get(0)));
        viewModel.deleteSelected();
        assertThat(sent).isEmpty();
    }

    @Test
    void postsANoticeWithItsEndOfLifeAsTyped() {
        show();
        NoticeBoardsViewModel timed = new NoticeBoardsViewModel(live, command -> {
            sent.add(command);
            return CompletableFuture.completedFuture(Checked.<CommandResponse>ok(CommandResponse.ACCEPTED));
        }, UiThread.direct(), Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));
        assertThat(timed.describePost("etl-done", "2026-12-07", "+2h"))
                .isEqualTo("Post notice 2026-12-07 on board etl-done until 2026-12-07 12:00:00 UTC? 1 order waits for it and goes on.");
        timed.post("etl-done", "2026-12-07", "+2h").orThrow();
        assertThat(sent).containsExactly(new Command.PostNotice(new io.jobwerk.engine.board.NoticeId(new io.jobwerk.engine.path.BoardPath("etl-done"),
                "2026-12-07"), Optional.of(Instant.parse("2026-12-07T12:00:00Z"))));
        assertThat(timed.messageProperty().get()).isEqualTo("Posted notice 2026-12-07 on etl-done until 2026-12-07 12:00:00 UTC");

        assertThat(timed.post("etl-done", "2026-12-07", "09:00").problemOption().orElseThrow().message())
                .isEqualTo("End of life '09:00' is past: the notice would be deleted at once");
        assertThat(timed.post("etl-done", "2026-12-07", "soon").problemOption().orElseThrow().message())
                .startsWith("End of life 'soon': give +30m, +2h, +1d");
        assertThat(sent).hasSize(1);
    }
}
