package io.jobwerk.cockpit.boards;

import io.jobwerk.cockpit.ui.Icons;
import io.jobwerk.cockpit.ui.Refusals;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Notice boards screen: each board's notices and the keys orders wait for; post and delete a notice (asked first). */
public final class NoticeBoardsView extends VBox {

    /** @param confirm asks the operator (the question names what is affected); true to go on */
    public NoticeBoardsView(NoticeBoardsViewModel viewModel, Predicate<String> confirm) {
        getStyleClass().add("page");
        Label title = new Label("Notice boards");
        title.getStyleClass().add("page-title");
        Label hint = new Label("Notices posted on the Controller's boards, and the keys orders expect. Post a notice to let them go on.");
        hint.getStyleClass().add("muted");

        ComboBox<String> board = new ComboBox<>();
        board.setId("noticeBoard");
        board.setPromptText("board");
        board.setPrefWidth(200);
        board.setOnShowing(e -> {
            String value = board.getValue();
            board.getItems().setAll(viewModel.boardPaths());
            board.setValue(value);
        });
        TextField key = new TextField();
        key.setId("noticeKey");
        key.setPromptText("notice key, e.g. 2026-12-07");
        key.setPrefColumnCount(16);
        TextField endOfLife = new TextField();
        endOfLife.setId("noticeEndOfLife");
        endOfLife.setPromptText("until: +2h, 18:00, 2026-12-08 06:00");
        endOfLife.setPrefColumnCount(17);
        endOfLife.setTooltip(new Tooltip("The notice's end of life, in your zone: the Controller deletes it then. Empty: until deleted."));
        Button post = new Button("Post notice", Icons.icon("mdoal-add_alert"));
        post.setId("postNotice");
        post.setTooltip(new Tooltip("Post a notice with this key on the board; orders expecting it go on"));
        post.disableProperty().bind(viewModel.refusalProperty().isNotEmpty());
        post.setOnAction(e -> {
            String boardPath = board.getValue();
            java.util.Optional<io.jobwerk.engine.base.Problem> wrongEnd = viewModel.endOfLife(endOfLife.getText()).problemOption();
            if (wrongEnd.isPresent()) { // named before anything is asked
                viewModel.refuse(wrongEnd.get());
            } else if (boardPath == null || confirm.test(viewModel.describePost(boardPath, key.getText(), endOfLife.getText()))) {
                viewModel.post(boardPath, key.getText(), endOfLife.getText()).problemOption().ifPresentOrElse(
                        viewModel::refuse, () -> {
                            key.clear();
                            endOfLife.clear();
                        });
            }
        });
        Button delete = new Button("Delete notice", Icons.icon("mdoal-delete"));
        delete.setId("deleteNotice");
        delete.setTooltip(new Tooltip("Delete the selected posted notice"));
        delete.disableProperty().bind(viewModel.refusalProperty().isNotEmpty().or(Bindings.createBooleanBinding(
                () -> viewModel.selectedProperty().get().filter(NoticeRow::posted).isEmpty(), viewModel.selectedProperty())));
        delete.setOnAction(e -> viewModel.describeDelete().filter(confirm).ifPresent(q -> viewModel.deleteSelected()));
        Label message = new Label();
        message.setId("noticesMessage");
        message.getStyleClass().add("muted");
        message.textProperty().bind(viewModel.messageProperty());
        FlowPane actions = new FlowPane(8, 6, board, key, endOfLife, Refusals.withReason(post, viewModel.refusalProperty()),
                Refusals.withReason(delete, viewModel.refusalProperty()), message);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.getStyleClass().add("toolbar-row");

        TableView<NoticeRow> table = new TableView<>(viewModel.rows());
        table.setId("notices");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label("No notice board is deployed."));
        TableColumn<NoticeRow, String> boardColumn = column("Board", 180, NoticeRow::boardPath);
        TableColumn<NoticeRow, String> keyColumn = column("Notice key", 160, r -> r.isEmptyBoard() ? "—" : r.noticeKey());
        TableColumn<NoticeRow, String> state = column("Notice", 120, r -> r.posted() ? "posted" : r.isEmptyBoard() ? "" : "not posted");
        TableColumn<NoticeRow, String> until = column("Until", 180, r -> NoticeBoardsViewModel.endOfLifeText(r.endOfLife(), viewModel.zone()));
        TableColumn<NoticeRow, String> expecting = column("Expected by", 300, r -> String.join(", ", r.expectingOrders()));
        table.getColumns().setAll(java.util.List.of(boardColumn, keyColumn, state, until, expecting));
        table.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            viewModel.select(Optional.ofNullable(row));
            if (row != null) {
                board.setValue(row.boardPath());
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(title, hint, actions, table);
    }

    private static TableColumn<NoticeRow, String> column(String title, double width, java.util.function.Function<NoticeRow, String> value) {
        TableColumn<NoticeRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyStringWrapper(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }
}
