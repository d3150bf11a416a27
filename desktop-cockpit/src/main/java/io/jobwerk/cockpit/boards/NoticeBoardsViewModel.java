package io.jobwerk.cockpit.boards;

import io.jobwerk.cockpit.connection.CommandSender;
import io.jobwerk.cockpit.live.LiveModel;
import io.jobwerk.cockpit.ui.UiThread;
import io.jobwerk.engine.base.Checked;
import io.jobwerk.engine.base.Problem;
import io.jobwerk.engine.board.Notice;
import io.jobwerk.engine.board.NoticeId;
import io.jobwerk.engine.command.Command;
import io.jobwerk.engine.command.CommandResponse;
import io.jobwerk.engine.order.OrderId;
import io.jobwerk.engine.path.BoardPath;
import io.jobwerk.engine.state.BoardState;
import io.jobwerk.engine.state.EngineState;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.pcollections.PMap;

/**
 * The Notice boards screen: every global board's notices and the keys orders wait for, live; post a
 * notice by hand ({@code PostNotice}, e.g. to release orders that expect one) and delete one
 * ({@code DeleteNotice}). Both need {@code ControlOrder}: while the user lacks it,
 * {@link #refusalProperty} says why and nothing is sent. The rows are rebuilt only when the
 * Controller's boards changed (they hold the expecting orders too).
 */
public final class NoticeBoardsViewModel {

    private final LiveModel live;
    private final CommandSender commands;
    private final UiThread ui;
    private final java.time.Clock clock;
    private final ObservableList<NoticeRow> rows = FXCollections.observableArrayList();
    private final ObservableList<NoticeRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Optional<NoticeRow>> selected = new ReadOnlyObjectWrapper<>(Optional.empty());
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private PMap<BoardPath, BoardState> shownBoards;

    public NoticeBoardsViewModel(LiveModel live, CommandSender commands, UiThread ui) {
        this(live, commands, ui, java.time.Clock.systemUTC());
    }

    /** @param clock now, for an end of life typed as a time from now or today */
    public NoticeBoardsViewModel(LiveModel live, CommandSender commands, UiThread ui, java.time.Clock clock) {
        this.clock = clock;
        this.live = live;
        this.commands = commands;
        this.ui = ui;
        live.stateProperty().addListener((o, a, state) -> rebuild(state));
        live.permissionsProperty().addListener((o, a, granted) -> permit());
        rebuild(live.stateProperty().get());
        permit();
    }

    public ObservableList<NoticeRow> rows() {
        return rowsView;
    }

    public ZoneId zone() {
        return live.zone();
    }

    /** The board paths, for the post form. */
    public List<String> boardPaths() {
        return live.stateProperty().get().boards().keySet().stream().map(BoardPath::string).sorted().toList();
    }

    public void select(Optional<NoticeRow> row) {
        selected.set(row);
    }

    public ReadOnlyObjectProperty<Optional<NoticeRow>> selectedProperty() {
        return selected.getReadOnlyProperty();
    }

    /** Why this user may not post or delete notices; empty when it may. */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** The end of life as typed, checked before anything is asked or sent (see {@link EndOfLifeText}). */
    public Checked<Optional<Instant>> endOfLife(String text) {
        return EndOfLifeText.parse(text, clock.instant(), live.zone());
    }

    public String describePost(String boardPath, String noticeKey) {
        return describePost(boardPath, noticeKey, "");
    }

    /** {@code Post notice 2026-12-07 on board B until 2026-12-08 06:00:00 CET? 2 orders wait for it and go on.} */
    public String describePost(String boardPath, String noticeKey, String endOfLife) {
        NoticeRow expected = rows.stream().filter(r -> r.boardPath().equals(boardPath) && r.noticeKey().equals(noticeKey.trim()))
                .findFirst().orElse(null);
        int waiting = expected == null ? 0 : expected.expectingOrders().size();
        Optional<Instant> until = endOfLife(endOfLife).toOptional().flatMap(o -> o);
        return "Post notice " + noticeKey.trim() + " on board " + boardPath
                + until.map(t -> " until " + endOfLifeText(until, live.zone())).orElse("") + "?"
                + (waiting == 0 ? "" : " " + waiting + (waiting == 1 ? " order waits for it and goes on." : " orders wait for it and go on."));
    }

    /**
     * Posts a notice with this key on the board; a missing board or an empty key is refused here,
     * naming the field, before anything is sent.
     */
    public Checked<NoticeId> post(String boardPath, String noticeKey) {
        return post(boardPath, noticeKey, "");
    }

    /**
     * Posts a notice with this key on the board, deleted by the Controller at its end of life as typed
     * ({@link EndOfLifeText}; empty: it lives until deleted); a missing board, an empty key or an end of
     * life that is no time or past is refused here, naming the field, before anything is sent.
     */
    public Checked<NoticeId> post(String boardPath, String noticeKey, String endOfLife) {
        if (!refusal.get().isEmpty()) {
            return Checked.fail(Problem.of("Forbidden", refusal.get()));
        }
        if (boardPath == null || !live.stateProperty().get().boards().containsKey(new BoardPath(boardPath))) {
            return Checked.fail(Problem.of("NoBoard", "Board: choose one of " + String.join(", ", boardPaths())));
        }
        if (noticeKey == null || noticeKey.isBlank()) {
            return Checked.fail(Problem.of("NoNoticeKey", "Notice key: required (e.g. the plan date 2026-12-07)"));
        }
        Checked<Optional<Instant>> until = endOfLife(endOfLife);
        if (until.isFail()) {
            return Checked.fail(until.problemOption().orElseThrow());
        }
        NoticeId id = new NoticeId(new BoardPath(boardPath), noticeKey.trim());
        send(new Command.PostNotice(id, until.orThrow()), "Posted notice " + id.noticeKey() + " on " + boardPath
                + until.orThrow().map(t -> " until " + endOfLifeText(Optional.of(t), live.zone())).orElse(""));
        return Checked.ok(id);
    }

    /** Shows why a post was not sent (a field's problem, checked before sending). */
    public void refuse(Problem problem) {
        message.set(problem.message());
    }

    /** The selected posted notice, for the confirmation; empty when none is selected. */
    public Optional<String> describeDelete() {
        return selected.get().filter(NoticeRow::posted).map(r -> "Delete notice " + r.noticeKey() + " from board " + r.boardPath()
                + "? Orders that expect it wait again until it is posted.");
    }

    public void deleteSelected() {
        Optional<NoticeRow> row = selected.get().filter(NoticeRow::posted);
        if (row.isEmpty() || !refusal.get().isEmpty()) {
            message.set(refusal.get().isEmpty() ? "Select a posted notice to delete it" : refusal.get());
            return;
        }
        send(new Command.DeleteNotice(new NoticeId(new BoardPath(row.get().boardPath()), row.get().noticeKey())),
                "Deleted notice " + row.get().noticeKey() + " from " + row.get().boardPath());
    }

    private void send(Command command, String done) {
        message.set(done + " …");
        commands.send(command).thenAccept((Checked<CommandResponse> response) -> ui.execute(() ->
                message.set(response.isFail() ? command.typeName() + " failed: " + response.problemOption().orElseThrow().message() : done)));
    }

    private void permit() {
        refusal.set(live.permissionsProperty().get().refusal(Command.Kind.POST_NOTICE, Command.Kind.DELETE_NOTICE));
    }

    private void rebuild(EngineState state) {
        if (state.boards() == shownBoards) {
            return; // the boards are a persistent map: the same one has the same notices and expectations
        }
        shownBoards = state.boards();
        List<NoticeRow> list = new ArrayList<>();
        state.boards().values().stream().sorted(Comparator.comparing(b -> b.board().path().string())).forEach(board -> {
            TreeSet<String> keys = new TreeSet<>(board.notices().keySet());
            keys.addAll(board.expectingOrders().keySet());
            String path = board.board().path().string();
            if (keys.isEmpty()) {
                list.add(new NoticeRow(path, "", false, Optional.empty(), List.of()));
            }
            for (String key : keys) {
                Optional<Notice> notice = Optional.ofNullable(board.notices().get(key));
                List<String> expecting = board.expectingOrders().getOrDefault(key, org.pcollections.HashTreePSet.empty()).stream()
                        .map(OrderId::string).sorted().toList();
                list.add(new NoticeRow(path, key, notice.isPresent(), notice.flatMap(Notice::endOfLife), expecting));
            }
        });
        rows.setAll(list);
        selected.set(selected.get().flatMap(s -> list.stream()
                .filter(r -> r.boardPath().equals(s.boardPath()) && r.noticeKey().equals(s.noticeKey())).findFirst()));
    }

    static String endOfLifeText(Optional<Instant> endOfLife, ZoneId zone) {
        return endOfLife.map(t -> java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z").format(t.atZone(zone))).orElse("");
    }
}
